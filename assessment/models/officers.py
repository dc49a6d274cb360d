"""Officer performance: a district court assesses its own officers with its own
scheme (DOMAIN.md §9 "District courts assess their own officers separately").
The intermediate court does the same for its own officers."""

from __future__ import annotations

from decimal import Decimal

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.choices import OfficerItemKind
from courts.access import VIEW, CourtScoped, Scope


class OwnCourtScoped(CourtScoped):
    """Read: the usual scope. Act: only the court's own bureau leadership — not
    even the intermediate court acts on a district's officer scheme."""

    class Meta:
        abstract = True

    @classmethod
    def access_q(cls, scope: Scope, action: str):
        if action == VIEW:
            return super().access_q(scope, action)
        if scope.leads_bureau:
            return Q(**{f"{cls.access_court_path}__id": scope.court_id})
        return Q(pk__in=[])


@pghistory.track()
class OfficerScheme(OwnCourtScoped):
    court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("court"),
        on_delete=models.PROTECT,
        related_name="officer_schemes",
    )
    year = models.PositiveSmallIntegerField(_("year assessed"))
    name = models.CharField(_("name"), max_length=100)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("officer assessment scheme")
        verbose_name_plural = _("officer assessment schemes")
        ordering = ["-year", "court__sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["court", "year", "name"], name="officer_scheme_unique")
        ]

    def __str__(self) -> str:
        return f"{self.court.short_name} {self.year} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("assessment:officer_scheme_detail", kwargs={"pk": self.pk})


@pghistory.track()
class OfficerSchemeItem(OwnCourtScoped):
    access_court_path = "scheme__court"

    scheme = models.ForeignKey(
        OfficerScheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=OfficerItemKind.choices)
    indicator_code = models.SlugField(_("indicator code"), max_length=40, blank=True)
    label = models.CharField(pgettext_lazy("assessment", "item"), max_length=100)
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("officer scheme item")
        verbose_name_plural = _("officer scheme items")
        ordering = ["scheme", "sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gt=0, weight__lte=100), name="officer_item_weight_range"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="indicator") | ~models.Q(indicator_code=""),
                name="officer_item_indicator_has_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.weight}%"


@pghistory.track()
class OfficerManualScore(OwnCourtScoped):
    """A score the bureau gives an officer on a manual item (0–100)."""

    access_court_path = "item__scheme__court"

    item = models.ForeignKey(
        OfficerSchemeItem,
        verbose_name=pgettext_lazy("assessment", "item"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    officer = models.ForeignKey(
        "personnel.Officer", verbose_name=_("officer"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("manual officer score")
        verbose_name_plural = _("manual officer scores")
        constraints = [
            models.UniqueConstraint(fields=["item", "officer"], name="manual_score_once"),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=100), name="manual_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.officer.name} · {self.item.label}: {self.score}"


@pghistory.track(exclude=["scheme_snapshot"])
class OfficerPerformanceRun(OwnCourtScoped):
    access_court_path = "scheme__court"

    scheme = models.ForeignKey(
        OfficerScheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="runs"
    )
    as_of = models.DateField(_("data as of"))
    scheme_snapshot = models.JSONField(_("scheme as used"), default=dict)
    computed_at = models.DateTimeField(_("computed at"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("computed by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("officer performance assessment")
        verbose_name_plural = _("officer performance assessments")
        ordering = ["-computed_at"]

    def __str__(self) -> str:
        return f"{self.scheme} · {self.as_of}"

    def get_absolute_url(self) -> str:
        return reverse("assessment:officer_run_detail", kwargs={"pk": self.pk})


@pghistory.track(exclude=["inputs"])
class OfficerPerformanceResult(OwnCourtScoped):
    access_court_path = "run__scheme__court"

    run = models.ForeignKey(
        OfficerPerformanceRun,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    officer = models.ForeignKey(
        "personnel.Officer", verbose_name=_("officer"), on_delete=models.PROTECT, related_name="+"
    )
    inputs = models.JSONField(_("inputs"), default=dict)
    component_scores = models.JSONField(_("item scores"), default=dict)
    total = models.DecimalField(_("total score"), max_digits=6, decimal_places=2)
    rank = models.PositiveSmallIntegerField(pgettext_lazy("assessment", "rank"))

    class Meta:
        verbose_name = _("officer performance result")
        verbose_name_plural = _("officer performance results")
        ordering = ["run", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["run", "officer"], name="officer_result_once")
        ]

    def __str__(self) -> str:
        return f"{self.officer.name}: {self.total}"

    def get_absolute_url(self) -> str:
        return reverse("assessment:officer_result_detail", kwargs={"pk": self.pk})

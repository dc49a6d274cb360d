"""The annual assessment of the district bureaus by the intermediate bureau
(DOMAIN.md §9): a scheme of weights, the stored inputs, the results and ranking,
praise, and the three-years-at-the-bottom flag."""

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

from assessment.choices import AssessmentStatus, ComponentKind
from courts.access import VIEW, CourtScoped, RestrictedManager, Scope


def _city_leadership_only(scope: Scope, action: str):
    if action == VIEW:
        return None
    return None if scope.city_leadership else Q(pk__in=[])


@pghistory.track()
class AssessmentScheme(models.Model):
    """The weights of the annual assessment. The weights of its components must
    sum to 100 %; a scheme used by a published assessment is locked (copy it to
    change it)."""

    name = models.CharField(_("name"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year assessed"))
    praise_count = models.PositiveSmallIntegerField(_("bureaus praised (at most)"), default=1)
    praise_min_score = models.DecimalField(
        _("minimum score for praise"), max_digits=5, decimal_places=2, default=Decimal("85")
    )
    bottom_count = models.PositiveSmallIntegerField(
        _("bureaus counted as at the bottom"), default=1
    )
    bottom_years = models.PositiveSmallIntegerField(
        _("years at the bottom before the director is adjusted"), default=3
    )
    notes = models.TextField(_("notes"), blank=True)
    locked = models.BooleanField(_("locked (used by a published assessment)"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedManager()

    class Meta:
        verbose_name = _("assessment scheme")
        verbose_name_plural = _("assessment schemes")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="scheme_name_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("assessment:scheme_detail", kwargs={"pk": self.pk})

    @classmethod
    def access_q(cls, scope: Scope, action: str):
        # Every officer may read the scheme; the intermediate bureau's leadership sets it.
        return _city_leadership_only(scope, action)

    @property
    def total_weight(self) -> Decimal:
        return sum((c.weight for c in self.components.all()), Decimal("0"))


@pghistory.track()
class SchemeComponent(models.Model):
    scheme = models.ForeignKey(
        AssessmentScheme,
        verbose_name=_("scheme"),
        on_delete=models.CASCADE,
        related_name="components",
    )
    kind = models.CharField(_("component"), max_length=20, choices=ComponentKind.choices)
    indicator_code = models.SlugField(_("indicator code"), max_length=40, blank=True)
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    # Scoring parameters: a target for an indicator, deductions per finding, …
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    objects = RestrictedManager()

    class Meta:
        verbose_name = _("scheme component")
        verbose_name_plural = _("scheme components")
        ordering = ["scheme", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "kind", "indicator_code"], name="scheme_component_once"
            ),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0, weight__lte=100), name="scheme_weight_range"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="indicator") | ~models.Q(indicator_code=""),
                name="scheme_indicator_has_code",
            ),
        ]

    def __str__(self) -> str:
        label = (
            self.indicator_code if self.kind == ComponentKind.INDICATOR else self.get_kind_display()
        )
        return f"{label} {self.weight}%"

    @classmethod
    def access_q(cls, scope: Scope, action: str):
        return _city_leadership_only(scope, action)

    @property
    def key(self) -> str:
        return (
            f"indicator:{self.indicator_code}"
            if self.kind == ComponentKind.INDICATOR
            else self.kind
        )


@pghistory.track(exclude=["scheme_snapshot"])
class BureauAssessment(models.Model):
    """One run of the annual assessment. The scheme is copied into
    ``scheme_snapshot`` and every result row keeps its inputs, so that the
    ranking is recomputed from what is stored (``verify``)."""

    scheme = models.ForeignKey(
        AssessmentScheme,
        verbose_name=_("scheme"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    year = models.PositiveSmallIntegerField(_("year assessed"))
    status = models.CharField(
        _("status"), max_length=16, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
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
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = RestrictedManager()

    class Meta:
        verbose_name = _("annual bureau assessment")
        verbose_name_plural = _("annual bureau assessments")
        ordering = ["-year", "-computed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(status="published"),
                name="one_published_assessment_per_year",
            )
        ]

    def __str__(self) -> str:
        return _("%(year)s bureau assessment (%(status)s)") % {
            "year": self.year,
            "status": self.get_status_display(),
        }

    def get_absolute_url(self) -> str:
        return reverse("assessment:assessment_detail", kwargs={"pk": self.pk})

    @classmethod
    def access_q(cls, scope: Scope, action: str):
        if action == VIEW:
            # A draft is seen by the city-wide scope only; the published ranking by all.
            return None if scope.all_courts else Q(status=AssessmentStatus.PUBLISHED)
        return None if scope.city_leadership else Q(pk__in=[])


@pghistory.track(exclude=["inputs"])
class BureauAssessmentResult(CourtScoped):
    """One bureau's result: its stored inputs, component scores, total and rank."""

    access_court_path = "bureau__court"

    assessment = models.ForeignKey(
        BureauAssessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    bureau = models.ForeignKey(
        "courts.Bureau", verbose_name=_("bureau"), on_delete=models.PROTECT, related_name="+"
    )
    inputs = models.JSONField(_("inputs"), default=dict)
    component_scores = models.JSONField(_("component scores"), default=dict)
    total = models.DecimalField(_("total score"), max_digits=6, decimal_places=2)
    rank = models.PositiveSmallIntegerField(pgettext_lazy("assessment", "rank"))
    praised = models.BooleanField(_("praised"), default=False)
    at_bottom = models.BooleanField(_("at the bottom"), default=False)
    bottom_streak = models.PositiveSmallIntegerField(
        _("consecutive years at the bottom"), default=0
    )
    # 按程序调整局长: the system flags, people decide (DOMAIN.md §9).
    director_adjustment_flag = models.BooleanField(
        _("director to be adjusted by procedure"), default=False
    )

    class Meta:
        verbose_name = _("bureau assessment result")
        verbose_name_plural = _("bureau assessment results")
        ordering = ["assessment", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "bureau"], name="result_once_per_bureau")
        ]

    def __str__(self) -> str:
        return f"{self.assessment.year} {self.bureau}: {self.total}"

    def get_absolute_url(self) -> str:
        return reverse("assessment:result_detail", kwargs={"pk": self.pk})

    @classmethod
    def access_q(cls, scope: Scope, action: str):
        q = super().access_q(scope, action)
        if action == VIEW and not scope.all_courts:
            # A district sees its own result once the assessment is published.
            return q & Q(assessment__status=AssessmentStatus.PUBLISHED)
        return q

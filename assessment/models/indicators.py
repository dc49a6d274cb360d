"""Quality indicators (执行质效, DOMAIN.md §9): versioned definitions, and the
figures stored as snapshots with the exact units (cases or nodes) behind them."""

from __future__ import annotations

import pghistory
import pgtrigger
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.choices import FigureLevel, IndicatorUnit, PeriodKind
from courts.access import CourtScoped, RestrictedManager, Scope
from haikou_exec.formats import written_date as _day

# What a definition says: once written, never changed (a new version instead).
FORMULA_FIELDS = [
    "code",
    "version",
    "formula",
    "numerator_text",
    "denominator_text",
    "unit",
    "target",
    "higher_is_better",
    "parameters",
    "effective_from",
]


@pghistory.track()
class IndicatorDefinition(models.Model):
    """One version of an indicator's formula. The computation is code keyed on
    ``code`` (assessment.indicators); what it counts — case types, terms,
    closing types — is in ``parameters``. A formula change never rewrites a past
    figure: the formula fields are read-only in the database, and a change is a
    new version with its own effective date."""

    code = models.SlugField(_("code"), max_length=40)
    version = models.PositiveSmallIntegerField(_("version"))
    name = models.CharField(_("name"), max_length=100)
    formula = models.TextField(_("formula"))
    numerator_text = models.TextField(_("numerator"))
    denominator_text = models.TextField(_("denominator"))
    unit = models.CharField(_("unit"), max_length=16, choices=IndicatorUnit.choices)
    target = models.DecimalField(_("target"), max_digits=7, decimal_places=2, null=True, blank=True)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    effective_from = models.DateField(_("effective from"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedManager()

    class Meta:
        verbose_name = _("indicator definition")
        verbose_name_plural = _("indicator definitions")
        ordering = ["sort_order", "code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="indicator_code_version"),
            models.UniqueConstraint(
                fields=["code", "effective_from"], name="indicator_one_version_per_date"
            ),
        ]
        triggers = [
            pgtrigger.ReadOnly(name="indicator_formula_read_only", fields=FORMULA_FIELDS),
            pgtrigger.Protect(name="indicator_never_deleted", operation=pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.name}（v{self.version}）"

    def get_absolute_url(self) -> str:
        return reverse("assessment:indicator_detail", kwargs={"pk": self.pk})

    @classmethod
    def access_q(cls, scope: Scope, action: str):
        return None  # reference data; the permission decides

    def param(self, name: str, default):
        return (self.parameters or {}).get(name, default)

    @property
    def sums_amounts(self) -> bool:
        """Numerator and denominator are sums of yuan (执行到位率), shown in 万元/亿元."""
        from assessment.indicators import AMOUNT_INDICATORS

        return self.code in AMOUNT_INDICATORS


@pghistory.track(exclude=["numerator_ids", "denominator_ids"])
class IndicatorSnapshot(CourtScoped):
    """A figure as computed on ``as_of``: the definition version, the numerator,
    the denominator and the ids of the units behind each (cases, or process nodes
    for the node-based indicators), so that it is reproducible and drillable
    after the data has moved on. One row per figure and period: the nightly run
    refreshes it while the period is open and freezes it once the period ended."""

    definition = models.ForeignKey(
        IndicatorDefinition,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="snapshots",
    )
    level = models.CharField(
        pgettext_lazy("assessment", "level"), max_length=16, choices=FigureLevel.choices
    )
    subject_id = models.BigIntegerField(pgettext_lazy("assessment", "subject"))
    subject_label = models.CharField(pgettext_lazy("assessment", "subject"), max_length=100)
    court = models.ForeignKey(
        "courts.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    period_kind = models.CharField(_("period"), max_length=16, choices=PeriodKind.choices)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    as_of = models.DateField(_("data as of"))
    numerator = models.DecimalField(_("numerator"), max_digits=18, decimal_places=2)
    denominator = models.DecimalField(_("denominator"), max_digits=18, decimal_places=2)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit_kind = models.CharField(_("unit counted"), max_length=16)
    numerator_ids = ArrayField(
        models.BigIntegerField(), verbose_name=_("ids counted in the numerator"), default=list
    )
    denominator_ids = ArrayField(
        models.BigIntegerField(), verbose_name=_("ids counted in the denominator"), default=list
    )
    is_final = models.BooleanField(_("final (period ended)"), default=False)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("indicator snapshot")
        verbose_name_plural = _("indicator snapshots")
        ordering = ["-period_end", "definition__sort_order", "court__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "level", "subject_id", "period_start", "period_end"],
                name="snapshot_once_per_figure_and_period",
            )
        ]
        indexes = [
            models.Index(fields=["court", "period_end"], name="snapshot_court_period"),
        ]

    def __str__(self) -> str:
        return f"{self.definition.name} · {self.subject_label} · {_day(self.period_start)}–{_day(self.period_end)}"

    def get_absolute_url(self) -> str:
        return reverse("assessment:snapshot_detail", kwargs={"pk": self.pk})

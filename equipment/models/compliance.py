"""The compliance score per court and year (DOMAIN.md §7: the inspection result
counts in the district's separate assessment, §9). The assessment reads
``ComplianceScore``; ``equipment.services.compliance`` writes it."""

from __future__ import annotations

from decimal import Decimal

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from courts.access import CourtScoped


@pghistory.track()
class ComplianceWeighting(models.Model):
    """How the two parts of the score are weighed in a year. The split is an
    assumption of this system, not a published rule, so it is data (DOMAIN.md:
    "[assumed] … make it configurable"); a year without a row uses the defaults."""

    DEFAULT_STANDARDS_WEIGHT = Decimal("0.700")
    DEFAULT_INSPECTION_WEIGHT = Decimal("0.300")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    standards_weight = models.DecimalField(
        _("weight of the standards part"),
        max_digits=4,
        decimal_places=3,
        default=DEFAULT_STANDARDS_WEIGHT,
    )
    inspection_weight = models.DecimalField(
        _("weight of the inspection part"),
        max_digits=4,
        decimal_places=3,
        default=DEFAULT_INSPECTION_WEIGHT,
    )

    class Meta:
        verbose_name = _("compliance weighting")
        verbose_name_plural = _("compliance weightings")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(standards_weight__gte=0, inspection_weight__gte=0)
                & models.Q(standards_weight=Decimal("1") - models.F("inspection_weight")),
                name="equipment_weights_sum_to_one",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.standards_weight} / {self.inspection_weight}"


@pghistory.track()
class ComplianceScore(CourtScoped):
    """A court's equipment compliance in one year, with the computation that
    produced it (``breakdown``), so that every figure can be reproduced."""

    court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("court"),
        on_delete=models.PROTECT,
        related_name="equipment_compliance_scores",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    score = models.DecimalField(_("compliance score"), max_digits=5, decimal_places=2)
    standards_score = models.DecimalField(_("standards part"), max_digits=5, decimal_places=2)
    inspection_score = models.DecimalField(
        _("inspection part"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    inspection = models.ForeignKey(
        "equipment.EquipmentInspection",
        verbose_name=_("inspection counted"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    standards_weight = models.DecimalField(
        _("weight of the standards part"), max_digits=4, decimal_places=3
    )
    inspection_weight = models.DecimalField(
        _("weight of the inspection part"), max_digits=4, decimal_places=3
    )
    # One entry per category: required, in service, coverage (see the service).
    breakdown = models.JSONField(_("computation"), default=list)
    formula_version = models.CharField(_("formula version"), max_length=16)
    as_of = models.DateField(_("inventory as of"))
    computed_at = models.DateTimeField(_("computed at"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("computed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("equipment compliance score")
        verbose_name_plural = _("equipment compliance scores")
        ordering = ["-year", "court__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "year"], name="equipment_score_per_court_year"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=100),
                name="equipment_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.court.short_name} {self.year}: {self.score}"

    def get_absolute_url(self) -> str:
        return reverse("equipment:score_detail", kwargs={"pk": self.pk})

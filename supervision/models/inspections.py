"""Inspections and special campaigns, with their findings per court (DOMAIN.md §8)."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from supervision.choices import (
    FindingCategory,
    FindingStatus,
    InspectionKind,
    InspectionStatus,
    Severity,
)
from supervision.models.base import SupervisionScoped


@pghistory.track()
class Inspection(SupervisionScoped):
    """An inspection (巡查) or a special campaign (专项活动) organised by the
    intermediate bureau over some courts. The row belongs to the organising
    court; each finding belongs to the court it concerns."""

    reference = models.CharField(_("reference"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=InspectionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("organised by"),
        on_delete=models.PROTECT,
        related_name="organised_inspections",
    )
    courts = models.ManyToManyField(
        "courts.Court", verbose_name=_("courts inspected"), related_name="inspections"
    )
    focus = models.TextField(_("focus and method"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InspectionStatus.choices,
        default=InspectionStatus.PLANNED,
    )
    summary = models.TextField(_("summary of the results"), blank=True)
    led_by = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("led by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inspection or campaign")
        verbose_name_plural = _("inspections and campaigns")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="inspection_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:inspection_detail", kwargs={"pk": self.pk})


@pghistory.track()
class InspectionFinding(SupervisionScoped):
    """A finding about one court; the court reports its rectification, the
    inspectors accept it (or reopen it)."""

    inspection = models.ForeignKey(
        Inspection,
        verbose_name=pgettext_lazy("supervision", "inspection"),
        on_delete=models.CASCADE,
        related_name="findings",
    )
    court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("court"),
        on_delete=models.PROTECT,
        related_name="inspection_findings",
    )
    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case concerned"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_findings",
    )
    category = models.CharField(_("category"), max_length=16, choices=FindingCategory.choices)
    severity = models.CharField(
        pgettext_lazy("supervision", "severity"), max_length=16, choices=Severity.choices
    )
    description = models.TextField(_("finding"))
    found_on = models.DateField(_("found on"))
    rectify_by = models.DateField(_("rectify by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    rectification = models.TextField(_("rectification report"), blank=True)
    rectified_on = models.DateField(_("rectified on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inspection finding")
        verbose_name_plural = _("inspection findings")
        ordering = ["-found_on", "-id"]
        indexes = [models.Index(fields=["court", "found_on"], name="insfinding_court_date")]

    def __str__(self) -> str:
        return f"{self.inspection.reference} · {self.get_category_display()}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:finding_detail", kwargs={"pk": self.pk})

"""一案双查: the enforcement office and the inspection office check, in one record,
both the case and the conduct of the officers who handled it (DOMAIN.md §8).
The record is shared with the discipline office (纪检监察) by a per-object grant
and as an export."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from supervision.choices import CaseConclusion, ConductConclusion, JointStatus
from supervision.models.base import SupervisionScoped


@pghistory.track()
class JointInspection(SupervisionScoped):
    access_court_path = "case__court"

    reference = models.CharField(_("reference"), max_length=32, unique=True)
    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="joint_inspections",
    )
    supervision_case = models.ForeignKey(
        "supervision.SupervisionCase",
        verbose_name=_("supervision case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="joint_inspections",
    )
    opened_on = models.DateField(_("opened on"))
    reason = models.TextField(_("reason"))
    enforcement_office = models.CharField(
        _("enforcement office members"), max_length=200, blank=True
    )
    inspection_office = models.CharField(_("inspection office members"), max_length=200, blank=True)
    case_findings = models.TextField(_("findings on the case"), blank=True)
    case_conclusion = models.CharField(
        _("conclusion on the case"), max_length=20, choices=CaseConclusion.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=JointStatus.choices, default=JointStatus.OPEN
    )
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    shared_with_discipline_at = models.DateTimeField(
        _("shared with the discipline office at"), null=True, blank=True
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shared by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("joint case and conduct inspection (一案双查)")
        verbose_name_plural = _("joint case and conduct inspections (一案双查)")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="concluded")
                | models.Q(concluded_on__isnull=False, case_conclusion__gt=""),
                name="joint_concluded_has_conclusion",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.case}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:joint_detail", kwargs={"pk": self.pk})


@pghistory.track()
class ConductFinding(SupervisionScoped):
    """The finding on one officer's conduct in the case."""

    access_court_path = "joint__case__court"

    joint = models.ForeignKey(
        JointInspection,
        verbose_name=_("joint inspection"),
        on_delete=models.CASCADE,
        related_name="conduct_findings",
    )
    officer = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="conduct_findings",
    )
    finding = models.TextField(_("finding on conduct"))
    conclusion = models.CharField(_("conclusion"), max_length=16, choices=ConductConclusion.choices)
    recommended_action = models.TextField(_("recommended action"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(
        pgettext_lazy("supervision", "recorded at"), auto_now_add=True
    )

    class Meta:
        verbose_name = _("conduct finding")
        verbose_name_plural = _("conduct findings")
        ordering = ["joint", "id"]
        constraints = [
            models.UniqueConstraint(fields=["joint", "officer"], name="conduct_once_per_officer")
        ]

    def __str__(self) -> str:
        return f"{self.officer.name}: {self.get_conclusion_display()}"

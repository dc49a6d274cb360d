"""The annual report of duties (述职): each director reports to the intermediate
court and to their own court's party group; the intermediate court scores it and
the score feeds the assessment and cadre selection (DOMAIN.md §1)."""

from __future__ import annotations

import os
import uuid
from decimal import Decimal

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courts.access import CourtScoped
from personnel.choices import DutyReportStatus


@pghistory.track()
class DutyReport(CourtScoped):
    access_court_path = "bureau__court"

    officer = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("director"),
        on_delete=models.PROTECT,
        related_name="duty_reports",
    )
    bureau = models.ForeignKey(
        "courts.Bureau", verbose_name=_("bureau"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year reported on"))
    text = models.TextField(pgettext_lazy("duty report", "report"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DutyReportStatus.choices,
        default=DutyReportStatus.DRAFT,
    )
    # Addressed to both (一岗双责): the intermediate court and the own court's party group.
    to_intermediate_court = models.BooleanField(_("to the intermediate court"), default=True)
    to_party_group = models.BooleanField(_("to the own court's party group"), default=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    score_comment = models.TextField(_("scoring comment"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scored by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    scored_at = models.DateTimeField(_("scored at"), null=True, blank=True)

    class Meta:
        verbose_name = _("annual report of duties")
        verbose_name_plural = _("annual reports of duties")
        ordering = ["-year", "bureau__court__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["officer", "year"], name="duty_report_once_a_year"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=100),
                name="duty_report_score_0_100",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="scored") | models.Q(score__isnull=False),
                name="duty_report_scored_has_score",
            ),
        ]

    def __str__(self) -> str:
        return _("%(name)s, report of duties for %(year)s") % {
            "name": self.officer.name,
            "year": self.year,
        }

    def get_absolute_url(self) -> str:
        return reverse("personnel:dutyreport_detail", kwargs={"pk": self.pk})


def duty_report_upload_to(instance: DutyReportAttachment, filename: str) -> str:
    # A random name: the original is kept in ``original_name`` and only ever sent
    # back in a Content-Disposition header by the permission-checked view.
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"duty_reports/{instance.report.year}/{uuid.uuid4().hex}{ext}"


@pghistory.track()
class DutyReportAttachment(CourtScoped):
    access_court_path = "report__bureau__court"

    report = models.ForeignKey(
        DutyReport,
        verbose_name=pgettext_lazy("duty report", "report"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=duty_report_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    # Determined from the content, never from the browser's claim.
    content_type = models.CharField(pgettext_lazy("file", "content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report attachment")
        verbose_name_plural = _("report attachments")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("personnel:dutyreport_attachment", kwargs={"pk": self.pk})

"""Monthly district reports: prefilled from the data, edited with a reason,
submitted by the district director by a deadline, accepted or returned by the
intermediate court (DOMAIN.md §1 dual leadership, §9)."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.choices import ReportStatus
from courts.access import VIEW, CourtScoped, RestrictedManager, Scope


@pghistory.track()
class ReportingRule(models.Model):
    """When monthly reports are due [assumed: the 5th of the following month,
    reminders 3 days before]; editable in the admin. The active row applies."""

    name = models.CharField(_("name"), max_length=100)
    due_day = models.PositiveSmallIntegerField(_("due on day of the following month"), default=5)
    remind_days_before = models.PositiveSmallIntegerField(_("remind days before"), default=3)
    is_active = models.BooleanField(_("active"), default=True)

    objects = RestrictedManager()

    class Meta:
        verbose_name = _("reporting rule")
        verbose_name_plural = _("reporting rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_day__gte=1, due_day__lte=28), name="report_due_day_range"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def access_q(cls, scope: Scope, action: str):
        return None


@pghistory.track(exclude=["prefilled"])
class MonthlyReport(CourtScoped):
    court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("court"),
        on_delete=models.PROTECT,
        related_name="monthly_reports",
    )
    bureau = models.ForeignKey(
        "courts.Bureau", verbose_name=_("bureau"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    due_on = models.DateField(pgettext_lazy("assessment", "due on"))
    # The figures as computed from the data, kept unchanged; ``figures`` is the
    # report as it stands (edits, each with its reason, in MonthlyReportEdit).
    prefilled = models.JSONField(_("figures from the data"), default=dict)
    figures = models.JSONField(_("figures reported"), default=dict)
    summary = models.TextField(_("work summary"), blank=True)
    problems = models.TextField(_("problems and difficulties"), blank=True)
    plans = models.TextField(_("plans for next month"), blank=True)
    prepared_at = models.DateTimeField(_("prepared at"))
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_late = models.BooleanField(_("submitted late"), default=False)
    late_days = models.PositiveSmallIntegerField(_("days late"), default=0)
    submitted_at = models.DateTimeField(_("last submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    review_remarks = models.TextField(_("remarks of the intermediate court"), blank=True)
    # Optimistic locking: a stale form is refused instead of overwriting.
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("monthly district report")
        verbose_name_plural = _("monthly district reports")
        ordering = ["-year", "-month", "court__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "year", "month"], name="report_once_per_month"
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="report_month_range"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(first_submitted_at__isnull=False),
                name="report_submitted_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="report_status_due")]

    def __str__(self) -> str:
        return _("%(court)s monthly report %(year)s-%(month)02d") % {
            "court": self.court.short_name,
            "year": self.year,
            "month": self.month,
        }

    def get_absolute_url(self) -> str:
        return reverse("assessment:report_detail", kwargs={"pk": self.pk})

    @property
    def period_label(self) -> str:
        # As the courts write a month (2026年11月), in the list and the workbook.
        return f"{self.year}年{self.month}月"

    @classmethod
    def access_q(cls, scope: Scope, action: str):
        # The district's leadership prepares and submits its own report; the
        # intermediate court (leadership, supervision) reviews every report.
        # Which step each may take is checked by the services.
        from courts.policy import scope_supervises

        if action == VIEW:
            return super().access_q(scope, action)
        if scope_supervises(scope):
            return None
        if scope.leads_bureau:
            return Q(court_id=scope.court_id)
        return Q(pk__in=[])


@pghistory.track()
class MonthlyReportEdit(CourtScoped):
    """One edit of a reported figure or text, with its reason (kept, never changed)."""

    access_court_path = "report__court"

    report = models.ForeignKey(
        MonthlyReport,
        verbose_name=pgettext_lazy("assessment", "report"),
        on_delete=models.CASCADE,
        related_name="edits",
    )
    field = models.CharField(_("field"), max_length=40)
    old_value = models.TextField(_("before"), blank=True)
    new_value = models.TextField(_("after"), blank=True)
    reason = models.TextField(_("reason"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("edited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report edit")
        verbose_name_plural = _("report edits")
        ordering = ["report", "edited_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="report_edit_has_reason")
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.field}"


@pghistory.track()
class MonthlyReportSubmission(CourtScoped):
    """Each submission (the first one decides lateness)."""

    access_court_path = "report__court"

    report = models.ForeignKey(
        MonthlyReport,
        verbose_name=pgettext_lazy("assessment", "report"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    number = models.PositiveSmallIntegerField(_("submission"))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    late = models.BooleanField(_("after the deadline"), default=False)
    late_days = models.PositiveSmallIntegerField(_("days late"), default=0)

    class Meta:
        verbose_name = _("report submission")
        verbose_name_plural = _("report submissions")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_submission_number")
        ]

    def __str__(self) -> str:
        return f"{self.report} #{self.number}"


@pghistory.track()
class MonthlyReportReview(CourtScoped):
    access_court_path = "report__court"

    report = models.ForeignKey(
        MonthlyReport,
        verbose_name=pgettext_lazy("assessment", "report"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    accepted = models.BooleanField(_("accepted"))
    remarks = models.TextField(_("remarks"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report review")
        verbose_name_plural = _("report reviews")
        ordering = ["report", "reviewed_at"]

    def __str__(self) -> str:
        return f"{self.report} · {'✓' if self.accepted else '↩'}"

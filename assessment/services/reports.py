"""Monthly district reports (DOMAIN.md §1 "dual leadership": a district bureau
answers to the intermediate bureau on enforcement business).

- Prefilled from the data; the computed figures are kept (``prefilled``) and
  every change to a reported figure needs a reason, kept as an edit.
- Submitted by the district's bureau leadership by the deadline (the
  ``ReportingRule``); the first submission decides lateness, which feeds the
  report-timeliness component of the annual assessment.
- The intermediate court accepts it or returns it with remarks for correction.
  A report is submitted once per round: a second submission, or an edit after
  acceptance, is refused. The row is locked while submitted, so two concurrent
  submissions record one."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.choices import REPORT_EDITABLE, REPORT_TRANSITIONS, FigureLevel, ReportStatus
from assessment.indicators import compute_figures
from assessment.models import (
    MonthlyReport,
    MonthlyReportEdit,
    MonthlyReportReview,
    MonthlyReportSubmission,
    ReportingRule,
)
from assessment.periods import Period
from assessment.services.definitions import definition_for
from cases.choices import CaseType, ClosingType, LedgerEntryKind
from cases.models import EnforcementCase, LedgerEntry
from courts.access import lock_for
from courts.choices import BureauKind
from courts.models import Bureau, Court
from courts.policy import leads_court, supervises
from haikou_exec.formats import written_date
from haikou_exec.states import move

IMPLEMENTATION = [CaseType.FIRST, CaseType.RESUMED, CaseType.PRESERVATION]

# key, label, kind — the figures a monthly report carries.
REPORT_FIGURES = [
    ("received", gettext_lazy("Cases received (implementation)"), "int"),
    ("closed", gettext_lazy("Cases closed"), "int"),
    ("closed_fully_executed", gettext_lazy("of which fully executed"), "int"),
    ("closed_terminated_procedure", gettext_lazy("of which 终本"), "int"),
    ("closed_other", gettext_lazy("of which other closing types"), "int"),
    ("open_at_month_end", gettext_lazy("Cases open at the end of the month"), "int"),
    ("amount_received", gettext_lazy("Case funds received (yuan)"), "decimal"),
    ("amount_disbursed", gettext_lazy("Case funds paid out (yuan)"), "decimal"),
    ("rate_closed_within_term", gettext_lazy("Closed-within-term rate (%)"), "decimal"),
    ("rate_recovery", gettext_lazy("Recovery rate (%)"), "decimal"),
    (
        "rate_actual_execution_in_term",
        gettext_lazy("Actual-execution rate within term (%)"),
        "decimal",
    ),
    ("rate_termination_compliance", gettext_lazy("终本 compliance rate (%)"), "decimal"),
]
FIGURE_KINDS = {key: kind for key, _label, kind in REPORT_FIGURES}
TEXT_FIELDS = ("summary", "problems", "plans")
RATE_CODES = {
    "rate_closed_within_term": "closed_within_term",
    "rate_recovery": "recovery_rate",
    "rate_actual_execution_in_term": "actual_execution_in_term",
    "rate_termination_compliance": "termination_compliance",
}


def reporting_rule() -> ReportingRule:
    """The active reporting rule, or the default (due on the 5th, reminded 3 days before)."""
    return ReportingRule.objects.filter(is_active=True).order_by("pk").first() or ReportingRule(
        name="default", due_day=5, remind_days_before=3
    )


def due_date(year: int, month: int) -> dt.date:
    """The deadline: a day of the following month (``ReportingRule``)."""
    next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
    day = min(reporting_rule().due_day, calendar.monthrange(next_year, next_month)[1])
    return dt.date(next_year, next_month, day)


def compute_report_figures(
    court: Court, year: int, month: int, as_of: dt.date | None = None
) -> dict:
    """The month's figures for one court, from the data (aggregate queries)."""
    period = Period.month(year, month)
    as_of = as_of or timezone.localdate()
    end = period.cutoff(as_of)
    cases = EnforcementCase.objects.filter(court=court, case_type__in=IMPLEMENTATION)
    closed = cases.filter(closed_on__gte=period.start, closed_on__lte=end).aggregate(
        closed=Count("pk"),
        fully=Count("pk", filter=Q(closing_type=ClosingType.FULLY_EXECUTED)),
        terminated=Count("pk", filter=Q(closing_type=ClosingType.TERMINATED_PROCEDURE)),
    )
    money = LedgerEntry.objects.filter(
        account__case__court=court, occurred_on__gte=period.start, occurred_on__lte=end
    ).aggregate(
        received=Sum("amount", filter=Q(kind=LedgerEntryKind.RECEIPT)),
        disbursed=Sum("amount", filter=Q(kind=LedgerEntryKind.DISBURSEMENT)),
    )
    figures = {
        "received": cases.filter(filed_on__gte=period.start, filed_on__lte=end).count(),
        "closed": closed["closed"],
        "closed_fully_executed": closed["fully"],
        "closed_terminated_procedure": closed["terminated"],
        "closed_other": closed["closed"] - closed["fully"] - closed["terminated"],
        "open_at_month_end": cases.filter(filed_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end))
        .count(),
        "amount_received": str(money["received"] or Decimal("0.00")),
        "amount_disbursed": str(money["disbursed"] or Decimal("0.00")),
    }
    for key, code in RATE_CODES.items():
        definition = definition_for(code, period.end)
        figure = (
            compute_figures(definition, period, FigureLevel.COURT, as_of, [court.pk]).get(court.pk)
            if definition
            else None
        )
        figures[key] = None if figure is None or figure.value is None else str(figure.value)
    return figures


@transaction.atomic
def prepare_report(
    *, court: Court, year: int, month: int, as_of: dt.date | None = None
) -> MonthlyReport:
    """Create the month's report for a district court, prefilled (idempotent: an
    existing report is returned unchanged).
    Source: DESIGN.md users: district directors submit monthly reports."""
    existing = MonthlyReport.objects.filter(court=court, year=year, month=month).first()
    if existing is not None:
        return existing
    bureau = Bureau.objects.get(court=court, kind=BureauKind.ENFORCEMENT)
    figures = compute_report_figures(court, year, month, as_of)
    report, _created = MonthlyReport.objects.get_or_create(
        court=court,
        year=year,
        month=month,
        defaults={
            "bureau": bureau,
            "due_on": due_date(year, month),
            "prefilled": figures,
            "figures": dict(figures),
            "prepared_at": timezone.now(),
        },
    )
    return report


def district_courts():
    """The courts that report monthly: those whose bureau has a business superior."""
    return (
        Court.objects.filter(bureaus__business_superior__isnull=False)
        .distinct()
        .order_by("sort_order")
    )


def prepare_month(year: int, month: int) -> int:
    """Every district court's report for a month; returns how many were created."""
    created = 0
    for court in district_courts():
        if not MonthlyReport.objects.filter(court=court, year=year, month=month).exists():
            prepare_report(court=court, year=year, month=month)
            created += 1
    return created


def prepare_previous_month(today: dt.date | None = None) -> int:
    """Prepare last month's report of every district court that has none yet (``prepare_month``;
    DOMAIN.md §9 "Assessment")."""
    today = today or timezone.localdate()
    last = today.replace(day=1) - dt.timedelta(days=1)
    return prepare_month(last.year, last.month)


@transaction.atomic
def refresh_prefill(*, user, report_id: int) -> MonthlyReport:
    """Recompute the figures from the data while the report is a draft: the
    computed figures are replaced; figures already edited keep their edited value.
    Source: DESIGN.md users: monthly reports."""
    report = _locked(report_id)
    _ensure_district(user, report)
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(_("Only a draft is refreshed from the data."))
    fresh = compute_report_figures(report.court, report.year, report.month)
    edited = set(report.edits.values_list("field", flat=True))
    report.figures = {k: (report.figures.get(k) if k in edited else v) for k, v in fresh.items()}
    report.prefilled = fresh
    report.version += 1
    report.save(update_fields=["figures", "prefilled", "version"])
    return report


def _locked(report_id: int) -> MonthlyReport:
    """The report row, locked (who may act is checked by each step)."""
    return lock_for(MonthlyReport, report_id, None, related=("court",))


def _ensure_district(user, report: MonthlyReport) -> None:
    if not (user.is_superuser or leads_court(user, report.court_id)):
        raise PermissionDenied(
            _("The district's bureau leadership prepares and submits its report.")
        )


def _normalise(key: str, value) -> str | None:
    if value in (None, ""):
        return None
    kind = FIGURE_KINDS[key]
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({key: [_("Enter a number.")]}) from exc
    if number < 0:
        raise ValidationError({key: [_("A figure is not negative.")]})
    if kind == "int":
        if number != number.to_integral_value():
            raise ValidationError({key: [_("Enter a whole number.")]})
        return str(int(number))
    return str(number.quantize(Decimal("0.01")))


@transaction.atomic
def edit_report(
    *,
    user,
    report_id: int,
    figures: dict | None = None,
    texts: dict | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> MonthlyReport:
    """Change reported figures (each change needs a reason, kept as an edit) and
    the narrative. A report is edited only as a draft or once returned: never
    while submitted, never after acceptance.
    Source: DESIGN.md users: monthly reports."""
    report = _locked(report_id)
    _ensure_district(user, report)
    if report.status not in REPORT_EDITABLE:
        if report.status == ReportStatus.ACCEPTED:
            raise ValidationError(_("The report was accepted and is no longer changed."))
        raise ValidationError(_("The report is submitted; it is changed only if returned."))
    if expected_version is not None and expected_version != report.version:
        raise ValidationError(_("The report was changed by someone else; reload it."), code="stale")
    changes = []
    for key, value in (figures or {}).items():
        if key not in FIGURE_KINDS:
            raise ValidationError({key: [_("Unknown figure.")]})
        new = _normalise(key, value)
        old = report.figures.get(key)
        if new != (None if old in (None, "") else str(old)):
            changes.append((key, old, new))
    if changes and not (reason or "").strip():
        raise ValidationError({"reason": [_("Say why the figures differ from the data.")]})
    for key, old, new in changes:
        report.figures[key] = new
        MonthlyReportEdit.objects.create(
            report=report,
            field=key,
            old_value="" if old is None else str(old),
            new_value="" if new is None else new,
            reason=reason.strip(),
            edited_by=user,
        )
    for key, value in (texts or {}).items():
        if key not in TEXT_FIELDS:
            raise ValidationError({key: [_("Unknown field.")]})
        setattr(report, key, (value or "").strip())
    report.version += 1
    report.save()
    return report


@transaction.atomic
def submit_report(*, user, report_id: int, expected_version: int | None = None) -> MonthlyReport:
    """Submit (or resubmit once returned). The row is locked: of two concurrent
    submissions one is recorded and the other refused. Lateness is decided by the
    first submission against the deadline.
    Source: DESIGN.md users: monthly reports."""
    from haikou_exec.notifications import notify
    from supervision.services.common import supervisor_user_ids

    report = _locked(report_id)
    _ensure_district(user, report)
    if report.status == ReportStatus.SUBMITTED:
        raise ValidationError(_("The report is already submitted."), code="already_submitted")
    if report.status == ReportStatus.ACCEPTED:
        raise ValidationError(
            _("The report was accepted and is no longer changed."), code="accepted"
        )
    if expected_version is not None and expected_version != report.version:
        raise ValidationError(_("The report was changed by someone else; reload it."), code="stale")
    if not report.summary.strip():
        raise ValidationError({"summary": [_("Write the work summary before submitting.")]})
    move(
        report,
        ReportStatus.SUBMITTED,
        REPORT_TRANSITIONS,
        message=_("The report cannot be submitted now."),
        code=None,
    )
    now = timezone.now()
    on = timezone.localdate(now)
    late_days = max((on - report.due_on).days, 0)
    number = report.submissions.count() + 1
    MonthlyReportSubmission.objects.create(
        report=report,
        number=number,
        submitted_at=now,
        submitted_by=user,
        late=late_days > 0,
        late_days=late_days,
    )
    if report.first_submitted_at is None:
        report.first_submitted_at = now
        report.submitted_late, report.late_days = late_days > 0, late_days
    report.submitted_at, report.submitted_by = now, user
    report.version += 1
    report.save()
    transaction.on_commit(
        lambda: notify(
            supervisor_user_ids(),
            title=_("%(report)s submitted") % {"report": report},
            dedup_key=f"report:{report.pk}:submitted:{number}",
            link=report.get_absolute_url(),
        )
    )
    return report


@transaction.atomic
def review_report(*, user, report_id: int, accept: bool, remarks: str = "") -> MonthlyReport:
    """The intermediate court accepts the report or returns it for correction.
    Source: DESIGN.md users: monthly reports."""
    from haikou_exec.notifications import notify
    from personnel.recipients import directors_by_court

    if not supervises(user):
        raise PermissionDenied(_("The intermediate court reviews the monthly reports."))
    report = _locked(report_id)
    move(
        report,
        ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED,
        REPORT_TRANSITIONS,
        message=_("Only a submitted report is reviewed."),
        code=None,
    )
    if not accept and not (remarks or "").strip():
        raise ValidationError({"remarks": [_("Say what is to be corrected.")]})
    report.reviewed_at, report.reviewed_by = timezone.now(), user
    report.review_remarks = (remarks or "").strip()
    report.version += 1
    report.save()
    review = MonthlyReportReview.objects.create(
        report=report, accepted=accept, remarks=report.review_remarks, reviewed_by=user
    )
    recipients = directors_by_court([report.court_id]).get(report.court_id, [])
    transaction.on_commit(
        lambda: notify(
            recipients,
            title=(_("%(report)s accepted") if accept else _("%(report)s returned for correction"))
            % {"report": report},
            body=report.review_remarks,
            dedup_key=f"report:{report.pk}:review:{review.pk}",
            link=report.get_absolute_url(),
            level="info" if accept else "warning",
        )
    )
    return report


def remind_reports_due(on: dt.date | None = None) -> int:
    """Reports not yet submitted whose deadline is near or past, to the district's
    leadership (and, once overdue, the intermediate court). Idempotent per day."""
    from haikou_exec.notifications import notify
    from personnel.recipients import directors_by_court
    from supervision.services.common import supervisor_user_ids

    on = on or timezone.localdate()
    rule = reporting_rule()
    reports = list(
        MonthlyReport.objects.filter(
            status__in=list(REPORT_EDITABLE),
            due_on__lte=on + dt.timedelta(days=rule.remind_days_before),
        ).select_related("court")
    )
    leaders = directors_by_court({r.court_id for r in reports})
    supervisors = supervisor_user_ids()
    sent = 0
    for report in reports:
        overdue = report.due_on < on
        recipients = list(leaders.get(report.court_id, [])) + (supervisors if overdue else [])
        title = (
            _("%(report)s is overdue (due %(date)s)")
            if overdue
            else _("%(report)s is due on %(date)s")
        ) % {
            "report": report,
            "date": written_date(report.due_on),
        }
        sent += notify(
            recipients,
            title=title,
            dedup_key=f"report:{report.pk}:reminder:{on.isoformat()}",
            link=report.get_absolute_url(),
            level="danger" if overdue else "warning",
        )
    return sent

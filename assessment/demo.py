"""Demo assessment data, on top of the demo cases and supervision: indicator
snapshots, the default annual scheme, last year's published assessment and this
year's draft, the monthly district reports of this year in every state, and
秀英's own officer assessment. Idempotent: nothing is added once a scheme exists."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone


def seed_assessment(*, seed: int = 2026, today: dt.date | None = None) -> dict[str, int]:
    """Seeds supervision first (the assessment reads its findings)."""
    from assessment.models import AssessmentScheme, MonthlyReport
    from assessment.periods import Period
    from assessment.reference_data import DEFAULT_SCHEME_COMPONENTS, seed_reference_data
    from assessment.services import bureau, officers, reports, snapshots
    from courts.models import Court
    from supervision.demo import seed_supervision

    counts = {f"supervision: {k}": v for k, v in seed_supervision(seed=seed, today=today).items()}
    seed_reference_data()
    if AssessmentScheme.objects.exists():
        return counts
    today = today or timezone.localdate()
    User = get_user_model()
    leader = User.objects.get(username="zy_leader")
    admin = User.objects.get(username="admin")
    xy_director = User.objects.get(username="xy_director")
    as_of = today - dt.timedelta(days=1)
    counts["snapshots"] = snapshots.snapshot_period(
        Period.year(today.year - 1), as_of
    ) + snapshots.snapshot_period(Period.year(today.year), as_of)
    components = [
        {"kind": k, "indicator_code": code, "weight": w, "parameters": p}
        for k, code, w, p in DEFAULT_SCHEME_COMPONENTS
    ]
    last = bureau.save_scheme(
        user=leader,
        name="区法院执行局年度考核",
        year=today.year - 1,
        components=components,
        praise_min_score=75,
    )
    published = bureau.compute_assessment(
        user=leader, scheme_id=last.pk, year=today.year - 1, as_of=dt.date(today.year - 1, 12, 31)
    )
    bureau.publish_assessment(user=leader, assessment_id=published.pk)
    current = bureau.copy_scheme(
        user=leader, scheme_id=last.pk, year=today.year, name="区法院执行局年度考核"
    )
    # Monthly reports of this year: submitted and accepted, one returned, one late,
    # the last month still a draft.
    xy = Court.objects.get(code="琼0105")
    for month in range(1, today.month):
        reports.prepare_month(today.year, month)
        for report in MonthlyReport.objects.filter(year=today.year, month=month).select_related(
            "court"
        ):
            if month == today.month - 1:
                continue
            report.summary = f"{report.court.short_name}执行局{month}月工作总结：收结案平稳，重点推进终本案件规范化。"
            report.save(update_fields=["summary"])
            submitter = xy_director if report.court_id == xy.pk else admin
            reports.submit_report(user=submitter, report_id=report.pk)
            if month == today.month - 2 and report.court_id == xy.pk:
                reports.review_report(
                    user=leader,
                    report_id=report.pk,
                    accept=False,
                    remarks="执行到位金额与案款系统不一致，请核实",
                )
            else:
                reports.review_report(user=leader, report_id=report.pk, accept=True)
    # Demo realism: most reports went in before their deadline (a few 美兰 ones late).
    from assessment.models import MonthlyReportSubmission

    on_time = MonthlyReport.objects.filter(year=today.year, month__lt=today.month - 1).exclude(
        court__code="琼0108", month__in=[2, 5, 8]
    )
    for report in on_time:
        submitted = timezone.make_aware(
            dt.datetime.combine(report.due_on - dt.timedelta(days=2), dt.time(16, 0))
        )
        MonthlyReport.objects.filter(pk=report.pk).update(
            first_submitted_at=submitted, submitted_late=False, late_days=0
        )
        MonthlyReportSubmission.objects.filter(report=report, number=1).update(
            submitted_at=submitted, late=False, late_days=0
        )
    counts["monthly reports"] = MonthlyReport.objects.count()
    # This year's draft is computed once the reports exist: its report-timeliness
    # component reads them.
    bureau.compute_assessment(user=leader, scheme_id=current.pk, year=today.year, as_of=as_of)
    counts["assessments"] = 2
    scheme = officers.save_officer_scheme(
        user=xy_director,
        court_id=xy.pk,
        year=today.year,
        name="秀英法院执行干警绩效考核",
        items=officers.suggested_items(),
    )
    manual = scheme.items.get(kind="manual")
    for index, officer in enumerate(officers.assessed_officers(scheme)[:30]):
        officers.record_manual_score(
            user=xy_director, item_id=manual.pk, officer_id=officer.pk, score=85 + index % 15
        )
    officers.run_officer_assessment(user=xy_director, scheme_id=scheme.pk, as_of=as_of)
    counts["officer assessments"] = 1
    return counts

"""A populated supervision and assessment data set across the five courts, for
the page, scope and query-count tests."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from courts.models import Court
from tests.supervision.helpers import add_finding, add_node, make_case

CODES = ["琼01", "琼0105", "琼0106", "琼0107", "琼0108"]
DISTRICTS = CODES[1:]


def populate(rounds: int = 1, year: int = 2026) -> None:
    """``rounds`` sets of rows per court: alerts, supervision cases, orders,
    findings, reviews, 一案双查, talks; snapshots; an assessment; reports."""
    from assessment.periods import Period
    from assessment.services import bureau, officers, reports, snapshots
    from personnel.models import Officer
    from supervision.models import AlertRule, ScoringSheet
    from supervision.services import alerts, cases, inspections, joint, reviews, talks

    User = get_user_model()
    supervisor = User.objects.get(username="supervisor")
    leader = User.objects.get(username="zy_leader")
    courts = {c.code: c for c in Court.objects.all()}
    today = dt.date(year, 6, 30)
    inspection = inspections.create_inspection(
        user=supervisor,
        kind="inspection",
        title="巡查",
        focus="巡查",
        starts_on=dt.date(year, 3, 1),
        ends_on=dt.date(year, 9, 30),
        court_ids=[c.pk for c in courts.values()],
    )
    sheet = ScoringSheet.objects.first()
    for _round in range(rounds):
        for code in CODES:
            case = make_case(code, filed_on=dt.date(year, 1, 10))
            add_finding(case, found_on=dt.date(year, 5, 1), description=f"房产 {case.pk}")
            add_node(
                case,
                "assignment",
                triggered_on=dt.date(year, 1, 10),
                due_on=dt.date(year, 1, 17),
                completed_on=dt.date(year, 1, 12),
            )
            make_case(
                code,
                filed_on=dt.date(year, 1, 10),
                closing_type="fully_executed",
                closed_on=dt.date(year, 4, 1),
                recovered="100000.00",
            )
            supervision = cases.open_supervision_case(
                user=supervisor,
                title="消极执行线索",
                trigger="negative",
                source="petition",
                description="当事人反映",
                supervised_case_id=case.pk,
            )
            cases.issue_order(
                user=supervisor,
                supervision_case_id=supervision.pk,
                subject="督办",
                instructions="请报告",
                respond_by=dt.date(year, 7, 15),
                issued_on=dt.date(year, 6, 1),
            )
            inspections.record_finding(
                user=supervisor,
                inspection_id=inspection.pk,
                court_id=courts[code].pk,
                category="process",
                severity="minor",
                description="节点超期",
                found_on=dt.date(year, 5, 10),
                case_id=case.pk,
            )
            reviews.start_review(user=supervisor, case_id=case.pk, sheet_id=sheet.pk)
            record = joint.open_joint_inspection(user=supervisor, case_id=case.pk, reason="举报")
            officer = Officer.objects.filter(bureau__court=courts[code]).first()
            joint.record_conduct_finding(
                user=supervisor,
                joint_id=record.pk,
                officer_id=officer.pk,
                finding="未及时查控",
                conclusion="irregularity",
            )
            if code in DISTRICTS:
                director = Officer.objects.filter(
                    bureau__court=courts[code], role="director"
                ).first()
                if director is not None:
                    talks.schedule_talk(
                        user=supervisor,
                        director_id=director.pk,
                        reason="质效偏低",
                        scheduled_on=today,
                    )
    for rule in AlertRule.objects.filter(code__in=["property_without_measure", "no_node_progress"]):
        alerts.evaluate_rule(rule, today)
    snapshots.snapshot_period(Period.year(year), dt.date(year, 12, 31))
    scheme_name = f"{year}年度考核"
    from assessment.models import AssessmentScheme, BureauAssessment

    scheme = AssessmentScheme.objects.filter(
        year=year, name=scheme_name
    ).first() or bureau.save_scheme(
        user=leader,
        name=scheme_name,
        year=year,
        components=[
            {"kind": "supervision", "weight": 60},
            {"kind": "indicator", "indicator_code": "recovery_rate", "weight": 40},
        ],
    )
    assessment = bureau.compute_assessment(
        user=leader, scheme_id=scheme.pk, year=year, as_of=dt.date(year, 12, 31)
    )
    if not BureauAssessment.objects.filter(year=year, status="published").exists():
        bureau.publish_assessment(user=leader, assessment_id=assessment.pk)
    month = 1
    from assessment.models import MonthlyReport

    while MonthlyReport.objects.filter(year=year, month=month).exists() and month < 12:
        month += 1
    reports.prepare_month(year, month)
    xy_director = User.objects.get(username="xy_director")
    scheme_o = officers.save_officer_scheme(
        user=xy_director,
        court_id=courts["琼0105"].pk,
        year=year,
        name=f"干警考核 {MonthlyReport.objects.count()}",
        items=[
            {
                "kind": "indicator",
                "indicator_code": "closed_within_term",
                "label": "结案率",
                "weight": 60,
            },
            {"kind": "manual", "label": "作风", "weight": 40},
        ],
    )
    officers.run_officer_assessment(
        user=xy_director, scheme_id=scheme_o.pk, as_of=dt.date(year, 12, 31)
    )

"""Demo supervision data: a few property findings left without a measure (so the
alert rules have something to find), the nightly rule run, and a realistic set of
supervision cases, orders, an inspection campaign with findings per court, case
reviews, one 一案双查 and one 约谈. Deterministic and idempotent: nothing is added
once supervision cases exist."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cases.choices import CaseStatus
from cases.models import EnforcementCase, PropertyFinding
from courts.models import Court


def seed_supervision(*, seed: int = 2026, today: dt.date | None = None) -> dict[str, int]:
    from supervision.models import Alert, ScoringSheet, SupervisionCase
    from supervision.reference_data import seed_reference_data
    from supervision.services import alerts, cases, inspections, joint, reviews, talks

    seed_reference_data()
    if SupervisionCase.objects.exists():
        return {}
    today = today or timezone.localdate()
    rng = random.Random(seed)
    User = get_user_model()
    supervisor = User.objects.get(username="supervisor")
    leader = User.objects.get(username="zy_leader")
    courts = {c.code: c for c in Court.objects.order_by("sort_order")}
    counts: dict[str, int] = {}
    with transaction.atomic():
        # Property found online 20–40 days ago on a few open cases, no measure since.
        open_cases = list(
            EnforcementCase.objects.filter(
                status=CaseStatus.IN_PROGRESS, case_type="执", measures__isnull=True
            ).order_by("pk")[:40]
        )
        findings = [
            PropertyFinding(
                case=case,
                source="online_query",
                asset_type=rng.choice(["real_estate", "vehicle", "bank_deposit"]),
                description=rng.choice(
                    ["海口市龙华区住宅一套", "琼A小型轿车一辆", "海南农商银行账户存款"]
                ),
                estimated_value=Decimal(rng.randint(5, 80) * 10000),
                found_at=timezone.now() - dt.timedelta(days=rng.randint(20, 40)),
                fingerprint=f"demo-supervision-{case.pk}",
            )
            for case in open_cases[::3]
        ]
        PropertyFinding.objects.bulk_create(findings, ignore_conflicts=True)
        counts["property findings"] = len(findings)
    runs = alerts.evaluate_all_rules(today)
    counts["alerts"] = sum(run.new for run in runs)
    with transaction.atomic():
        open_alerts = list(
            Alert.objects.filter(status="open").order_by("court__sort_order", "pk")[:6]
        )
        for index, alert in enumerate(open_alerts):
            if index % 3 == 2:
                alerts.dismiss_alert(
                    user=supervisor,
                    alert_id=alert.pk,
                    reason="经核实，案件已和解，申请人撤回财产线索",
                )
            else:
                supervision = alerts.open_supervision_from_alert(user=supervisor, alert_id=alert.pk)
                cases.issue_order(
                    user=supervisor,
                    supervision_case_id=supervision.pk,
                    subject=f"督促处理：{alert.case.case_number}",
                    instructions="请查明未及时采取控制措施的原因，依法采取措施并书面报告。",
                    issued_on=today - dt.timedelta(days=20 - index),
                    respond_by=today + dt.timedelta(days=index * 3 - 5),
                )
        districts = [c for c in courts.values() if c.parent_id]
        campaign = inspections.create_inspection(
            user=supervisor,
            kind="campaign",
            title=f"{today.year}年终本案件质量专项检查",
            focus="抽查各区法院终本案件，重点检查财产调查是否穷尽、是否约谈申请执行人。",
            starts_on=today - dt.timedelta(days=60),
            ends_on=today + dt.timedelta(days=30),
            court_ids=[c.pk for c in districts],
        )
        inspections.start_inspection(user=supervisor, inspection_id=campaign.pk)
        severities = ["minor", "major", "minor", "serious"]
        for court, severity in zip(districts, severities, strict=False):
            finding = inspections.record_finding(
                user=supervisor,
                inspection_id=campaign.pk,
                court_id=court.pk,
                category="termination",
                severity=severity,
                description="部分终本案件未完成网络查控全覆盖，终本前未约谈申请执行人。",
                found_on=today - dt.timedelta(days=30),
                rectify_by=today + dt.timedelta(days=15),
            )
            if court.code == "琼0105":
                inspections.report_rectification(
                    user=User.objects.get(username="xy_director"),
                    finding_id=finding.pk,
                    rectification="已逐案补充查控并约谈申请执行人。",
                )
        counts["inspection findings"] = len(districts)
        sheet = ScoringSheet.objects.filter(is_active=True).first()
        reviewed = EnforcementCase.objects.filter(closing_type="terminated_procedure").order_by(
            "pk"
        )[:3]
        for case in reviewed:
            review = reviews.start_review(
                user=supervisor, case_id=case.pk, sheet_id=sheet.pk, inspection_id=campaign.pk
            )
            points = {
                item.pk: item.max_points - rng.choice([0, 0, 1, 2]) for item in sheet.items.all()
            }
            reviews.score_review(
                user=supervisor,
                review_id=review.pk,
                points=points,
                remarks="抽查评查",
                finalise=True,
            )
        counts["case reviews"] = len(reviewed)
        xy_case = (
            EnforcementCase.objects.filter(court__code="琼0105", team__isnull=False)
            .order_by("pk")
            .first()
        )
        if xy_case is not None:
            record = joint.open_joint_inspection(
                user=supervisor,
                case_id=xy_case.pk,
                reason="申请执行人反映承办人拖延执行",
                enforcement_office="中院执行局 冯正义",
                inspection_office="督察室",
            )
            joint.record_case_findings(
                user=supervisor,
                joint_id=record.pk,
                case_findings="查控后未及时控制财产。",
                case_conclusion="flawed",
            )
            member = (
                xy_case.team.memberships.filter(ended_on__isnull=True)
                .select_related("officer")
                .first()
            )
            if member is not None:
                joint.record_conduct_finding(
                    user=supervisor,
                    joint_id=record.pk,
                    officer_id=member.officer_id,
                    finding="未按期采取控制措施，工作作风不够扎实。",
                    conclusion="irregularity",
                    recommended_action="批评教育，限期整改",
                )
                joint.conclude_joint_inspection(user=supervisor, joint_id=record.pk)
        from personnel.models import Officer

        director = Officer.objects.filter(user__username="xy_director").first()
        if director is not None:
            talks.schedule_talk(
                user=leader,
                director_id=director.pk,
                reason="终本合格率低于目标，督办回复逾期。",
                scheduled_on=today + dt.timedelta(days=7),
            )
    counts["supervision cases"] = SupervisionCase.objects.count()
    return counts

"""Demo examples of the law of issue 17 that volume seeding cannot show, each made
through its service, dated in the weeks before today, so a fresh ``make run`` has
them on its pages:

- a 失信 listing and a 限高 order released after the award was paid, with their
  documents (删除失信信息决定书, 解除限制消费令) in the dossier;
- a 委托执行 received from a court outside Haikou (the one sent out is made by
  ``cases.demo.workflows``);
- 执恢 resuming a 终本 case, and 执复 filed at the intermediate court on a
  district's 执异 ruling, each with its origin case (执监 cases get theirs from the
  supervision they are filed for, ``supervision.services.cases``);
- one approved transfer of each kind: 提级, 交叉 and 指定执行 (DOMAIN.md §3).

Idempotent: each example is made only while none of its kind exists."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cases.choices import (
    CaseStatus,
    CaseType,
    ClosingType,
    CommissionDirection,
    MeasureKind,
    MeasureStatus,
    TransferKind,
    TransferReason,
)
from cases.models import Commission, EnforcementCase, Measure, TransferRequest
from courts.models import Court
from haikou_exec.identifiers import make_resident_id, make_uscc


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _open_cases(code: str, today: dt.date, *, age: int):
    """Open first-enforcement cases of a court filed at least ``age`` days ago (so
    the example's dates fall in their life), with no stay, no measure yet, and no
    transfer or commission."""
    return (
        EnforcementCase.objects.filter(
            court__code=code,
            case_type=CaseType.FIRST,
            status__in=[CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS],
            filed_on__lte=today - dt.timedelta(days=age),
            is_criminal_property=False,
            pauses__isnull=True,
            measures__isnull=True,
            transfer_requests__isnull=True,
            commissions__isnull=True,
        )
        .distinct()
        .order_by("pk")
    )


def _released_after_performance(today: dt.date) -> int:
    """The award paid in full through the ledger proposes the releases (DOMAIN.md §2
    "Releases after performance"); the director releases both two days later."""
    from cases.services import ledger, measures

    if Measure.objects.filter(
        kind__in=MeasureKind.credit_measures(),
        status=MeasureStatus.RELEASED,
        release_document__isnull=False,
    ).exists():
        return 0
    case = _open_cases("琼0105", today, age=70).filter(amount_claimed__gt=0).first()
    if case is None:
        return 0
    director = _user("xy_director")
    listed_on = today - dt.timedelta(days=60)
    listing = measures.add_measure(
        user=director,
        case_id=case.pk,
        kind=MeasureKind.DISHONEST_LISTING,
        description="纳入失信被执行人名单",
        started_on=listed_on,
        reference=f"{case.case_number}之一",
    )
    restriction = measures.add_measure(
        user=director,
        case_id=case.pk,
        kind=MeasureKind.CONSUMPTION_RESTRICTION,
        description="限制被执行人高消费及非生活和工作必需的消费行为",
        started_on=listed_on,
        reference=f"{case.case_number}之二",
    )
    case.refresh_from_db()
    paid_on = today - dt.timedelta(days=10)
    ledger.record_receipt(
        user=director,
        case_id=case.pk,
        amount=case.amount_claimed - case.amount_recovered,
        counterparty="被执行人（履行全部义务）",
        occurred_on=paid_on,
        idempotency_key=f"demo-performed-{case.pk}",
        note="被执行人主动履行生效法律文书确定的全部义务",
    )
    for measure in (listing, restriction):
        measures.release_measure(
            user=director, measure_id=measure.pk, released_on=paid_on + dt.timedelta(days=2)
        )
    return 2


def _commission_received(today: dt.date) -> int:
    from cases.services.commission import receive_commission
    from cases.services.filing import FilingData
    from cases.services.parties import PartyData

    if Commission.objects.filter(direction=CommissionDirection.INCOMING).exists():
        return 0
    rng = random.Random(1717)
    receive_commission(
        user=_user("xy_director"),
        data=FilingData(
            case_type=CaseType.FIRST,
            title_issuer="三亚市城郊人民法院",
            title_document_number=f"（{today.year - 1}）琼0271民初2233号",
            title_effective_on=today - dt.timedelta(days=90),
            amount_claimed=Decimal("86000.00"),
            filed_on=today,
            cause="买卖合同纠纷",
            parties=[
                PartyData(
                    role="applicant", kind="natural", name="陈小燕", id_number=make_resident_id(rng)
                ),
                PartyData(
                    role="respondent",
                    kind="legal",
                    name="海口南港物流有限公司",
                    id_number=make_uscc(rng),
                    nature="private",
                ),
            ],
        ),
        commissioning_court="三亚市城郊人民法院",
        commissioning_case_number=f"（{today.year}）琼0271执588号",
        letter_number=f"（{today.year}）琼0271执588号之一",
    )
    return 1


def _resumed_with_origin(today: dt.date) -> int:
    """执恢 from a 终本 case of 秀英 (法发〔2014〕26号 第六条: property found)."""
    from cases.services.closing import resume_enforcement

    if EnforcementCase.objects.filter(
        case_type=CaseType.RESUMED, origin_case__isnull=False
    ).exists():
        return 0
    origin = (
        EnforcementCase.objects.filter(
            court__code="琼0105",
            case_type=CaseType.FIRST,
            closing_type=ClosingType.TERMINATED_PROCEDURE,
            is_criminal_property=False,
            continuations__isnull=True,
        )
        .order_by("-closed_on", "pk")
        .first()
    )
    if origin is None:
        return 0
    resume_enforcement(
        user=_user("xy_director"),
        case_id=origin.pk,
        filed_on=today,
        reason="网络查控发现被执行人名下新增银行存款，申请执行人申请恢复执行",
    )
    return 1


def _reconsideration_with_origin(today: dt.date) -> int:
    """执复 at the intermediate court on a district's 执异 ruling (DOMAIN.md §2
    "Filing rights by court level")."""
    from cases.services.filing import FilingData, file_case
    from cases.services.parties import PartyData

    if EnforcementCase.objects.filter(
        case_type=CaseType.RECONSIDERATION, origin_case__isnull=False
    ).exists():
        return 0
    objection = (
        EnforcementCase.objects.filter(
            court__tier="district", case_type=CaseType.OBJECTION, status=CaseStatus.CLOSED
        )
        .order_by("-closed_on", "pk")
        .first()
    )
    if objection is None:
        return 0
    file_case(
        user=_user("zy_leader"),
        data=FilingData(
            case_type=CaseType.RECONSIDERATION,
            court_id=Court.objects.get(code="琼01").pk,
            title_issuer=objection.court.name,
            title_document_number=objection.case_number,
            title_effective_on=objection.closed_on or objection.filed_on,
            amount_claimed=Decimal(0),
            filed_on=today,
            cause=f"不服{objection.case_number}执行异议裁定申请复议",
            origin_case_id=objection.pk,
            parties=[
                PartyData(
                    role=p.role,
                    kind=p.kind,
                    name=p.name,
                    id_number=p.id_number,
                    nature=p.nature,
                )
                for p in objection.parties.all()
            ],
        ),
    )
    return 1


def _transfers(today: dt.date) -> int:
    """One approved transfer of each kind (DOMAIN.md §3): 秀英 asks for 提级 and for
    交叉执行 to 龙华; the intermediate bureau designates 琼山 for a 美兰 case."""
    from cases.services.transfers import decide_transfer, raise_transfer_request

    if TransferRequest.objects.exists():
        return 0
    xy = list(_open_cases("琼0105", today, age=30)[:2])
    ml = _open_cases("琼0108", today, age=30).first()
    if len(xy) < 2 or ml is None:
        return 0
    district, leader = _user("xy_director"), _user("zy_leader")
    plans = [
        (
            district,
            xy[0],
            TransferKind.ELEVATED,
            None,
            TransferReason.DIFFICULTY,
            "被执行人系省内重点企业，涉及多地法院执行，申请提级执行",
        ),
        (
            district,
            xy[1],
            TransferKind.CROSS,
            Court.objects.get(code="琼0106").pk,
            TransferReason.CONFLICT_OF_INTEREST,
            "被执行人法定代表人系本院干警近亲属，申请交叉执行",
        ),
        (
            leader,
            ml,
            TransferKind.DESIGNATED,
            Court.objects.get(code="琼0107").pk,
            TransferReason.NEGATIVE_EXECUTION,
            "执行督查发现该案长期未采取强制措施，指定琼山法院执行",
        ),
    ]
    for user, case, kind, target, category, reason in plans:
        request = raise_transfer_request(
            user=user,
            case_id=case.pk,
            kind=kind,
            reason_category=category,
            reason=reason,
            target_court_id=target,
        )
        decide_transfer(user=leader, request_id=request.pk, approve=True, opinion="同意。")
    return len(plans)


DISTRICT_JUDGES = {
    "琼0105": "xy_judge",
    "琼0106": "lh_judge",
    "琼0107": "qs_judge",
    "琼0108": "ml_judge",
}


def _disbursements_waiting(today: dt.date) -> int:
    """Two disbursement requests per district court waiting for the director
    (执行款发放 is approved by the bureau's leadership, DOMAIN.md §5), so a
    director's home page has approvals to decide on a fresh demo."""
    from cases.models import DisbursementRequest, Party
    from cases.services.ledger import record_receipt, request_disbursement

    if DisbursementRequest.objects.filter(status="pending", reason__startswith="演示").exists():
        return 0
    made = 0
    for code, username in DISTRICT_JUDGES.items():
        judge = _user(username)
        cases = (
            EnforcementCase.objects.filter(
                court__code=code,
                case_type=CaseType.FIRST,
                status__in=[CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS],
                team__memberships__officer__user=judge,
                disbursement_requests__isnull=True,
                filed_on__lte=today - dt.timedelta(days=20),
            )
            .distinct()
            .order_by("pk")[:2]
        )
        for case in cases:
            payee = Party.objects.filter(case=case, role="applicant").order_by("pk").first()
            if payee is None:
                continue
            # The funds arrive a few days ago (a receipt of the ledger), then the
            # judge asks for them to be paid out.
            amount = min(case.amount_claimed, Decimal("50000.00"))
            record_receipt(
                user=judge,
                case_id=case.pk,
                amount=amount,
                counterparty="被执行人",
                occurred_on=today - dt.timedelta(days=3 + made),
                idempotency_key=f"demo-waiting-{case.pk}",
                note="演示：被执行人履行",
            )
            request_disbursement(
                user=judge,
                case_id=case.pk,
                amount=amount,
                payee_id=payee.pk,
                payee_account="6222 0200 1234 5678 901",
                reason="演示：执行款到账，申请发放给申请执行人",
            )
            made += 1
    return made


# The presidents who decide in the demo (DOMAIN.md §2 "Who approves"): the
# intermediate court's, for its own cases (提级 and first instance), and 秀英's.
PRESIDENTS_JUDGES = {"琼01": "zy_judge", "琼0105": "xy_judge"}


def _president_decisions_waiting(today: dt.date) -> int:
    """For each court of ``PRESIDENTS_JUDGES``: a judge's request to extend a
    closing limit, and a 终本 the applicant did not accept, reviewed by a collegial
    panel and waiting for the president's decision."""
    from cases.models import ApplicantInterview, CaseNode, DeadlineExtension
    from cases.services.closing import record_applicant_interview
    from cases.services.nodes import request_extension

    made = 0
    for code, username in PRESIDENTS_JUDGES.items():
        if DeadlineExtension.objects.filter(
            reason__startswith="演示", node__case__court__code=code
        ).exists():
            continue
        # Implementation cases: their closing limit may be extended and they end by
        # 终本. The demo judge's own first; else a case of another team of the court,
        # asked by that team's judge (a small data set may give the judge none).
        open_cases = EnforcementCase.objects.filter(
            court__code=code,
            case_type__in=[CaseType.FIRST, CaseType.PRESERVATION, CaseType.RESUMED],
            status__in=[CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS],
            team__isnull=False,
        )
        mine = open_cases.filter(team__memberships__officer__user=_user(username))
        extendable = CaseNode.objects.filter(
            status="open",
            definition__extendable=True,
            due_on__gte=today + dt.timedelta(days=6),
        ).order_by("due_on", "pk")
        node = (
            extendable.filter(case__in=mine).first()
            or extendable.filter(case__in=open_cases).select_related("case").first()
        )
        if node is not None:
            request_extension(
                user=_team_judge(node.case),
                node_id=node.pk,
                days=30,
                reason="演示：被执行人名下房产正在评估拍卖，需延长执行期限",
                today=today,
            )
            made += 1
        old_enough = dict(filed_on__lte=today - dt.timedelta(days=100), interviews__isnull=True)
        case = (
            mine.filter(**old_enough).order_by("pk").first()
            or open_cases.filter(**old_enough).order_by("pk").first()
        )
        if case is not None and not ApplicantInterview.objects.filter(case=case).exists():
            record_applicant_interview(
                user=_team_judge(case),
                case_id=case.pk,
                held_on=today - dt.timedelta(days=2),
                record="演示：约谈申请执行人，告知查控结果及终结本次执行程序的后果；申请执行人不同意终本，经合议庭评议，报院长审批。",
                applicant_confirmed=False,
                collegial_review=True,
            )
            made += 1
    return made


def _team_judge(case: EnforcementCase):
    """The judge who leads the case's team (the one who asks and records)."""
    from personnel.choices import TeamRole
    from personnel.models import TeamMembership

    membership = (
        TeamMembership.objects.filter(team_id=case.team_id, role=TeamRole.JUDGE)
        .select_related("officer__user")
        .order_by("ended_on", "-started_on")
        .first()
    )
    return membership.officer.user


def _criminal(today: dt.date) -> int:
    from cases.demo.criminal import seed_criminal_examples

    return seed_criminal_examples(today)


def seed_law_examples(today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    counts = {}
    for name, make in (
        ("released listings", _released_after_performance),
        ("commissions received", _commission_received),
        ("resumptions", _resumed_with_origin),
        ("reconsiderations", _reconsideration_with_origin),
        ("transfers", _transfers),
        ("disbursements waiting", _disbursements_waiting),
        ("criminal judgments", _criminal),
        # After the criminal judgments: on a small data set their cases are the
        # intermediate court's only open implementation cases.
        ("president's decisions waiting", _president_decisions_waiting),
    ):
        with transaction.atomic():
            made = make(today)
        if made:
            counts[name] = made
    return counts

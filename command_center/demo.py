"""Demo data of the command and affairs centres: deterministic, idempotent (a
second run adds nothing), built on the demo accounts and demo cases.

Online queries run inline against the sandbox with no latency. The 终本 re-query
rounds are seeded as a court running the daily job would have them: the rounds of
the last week still due (a few of them queried now), every older one done, queried
the day after it fell due and the applicant informed (``_requery_history``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import struct
import zlib
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from cases.choices import CaseStatus, CaseType
from cases.models import EnforcementCase
from command_center.choices import (
    AffairsTaskKind,
    AffairsTaskStatus,
    DispatchSeverity,
    InstitutionType,
    OperationStatus,
    OpinionSource,
    OutsourcedStatus,
    OutsourcedWork,
    Sentiment,
)
from command_center.models import (
    AffairsTask,
    Directive,
    DispatchLogEntry,
    FieldRecord,
    Institution,
    InstitutionQualification,
    Operation,
    OutsourcedTask,
    PublicOpinionItem,
    VideoConsultation,
)
from command_center.reference_data import seed_reference_data
from courts.choices import BureauKind, CourtTier
from courts.models import Bureau, Court
from haikou_exec.identifiers import make_uscc

INSTITUTIONS = [
    ("海口仲裁委员会", InstitutionType.ARBITRATION, "仲裁委员会登记证书", "海南省司法厅"),
    ("海南省海口市椰城公证处", InstitutionType.NOTARY, "公证机构执业证书", "海南省司法厅"),
    ("海南省海口市琼州公证处", InstitutionType.NOTARY, "公证机构执业证书", "海南省司法厅"),
    ("海南椰风律师事务所", InstitutionType.LAW_FIRM, "律师事务所执业许可证", "海南省司法厅"),
    ("海南南海明镜律师事务所", InstitutionType.LAW_FIRM, "律师事务所执业许可证", "海南省司法厅"),
    ("海南天衡会计师事务所", InstitutionType.ACCOUNTING, "会计师事务所执业证书", "海南省财政厅"),
    ("海口信达审计事务所有限公司", InstitutionType.AUDIT, "会计师事务所执业证书", "海南省财政厅"),
    (
        "海南产权交易所拍卖辅助中心",
        InstitutionType.AUCTION_ASSISTANCE,
        "拍卖经营批准证书",
        "海南省商务厅",
    ),
    (
        "海口嘉诚拍卖有限公司",
        InstitutionType.AUCTION_ASSISTANCE,
        "拍卖经营批准证书",
        "海南省商务厅",
    ),
    (
        "海口邮政司法专递服务中心",
        InstitutionType.SERVICE_OF_DOCUMENTS,
        "司法专递服务协议",
        "海口市中级人民法院",
    ),
    (
        "海南速达送达服务有限公司",
        InstitutionType.SERVICE_OF_DOCUMENTS,
        "送达辅助服务协议",
        "海口市中级人民法院",
    ),
]
PLACES = [
    "龙华区金盘路",
    "美兰区海府路",
    "琼山区府城镇",
    "秀英区长流镇",
    "龙华区滨海大道",
    "美兰区白龙南路",
]


def _png() -> bytes:
    """A small valid PNG (a body-camera still stand-in)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + bytes([139, 26, 26]) * 8 for _ in range(8))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def seed_command_centre(*, seed: int = 2026) -> dict[str, int]:
    """Seed everything once; returns what was added."""
    seed_reference_data()
    User = get_user_model()
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["zy_leader", "center_staff", "xy_director", "xy_judge", "lh_judge"]
        )
    }
    if len(users) < 5 or Institution.objects.exists():
        return {}
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    intermediate = Court.objects.get(tier=CourtTier.INTERMEDIATE)
    added: dict[str, int] = {}
    open_cases = list(
        EnforcementCase.objects.exclude(status=CaseStatus.CLOSED)
        .filter(team__isnull=False, case_type__in=list(CaseType.implementation_codes()))
        .select_related("court")
        .order_by("pk")[:400]
    )
    with transaction.atomic():
        added["institutions"] = _institutions(rng, intermediate, today)
        added["tasks"] = _tasks(rng, open_cases, users, now)
        added["directives"] = _directives(rng, users, today, now)
        added["operations"] = _operations(rng, users, today)
        added["consultations"], added["field_records"] = _command_records(
            rng, open_cases, users, now
        )
        added["dispatch"] = _dispatch(rng, users, now)
        added["opinion"] = _opinion(rng, open_cases, users, now)
        added["outsourced"] = _outsourced(rng, open_cases, users, today)
        added["pending_work"] = _pending_work(users, today)
    added.update(_queries(open_cases, users, today))
    return added


def _pending_work(users, today) -> int:
    """Work the demo judges' reminders and worklists show on a fresh start (issue
    16): case funds held 24 days (due soon) and 35 days (overdue, DOMAIN.md §2
    "Case funds"), and a bank freeze expiring in 12 days (renew before expiry)."""
    from cases.services.ledger import record_receipt
    from cases.services.measures import add_measure
    from personnel.models import TeamMembership

    added = 0
    for username in ("xy_judge", "lh_judge"):
        user = users[username]
        teams = set(
            TeamMembership.objects.filter(officer__user=user, ended_on__isnull=True).values_list(
                "team_id", flat=True
            )
        )
        mine = list(
            EnforcementCase.objects.filter(
                team_id__in=teams,
                case_type__in=list(CaseType.implementation_codes()),
                filed_on__lte=today - dt.timedelta(days=40),
                filed_on__gte=today - dt.timedelta(days=300),
            )
            .exclude(status=CaseStatus.CLOSED)
            .order_by("filed_on", "pk")[:3]
        )
        for case, held in zip(mine, (24, 35), strict=False):
            record_receipt(
                user=user,
                case_id=case.pk,
                amount=Decimal("36800.00") if held == 24 else Decimal("125000.00"),
                counterparty="被执行人",
                occurred_on=today - dt.timedelta(days=held),
                idempotency_key=f"demo-pending-funds-{case.pk}",
                note="演示：待发放案款",
            )
            added += 1
        if len(mine) == 3:
            add_measure(
                user=user,
                case_id=mine[2].pk,
                kind="freeze",
                asset_type="bank_deposit",
                description="中国工商银行海口分行账户存款",
                started_on=mine[2].filed_on,
                expires_on=today + dt.timedelta(days=12),
                amount=Decimal("58000.00"),
            )
            added += 1
    return added


def _institutions(rng, intermediate, today) -> int:
    for name, kind, qualification, issuer in INSTITUTIONS:
        inst = Institution.objects.create(
            court=intermediate,
            name=name,
            kind=kind,
            credit_code=make_uscc(rng),
            contact_person=rng.choice(["王", "李", "陈", "符", "吴", "林"])
            + rng.choice(["经理", "主任", "律师"]),
            phone=f"0898-6{rng.randint(1000000, 9999999)}",
            address=f"海口市{rng.choice(PLACES)}{rng.randint(1, 300)}号",
            admitted_on=today - dt.timedelta(days=rng.randint(100, 900)),
        )
        InstitutionQualification.objects.create(
            institution=inst,
            name=qualification,
            certificate_number=f"{rng.randint(10**9, 10**10 - 1)}",
            issued_by=issuer,
            valid_until=today + dt.timedelta(days=rng.randint(-30, 1200)),
        )
    return len(INSTITUTIONS)


def _tasks(rng, cases, users, now) -> int:
    centre = users["center_staff"]
    tasks = []
    limits = {
        "reception": 24,
        "drafting": 48,
        "online_query": 24,
        "service": 120,
        "property_investigation": 168,
    }
    for case in cases[:60]:
        kind = rng.choice(AffairsTaskKind.values)
        sent_at = now - dt.timedelta(hours=rng.randint(1, 24 * 12))
        status = rng.choice(
            [AffairsTaskStatus.PENDING] * 3
            + [AffairsTaskStatus.CLAIMED] * 2
            + [AffairsTaskStatus.COMPLETED] * 4
            + [AffairsTaskStatus.RETURNED]
        )
        task = AffairsTask(
            court=case.court,
            case=case,
            kind=kind,
            instructions=rng.choice(
                [
                    "请对被执行人名下财产进行网络查控。",
                    "请制作执行通知书、报告财产令并安排送达。",
                    "申请执行人来访，请做好初次接待并登记财产线索。",
                    "请向被执行人住所地邮寄送达相关法律文书。",
                    "请调查被执行人名下车辆及不动产情况。",
                ]
            ),
            sent_by=users["xy_judge"] if case.court.code == "琼0105" else users["lh_judge"],
            sent_team_id=case.team_id,
            sent_at=sent_at,
            due_at=sent_at + dt.timedelta(hours=limits[kind]),
            status=status,
        )
        if status != AffairsTaskStatus.PENDING:
            task.claimed_by, task.claimed_at = centre, sent_at + dt.timedelta(hours=2)
        if status == AffairsTaskStatus.COMPLETED:
            task.finished_at = sent_at + dt.timedelta(hours=rng.randint(3, limits[kind] + 24))
            task.result = "已办结，结果已录入案件。"
        if status == AffairsTaskStatus.RETURNED:
            task.finished_at = sent_at + dt.timedelta(hours=5)
            task.return_reason = "缺少被执行人身份信息，请补充后重新发送。"
        tasks.append(task)
    AffairsTask.objects.bulk_create(tasks)
    return len(tasks)


def _directives(rng, users, today, now) -> int:
    from command_center.models import DirectiveRecipient

    leader = users["zy_leader"]
    intermediate = Court.objects.get(tier=CourtTier.INTERMEDIATE)
    districts = list(
        Bureau.objects.filter(
            kind=BureauKind.ENFORCEMENT, court__tier=CourtTier.DISTRICT
        ).select_related("court")
    )
    specs = [
        (
            "关于开展涉民生案件专项执行的指令",
            "各区法院执行局对涉农民工工资、赡养费等涉民生案件逐案梳理，限期执结。",
            "报送涉民生案件清单及执结进度",
            -10,
            True,
        ),
        (
            "关于规范终本案件管理的指令",
            "对2024年以来终本案件逐案核查终本五项条件，发现不符合的立即恢复执行。",
            "报送核查结果及整改情况",
            7,
            False,
        ),
    ]
    for title, body, feedback, due_offset, reported in specs:
        directive = Directive.objects.create(
            court=intermediate,
            title=title,
            body=body,
            required_feedback=feedback,
            feedback_due_on=today + dt.timedelta(days=due_offset),
            issued_by=leader,
            issued_at=now - dt.timedelta(days=20),
        )
        for i, bureau in enumerate(districts):
            recipient = DirectiveRecipient(directive=directive, bureau=bureau)
            if reported and i % 2 == 0:
                recipient.status = "reported"
                recipient.acknowledged_at = recipient.reported_at = now - dt.timedelta(days=12)
                recipient.feedback = (
                    f"{bureau.court.short_name}已完成梳理，共涉及案件{rng.randint(20, 90)}件。"
                )
            elif i % 3 == 0:
                recipient.status = "acknowledged"
                recipient.acknowledged_at = now - dt.timedelta(days=18)
            recipient.save()
    return len(specs)


def _operations(rng, users, today) -> int:
    from command_center.models import OperationAssignment, OperationParticipant
    from personnel.models import Officer

    leader = users["zy_leader"]
    intermediate = Court.objects.get(tier=CourtTier.INTERMEDIATE)
    operation = Operation.objects.create(
        court=intermediate,
        name=f"{today.year}年“雷霆”集中执行行动",
        plan="全市两级法院统一部署，集中清理涉民生、涉企案件；统一调度警力、车辆和执法记录仪；行动期间每日报送战果。",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today - dt.timedelta(days=23),
        status=OperationStatus.CONCLUDED,
        created_by=leader,
    )
    try:
        from equipment.models import EquipmentItem
    except ImportError:  # pragma: no cover - the equipment app is part of the project
        EquipmentItem = None
    for bureau in Bureau.objects.filter(kind=BureauKind.ENFORCEMENT).select_related("court"):
        part = OperationParticipant.objects.create(
            operation=operation,
            bureau=bureau,
            task="集中清理辖区涉民生案件，开展夜间、凌晨突击执行。",
            cases_targeted=rng.randint(30, 90),
            cases_concluded=rng.randint(10, 29),
            amount_recovered=Decimal(rng.randint(500_000, 5_000_000)),
            detentions=rng.randint(0, 8),
            properties_controlled=rng.randint(5, 40),
            results_reported_at=timezone.now() - dt.timedelta(days=20),
            results_reported_by=leader,
        )
        for officer in Officer.objects.filter(bureau=bureau, is_active=True).order_by("pk")[:3]:
            OperationAssignment.objects.create(participant=part, officer=officer, duty="现场执行")
        if EquipmentItem is not None:
            for item in EquipmentItem.objects.filter(court=bureau.court).order_by("pk")[:2]:
                OperationAssignment.objects.get_or_create(
                    participant=part, equipment=item, defaults={"duty": "随队保障"}
                )
    return 1


def _command_records(rng, cases, users, now) -> tuple[int, int]:
    from personnel.models import Officer

    consultations = 0
    for case in cases[:3]:
        consultation = VideoConsultation.objects.create(
            court=case.court,
            subject=f"{case.case_number} 执行方案视频会商",
            case=case,
            held_at=now - dt.timedelta(days=rng.randint(1, 30)),
            other_participants="申请执行人代理律师",
            minutes="会商认为被执行人名下房产可依法处置，先行启动询价程序，同时对其银行账户续冻。",
            recorded_by=users["zy_leader"],
        )
        consultation.participants.set(
            Officer.objects.filter(bureau__court=case.court).order_by("pk")[:3]
        )
        consultations += 1
    records = 0
    for case in cases[3:8]:
        started = now - dt.timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 10))
        record = FieldRecord.objects.create(
            court=case.court,
            case=case,
            started_at=started,
            ended_at=started + dt.timedelta(hours=rng.randint(1, 4)),
            place=f"海口市{rng.choice(PLACES)}{rng.randint(1, 300)}号",
            activity=rng.choice(["现场搜查", "查封车辆", "腾房交付", "传唤被执行人", "张贴公告"]),
            account="执行人员出示证件、告知权利义务，全程执法记录仪录像，被执行人在场。",
            recorded_by=users["xy_judge"] if case.court.code == "琼0105" else users["lh_judge"],
        )
        record.officers.set(Officer.objects.filter(bureau__court=case.court).order_by("pk")[:2])
        records += 1
    first = FieldRecord.objects.order_by("pk").first()
    if first is not None:
        from command_center.services.command import attach_to_field_record

        admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        if admin is not None:
            upload = ContentFile(_png(), name="执法记录仪截图.png")
            attach_to_field_record(
                user=admin, record_id=first.pk, upload=upload, title="执法记录仪截图"
            )
    return consultations, records


def _dispatch(rng, users, now) -> int:
    entries = [
        (
            DispatchSeverity.EMERGENCY,
            "被执行人聚集多人阻挠执行，现场情绪激动",
            "增派法警6人、执法车辆2台，联系属地派出所",
        ),
        (
            DispatchSeverity.URGENT,
            "查封车辆时被执行人驾车离开",
            "调度就近执行小组拦截，通知交警协查",
        ),
        (DispatchSeverity.ROUTINE, "腾房现场需要锁匠及搬运人员", "联系协作单位到场"),
        (DispatchSeverity.URGENT, "申请执行人在法院门口聚集反映执行进度", "安排执行局值班法官接待"),
    ]
    courts = list(Court.objects.order_by("sort_order"))
    for i, (severity, situation, dispatched) in enumerate(entries):
        occurred = now - dt.timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 23))
        DispatchLogEntry.objects.create(
            court=courts[i % len(courts)],
            occurred_at=occurred,
            severity=severity,
            location=f"海口市{rng.choice(PLACES)}",
            situation=situation,
            reported_by="现场执行组",
            dispatched=dispatched,
            action_taken="已处置完毕，现场秩序恢复。" if i % 2 == 0 else "",
            status="closed" if i % 2 == 0 else "open",
            logged_by=users["center_staff"],
            handled_at=occurred + dt.timedelta(hours=1) if i % 2 == 0 else None,
            closed_at=occurred + dt.timedelta(hours=3) if i % 2 == 0 else None,
        )
    return len(entries)


def _opinion(rng, cases, users, now) -> int:
    items = [
        (OpinionSource.WEIBO, Sentiment.NEGATIVE, "网友反映执行案件久拖不结", "responded"),
        (OpinionSource.NEWS, Sentiment.POSITIVE, "媒体报道海口法院集中执行行动战果", "closed"),
        (
            OpinionSource.SHORT_VIDEO,
            Sentiment.NEGATIVE,
            "短视频称执行现场存在过激行为",
            "verifying",
        ),
        (OpinionSource.WECHAT, Sentiment.NEUTRAL, "公众号转载终本案件恢复执行案例", "new"),
        (OpinionSource.FORUM, Sentiment.NEGATIVE, "论坛帖子质疑执行款发放慢", "new"),
    ]
    for i, (source, sentiment, title, status) in enumerate(items):
        case = cases[10 + i] if len(cases) > 10 + i else None
        court = case.court if case else Court.objects.get(tier=CourtTier.INTERMEDIATE)
        PublicOpinionItem.objects.create(
            court=court,
            source=source,
            link=f"https://example.org/opinion/{i + 1}",
            title=title,
            summary=title + "，相关内容转发量较大。",
            sentiment=sentiment,
            case=case,
            discovered_at=now - dt.timedelta(days=rng.randint(1, 20)),
            status=status,
            response="已核实情况并通过官方账号回应。" if status in ("responded", "closed") else "",
            responded_at=now - dt.timedelta(days=1) if status in ("responded", "closed") else None,
            responded_by=users["center_staff"] if status in ("responded", "closed") else None,
            recorded_by=users["center_staff"],
        )
    return len(items)


def _outsourced(rng, cases, users, today) -> int:
    institutions = list(Institution.objects.order_by("pk"))
    work_of = {
        InstitutionType.AUCTION_ASSISTANCE: OutsourcedWork.AUCTION_ASSISTANCE,
        InstitutionType.SERVICE_OF_DOCUMENTS: OutsourcedWork.SERVICE_OF_DOCUMENTS,
        InstitutionType.AUDIT: OutsourcedWork.AUDIT,
        InstitutionType.ACCOUNTING: OutsourcedWork.AUDIT,
        InstitutionType.LAW_FIRM: OutsourcedWork.PROPERTY_INVESTIGATION,
        InstitutionType.NOTARY: OutsourcedWork.NOTARISATION,
        InstitutionType.ARBITRATION: OutsourcedWork.MEDIATION,
    }
    count = 0
    for i, case in enumerate(cases[20:30]):
        institution = institutions[i % len(institutions)]
        status = [
            OutsourcedStatus.COMMISSIONED,
            OutsourcedStatus.DELIVERED,
            OutsourcedStatus.ACCEPTED,
        ][i % 3]
        OutsourcedTask.objects.create(
            court=case.court,
            institution=institution,
            case=case,
            work=work_of[institution.kind],
            scope="对被执行人财产状况进行调查并出具报告。"
            if i % 2
            else "协助送达执行通知书、报告财产令。",
            deadline=today + dt.timedelta(days=rng.randint(-10, 30)),
            fee=Decimal(rng.randint(5, 80) * 100),
            status=status,
            result="已完成并提交书面报告。" if status != OutsourcedStatus.COMMISSIONED else "",
            delivered_on=today - dt.timedelta(days=3)
            if status != OutsourcedStatus.COMMISSIONED
            else None,
            rating=rng.randint(3, 5) if status == OutsourcedStatus.ACCEPTED else None,
            commissioned_by=users["center_staff"],
        )
        count += 1
    return count


# The 终本 re-query rounds the seed leaves due: those of the last week. The daily job
# (services/requery.schedule_due_requeries) queries every round the day it falls
# due, so a court that runs it has only the days' newest rounds due, not every
# round of five years: seeding them all due (442,796 at the design scale) made the
# judges' worklists and the dashboard read a backlog no court has (README "make load").
REQUERY_SEED_DUE_DAYS = 7
REQUERY_SEED_NOTICE = "（演示数据）按期网络查询被执行人财产，未发现新的财产。"
REQUERY_SEED_BATCH = 5000


def _requery_history(today: dt.date) -> int:
    """The re-query rounds due by ``today`` of every 终本 case, as the daily job
    would have left them: due when they fell due in the last
    ``REQUERY_SEED_DUE_DAYS`` days, else done the day after their due date with
    nothing found and the applicant informed (the same rows as
    ``settle_seeded_requery_rounds`` makes of an older seed). Idempotent: a round
    is unique per case and number."""
    from command_center.choices import RequeryStatus
    from command_center.models import RequeryRound
    from command_center.services.requery import due_rounds, terminated_cases

    settled_before = today - dt.timedelta(days=REQUERY_SEED_DUE_DAYS)
    zone = timezone.get_current_timezone()
    before = RequeryRound.objects.count()
    batch: list[RequeryRound] = []
    for case_id, closed_on in terminated_cases(today):
        for number, due_on in due_rounds(closed_on, today):
            row = RequeryRound(case_id=case_id, round_number=number, due_on=due_on)
            if due_on < settled_before:
                row.status = RequeryStatus.DONE
                row.done_on = due_on + dt.timedelta(days=1)
                row.applicant_notice = REQUERY_SEED_NOTICE
                row.applicant_informed_at = dt.datetime.combine(row.done_on, dt.time(10), zone)
                row.notice_reference = _seeded_sms_reference(case_id, number)
            batch.append(row)
        if len(batch) >= REQUERY_SEED_BATCH:
            RequeryRound.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    RequeryRound.objects.bulk_create(batch, ignore_conflicts=True)
    return RequeryRound.objects.count() - before


def _seeded_sms_reference(case_id: int, round_number: int) -> str:
    """A seeded round's SMS receipt, shaped like the sandbox gateway's (SMS + 12 hex
    digits, command_center.providers.sms); the settling SQL below computes the same."""
    digest = hashlib.md5(f"{case_id}|{round_number}".encode()).hexdigest()[:12]
    return "SMS" + digest.upper()


def settle_seeded_requery_rounds(today: dt.date) -> int:
    """Make a database seeded before ``_requery_history`` (every past round left
    due) what a fresh seed gives: the rounds due before the last
    ``REQUERY_SEED_DUE_DAYS`` days and never queried become done the day after
    their due date, the applicant informed. Through the ORM's update, so the audit
    trail records it (and the dashboard's cache key moves). For the bench database
    (``manage.py settle_requery_seed``); never for a court's own data."""
    from django.db.models import CharField, DateField, DateTimeField
    from django.db.models.expressions import RawSQL

    from command_center.choices import RequeryStatus
    from command_center.models import RequeryRound

    # A date plus an integer is a date; a date plus a time is a local timestamp.
    done_on = RawSQL('"due_on" + 1', [], output_field=DateField())
    informed = RawSQL(
        """("due_on" + 1 + time '10:00') AT TIME ZONE %s""",
        [str(timezone.get_current_timezone())],
        output_field=DateTimeField(),
    )
    return RequeryRound.objects.filter(
        status=RequeryStatus.DUE,
        job__isnull=True,
        due_on__lt=today - dt.timedelta(days=REQUERY_SEED_DUE_DAYS),
    ).update(
        status=RequeryStatus.DONE,
        done_on=done_on,
        applicant_notice=REQUERY_SEED_NOTICE,
        applicant_informed_at=informed,
        notice_reference=RawSQL(
            """'SMS' || upper(substr(md5("case_id"::text || '|' || "round_number"::text), 1, 12))""",
            [],
            output_field=CharField(),
        ),
    )


def _queries(cases, users, today) -> dict[str, int]:
    """One batch of 30 cases by the centre, and the 终本 re-query rounds (20 of the
    due ones queried now), inline against the sandbox with no latency."""
    from command_center.models import RequeryRound
    from command_center.services.queries import request_property_query
    from command_center.services.query_chunks import run_job_inline

    with override_settings(
        PROPERTY_QUERY_SANDBOX_LATENCY_MS=0, PROPERTY_QUERY_RETRY_BASE_SECONDS=0
    ):
        job = request_property_query(
            user=users["center_staff"], case_ids=[c.pk for c in cases[:30]], enqueue=False
        )
        run_job_inline(job.pk)
        rounds = _requery_history(today)
        some = list(
            RequeryRound.objects.filter(status="due")
            .order_by("case_id")
            .values_list("case_id", flat=True)[:20]
        )
        if some:
            requery = request_property_query(
                user=None, case_ids=some, kind="termination_requery", note="演示", enqueue=False
            )
            RequeryRound.objects.filter(status="due", case_id__in=some).update(
                status="querying", job=requery
            )
            run_job_inline(requery.pk)
        freezes = _freezes(users)
    return {"query_batches": 1 + bool(some), "requery_rounds": rounds, "freezes": freezes}


def _freezes(users) -> int:
    """Deposits the batch found, frozen online (DOMAIN.md §2 measures: 冻结 with its
    ruling): two sent and answered through the sandbox network as the query worker
    would, a third waiting to be sent, so the freeze list and the cases' measures
    show each state."""
    from cases.models import PropertyFinding
    from command_center.services.freezes import execute_freeze, request_freeze

    found = PropertyFinding.objects.filter(
        asset_type="bank_deposit",
        source="online_query",
        case__status__in=[CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS],
        freeze_requests__isnull=True,
    ).order_by("pk")[:3]
    made = 0
    for number, finding in enumerate(found, start=1):
        freeze = request_freeze(
            user=users["center_staff"],
            finding_id=finding.pk,
            amount=Decimal("50000.00"),
            ruling_number=f"（2026）琼执冻{number}号",
            enqueue=False,
        )
        if number < 3:
            execute_freeze(freeze.pk)
        made += 1
    return made

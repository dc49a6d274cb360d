"""Demo data of command (``command_center.demo``): directives with feedback, a
concluded city-wide operation, video consultations, field records with a
body-camera still, the dispatch log, and the public-opinion log."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from command_center.choices import DispatchSeverity, OperationStatus, OpinionSource, Sentiment
from command_center.models import (
    Directive,
    DispatchLogEntry,
    FieldRecord,
    Operation,
    PublicOpinionItem,
    VideoConsultation,
)
from courts.choices import BureauKind, CourtTier
from courts.models import Bureau, Court

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

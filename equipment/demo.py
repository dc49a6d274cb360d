"""Demo equipment for the five courts: the standards, an inventory per court
near (some above, some below) its standard, assignments, inspections with
results and rectification, and this year's compliance scores.

Bulk and deterministic for a given seed and day; idempotent (a court that
already has inventory or inspections is left alone)."""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courts.choices import BureauKind, CourtTier
from courts.models import Court
from equipment.choices import CheckResult, EquipmentCategory, InspectionStatus, ItemStatus
from equipment.models import (
    EquipmentAssignment,
    EquipmentInspection,
    EquipmentItem,
    EquipmentStandard,
    InspectionCheckItem,
    InspectionFollowUp,
    add_years,
)
from equipment.services.compliance import record_compliance_score
from equipment.services.inspections import checklist_for, score_of
from personnel.models import Officer

C = EquipmentCategory
# category: (district quantity, intermediate quantity, specification, inspection points)
STANDARDS = {
    C.COMMAND_DISPATCH: (
        1,
        2,
        "执行指挥中心调度平台 1 套：大屏显示、视频会商、单兵图传接入，与中院指挥中心联网",
        "与中院指挥中心视频联调正常\n值班记录完整",
    ),
    C.VEHICLE: (
        6,
        10,
        "执行专用车辆，喷涂统一标识，配车载视频与北斗/GPS 定位",
        "车辆年检有效\n车载视频与定位运行正常",
    ),
    C.COMMUNICATIONS: (
        20,
        40,
        "数字对讲机或执法通讯终端，支持集群通话，每名外勤干警 1 台",
        "通讯终端可正常入网",
    ),
    C.RECORDER: (
        30,
        50,
        "执法记录仪：1080P、连续录像不少于 8 小时、加密存储，外勤人员人手 1 台",
        "执法记录仪数据按规定上传存储\n外出执行人员随身佩戴",
    ),
    C.SMART_ENFORCEMENT: (
        2,
        4,
        "智慧执行系统：移动执行终端、网络查控终端，接入执行案件流程管理系统",
        "移动执行终端账号与案件系统同步",
    ),
    C.STORAGE: (
        2,
        4,
        "数据存储不少于 20TB（执法音视频保存不少于 2 年）及涉案物品保管柜",
        "音视频存储容量余量不低于 20%",
    ),
    C.OTHER: (
        10,
        20,
        "防刺服、防护头盔、强光手电、破拆工具等外勤防护与处置物资",
        "",
    ),
}
# category: (serial code, service life in years, names, specifications, unit price)
CATALOGUE = {
    C.COMMAND_DISPATCH: ("CMD", 8, ["执行指挥调度平台"], ["HK-ECP 3.0"], 380000),
    C.VEHICLE: (
        "VEH",
        8,
        ["执行专用车", "执行指挥车"],
        ["大众帕萨特 1.4T", "丰田普拉多 2.7L", "江铃全顺 V348"],
        230000,
    ),
    C.COMMUNICATIONS: (
        "COM",
        6,
        ["数字对讲机", "执法通讯终端"],
        ["海能达 PD780", "摩托罗拉 XiR P8668i", "华为 EP820"],
        3200,
    ),
    C.RECORDER: ("REC", 5, ["执法记录仪"], ["DSJ-V9 4G", "DSJ-H8 1080P", "海康 DS-MH2211"], 2980),
    C.SMART_ENFORCEMENT: (
        "SMT",
        6,
        ["移动执行终端", "网络查控终端"],
        ["执行通 M3", "查控一体机 C2"],
        18000,
    ),
    C.STORAGE: (
        "STO",
        6,
        ["音视频存储服务器", "涉案物品保管柜"],
        ["浪潮 NF5280 40TB", "智能保管柜 24 门"],
        56000,
    ),
    C.OTHER: (
        "OTH",
        5,
        ["防刺服", "防护头盔", "强光手电", "破拆工具组"],
        ["GA 68-2019 二级", "通用型"],
        850,
    ),
}
# How well each court meets its standard (share of the required quantity held).
COURT_FILL = {"琼01": 1.15, "琼0105": 1.05, "琼0106": 0.9, "琼0107": 0.8, "琼0108": 0.7}


def seed_equipment(*, seed: int = 2026, today: datetime.date | None = None) -> dict[str, int]:
    """Seed standards, inventories, assignments, inspections and scores."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    intermediate = Court.objects.get(tier=CourtTier.INTERMEDIATE)
    leader = _inspection_leader(intermediate)
    counts = {"standards": 0, "items": 0, "assignments": 0, "inspections": 0}
    with transaction.atomic():
        counts["standards"] = _seed_standards(intermediate)
        for court in Court.objects.order_by("sort_order"):
            if not EquipmentItem.objects.filter(court=court).exists():
                items, assignments = _seed_inventory(court, rng, today, leader)
                counts["items"] += items
                counts["assignments"] += assignments
            if court.tier == CourtTier.DISTRICT and not court.equipment_inspections.exists():
                counts["inspections"] += _seed_inspections(court, rng, today, leader)
        if today == timezone.localdate():  # scores are only ever computed for now
            for court in Court.objects.order_by("sort_order"):
                record_compliance_score(court)
    return counts


def _inspection_leader(intermediate: Court):
    officer = (
        Officer.objects.filter(
            bureau__court=intermediate, bureau__kind=BureauKind.ENFORCEMENT, role="director"
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return officer


def _seed_standards(intermediate: Court) -> int:
    wanted = []
    for category, (district_n, intermediate_n, spec, points) in STANDARDS.items():
        for tier, n in ((CourtTier.DISTRICT, district_n), (CourtTier.INTERMEDIATE, intermediate_n)):
            wanted.append(
                EquipmentStandard(
                    issued_by=intermediate,
                    tier=tier,
                    category=category,
                    required_quantity=n,
                    specification=spec,
                    inspection_points=points,
                )
            )
    existing = set(EquipmentStandard.objects.values_list("tier", "category"))
    new = [s for s in wanted if (s.tier, s.category) not in existing]
    EquipmentStandard.objects.bulk_create(new)
    return len(new)


def _seed_inventory(
    court: Court, rng: random.Random, today: datetime.date, leader
) -> tuple[int, int]:
    officers = list(
        Officer.objects.filter(bureau__court=court, is_active=True)
        .select_related("user")
        .order_by("badge_number")
    )
    fill = COURT_FILL.get(court.code, 1.0)
    index = 0 if court.tier == CourtTier.DISTRICT else 1
    digits = court.code.removeprefix("琼")
    items: list[EquipmentItem] = []
    for category, standard in STANDARDS.items():
        code, life, names, specs, price = CATALOGUE[category]
        required = standard[index]
        # Enough so that, after the aged and broken ones, the court sits near its fill.
        quantity = max(1, round(required * fill * 1.25))
        for n in range(1, quantity + 1):
            purchased = today - datetime.timedelta(days=rng.randint(60, 365 * (life + 1)))
            status = rng.choices(
                [
                    ItemStatus.IN_STOCK,
                    ItemStatus.IN_USE,
                    ItemStatus.UNDER_REPAIR,
                    ItemStatus.SCRAPPED,
                    ItemStatus.LOST,
                ],
                weights=[55, 30, 7, 6, 2],
            )[0]
            items.append(
                EquipmentItem(
                    court=court,
                    category=category,
                    name=rng.choice(names),
                    specification=rng.choice(specs),
                    serial_number=f"HK{digits}-{code}-{n:04d}",
                    status=status,
                    purchase_date=purchased,
                    service_life_years=life,
                    service_end_on=add_years(purchased, life),
                    custodian=rng.choice(officers) if officers else None,
                    unit_price=price,
                )
            )
    EquipmentItem.objects.bulk_create(items, batch_size=500)
    assignments = []
    assigned_by = (
        leader.user if leader else get_user_model().objects.filter(is_superuser=True).first()
    )
    for item in items:
        if item.status != ItemStatus.IN_USE:
            continue
        officer = rng.choice(officers) if officers and rng.random() < 0.8 else None
        operation = (
            ""
            if officer and rng.random() < 0.6
            else (f"（{today.year}）琼{digits}执{rng.randint(100, 9999)}号 现场执行")
        )
        assignments.append(
            EquipmentAssignment(
                item=item,
                officer=officer,
                operation_reference=operation,
                assigned_at=timezone.now() - datetime.timedelta(days=rng.randint(0, 20)),
                due_back_on=today + datetime.timedelta(days=rng.randint(1, 30)),
                assigned_by=assigned_by,
            )
        )
    EquipmentAssignment.objects.bulk_create(assignments)
    return len(items), len(assignments)


def _seed_inspections(court: Court, rng: random.Random, today: datetime.date, leader) -> int:
    """A past inspection with results (passed, closed after rectification, or
    still rectifying) and an upcoming one."""
    scheduler = (
        leader.user if leader else get_user_model().objects.filter(is_superuser=True).first()
    )
    conducted = today - datetime.timedelta(
        days=rng.randint(20, min(120, max(today.timetuple().tm_yday - 1, 20)))
    )
    outcome = {
        "琼0105": "passed",
        "琼0106": "closed",
        "琼0107": "rectifying",
        "琼0108": "rectifying",
    }.get(court.code, "passed")
    past = EquipmentInspection.objects.create(
        court=court,
        scheduled_on=conducted,
        scheduled_by=scheduler,
        inspector=leader,
        status=InspectionStatus.SCHEDULED,
    )
    lines = checklist_for(court)
    failing = (
        set()
        if outcome == "passed"
        else set(rng.sample(range(1, len(lines)), k=min(2, len(lines) - 1)))
    )
    checks = [
        InspectionCheckItem(
            inspection=past,
            category=category,
            description=text,
            sort_order=i,
            result=CheckResult.FAIL if i in failing else CheckResult.PASS,
            remark="数量不足或配置不符合标准，限期整改" if i in failing else "",
        )
        for i, (category, text) in enumerate(lines)
    ]
    InspectionCheckItem.objects.bulk_create(checks)
    past.conducted_on = conducted
    past.score = score_of([c.result for c in checks])
    past.summary = "装备台账与实物基本相符。" + (
        "" if outcome == "passed" else "部分装备未达标准，已下达整改通知。"
    )
    if outcome == "passed":
        past.status = InspectionStatus.PASSED
        past.closed_at = timezone.now()
    elif outcome == "closed":
        past.status = InspectionStatus.CLOSED
        past.rectification_deadline = conducted + datetime.timedelta(days=30)
        past.closed_at = timezone.now()
    else:
        past.status = InspectionStatus.RECTIFYING
        # 琼山's deadline falls within the week (the reminder shows it), 美兰's later.
        past.rectification_deadline = today + datetime.timedelta(
            days=5 if court.code == "琼0107" else 25
        )
    past.save()
    if outcome == "closed":
        InspectionFollowUp.objects.bulk_create(
            [
                InspectionFollowUp(
                    inspection=past,
                    kind="reported",
                    note="已补充配备执法记录仪并完成车辆年检。",
                    recorded_by=scheduler,
                ),
                InspectionFollowUp(
                    inspection=past,
                    kind="accepted",
                    note="经复查，整改到位。",
                    recorded_by=scheduler,
                ),
            ]
        )
    upcoming = EquipmentInspection.objects.create(
        court=court,
        scheduled_on=today
        + datetime.timedelta(days={"琼0105": 5}.get(court.code, rng.randint(15, 60))),
        scheduled_by=scheduler,
        inspector=leader,
    )
    InspectionCheckItem.objects.bulk_create(
        [
            InspectionCheckItem(
                inspection=upcoming, category=category, description=text, sort_order=i
            )
            for i, (category, text) in enumerate(lines)
        ]
    )
    return 2

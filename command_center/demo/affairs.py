"""Demo data of the affairs centre (``command_center.demo``): the outside
institutions on the roster with their qualifications, the tasks teams sent the
centre in every state, and the work outsourced to the institutions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from command_center.choices import (
    AffairsTaskKind,
    AffairsTaskStatus,
    InstitutionType,
    OutsourcedStatus,
    OutsourcedWork,
)
from command_center.demo.command import PLACES
from command_center.models import (
    AffairsTask,
    Institution,
    InstitutionQualification,
    OutsourcedTask,
)
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

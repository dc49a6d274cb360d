"""Demo people data (DOMAIN.md §6): profiles, histories of positions with directors
near and over 5 years, headcount and quotas, the talent pool, seminars, research,
secondments, training, exchanges, appointments and reports of duties.

Bulk, deterministic (a per-officer random generator seeded from the badge number,
dates relative to the day of seeding) and idempotent: each part runs only where
its rows are missing. Demo data only: it writes through the ORM, not the services
(which check who acts); the services are what the pages and the API use."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from courts.choices import CourtTier
from courts.models import Bureau, Court
from personnel.choices import (
    AppointmentStatus,
    DutyReportStatus,
    Education,
    ExchangeDirection,
    LegalQualification,
    OfficerRole,
    Post,
    Rank,
    ResearchKind,
)
from personnel.models import (
    DirectorAppointment,
    DutyReport,
    Officer,
    Position,
    PostQuota,
    ResearchOutput,
    Secondment,
    Seminar,
    Specialty,
    StaffingQuota,
    TalentPoolMember,
    Training,
    TrialExchange,
    birth_date_from_resident_id,
)
from personnel.roles import group_name

SPECIALTIES = [
    ("财产查控", "网络查控、线下调查与财产线索核实"),
    ("拍卖变卖", "评估、网络司法拍卖与变卖"),
    ("执行异议审查", "执行异议、复议与案外人异议"),
    ("刑事涉财产执行", "罚金、没收、责令退赔的执行"),
    ("执转破", "执行案件移送破产审查"),
    ("执行信访", "执行信访与矛盾化解"),
    ("信息化建设", "智慧执行系统与数据分析"),
    ("调查研究", "疑难问题研究与规范性文件起草"),
]
SEMINAR_TOPICS = [
    ("夫妻共同财产的执行与案外人异议", "被执行人配偶主张份额的，如何在执行中析产？"),
    ("以房抵债协议与网络司法拍卖的冲突", "拍卖前已签订以房抵债协议的，买受人权利如何保护？"),
    ("终本案件恢复执行的启动条件", "财产线索的审查标准与依职权恢复执行的边界。"),
    ("刑事裁判涉财产部分的执行顺位", "退赔被害人与其他民事债务的清偿顺序如何把握？"),
    ("被执行人股权的冻结与处置", "有限责任公司股权的评估与其他股东优先购买权。"),
    ("执行款发放超期的成因与对策", "30日内发放的要求与账户信息不全的处理。"),
    ("失信名单的屏蔽、删除与信用修复", "履行完毕后3个工作日内删除的操作规范。"),
    ("交叉执行中的协作与卷宗移交", "电子卷宗随案移送与案款余额结转。"),
]
RESEARCH_TITLES = [
    ("海口法院执行案件繁简分流机制研究", ResearchKind.REPORT),
    ("网络司法拍卖流拍后变卖程序的实证分析", ResearchKind.PAPER),
    ("一例涉股权执行异议案件的审查思路", ResearchKind.CASE_STUDY),
    ("执行事务中心集约化办理事务性工作指引", ResearchKind.GUIDANCE),
    ("终本案件动态管理的实践与完善", ResearchKind.PAPER),
    ("刑事涉财产执行与减刑假释衔接问题研究", ResearchKind.REPORT),
]
TRAININGS = [
    ("执行实务短训班（第一期）", "海口市中级人民法院", 32),
    ("网络查控与财产调查专题培训", "海南省高级人民法院", 16),
    ("执行信访与舆情应对培训", "海口市中级人民法院", 8),
    ("智慧执行系统操作培训", "海口市中级人民法院执行事务中心", 12),
    ("刑事涉财产执行业务培训", "海口市中级人民法院刑事执行局", 16),
]
TRIAL_DEPARTMENTS = ["立案庭", "民事审判第一庭", "民事审判第二庭", "商事审判庭", "行政审判庭"]

# Years in post of each bureau's director, in bureau order (pk): some over the
# 5-year line, some coming due (4.5+), some recent.
DIRECTOR_SERVICE = [
    relativedelta(years=5, months=3),
    relativedelta(years=4, months=8),
    relativedelta(years=2, months=1),
    relativedelta(years=6, months=1),
    relativedelta(years=4, months=7),
    relativedelta(years=1, months=4),
]

_EDUCATION_MIX = {
    OfficerRole.JUDGE: [(Education.MASTER, 40), (Education.BACHELOR, 55), (Education.DOCTORATE, 5)],
    OfficerRole.DIRECTOR: [
        (Education.MASTER, 60),
        (Education.BACHELOR, 30),
        (Education.DOCTORATE, 10),
    ],
    OfficerRole.DEPUTY_DIRECTOR: [(Education.MASTER, 55), (Education.BACHELOR, 45)],
    OfficerRole.ASSISTANT: [(Education.MASTER, 30), (Education.BACHELOR, 70)],
    OfficerRole.CLERK: [(Education.BACHELOR, 55), (Education.COLLEGE, 45)],
    OfficerRole.JUDICIAL_POLICE: [
        (Education.BACHELOR, 35),
        (Education.COLLEGE, 55),
        (Education.SECONDARY, 10),
    ],
}
_QUALIFICATION_MIX = {
    OfficerRole.JUDGE: [(LegalQualification.CLASS_A, 100)],
    OfficerRole.DIRECTOR: [(LegalQualification.CLASS_A, 100)],
    OfficerRole.DEPUTY_DIRECTOR: [(LegalQualification.CLASS_A, 100)],
    OfficerRole.ASSISTANT: [(LegalQualification.CLASS_A, 75), (LegalQualification.NONE, 25)],
    OfficerRole.CLERK: [(LegalQualification.NONE, 75), (LegalQualification.CLASS_C, 25)],
    OfficerRole.JUDICIAL_POLICE: [(LegalQualification.NONE, 90), (LegalQualification.CLASS_C, 10)],
}
_RANKS = {
    OfficerRole.DIRECTOR: [Rank.SENIOR_JUDGE_3, Rank.SENIOR_JUDGE_4],
    OfficerRole.DEPUTY_DIRECTOR: [Rank.SENIOR_JUDGE_4, Rank.JUDGE_1],
    OfficerRole.JUDGE: [Rank.JUDGE_1, Rank.JUDGE_2, Rank.JUDGE_3, Rank.JUDGE_4],
    OfficerRole.ASSISTANT: [Rank.PRINCIPAL_STAFF_3, Rank.PRINCIPAL_STAFF_4, Rank.STAFF_1],
    OfficerRole.CLERK: [Rank.STAFF_1, Rank.STAFF_2, Rank.PRINCIPAL_STAFF_4],
    OfficerRole.JUDICIAL_POLICE: [Rank.POLICE],
}
_DEFAULT_MIX = [(Education.BACHELOR, 70), (Education.MASTER, 30)]


def _pick(rng: random.Random, pairs):
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def _rng(officer: Officer, salt: str = "") -> random.Random:
    return random.Random(f"{officer.badge_number}:{salt}")


def seed_people(*, seed: int = 2026, today: datetime.date | None = None) -> dict[str, int]:
    """Everything of issue 6 for the demo officers; returns what was added."""
    today = today or timezone.localdate()
    with transaction.atomic():
        done = {
            "directors": _ensure_directors(),
            "profiles": _seed_profiles(),
            "positions": _seed_positions(today),
            "quotas": _seed_quotas(),
            "specialties": _seed_specialties(),
        }
        done["talent"] = _seed_talent_pool(today, seed)
        done["seminars"] = _seed_seminars(today, seed)
        done["research"] = _seed_research(today, seed)
        done["secondments"] = _seed_secondments(today, seed)
        done["trainings"] = _seed_trainings(today, seed)
        done["exchanges"] = _seed_exchanges(today, seed)
        done["appointments"] = _seed_appointments(today)
        done["duty_reports"] = _seed_duty_reports(today)
    return done


def _ensure_directors() -> int:
    """Every bureau has a director: where none is seeded, the first deputy (by
    badge; a judge when there is none) becomes director, with the director's group."""
    promoted = 0
    groups = {g.name: g for g in Group.objects.filter(name__startswith="role:")}
    for bureau in Bureau.objects.order_by("pk"):
        if Officer.objects.filter(bureau=bureau, role=OfficerRole.DIRECTOR).exists():
            continue
        deputy = (
            Officer.objects.filter(
                bureau=bureau,
                role__in=[OfficerRole.DEPUTY_DIRECTOR, OfficerRole.JUDGE],
                is_active=True,
            )
            .exclude(badge_number__startswith="D")  # never a fixed demo login
            .order_by("role", "badge_number")  # "deputy_director" sorts before "judge"
            .first()
        )
        if deputy is None:
            continue
        deputy.role = OfficerRole.DIRECTOR
        deputy.save(update_fields=["role"])
        deputy.user.groups.remove(*groups.values())
        deputy.user.groups.add(groups[group_name(OfficerRole.DIRECTOR)])
        promoted += 1
    return promoted


def _seed_profiles() -> int:
    officers = list(Officer.objects.filter(education=""))
    for o in officers:
        rng = _rng(o, "profile")
        o.birth_date = o.birth_date or birth_date_from_resident_id(o.id_number)
        o.education = _pick(rng, _EDUCATION_MIX.get(o.role, _DEFAULT_MIX))
        o.legal_qualification = _pick(
            rng, _QUALIFICATION_MIX.get(o.role, [(LegalQualification.CLASS_A, 50), ("none", 50)])
        )
        o.rank = rng.choice(_RANKS.get(o.role, [Rank.PRINCIPAL_STAFF_4]))
    Officer.objects.bulk_update(
        officers, ["birth_date", "education", "legal_qualification", "rank"], batch_size=1000
    )
    return len(officers)


def _seed_positions(today: datetime.date) -> int:
    """A history for every officer without one: the current post, and for many an
    earlier one. Directors' runs are set so that some are due or coming due; some
    directors were deputies of the same bureau first (the run continues)."""
    have = set(Position.objects.values_list("officer_id", flat=True).distinct())
    bureau_order = {
        pk: i for i, pk in enumerate(Bureau.objects.order_by("pk").values_list("pk", flat=True))
    }
    other_bureau = dict(
        zip(bureau_order, list(bureau_order)[1:] + list(bureau_order)[:1], strict=True)
    )
    rows = []
    for o in Officer.objects.filter(is_active=True).order_by("pk"):
        if o.pk in have:
            continue
        rng = _rng(o, "positions")
        post = Post.for_role(o.role)
        if o.role == OfficerRole.DIRECTOR:
            run_start = today - DIRECTOR_SERVICE[bureau_order[o.bureau_id] % len(DIRECTOR_SERVICE)]
            if bureau_order[o.bureau_id] % 2 == 0:
                # Deputy first, director later: one run in the same bureau.
                promoted = run_start + relativedelta(years=2)
                rows.append(
                    Position(
                        officer=o,
                        bureau_id=o.bureau_id,
                        post=Post.DEPUTY_DIRECTOR,
                        started_on=run_start,
                        ended_on=promoted - relativedelta(days=1),
                        end_reason="promotion",
                    )
                )
                rows.append(
                    Position(officer=o, bureau_id=o.bureau_id, post=post, started_on=promoted)
                )
            else:
                rows.append(
                    Position(officer=o, bureau_id=o.bureau_id, post=post, started_on=run_start)
                )
            earlier_end = run_start - relativedelta(days=1)
            rows.append(
                Position(
                    officer=o,
                    bureau_id=other_bureau[o.bureau_id],
                    post=Post.JUDGE,
                    started_on=earlier_end - relativedelta(years=rng.randint(3, 6)),
                    ended_on=earlier_end,
                    end_reason="promotion",
                )
            )
            continue
        if o.role == OfficerRole.DEPUTY_DIRECTOR:
            months = rng.choice([8, 20, 38, 52, 55, 58, 63, 70])  # some near and over 5 years
            start = today - relativedelta(months=months)
            acting = rng.random() < 0.1
        else:
            start = today - relativedelta(months=rng.randint(3, 96))
            acting = False
        rows.append(
            Position(
                officer=o, bureau_id=o.bureau_id, post=post, started_on=start, is_acting=acting
            )
        )
        if rng.random() < 0.5:
            before = start - relativedelta(days=1 + rng.choice([0, 0, 0, 30, 200]))
            prev_post = {
                OfficerRole.JUDGE: Post.ASSISTANT,
                OfficerRole.ASSISTANT: Post.CLERK,
                OfficerRole.DEPUTY_DIRECTOR: Post.JUDGE,
            }.get(o.role, post)
            rows.append(
                Position(
                    officer=o,
                    bureau_id=o.bureau_id,
                    post=prev_post,
                    started_on=before - relativedelta(years=rng.randint(2, 5)),
                    ended_on=before,
                    end_reason="promotion",
                )
            )
    Position.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _seed_quotas() -> int:
    added = 0
    for bureau in Bureau.objects.select_related("court").order_by("pk"):
        if StaffingQuota.objects.filter(bureau=bureau).exists():
            continue
        rng = random.Random(f"quota:{bureau.pk}:{bureau.name}")
        in_service = Officer.objects.filter(bureau=bureau, is_active=True).count()
        StaffingQuota.objects.create(
            bureau=bureau,
            headcount=max(in_service + rng.randint(-2, 5), 5),
            basis=f"琼编办〔{timezone.localdate().year - 2}〕{rng.randint(10, 99)}号",
        )
        deputies = 3 if bureau.court.tier == CourtTier.INTERMEDIATE else 2
        judges = max(round(in_service * 0.25), 2)
        quotas = {
            Post.DIRECTOR: 1,
            Post.DEPUTY_DIRECTOR: deputies,
            Post.JUDGE: judges,
            Post.ASSISTANT: judges + rng.randint(0, 3),
            Post.CLERK: judges + rng.randint(-1, 2),
            Post.JUDICIAL_POLICE: max(round(in_service * 0.1), 1),
        }
        PostQuota.objects.bulk_create(
            [PostQuota(bureau=bureau, post=p, quota=max(q, 0)) for p, q in quotas.items()]
        )
        added += 1
    return added


def _seed_specialties() -> int:
    added = 0
    for name, description in SPECIALTIES:
        _obj, created = Specialty.objects.get_or_create(
            name=name, defaults={"description": description}
        )
        added += created
    return added


def _seed_talent_pool(today, seed) -> int:
    if TalentPoolMember.objects.exists():
        return 0
    rng = random.Random(f"talent:{seed}")
    specialties = list(Specialty.objects.order_by("name"))
    candidates = list(
        Officer.objects.filter(
            is_active=True,
            role__in=[OfficerRole.JUDGE, OfficerRole.ASSISTANT, OfficerRole.DEPUTY_DIRECTOR],
            birth_date__gt=today - relativedelta(years=45),
        ).order_by("pk")
    )
    chosen = [o for o in candidates if rng.random() < 0.3]
    members = TalentPoolMember.objects.bulk_create(
        [
            TalentPoolMember(officer=o, joined_on=today - relativedelta(months=rng.randint(1, 40)))
            for o in chosen
        ]
    )
    Through = TalentPoolMember.specialties.through
    Through.objects.bulk_create(
        [
            Through(talentpoolmember_id=m.pk, specialty_id=s.pk)
            for m in members
            for s in rng.sample(specialties, rng.randint(1, 3))
        ]
    )
    return len(members)


def _participants(rng, court: Court | None, k: int) -> list[int]:
    qs = Officer.objects.filter(
        is_active=True,
        role__in=[
            OfficerRole.JUDGE,
            OfficerRole.ASSISTANT,
            OfficerRole.DEPUTY_DIRECTOR,
            OfficerRole.DIRECTOR,
        ],
    )
    if court is not None and not court.is_intermediate:
        qs = qs.filter(bureau__court=court)
    ids = list(qs.order_by("pk").values_list("pk", flat=True))
    return rng.sample(ids, min(k, len(ids)))


def _seed_seminars(today, seed) -> int:
    if Seminar.objects.exists():
        return 0
    rng = random.Random(f"seminars:{seed}")
    courts = list(Court.objects.order_by("sort_order"))
    created = 0
    for i, (topic, question) in enumerate(SEMINAR_TOPICS):
        court = courts[0] if i % 2 == 0 else courts[1 + i % (len(courts) - 1)]
        seminar = Seminar.objects.create(
            court=court,
            topic=topic,
            held_on=today - relativedelta(days=30 + 45 * i),
            question=question,
            outcome="形成会议纪要，统一裁量尺度，相关意见报中院执行局审定后下发各区法院参照执行。",
        )
        seminar.participants.set(_participants(rng, court, rng.randint(6, 14)))
        created += 1
    return created


def _seed_research(today, seed) -> int:
    if ResearchOutput.objects.exists():
        return 0
    rng = random.Random(f"research:{seed}")
    seminars = list(Seminar.objects.order_by("pk"))
    for i, (title, kind) in enumerate(RESEARCH_TITLES):
        seminar = seminars[i] if i < len(seminars) else None
        court = seminar.court if seminar else Court.objects.order_by("sort_order").first()
        output = ResearchOutput.objects.create(
            court=court,
            title=title,
            kind=kind,
            completed_on=today - relativedelta(days=20 + 60 * i),
            venue=rng.choice(["《海南审判》", "海口中院调研成果汇编", "中院执行局内部刊物", ""]),
            summary="围绕执行实践中的突出问题，梳理现行规定与本地做法，提出规范建议。",
            seminar=seminar,
        )
        output.authors.set(_participants(rng, court, rng.randint(1, 3)))
    return len(RESEARCH_TITLES)


def _seed_secondments(today, seed) -> int:
    if Secondment.objects.exists():
        return 0
    rng = random.Random(f"secondments:{seed}")
    from courts.choices import BureauKind

    zy = Bureau.objects.get(court__tier=CourtTier.INTERMEDIATE, kind=BureauKind.ENFORCEMENT)
    districts = list(Bureau.objects.filter(court__tier=CourtTier.DISTRICT).order_by("pk"))
    young = Officer.objects.filter(
        is_active=True,
        role__in=[OfficerRole.JUDGE, OfficerRole.ASSISTANT],
        birth_date__gt=today - relativedelta(years=40),
    ).order_by("pk")
    rows = []
    for i, district in enumerate(districts):
        up = young.filter(bureau=district).first()  # district → intermediate
        down = (
            young.filter(bureau=zy).exclude(pk__in=[r.officer_id for r in rows])[i : i + 1].first()
        )
        start = today - relativedelta(months=rng.randint(1, 10))
        if up:
            rows.append(
                Secondment(
                    officer=up,
                    home_bureau=district,
                    host_bureau=zy,
                    post="中院执行局法官助理（挂职）",
                    started_on=start,
                    ended_on=start + relativedelta(years=1),
                )
            )
        if down:
            rows.append(
                Secondment(
                    officer=down,
                    home_bureau=zy,
                    host_bureau=district,
                    post="执行局副局长（挂职）",
                    started_on=start,
                    ended_on=start + relativedelta(years=1),
                )
            )
    Secondment.objects.bulk_create(rows)
    return len(rows)


def _seed_trainings(today, seed) -> int:
    if Training.objects.exists():
        return 0
    rng = random.Random(f"trainings:{seed}")
    court = Court.objects.get(tier=CourtTier.INTERMEDIATE)
    for i, (title, organiser, hours) in enumerate(TRAININGS):
        starts = today - relativedelta(days=15 + 50 * i)
        training = Training.objects.create(
            court=court,
            title=title,
            organiser=organiser,
            starts_on=starts,
            ends_on=starts + datetime.timedelta(days=max(hours // 8 - 1, 0)),
            hours=Decimal(hours),
            location="海口市中级人民法院培训中心",
        )
        training.participants.set(_participants(rng, None, rng.randint(15, 40)))
    return len(TRAININGS)


def _seed_exchanges(today, seed) -> int:
    if TrialExchange.objects.exists():
        return 0
    rng = random.Random(f"exchanges:{seed}")
    judges = list(Officer.objects.filter(is_active=True, role=OfficerRole.JUDGE).order_by("pk"))
    rows = []
    for i, officer in enumerate(rng.sample(judges, min(6, len(judges)))):
        start = today - relativedelta(months=rng.randint(2, 30))
        rows.append(
            TrialExchange(
                officer=officer,
                bureau_id=officer.bureau_id,
                direction=ExchangeDirection.FROM_TRIAL if i % 2 else ExchangeDirection.TO_TRIAL,
                department=rng.choice(TRIAL_DEPARTMENTS),
                started_on=start,
                ended_on=start + relativedelta(years=1) if i % 3 == 0 else None,
                note="执行与审判部门双向交流",
            )
        )
    TrialExchange.objects.bulk_create(rows)
    return len(rows)


def _seed_appointments(today) -> int:
    """秀英's director took office with consent (history kept); 龙华 proposes a
    deputy as director, awaiting the intermediate court."""
    if DirectorAppointment.objects.exists():
        return 0
    User = get_user_model()
    leader = User.objects.filter(username="zy_leader").first()
    created = 0
    xy = Officer.objects.filter(user__username="xy_director").first()
    position = (
        Position.objects.filter(officer=xy, post=Post.DIRECTOR).order_by("-started_on").first()
    )
    if xy and leader and position:
        now = timezone.now()
        DirectorAppointment.objects.create(
            bureau_id=position.bureau_id,
            candidate=xy,
            effective_on=position.started_on,
            reason="该同志执行业务精通，任副局长期间分管执行实施工作成效明显。",
            status=AppointmentStatus.EFFECTIVE,
            proposed_by=xy.user,
            opinion="同意。",
            decided_by=leader,
            decided_at=now,
            took_effect_at=now,
            position=position,
        )
        created += 1
    lh_deputy = (
        Officer.objects.filter(
            bureau__court__code="琼0106",
            role__in=[OfficerRole.DEPUTY_DIRECTOR, OfficerRole.JUDGE],
            is_active=True,
        )
        .exclude(badge_number__startswith="D")
        .order_by("role", "badge_number")
        .first()
    )
    if lh_deputy is not None:
        DirectorAppointment.objects.create(
            bureau_id=lh_deputy.bureau_id,
            candidate=lh_deputy,
            effective_on=today + relativedelta(months=1),
            reason="拟提名该同志任执行局局长，现报请中院执行局审核同意。",
            proposed_by=lh_deputy.user,
        )
        created += 1
    return created


def _seed_duty_reports(today) -> int:
    if DutyReport.objects.exists():
        return 0
    year = today.year - 1
    leader = get_user_model().objects.filter(username="zy_leader").first()
    rows = []
    for i, director in enumerate(
        Officer.objects.filter(role=OfficerRole.DIRECTOR, is_active=True)
        .select_related("bureau")
        .order_by("bureau_id", "pk")
    ):
        scored = leader is not None and director.user_id != leader.pk and i % 2 == 0
        rows.append(
            DutyReport(
                officer=director,
                bureau=director.bureau,
                year=year,
                text=(
                    f"{year}年度述职报告\n\n一、履行“一岗双责”情况……\n二、执行质效指标完成情况……\n"
                    "三、队伍建设与党风廉政建设……\n四、存在的问题与下一步打算……"
                ),
                status=DutyReportStatus.SCORED if scored else DutyReportStatus.SUBMITTED,
                submitted_at=timezone.now() - datetime.timedelta(days=30),
                score=Decimal(80 + (i * 7) % 17) if scored else None,
                score_comment="履职尽责，质效指标完成较好。" if scored else "",
                scored_by=leader if scored else None,
                scored_at=timezone.now() - datetime.timedelta(days=10) if scored else None,
            )
        )
    DutyReport.objects.bulk_create(rows)
    return len(rows)

"""Demo officers: the fixed demo accounts of DESIGN.md plus realistic colleagues.

Built for bulk: one password hash shared by every demo user, bulk inserts in
batches, deterministic for a given seed."""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from faker import Faker
from tqdm import tqdm

from courts.choices import BureauKind
from courts.models import Bureau
from haikou_exec.identifiers import make_resident_id
from personnel.choices import OfficerRole
from personnel.models import Officer
from personnel.roles import group_name

DEMO_PASSWORD = "demo-pass-2026"

# login, name, court short name, bureau kind, role, description
DEMO_ACCOUNTS = [
    (
        "zy_leader",
        "王建国",
        "海口中院",
        BureauKind.ENFORCEMENT,
        OfficerRole.DIRECTOR,
        "中院执行局局长",
    ),
    ("zy_judge", "李明华", "海口中院", BureauKind.ENFORCEMENT, OfficerRole.JUDGE, "中院执行局法官"),
    (
        "xs_judge",
        "陈志强",
        "海口中院",
        BureauKind.CRIMINAL_ENFORCEMENT,
        OfficerRole.JUDGE,
        "刑事执行局法官",
    ),
    (
        "xy_director",
        "符海燕",
        "秀英法院",
        BureauKind.ENFORCEMENT,
        OfficerRole.DIRECTOR,
        "秀英法院执行局局长",
    ),
    (
        "xy_judge",
        "吴文杰",
        "秀英法院",
        BureauKind.ENFORCEMENT,
        OfficerRole.JUDGE,
        "秀英法院执行法官",
    ),
    (
        "xy_assistant",
        "林晓婷",
        "秀英法院",
        BureauKind.ENFORCEMENT,
        OfficerRole.ASSISTANT,
        "秀英法院法官助理",
    ),
    ("xy_clerk", "黄丽娜", "秀英法院", BureauKind.ENFORCEMENT, OfficerRole.CLERK, "秀英法院书记员"),
    # The presidents approve extensions of the closing term (DOMAIN.md §2).
    (
        "zy_president",
        "韩立新",
        "海口中院",
        BureauKind.ENFORCEMENT,
        OfficerRole.PRESIDENT,
        "海口中院院长",
    ),
    (
        "xy_president",
        "钟伟民",
        "秀英法院",
        BureauKind.ENFORCEMENT,
        OfficerRole.PRESIDENT,
        "秀英法院院长",
    ),
    (
        "lh_judge",
        "周国平",
        "龙华法院",
        BureauKind.ENFORCEMENT,
        OfficerRole.JUDGE,
        "龙华法院执行法官",
    ),
    (
        "qs_judge",
        "郑小龙",
        "琼山法院",
        BureauKind.ENFORCEMENT,
        OfficerRole.JUDGE,
        "琼山法院执行法官",
    ),
    (
        "ml_judge",
        "邢志远",
        "美兰法院",
        BureauKind.ENFORCEMENT,
        OfficerRole.JUDGE,
        "美兰法院执行法官",
    ),
    (
        "center_staff",
        "云晓梅",
        "海口中院",
        BureauKind.ENFORCEMENT,
        OfficerRole.CENTER_STAFF,
        "执行事务中心工作人员",
    ),
    (
        "xy_admin",
        "蔡文博",
        "秀英法院",
        BureauKind.ENFORCEMENT,
        OfficerRole.SYSTEM_ADMIN,
        "秀英法院系统管理员",
    ),
    (
        "supervisor",
        "冯正义",
        "海口中院",
        BureauKind.ENFORCEMENT,
        OfficerRole.SUPERVISOR,
        "监督专员",
    ),
]

# Shape of a bureau's staff beyond the demo accounts (share of the whole).
_ROLE_MIX = [
    (OfficerRole.JUDGE, 0.25),
    (OfficerRole.ASSISTANT, 0.25),
    (OfficerRole.CLERK, 0.25),
    (OfficerRole.JUDICIAL_POLICE, 0.12),
    (OfficerRole.CENTER_STAFF, 0.08),
    (OfficerRole.DEPUTY_DIRECTOR, 0.05),
]


def seed_demo_accounts(courts: dict) -> None:
    """The DESIGN.md demo logins, idempotently (the password is reset each time)."""
    User = get_user_model()
    password_hash = make_password(DEMO_PASSWORD)
    admin, _ = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True}
    )
    admin.password = password_hash
    admin.is_staff = admin.is_superuser = True
    admin.save()
    for index, (login, name, court_short, kind, role, _desc) in enumerate(DEMO_ACCOUNTS):
        bureau = Bureau.objects.get(court=courts[court_short], kind=kind)
        user, _ = User.objects.get_or_create(username=login)
        user.password = password_hash
        user.first_name = name
        user.is_staff = role in OfficerRole.leadership_roles() or role in {
            OfficerRole.SUPERVISOR,
            OfficerRole.SYSTEM_ADMIN,
        }
        user.save()
        officer, _ = Officer.objects.update_or_create(
            user=user,
            defaults={
                "name": name,
                "bureau": bureau,
                "role": role,
                "badge_number": f"D{index + 1:05d}",
                "id_number": make_resident_id(random.Random(login)),
            },
        )
        user.groups.set([Group.objects.get(name=group_name(role))])


def seed_officers(*, per_bureau: int, seed: int, batch_size: int = 1000) -> int:
    """Bulk-create colleagues up to ``per_bureau`` officers per bureau."""
    User = get_user_model()
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    password_hash = make_password(DEMO_PASSWORD)
    groups = {g.name: g for g in Group.objects.filter(name__startswith="role:")}
    created = 0
    bureaus = list(Bureau.objects.select_related("court").order_by("pk"))
    for bureau in tqdm(bureaus, desc="officers", unit="bureau", disable=None):
        existing = Officer.objects.filter(bureau=bureau).count()
        missing = per_bureau - existing
        if missing <= 0:
            continue
        prefix = f"{bureau.court.code[1:]}{'x' if bureau.kind == BureauKind.CRIMINAL_ENFORCEMENT else 'z'}"
        start = Officer.objects.filter(badge_number__startswith=prefix.upper()).count()
        plan = []
        for i in range(missing):
            role = rng.choices([r for r, _ in _ROLE_MIX], weights=[w for _, w in _ROLE_MIX])[0]
            number = start + i + 1
            plan.append(
                (f"{prefix}{number:05d}", fake.name(), role, f"{prefix.upper()}{number:05d}")
            )
        for chunk_start in range(0, len(plan), batch_size):
            chunk = plan[chunk_start : chunk_start + batch_size]
            users = User.objects.bulk_create(
                [
                    User(username=login, first_name=name, password=password_hash)
                    for login, name, _, _ in chunk
                ]
            )
            officers = Officer.objects.bulk_create(
                [
                    Officer(
                        user=user,
                        name=name,
                        bureau=bureau,
                        role=role,
                        badge_number=badge,
                        phone=fake.phone_number(),
                        id_number=make_resident_id(rng, birth_year_range=(1965, 2000)),
                    )
                    for user, (_, name, role, badge) in zip(users, chunk, strict=True)
                ]
            )
            Through = User.groups.through
            Through.objects.bulk_create(
                [
                    Through(user_id=o.user_id, group_id=groups[group_name(o.role)].pk)
                    for o in officers
                ]
            )
            created += len(officers)
    return created


def seed_teams(*, started_on=None) -> int:
    """One team per judge: the judge with a free assistant and a free clerk of the
    same bureau. The 秀英 demo judge, assistant and clerk form one team."""
    import datetime

    from personnel.choices import TeamRole
    from personnel.models import Team, TeamMembership

    started_on = started_on or datetime.date(2026, 1, 1)
    created = 0
    busy = set(
        TeamMembership.objects.filter(ended_on__isnull=True).values_list("officer_id", flat=True)
    )
    for bureau in Bureau.objects.select_related("court").order_by("pk"):
        officers = sorted(
            Officer.objects.filter(bureau=bureau, is_active=True),
            # Demo accounts (badge D…) first, so xy_judge takes xy_assistant and xy_clerk.
            key=lambda o: (not o.badge_number.startswith("D"), o.badge_number),
        )
        pool = {
            role: [o for o in officers if o.role == role and o.pk not in busy]
            for role in OfficerRole.values
        }
        teams, memberships = [], []
        number = Team.objects.filter(bureau=bureau).count()
        for judge in pool[OfficerRole.JUDGE]:
            if not pool[OfficerRole.ASSISTANT] or not pool[OfficerRole.CLERK]:
                break
            assistant = pool[OfficerRole.ASSISTANT].pop(0)
            clerk = pool[OfficerRole.CLERK].pop(0)
            number += 1
            team = Team(
                name=f"{bureau.court.short_name}执行{number}组（{judge.name}）", bureau=bureau
            )
            teams.append((team, judge, assistant, clerk))
        Team.objects.bulk_create([t for t, *_ in teams])
        for team, judge, assistant, clerk in teams:
            for officer, role in (
                (judge, TeamRole.JUDGE),
                (assistant, TeamRole.ASSISTANT),
                (clerk, TeamRole.CLERK),
            ):
                memberships.append(
                    TeamMembership(team=team, officer=officer, role=role, started_on=started_on)
                )
        TeamMembership.objects.bulk_create(memberships)
        created += len(teams)
    return created


def seed_people(*, seed: int = 2026) -> dict[str, int]:
    """Profiles, positions, quotas, talent pool, appointments and reports of duties
    (issue 6); see ``personnel.demo.people``. Idempotent."""
    from personnel.demo.people import seed_people as _seed_people

    return _seed_people(seed=seed)

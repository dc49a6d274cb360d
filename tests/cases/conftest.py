import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model

from cases.reference_data_criminal import seed_criminal_reference_data
from cases.services.filing import FilingData, file_case
from cases.services.parties import PartyData
from cases.services.transfers import record_petition
from courts.models import Bureau
from haikou_exec.identifiers import make_resident_id, make_uscc
from tests.cases.helpers import court

TODAY = dt.date(2026, 11, 27)


def filing_data(
    *, filed_on=None, amount="250000.00", case_type="执", court_id=None, seed=1, **extra
) -> FilingData:
    import random

    rng = random.Random(seed)
    return FilingData(
        case_type=case_type,
        title_issuer="海口市龙华区人民法院",
        title_document_number=f"（2025）琼0106民初{1000 + seed}号",
        title_effective_on=dt.date(2025, 12, 1),
        amount_claimed=Decimal(amount),
        filed_on=filed_on or dt.date(2026, 3, 2),
        cause="民间借贷纠纷",
        court_id=court_id,
        parties=[
            PartyData(
                role="applicant", kind="natural", name="王海生", id_number=make_resident_id(rng)
            ),
            PartyData(
                role="respondent",
                kind="legal",
                name="海南椰城贸易有限公司",
                id_number=make_uscc(rng),
            ),
        ],
        **extra,
    )


def file_on_its_day(user, data: FilingData):
    """File as the user on the filing date itself: the filing date is the day of
    filing (DOMAIN.md §2), so a test that needs an older case files it that day."""
    import time_machine

    moment = dt.datetime.combine(data.filed_on, dt.time(10), tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        return file_case(user=user, data=data)


@pytest.fixture
def user(org):
    def _user(username):
        return get_user_model().objects.get(username=username)

    return _user


@pytest.fixture
def xy_case(org, user):
    """A first-enforcement case of 秀英, assigned to the 秀英 demo team."""
    from cases.services.assignment import assign_case
    from personnel.models import Team

    case = file_on_its_day(user("xy_judge"), filing_data())
    team = Team.objects.get(
        bureau__court__code="琼0105", memberships__officer__user__username="xy_judge"
    )
    assign_case(
        user=user("xy_director"), case_id=case.pk, team_id=team.pk, reason="承办法官专业对口"
    )
    case.refresh_from_db()
    return case


@pytest.fixture
def candidates(org, user):
    """秀英: a case against a 秀英 district government body; 龙华: a long-pending
    high-value case; 美兰: a case with repeated petitions; one ordinary case."""
    local = filing_data(seed=11)
    local.parties[1] = PartyData(
        role="respondent",
        kind="legal",
        name="海口市秀英区某街道办事处",
        nature="government",
        district="秀英区",
    )
    local.filed_on = dt.date(2026, 11, 24)
    local_case = file_on_its_day(user("xy_judge"), local)
    old = filing_data(
        seed=12, court_id=court("琼0106").pk, amount="2500000.00", filed_on=dt.date(2025, 6, 2)
    )
    old.title_effective_on = dt.date(2025, 3, 1)
    old_case = file_on_its_day(user("zy_leader"), old)
    petitioned = file_on_its_day(
        user("zy_leader"),
        filing_data(seed=13, court_id=court("琼0108").pk, filed_on=dt.date(2026, 11, 20)),
    )
    for day in (21, 24):
        record_petition(
            user=user("zy_leader"),
            case_id=petitioned.pk,
            received_on=dt.date(2026, 11, day),
            petitioner="王海生",
            summary="反映执行迟缓。",
        )
    ordinary = file_on_its_day(
        user("xy_judge"), filing_data(seed=14, filed_on=dt.date(2026, 11, 25))
    )
    return {"local": local_case, "old": old_case, "petitioned": petitioned, "ordinary": ordinary}


@pytest.fixture
def criminal(org, user):
    """The criminal enforcement bureau's node definitions and a team around xs_judge."""
    from personnel.models import Officer, Team, TeamMembership

    seed_criminal_reference_data()  # a transactional test's flush wipes migration rows
    bureau = Bureau.objects.get(kind="criminal_enforcement")
    team = Team.objects.create(name="刑事执行一组（陈志强）", bureau=bureau)
    TeamMembership.objects.create(
        team=team,
        officer=Officer.objects.get(user__username="xs_judge"),
        role="judge",
        started_on=dt.date(2026, 1, 1),
    )
    return team

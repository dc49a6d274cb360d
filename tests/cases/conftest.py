import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model

from cases.services.filing import FilingData, file_case
from cases.services.parties import PartyData
from haikou_exec.identifiers import make_resident_id, make_uscc

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

"""Dates (issue 17, finding 6; DOMAIN.md §2 "The filing date is the day of
filing"): a filing is dated today, or registered late (补录) by the director
with a reason, at most 30 days back; events lie between the filing and today;
an auction's result comes after the auction."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from cases.models import CaseNumberSequence, EnforcementCase
from cases.services import measures
from tests.cases.conftest import filing_data

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = dt.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _on_a_set_day():
    with time_machine.travel(dt.datetime(2026, 11, 27, 10, tzinfo=SHANGHAI), tick=True):
        yield


def _payload(filed_on: dt.date, **extra) -> dict:
    data = filing_data(seed=41)
    return {
        "case_type": "执",
        "title_issuer": data.title_issuer,
        "title_document_number": data.title_document_number,
        "title_effective_on": "2025-06-01",
        "amount_claimed": "5000.00",
        "filed_on": filed_on.isoformat(),
        "parties": [
            {"role": p.role, "kind": p.kind, "name": p.name, "id_number": p.id_number}
            for p in data.parties
        ],
        **extra,
    }


def _post(client, filed_on, **extra):
    return client.post(
        "/api/v1/cases/", _payload(filed_on, **extra), content_type="application/json"
    )


@pytest.mark.django_db
def test_a_filing_400_days_back_takes_no_number_of_last_year(org, login):
    response = _post(login("xy_judge"), DAY - dt.timedelta(days=400))
    assert response.status_code == 400, response.content
    assert "filed_on" in response.json()
    assert not EnforcementCase.objects.exists()
    assert not CaseNumberSequence.objects.filter(year=2025).exists()


@pytest.mark.django_db
def test_a_late_registration_needs_a_reason_and_the_director(org, login):
    ten_days_ago = DAY - dt.timedelta(days=10)
    # A judge, even with a reason: the director registers it.
    response = _post(
        login("xy_judge"), ten_days_ago, late_registration_reason="系统故障未能当日立案"
    )
    assert response.status_code == 400
    assert "局长" in " ".join(response.json()["filed_on"])
    # The director without a reason.
    response = _post(login("xy_director"), ten_days_ago)
    assert response.status_code == 400
    assert "理由" in " ".join(response.json()["filed_on"])
    # The director, more than 30 days back.
    response = _post(
        login("xy_director"), DAY - dt.timedelta(days=31), late_registration_reason="系统故障"
    )
    assert response.status_code == 400
    assert "30" in " ".join(response.json()["filed_on"])
    # The director, with the reason, within 30 days: registered, and it says so.
    response = _post(
        login("xy_director"), ten_days_ago, late_registration_reason="系统故障未能当日立案"
    )
    assert response.status_code == 201, response.content
    case = EnforcementCase.objects.get()
    assert case.filed_on == ten_days_ago
    assert case.late_registration_reason == "系统故障未能当日立案"
    assert case.late_registration_approved_by.username == "xy_director"
    # Today needs nothing.
    assert _post(login("xy_judge"), DAY).status_code == 201


@pytest.mark.django_db
def test_events_lie_between_the_filing_and_today(xy_case, user):
    judge = user("xy_judge")
    tomorrow = DAY + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as err:
        measures.record_investigation(
            user=judge, case_id=xy_case.pk, kind="on_site", done_on=tomorrow, outcome="x"
        )
    assert "done_on" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        measures.add_measure(
            user=judge,
            case_id=xy_case.pk,
            kind="consumption_restriction",
            description="限高",
            started_on=tomorrow,
        )
    assert "started_on" in err.value.message_dict
    restriction = measures.add_measure(
        user=judge,
        case_id=xy_case.pk,
        kind="consumption_restriction",
        description="限高",
        started_on=dt.date(2026, 3, 10),
    )
    with pytest.raises(ValidationError) as err:
        measures.release_measure(
            user=judge, measure_id=restriction.pk, released_on=dt.date(2026, 3, 1)
        )
    assert "released_on" in err.value.message_dict


@pytest.mark.django_db
def test_an_auction_result_is_recorded_after_the_auction_only(xy_case, user, login):
    judge = user("xy_judge")
    seizure = measures.add_measure(
        user=judge,
        case_id=xy_case.pk,
        kind="seizure",
        asset_type="real_estate",
        description="海口市秀英区滨海大道88号房产",
        started_on=dt.date(2026, 10, 1),
        expires_on=dt.date(2029, 9, 30),
    )
    auction = measures.schedule_auction_round(
        user=judge,
        measure_id=seizure.pk,
        appraisal_value=Decimal("1000000"),
        starting_price=Decimal("700000"),
        deposit=Decimal("70000"),
        announced_on=dt.date(2026, 11, 20),
        auction_on=dt.date(2026, 12, 21),
    )
    from django.urls import reverse

    url = reverse("cases:auction_result", kwargs={"case_id": xy_case.pk, "round_id": auction.pk})
    response = login("xy_judge").post(url, {"result": "sold", "sold_price": "800000"})
    assert response.status_code == 200
    assert "2026年12月21日" in response.content.decode()
    auction.refresh_from_db()
    assert auction.result == "pending"
    with time_machine.travel(dt.datetime(2026, 12, 21, 16, tzinfo=SHANGHAI), tick=False):
        measures.record_auction_result(
            user=judge, round_id=auction.pk, result="sold", sold_price=Decimal("800000")
        )
    auction.refresh_from_db()
    assert auction.result == "sold"

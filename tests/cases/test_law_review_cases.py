"""A review case (执异, 执复, 执监, 执协, 执他) examines an objection or a request about
an enforcement; the measures, investigation, online queries and funds belong to
the implementation case it concerns (DOMAIN.md §2 "Review cases close as
reviews"; cases.services.common.ensure_implementation). The services refuse them
on a review case, its page does not offer them, and its state reads 审查中."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.models import CaseAccount, LedgerEntry, Measure
from cases.services import ledger, measures
from command_center.services.queries import request_property_query
from tests.cases.conftest import file_on_its_day, filing_data
from tests.command_center.conftest import assign_to_xy_team

DAY = dt.datetime(2026, 7, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
ON = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _on_a_set_day():
    with time_machine.travel(DAY, tick=True):
        yield


@pytest.fixture
def review(org, user):
    case = file_on_its_day(user("xy_judge"), filing_data(case_type="执异", seed=5))
    return assign_to_xy_team(case, user)


@pytest.fixture
def enforced(org, user):
    case = file_on_its_day(user("xy_judge"), filing_data(case_type="执", seed=6))
    return assign_to_xy_team(case, user)


def _refused(call) -> str:
    with translation.override("zh-hans"), pytest.raises(ValidationError) as err:
        call()
    return " ".join(err.value.messages)


@pytest.mark.django_db
def test_the_services_refuse_enforcement_acts_on_a_review_case(user, review, enforced):
    judge = user("xy_judge")
    expected = f"{review.case_number}是执行审查类案件"
    message = _refused(
        lambda: measures.add_measure(
            user=judge,
            case_id=review.pk,
            kind="freeze",
            asset_type="bank_deposit",
            description="工商银行账户",
            started_on=ON,
            expires_on=dt.date(2027, 5, 31),
        )
    )
    assert expected in message and "执行实施案件" in message
    assert expected in _refused(
        lambda: ledger.record_receipt(
            user=judge,
            case_id=review.pk,
            amount=Decimal("100.00"),
            counterparty="被执行人",
            occurred_on=ON,
            idempotency_key="review-receipt",
        )
    )
    assert expected in _refused(
        lambda: measures.record_investigation(
            user=judge, case_id=review.pk, kind="on_site", done_on=ON, outcome="现场调查"
        )
    )
    assert expected in _refused(
        lambda: measures.record_finding(
            user=judge,
            case_id=review.pk,
            source="applicant_clue",
            asset_type="vehicle",
            description="琼A12345",
        )
    )
    assert "执行审查类案件不能查控" in _refused(
        lambda: request_property_query(user=judge, case_ids=[review.pk], enqueue=False)
    )
    # Nothing was written for the review case; the implementation case takes them.
    assert not Measure.objects.filter(case=review).exists()
    assert not LedgerEntry.objects.filter(account__case=review).exists()
    measures.add_measure(
        user=judge,
        case_id=enforced.pk,
        kind="freeze",
        asset_type="bank_deposit",
        description="工商银行账户",
        started_on=ON,
        expires_on=dt.date(2027, 5, 31),
    )
    ledger.record_receipt(
        user=judge,
        case_id=enforced.pk,
        amount=Decimal("100.00"),
        counterparty="被执行人",
        occurred_on=ON,
        idempotency_key="enforced-receipt",
    )
    assert CaseAccount.objects.get(case=enforced).total_received == Decimal("100.00")


@pytest.mark.django_db
def test_a_review_case_page_offers_no_enforcement_acts(login, review, enforced):
    client = login("xy_judge")
    page = client.get(f"/cases/{review.pk}/").content.decode()
    for act in (
        'id="act-measure"',
        'id="act-query"',
        'id="record-receipt"',
        "/investigation",
        "/interview",
    ):
        assert act not in page, act
    assert 'id="funds"' not in page  # no funds panel while nothing was received
    assert 'id="measures"' not in page and 'id="investigations"' not in page
    assert 'id="close-case"' in page and 'id="act-party"' in page
    page = client.get(f"/cases/{enforced.pk}/").content.decode()
    for act in (
        'id="act-measure"',
        'id="act-query"',
        'id="record-receipt"',
        'id="funds"',
        'id="measures"',
        'id="investigations"',
        "/investigation",
        "/interview",
    ):
        assert act in page, act

    # Only implementation cases move between courts: the director, who may request
    # a transfer, is offered it on the 执 case only.
    director = login("xy_director")
    assert 'id="request-transfer"' in director.get(f"/cases/{enforced.pk}/").content.decode()
    assert 'id="request-transfer"' not in director.get(f"/cases/{review.pk}/").content.decode()

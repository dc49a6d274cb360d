"""Closing conditions (issue 17, finding 1; DOMAIN.md §2 "Who files what, and what
each closing needs"): 执行完毕 only on performance shown by the ledger or by
evidence in the dossier, only by the handling judge or the bureau's leadership,
never on review cases; 不予执行 only for arbitral awards and notarised debts."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import DossierFile, EnforcementCase
from cases.services import closing, ledger
from tests.cases.conftest import file_on_its_day, filing_data

DAY = dt.datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
CLOSED_ON = dt.date(2026, 7, 1)


@pytest.fixture(autouse=True)
def _on_a_set_day():
    with time_machine.travel(DAY, tick=True):
        yield


def _close_page(client, case, **data):
    case.refresh_from_db()
    return client.post(
        reverse("cases:case_close", kwargs={"case_id": case.pk}),
        {"version": case.version, "closed_on": CLOSED_ON.isoformat(), **data},
    )


def _fund_and_pay_out(case, user, amount: str) -> None:
    """The whole amount arrives and is paid out to the applicant (the account is
    empty again, as closing requires)."""
    judge, director = user("xy_judge"), user("xy_director")
    ledger.record_receipt(
        user=judge,
        case_id=case.pk,
        amount=amount,
        counterparty="海南椰城贸易有限公司",
        occurred_on=dt.date(2026, 5, 6),
        idempotency_key=f"law-{case.pk}-{amount}",
    )
    applicant = case.parties.get(role="applicant")
    request, _created = ledger.request_disbursement(
        user=judge,
        case_id=case.pk,
        amount=amount,
        payee_id=applicant.pk,
        payee_account="6222021234567890",
        idempotency_key=f"law-pay-{case.pk}-{amount}",
    )
    ledger.decide_disbursement(user=director, request_id=request.pk, approve=True, opinion="同意")


def _evidence(case, title="执行和解协议履行完毕确认书") -> DossierFile:
    return DossierFile.objects.create(
        case=case,
        category="hearing",
        title=title,
        file=f"dossier/{case.pk}-settlement.pdf",
        original_name="settlement.pdf",
        content_type="application/pdf",
        size=10,
        sha256=str(case.pk).ljust(64, "a")[:64],
    )


@pytest.mark.django_db
def test_fully_executed_with_nothing_recovered_is_refused_on_the_page(xy_case, login):
    response = _close_page(login("xy_judge"), xy_case, closing_type="fully_executed")
    assert response.status_code == 200
    text = response.content.decode()
    # The rule and what is missing, in Chinese: 0 of 250,000 recovered.
    assert "执行完毕须已履行完毕" in text and "250000.00" in text
    xy_case.refresh_from_db()
    assert xy_case.status != "closed"


@pytest.mark.django_db
def test_fully_executed_with_part_recovered_names_the_shortfall(xy_case, user):
    _fund_and_pay_out(xy_case, user, "100000.00")
    with pytest.raises(ValidationError) as err:
        closing.close_case(
            user=user("xy_judge"),
            case_id=xy_case.pk,
            closing_type="fully_executed",
            closed_on=CLOSED_ON,
        )
    message = " ".join(err.value.messages)
    assert "100000.00 of 250000.00" in message and "Missing: 150000.00" in message


@pytest.mark.django_db
def test_fully_executed_when_the_ledger_shows_the_whole_amount(xy_case, user, login):
    _fund_and_pay_out(xy_case, user, "250000.00")
    response = _close_page(login("xy_judge"), xy_case, closing_type="fully_executed")
    assert response.status_code == 302, response.content.decode()[-3000:]
    xy_case.refresh_from_db()
    assert (xy_case.status, xy_case.closing_type, xy_case.performance_basis) == (
        "closed",
        "fully_executed",
        "ledger",
    )


@pytest.mark.django_db
def test_a_performed_settlement_needs_its_evidence_in_the_dossier(xy_case, login):
    client = login("xy_judge")
    response = _close_page(
        client, xy_case, closing_type="fully_executed", performance_basis="settlement_performed"
    )
    assert response.status_code == 200
    assert "须有证据" in response.content.decode()
    evidence = _evidence(xy_case)
    response = _close_page(
        client,
        xy_case,
        closing_type="fully_executed",
        performance_basis="settlement_performed",
        performance_evidence=evidence.pk,
    )
    assert response.status_code == 302
    xy_case.refresh_from_db()
    assert xy_case.closing_type == "fully_executed"
    assert xy_case.performance_basis == "settlement_performed"
    assert xy_case.performance_evidence_id == evidence.pk


@pytest.mark.django_db
def test_evidence_from_another_case_is_refused(xy_case, user, org):
    other = file_on_its_day(user("xy_judge"), filing_data(seed=7))
    with pytest.raises(ValidationError) as err:
        closing.close_case(
            user=user("xy_judge"),
            case_id=xy_case.pk,
            closing_type="fully_executed",
            closed_on=CLOSED_ON,
            performance_basis="applicant_confirmation",
            performance_evidence_id=_evidence(other).pk,
        )
    assert "performance_evidence" in err.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["xy_clerk", "xy_assistant"])
def test_a_clerk_or_assistant_of_the_team_cannot_close(xy_case, user, login, username):
    _fund_and_pay_out(xy_case, user, "250000.00")
    # The clerk is a member of the handling team and may change the case …
    client = login(username)
    assert client.get(reverse("cases:case_close", kwargs={"case_id": xy_case.pk})).status_code == (
        200
    )
    # … but closing is for the handling judge or the leadership.
    response = _close_page(client, xy_case, closing_type="fully_executed")
    assert response.status_code == 200
    assert "只有承办法官或执行局领导可以结案" in response.content.decode()
    xy_case.refresh_from_db()
    assert xy_case.status != "closed"


@pytest.mark.django_db
def test_the_director_may_close(xy_case, user, login):
    _fund_and_pay_out(xy_case, user, "250000.00")
    assert _close_page(
        login("xy_director"), xy_case, closing_type="fully_executed"
    ).status_code == (302)


@pytest.mark.django_db
@pytest.mark.parametrize("closing_type", ["fully_executed", "terminated_procedure", "refused"])
def test_a_review_case_never_closes_as_an_implementation_case(org, user, login, closing_type):
    director = user("xy_director")
    case = file_on_its_day(user("xy_judge"), filing_data(case_type="执异", seed=3))
    with pytest.raises(ValidationError) as err:
        closing.close_case(
            user=director, case_id=case.pk, closing_type=closing_type, closed_on=CLOSED_ON
        )
    assert "review outcome" in " ".join(err.value.messages)
    # The page offers only the review outcomes (and 销案).
    page = login("xy_director").get(reverse("cases:case_close", kwargs={"case_id": case.pk}))
    choices = page.context["form"].fields["closing_type"].choices
    assert {value for value, _label in choices} == {
        "review_dismissed",
        "review_revoked_or_varied",
        "review_withdrawn",
        "review_not_accepted",
        "review_terminated",
        "cancelled",
    }
    closed = closing.close_case(
        user=director,
        case_id=case.pk,
        closing_type="review_dismissed",
        closed_on=CLOSED_ON,
    )
    assert closed.closing_type == "review_dismissed"


@pytest.mark.django_db
def test_refusal_only_for_arbitral_awards_and_notarised_debts(xy_case, user, org):
    with pytest.raises(ValidationError, match="arbitral awards and notarised"):
        closing.close_case(
            user=user("xy_judge"), case_id=xy_case.pk, closing_type="refused", closed_on=CLOSED_ON
        )
    arbitral = file_on_its_day(user("xy_judge"), filing_data(origin="arbitration", seed=4))
    closed = closing.close_case(
        user=user("xy_director"),
        case_id=arbitral.pk,
        closing_type="refused",
        closed_on=CLOSED_ON,
    )
    assert closed.closing_type == "refused"
    assert EnforcementCase.objects.get(pk=xy_case.pk).status != "closed"

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from cases.models import CaseAccount, CaseNode, LedgerEntry
from cases.services import ledger
from haikou_exec.errors import validation_error_status


@pytest.mark.django_db
def test_receipt_is_idempotent_and_updates_recovered_amount(xy_case, user):
    judge = user("xy_judge")
    args = dict(
        user=judge,
        case_id=xy_case.pk,
        amount="50000.00",
        counterparty="海南椰城贸易有限公司",
        occurred_on=dt.date(2026, 5, 6),
        idempotency_key="bank:20260506:001",
    )
    first, created = ledger.record_receipt(**args)
    again, created_again = ledger.record_receipt(**args)
    assert created and not created_again and first.pk == again.pk
    assert LedgerEntry.objects.filter(account__case=xy_case).count() == 1
    xy_case.refresh_from_db()
    assert xy_case.amount_recovered == Decimal("50000.00")
    node = CaseNode.objects.get(case=xy_case, definition__code="funds_disbursement")
    assert node.due_on == dt.date(2026, 6, 5) and node.trigger_ref == f"entry:{first.pk}"
    with pytest.raises(ledger.DuplicateEntryConflict):
        ledger.record_receipt(**{**args, "amount": "1.00"})


@pytest.mark.django_db
@pytest.mark.parametrize("amount", ["0", "-5", "1.005"])
def test_bad_amounts_are_refused(xy_case, user, amount):
    with pytest.raises(ValidationError) as err:
        ledger.record_receipt(
            user=user("xy_judge"),
            case_id=xy_case.pk,
            amount=amount,
            counterparty="x",
            occurred_on=dt.date(2026, 5, 6),
            idempotency_key=f"k{amount}",
        )
    assert "amount" in err.value.message_dict


@pytest.mark.django_db
def test_disbursement_needs_another_person_s_approval_and_settles_the_node(xy_case, user):
    judge, director = user("xy_judge"), user("xy_director")
    ledger.record_receipt(
        user=judge,
        case_id=xy_case.pk,
        amount="80000",
        counterparty="被执行人",
        occurred_on=dt.date(2026, 5, 6),
        idempotency_key="r1",
    )
    applicant = xy_case.parties.get(role="applicant")
    with pytest.raises(ValidationError, match="exceeds"):
        ledger.request_disbursement(
            user=judge,
            case_id=xy_case.pk,
            amount="80000.01",
            payee_id=applicant.pk,
            payee_account="6222020000000001",
        )
    req, _created = ledger.request_disbursement(
        user=judge,
        case_id=xy_case.pk,
        amount="80000",
        payee_id=applicant.pk,
        payee_account="6222020000000001",
    )
    with pytest.raises(ValidationError):
        ledger.decide_disbursement(user=judge, request_id=req.pk, approve=True)
    ledger.decide_disbursement(user=director, request_id=req.pk, approve=True, opinion="同意发放")
    # A double click gets the first decision back: paid once.
    again = ledger.decide_disbursement(user=director, request_id=req.pk, approve=True)
    assert again.pk == req.pk and again.status == "approved"
    assert LedgerEntry.objects.filter(disbursement_request=req).count() == 1
    # Another decision on a decided request: refused by APPROVAL_TRANSITIONS, a conflict (409).
    with pytest.raises(ValidationError, match="already been decided") as refused:
        ledger.decide_disbursement(user=director, request_id=req.pk, approve=False)
    assert refused.value.code == "decided" and validation_error_status(refused.value) == 409
    account = CaseAccount.objects.get(case=xy_case)
    assert account.balance == 0
    assert LedgerEntry.objects.filter(account=account, kind="disbursement").count() == 1
    assert (
        CaseNode.objects.get(case=xy_case, definition__code="funds_disbursement").status == "done"
    )


@pytest.mark.django_db(transaction=True)
def test_concurrent_disbursements_never_overdraw(xy_case, user):
    judge, director = user("xy_judge"), user("xy_director")
    ledger.record_receipt(
        user=judge,
        case_id=xy_case.pk,
        amount="100",
        counterparty="x",
        occurred_on=dt.date(2026, 5, 6),
        idempotency_key="r-race",
    )
    applicant = xy_case.parties.get(role="applicant")
    # Eight requests of 30 yuan each were raised earlier (e.g. by different clerks)
    # against 100 yuan: approving them all at once must pay out at most three.
    from cases.models import DisbursementRequest

    reqs = [
        DisbursementRequest.objects.create(
            case=xy_case,
            amount=Decimal("30"),
            payee=applicant,
            payee_account="1",
            requested_by=judge,
        )
        for _ in range(8)
    ]
    barrier = threading.Barrier(8)

    def approve(req_id):
        try:
            barrier.wait(timeout=10)
            ledger.decide_disbursement(user=director, request_id=req_id, approve=True)
            return True
        except ValidationError:
            return False
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(approve, [r.pk for r in reqs]))
    assert results.count(True) == 3
    account = CaseAccount.objects.get(case=xy_case)
    assert account.balance == Decimal("10")
    entries = LedgerEntry.objects.filter(account=account)
    assert (
        sum(e.amount for e in entries if e.kind == "receipt")
        - sum(e.amount for e in entries if e.kind == "disbursement")
        == account.balance
    )


@pytest.mark.django_db(transaction=True)
def test_the_same_receipt_raced_is_recorded_once(xy_case, user):
    judge = user("xy_judge")
    barrier = threading.Barrier(6)

    def pay(_):
        try:
            barrier.wait(timeout=10)
            return ledger.record_receipt(
                user=judge,
                case_id=xy_case.pk,
                amount="500",
                counterparty="x",
                occurred_on=dt.date(2026, 5, 6),
                idempotency_key="same-payment",
            )[1]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        created = list(pool.map(pay, range(6)))
    assert created.count(True) == 1
    assert CaseAccount.objects.get(case=xy_case).balance == Decimal("500")


@pytest.mark.django_db
def test_ledger_rows_are_append_only_and_balance_cannot_go_negative(xy_case, user):
    entry, _ = ledger.record_receipt(
        user=user("xy_judge"),
        case_id=xy_case.pk,
        amount="10",
        counterparty="x",
        occurred_on=dt.date(2026, 5, 6),
        idempotency_key="r-ao",
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=Decimal("1"))
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        CaseAccount.objects.filter(case=xy_case).update(balance=Decimal("-1"))


@pytest.mark.django_db
def test_transfer_pair_sums_to_zero(xy_case, user, org):
    from cases.services.filing import file_case
    from tests.cases.conftest import filing_data

    ledger.record_receipt(
        user=user("xy_judge"),
        case_id=xy_case.pk,
        amount="700",
        counterparty="x",
        occurred_on=dt.date(2026, 5, 6),
        idempotency_key="r-t",
    )
    target = file_case(user=None, data=filing_data(court_id=org["海口中院"].pk, seed=9))
    out, into = ledger.transfer_balance(
        user=None,
        from_case_id=xy_case.pk,
        to_case_id=target.pk,
        occurred_on=dt.date(2026, 6, 1),
        key="transfer:1",
    )
    assert out.signed_amount + into.signed_amount == 0
    assert CaseAccount.objects.get(case=xy_case).balance == 0
    assert CaseAccount.objects.get(case=target).balance == Decimal("700")


def _fund(case, user, amount: str) -> None:
    """Money on the case's account, so that disbursements can be asked for."""
    ledger.record_receipt(
        user=user("xy_judge"),
        case_id=case.pk,
        amount=amount,
        counterparty="x",
        occurred_on=dt.date(2026, 5, 6),
        idempotency_key=f"fund-{case.pk}-{amount}",
    )


@pytest.mark.django_db(transaction=True)
def test_a_disbursement_request_sent_eight_times_at_once_is_one_request(xy_case, user):
    """A double click or a retried API call: the same key, in parallel, one request;
    the repeats get the first one back. Different keys for the same sum at once are
    checked one after the other against the balance (the account is locked)."""
    from cases.models import DisbursementRequest

    judge = user("xy_judge")
    _fund(xy_case, user, "100")
    applicant = xy_case.parties.get(role="applicant")
    barrier = threading.Barrier(8)

    def ask(key):
        try:
            barrier.wait(timeout=10)
            made, created = ledger.request_disbursement(
                user=judge,
                case_id=xy_case.pk,
                amount="60",
                payee_id=applicant.pk,
                payee_account="6222",
                idempotency_key=key,
            )
            return made.pk, created
        except ValidationError:
            return None, False
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(ask, ["same-key"] * 8))
    assert len({pk for pk, _ in results}) == 1 and [c for _, c in results].count(True) == 1
    assert DisbursementRequest.objects.filter(case=xy_case).count() == 1

    # Eight different keys for 30 yuan each against the 40 left: one more fits.
    barrier = threading.Barrier(8)

    def ask_30(key):
        try:
            barrier.wait(timeout=10)
            return ledger.request_disbursement(
                user=judge,
                case_id=xy_case.pk,
                amount="30",
                payee_id=applicant.pk,
                payee_account="6222",
                idempotency_key=key,
            )[1]
        except ValidationError:
            return False
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        made = list(pool.map(ask_30, [f"key-{n}" for n in range(8)]))
    assert made.count(True) == 1
    assert DisbursementRequest.objects.filter(case=xy_case).count() == 2


@pytest.mark.django_db
def test_the_same_key_for_a_different_request_is_a_conflict(xy_case, user, login):
    import json
    import uuid

    _fund(xy_case, user, "500")
    applicant = xy_case.parties.get(role="applicant")
    body = {
        "case": xy_case.pk,
        "amount": "100.00",
        "payee": applicant.pk,
        "payee_account": "6222",
        "idempotency_key": uuid.uuid4().hex,
    }
    client = login("xy_judge")
    post = lambda data: client.post(  # noqa: E731
        "/api/v1/disbursement-requests/", json.dumps(data), content_type="application/json"
    )
    first, again = post(body), post(body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    changed = post({**body, "amount": "200.00"})
    assert changed.status_code == 409 and "idempotency_key" in changed.json()
    missing = post({k: v for k, v in body.items() if k != "idempotency_key"})
    assert missing.status_code == 400 and "idempotency_key" in missing.json()
    from cases.models import DisbursementRequest

    assert DisbursementRequest.objects.filter(case=xy_case).count() == 1


@pytest.mark.django_db
def test_the_disbursement_form_sent_twice_makes_one_request(xy_case, user, login):
    from django.urls import reverse

    from cases.models import DisbursementRequest

    _fund(xy_case, user, "500")
    client = login("xy_judge")
    url = reverse("cases:funds_disbursement_request", kwargs={"case_id": xy_case.pk})
    page = client.get(url)
    key = page.context["form"].initial["form_key"]
    data = {
        "amount": "100",
        "payee": xy_case.parties.get(role="applicant").pk,
        "payee_account": "6222",
        "form_key": key,
    }
    first, second = client.post(url, data), client.post(url, data, follow=True)
    assert first.status_code == 302
    assert "该笔发放申请已提交，未重复提交。" in second.content.decode()
    assert DisbursementRequest.objects.filter(case=xy_case).count() == 1


@pytest.mark.django_db
def test_funds_are_not_received_before_the_case_was_filed(xy_case, user):
    """DOMAIN.md §2: no event before the case's filing (issue 17, finding 6)."""
    with pytest.raises(ValidationError, match="before the case was filed"):
        ledger.record_receipt(
            user=user("xy_judge"),
            case_id=xy_case.pk,
            amount="100",
            counterparty="海南椰城贸易有限公司",
            occurred_on=xy_case.filed_on - dt.timedelta(days=1),
            idempotency_key="bank:before-filing",
        )
    assert not LedgerEntry.objects.filter(account__case=xy_case).exists()

"""The case-funds pages (执行案款) as users meet them: record a receipt (once,
however often the form is sent), request, approve and reject disbursements,
refunds, the reconciliation per court and the funds undisbursed over 30 days —
plus the disbursement API and query counts that do not grow with rows."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseAccount, CaseNode, DisbursementRequest, LedgerEntry
from cases.services import ledger
from tests.cases.conftest import file_on_its_day, filing_data

FORM_KEY = re.compile(r'name="form_key" value="([0-9a-f]{32})"')


def _url(name, case, **kwargs):
    return reverse(f"cases:{name}", kwargs={"case_id": case.pk, **kwargs})


def _open_form(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    match = FORM_KEY.search(response.content.decode())
    assert match, "the form carries a hidden idempotency key"
    return match.group(1)


def _receipt(user, case, amount, *, days_ago=1, key=None):
    return ledger.record_receipt(
        user=user,
        case_id=case.pk,
        amount=amount,
        counterparty="海南椰城贸易有限公司",
        occurred_on=timezone.localdate() - dt.timedelta(days=days_ago),
        idempotency_key=key or f"test:{case.pk}:{amount}:{days_ago}",
    )[0]


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def _key() -> str:
    """A fresh form key, as the page makes one each time the form is opened."""
    return uuid.uuid4().hex


@pytest.fixture
def xy_cases(org, user, xy_case):
    """``xy_cases(n)``: n more assigned 秀英 cases."""
    from cases.services.assignment import assign_case
    from personnel.models import Team

    team = Team.objects.get(
        bureau__court__code="琼0105", memberships__officer__user__username="xy_judge"
    )

    def _make(n, start=100):
        made = []
        for i in range(n):
            case = file_on_its_day(user("xy_judge"), filing_data(seed=start + i))
            assign_case(user=user("xy_director"), case_id=case.pk, team_id=team.pk, reason="test")
            made.append(case)
        return made

    return _make


# Receipts -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_double_submitted_receipt_form_records_once(xy_case, login):
    client = login("xy_judge")
    url = _url("funds_receipt", xy_case)
    key = _open_form(client, url)
    data = {
        "form_key": key,
        "amount": "50000.00",
        "counterparty": "海南椰城贸易有限公司",
        "occurred_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
        "bank_reference": "HN20261126001",
        "note": "",
    }
    first = client.post(url, data, follow=True)
    second = client.post(url, data, follow=True)  # the same form sent again
    assert first.status_code == second.status_code == 200
    assert LedgerEntry.objects.filter(account__case=xy_case).count() == 1
    assert CaseAccount.objects.get(case=xy_case).balance == Decimal("50000.00")
    assert len(_messages(second)) == 1 and "50,000.00" in _messages(second)[0]
    assert _messages(first) != _messages(second)  # the second says it was already recorded
    # The case page shows it.
    html = second.content.decode()
    assert 'id="account-balance">50,000.00<' in html
    # A freshly opened form is a new payment.
    data["form_key"] = _open_form(client, url)
    client.post(url, data)
    assert CaseAccount.objects.get(case=xy_case).balance == Decimal("100000.00")


@pytest.mark.django_db
def test_receipt_form_refuses_bad_input_and_keeps_it(xy_case, login):
    client = login("xy_judge")
    url = _url("funds_receipt", xy_case)
    key = _open_form(client, url)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    for amount, when, field in [
        ("-5", timezone.localdate().isoformat(), "amount"),
        ("0", timezone.localdate().isoformat(), "amount"),
        ("10.005", timezone.localdate().isoformat(), "amount"),
        ("10", tomorrow, "occurred_on"),
    ]:
        response = client.post(
            url, {"form_key": key, "amount": amount, "counterparty": "x", "occurred_on": when}
        )
        assert response.status_code == 200
        assert field in response.context["form"].errors, (amount, when)
        assert 'value="x"' in response.content.decode()  # nothing typed is lost
    response = client.post(
        url,
        {
            "form_key": "../../etc",
            "amount": "1",
            "counterparty": "x",
            "occurred_on": timezone.localdate().isoformat(),
        },
    )
    assert "form_key" in response.context["form"].errors
    assert not LedgerEntry.objects.exists()


@pytest.mark.django_db
def test_other_districts_and_closed_cases_cannot_receive(xy_case, login, user):
    assert login("lh_judge").get(_url("funds_receipt", xy_case)).status_code == 404
    assert login("xy_clerk").get(_url("funds_receipt", xy_case)).status_code == 200  # a team member
    from cases.services import closing

    closing.close_case(
        user=user("xy_judge"),
        case_id=xy_case.pk,
        closing_type="cancelled",
        closed_on=timezone.localdate(),
    )
    client = login("xy_judge")
    key = _open_form(client, _url("funds_receipt", xy_case))
    response = client.post(
        _url("funds_receipt", xy_case),
        {
            "form_key": key,
            "amount": "10",
            "counterparty": "x",
            "occurred_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not LedgerEntry.objects.exists()


# Disbursements ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_disbursement_above_the_balance_is_refused_with_a_message(xy_case, login, user):
    _receipt(user("xy_judge"), xy_case, "80000")
    client = login("xy_judge")
    applicant = xy_case.parties.get(role="applicant")
    url = _url("funds_disbursement_request", xy_case)
    page = client.get(url).content.decode()
    assert "80,000.00" in page  # the balance is shown above the form
    response = client.post(
        url,
        {
            "amount": "80000.01",
            "payee": applicant.pk,
            "payee_account": "6222020000000001",
            "form_key": _key(),
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["amount"]
    assert "80000.01" in errors[0] and "80000" in errors[0]
    assert errors[0] in response.content.decode()
    assert not DisbursementRequest.objects.exists()
    # Pending requests count against the balance too.
    assert (
        client.post(
            url,
            {
                "amount": "50000",
                "payee": applicant.pk,
                "payee_account": "6222020000000001",
                "form_key": _key(),
            },
        ).status_code
        == 302
    )
    response = client.post(
        url,
        {
            "amount": "30000.01",
            "payee": applicant.pk,
            "payee_account": "6222020000000001",
            "form_key": _key(),
        },
    )
    assert "amount" in response.context["form"].errors
    assert DisbursementRequest.objects.count() == 1


@pytest.mark.django_db
def test_the_requester_cannot_approve_and_leadership_approves_once(xy_case, login, user):
    _receipt(user("xy_judge"), xy_case, "80000")
    applicant = xy_case.parties.get(role="applicant")
    director = login("xy_director")
    # The director asks for a disbursement on a case of their bureau …
    director.post(
        _url("funds_disbursement_request", xy_case),
        {
            "amount": "30000",
            "payee": applicant.pk,
            "payee_account": "6222020000000001",
            "reason": "发放执行款",
            "form_key": _key(),
        },
    )
    req = DisbursementRequest.objects.get()
    decide = _url("funds_disbursement_decide", xy_case, request_id=req.pk)
    # … and cannot approve it: the page says why, and sending the form changes nothing.
    page = director.get(decide)
    assert page.status_code == 200 and page.context["refusal"]
    assert "decide-disbursement" not in director.get(xy_case.get_absolute_url()).content.decode()
    response = director.post(decide, {"approve": "1", "paid_on": timezone.localdate().isoformat()})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    # A judge of the team is not leadership either.
    judge = login("xy_judge")
    response = judge.post(decide, {"approve": "1", "paid_on": timezone.localdate().isoformat()})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    # Another district cannot even see it.
    assert login("lh_judge").get(decide).status_code == 404
    req.refresh_from_db()
    assert req.status == "pending" and not LedgerEntry.objects.filter(kind="disbursement").exists()

    # The intermediate bureau's leadership approves; a second click changes nothing.
    leader = login("zy_leader")
    assert "decide-disbursement" in leader.get(xy_case.get_absolute_url()).content.decode()
    first = leader.post(
        decide, {"approve": "1", "opinion": "同意", "paid_on": timezone.localdate().isoformat()}
    )
    assert first.status_code == 302 and first["Location"].endswith("#funds")
    again = leader.post(
        decide, {"approve": "1", "opinion": "同意", "paid_on": timezone.localdate().isoformat()}
    )
    # The second click gets the first decision back (issue "Trust" 6): paid once.
    assert again.status_code == 302 and again["Location"].endswith("#funds")
    refuse = leader.post(
        decide,
        {
            "approve": "0",
            "opinion": "不同意",
            # The day the first decision paid out, from the ledger (not the clock).
            "paid_on": LedgerEntry.objects.get(kind="disbursement").occurred_on.isoformat(),
        },
    )
    assert refuse.status_code == 200 and refuse.context["form"].non_field_errors()
    assert LedgerEntry.objects.filter(kind="disbursement").count() == 1
    assert CaseAccount.objects.get(case=xy_case).balance == Decimal("50000.00")


@pytest.mark.django_db
def test_judge_requests_director_approves_or_rejects_with_a_reason(xy_case, login, user):
    _receipt(user("xy_judge"), xy_case, "1000", days_ago=5)
    applicant = xy_case.parties.get(role="applicant")
    judge, director = login("xy_judge"), login("xy_director")
    for amount in ("600", "400"):
        judge.post(
            _url("funds_disbursement_request", xy_case),
            {"amount": amount, "payee": applicant.pk, "payee_account": "6222", "form_key": _key()},
        )
    first, second = DisbursementRequest.objects.order_by("id")
    # Pending requests appear in the leadership's queue.
    queue = director.get(
        reverse("cases:funds_disbursements"), {"status": "pending"}
    ).content.decode()
    assert queue.count("funds/disbursements/") >= 2 and xy_case.case_number in queue
    # A rejection says why.
    url = _url("funds_disbursement_decide", xy_case, request_id=second.pk)
    response = director.post(
        url, {"approve": "0", "opinion": "", "paid_on": timezone.localdate().isoformat()}
    )
    assert "opinion" in response.context["form"].errors
    director.post(
        url,
        {"approve": "0", "opinion": "收款账户有误", "paid_on": timezone.localdate().isoformat()},
    )
    director.post(
        _url("funds_disbursement_decide", xy_case, request_id=first.pk),
        {"approve": "1", "paid_on": timezone.localdate().isoformat()},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("approved", "rejected")
    assert CaseAccount.objects.get(case=xy_case).balance == Decimal("400.00")
    page = judge.get(xy_case.get_absolute_url()).content.decode()
    assert "收款账户有误" in page and 'data-kind="disbursement"' in page


@pytest.mark.django_db
def test_refunds_are_for_leadership_and_recorded_once(xy_case, login, user):
    _receipt(user("xy_judge"), xy_case, "500")
    judge = login("xy_judge")
    page = judge.get(_url("funds_refund", xy_case))
    assert page.context["refusal"]
    key = _open_form(judge, _url("funds_refund", xy_case))
    data = {
        "form_key": key,
        "amount": "200",
        "counterparty": "误汇款人",
        "occurred_on": timezone.localdate().isoformat(),
        "note": "误汇",
    }
    assert judge.post(_url("funds_refund", xy_case), data).status_code == 200
    assert not LedgerEntry.objects.filter(kind="refund").exists()
    director = login("xy_director")
    data["form_key"] = _open_form(director, _url("funds_refund", xy_case))
    director.post(_url("funds_refund", xy_case), data)
    director.post(_url("funds_refund", xy_case), data)
    assert LedgerEntry.objects.filter(kind="refund").count() == 1
    data["amount"], data["form_key"] = "301", _open_form(director, _url("funds_refund", xy_case))
    response = director.post(_url("funds_refund", xy_case), data)
    assert "amount" in response.context["form"].errors  # never below zero
    assert CaseAccount.objects.get(case=xy_case).balance == Decimal("300.00")


# Reconciliation and undisbursed funds -------------------------------------------


@pytest.mark.django_db
def test_reconciliation_per_court_links_every_figure_to_its_rows(xy_case, login, user):
    judge = user("xy_judge")
    _receipt(judge, xy_case, "1200.50")
    applicant = xy_case.parties.get(role="applicant")
    req, _created = ledger.request_disbursement(
        user=judge, case_id=xy_case.pk, amount="200.50", payee_id=applicant.pk, payee_account="1"
    )
    ledger.decide_disbursement(user=user("xy_director"), request_id=req.pk, approve=True)
    ledger.request_disbursement(
        user=judge, case_id=xy_case.pk, amount="100", payee_id=applicant.pk, payee_account="1"
    )

    leader = login("zy_leader")
    html = leader.get(reverse("cases:funds_reconciliation")).content.decode()
    rows = dict(re.findall(r'<tr data-court="([^"]+)">(.*?)</tr>', html, re.S))
    assert set(rows) == {"琼01", "琼0105", "琼0106", "琼0107", "琼0108"}
    xiuying = rows["琼0105"]
    assert (
        "1,200.50" in xiuying and "200.50" in xiuying and "1,000.00" in xiuying and "✓" in xiuying
    )
    # Each figure is a link to the rows behind it, and those rows add up to it.
    links = re.findall(r'href="([^"]+)"', xiuying)
    assert any("kind=receipt" in u for u in links) and any("status=pending" in u for u in links)
    receipt_link = next(u for u in links if "kind=receipt" in u).replace("&amp;", "&")
    listing = leader.get(receipt_link).content.decode()
    assert xy_case.case_number in listing and "1,200.50" in listing
    assert set(re.findall(r'data-court="([^"]+)"', listing)) == {"琼0105"}
    pending_link = next(u for u in links if "status=pending" in u).replace("&amp;", "&")
    assert xy_case.case_number in leader.get(pending_link).content.decode()

    # A district judge sees their own court only.
    html = login("lh_judge").get(reverse("cases:funds_reconciliation")).content.decode()
    assert set(re.findall(r'<tr data-court="([^"]+)"', html)) == {"琼0106"}


@pytest.mark.django_db
def test_reconciliation_flags_an_account_that_disagrees_with_its_entries(xy_case, login, user):
    _receipt(user("xy_judge"), xy_case, "100")
    # Simulate a corrupted cached balance (bypassing the service).
    CaseAccount.objects.filter(case=xy_case).update(balance=Decimal("90"))
    client = login("xy_director")
    html = client.get(reverse("cases:funds_reconciliation")).content.decode()
    row = re.search(r'<tr data-court="琼0105">(.*?)</tr>', html, re.S).group(1)
    assert "mismatch=true" in row and "✓" not in row
    listing = client.get(
        reverse("cases:funds_accounts"), {"court": "琼0105", "mismatch": "true"}
    ).content.decode()
    assert xy_case.case_number in listing


@pytest.mark.django_db
def test_funds_undisbursed_over_30_days_per_court(xy_case, xy_cases, login, user):
    judge = user("xy_judge")
    late, recent = xy_case, xy_cases(1)[0]
    _receipt(judge, late, "3000", days_ago=40)
    _receipt(judge, recent, "700", days_ago=10)
    node = CaseNode.objects.get(case=late, definition__code="funds_disbursement")
    assert node.due_on < timezone.localdate()

    client = login("xy_director")
    response = client.get(reverse("cases:funds_undisbursed"))
    html = response.content.decode()
    assert late.case_number in html and recent.case_number not in html
    assert "3,000.00" in html
    summary = re.search(r'<table[^>]*id="undisbursed-summary".*?</table>', html, re.S).group(0)
    assert 'data-court="琼0105"' in summary and "?court=" in summary
    # The figure links to the cases behind it.
    accounts = client.get(
        reverse("cases:funds_accounts"), {"court": "琼0105", "overdue": "true"}
    ).content.decode()
    assert late.case_number in accounts and recent.case_number not in accounts
    # The case page warns too.
    assert "funds-overdue" in client.get(late.get_absolute_url()).content.decode()
    # Other districts see none of it; the city leadership filters by court.
    assert (
        late.case_number
        not in login("lh_judge").get(reverse("cases:funds_undisbursed")).content.decode()
    )
    leader = login("zy_leader")
    assert (
        late.case_number
        in leader.get(reverse("cases:funds_undisbursed"), {"court": "琼0105"}).content.decode()
    )
    assert (
        late.case_number
        not in leader.get(reverse("cases:funds_undisbursed"), {"court": "琼0106"}).content.decode()
    )
    # Paying out settles it.
    applicant = late.parties.get(role="applicant")
    req, _created = ledger.request_disbursement(
        user=judge, case_id=late.pk, amount="3000", payee_id=applicant.pk, payee_account="1"
    )
    ledger.decide_disbursement(user=user("xy_director"), request_id=req.pk, approve=True)
    assert late.case_number not in client.get(reverse("cases:funds_undisbursed")).content.decode()


# API ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_disbursement_api_request_and_decide(xy_case, login, user):
    _receipt(user("xy_judge"), xy_case, "900")
    applicant = xy_case.parties.get(role="applicant")
    judge = login("xy_judge")
    url = reverse("disbursement-request-list")
    too_much = judge.post(
        url,
        {
            "case": xy_case.pk,
            "amount": "900.01",
            "payee": applicant.pk,
            "payee_account": "1",
            "idempotency_key": _key(),
        },
        content_type="application/json",
    )
    assert too_much.status_code == 400 and "amount" in too_much.json()
    created = judge.post(
        url,
        {
            "case": xy_case.pk,
            "amount": "900",
            "payee": applicant.pk,
            "payee_account": "6222",
            "idempotency_key": _key(),
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (
        body["court"] == "琼0105"
        and body["status"] == "pending"
        and body["case_number"] == xy_case.case_number
    )
    decide = reverse("disbursement-request-decide", kwargs={"pk": body["id"]})
    assert judge.post(decide, {"approve": True}, content_type="application/json").status_code == 400
    assert (
        login("lh_judge")
        .post(decide, {"approve": True}, content_type="application/json")
        .status_code
        == 404
    )
    assert (
        login("lh_judge")
        .post(
            url,
            {
                "case": xy_case.pk,
                "amount": "1",
                "payee": applicant.pk,
                "payee_account": "1",
                "idempotency_key": _key(),
            },
            content_type="application/json",
        )
        .status_code
        == 404
    )
    director = login("xy_director")
    ok = director.post(
        decide, {"approve": True, "opinion": "同意"}, content_type="application/json"
    )
    assert (
        ok.status_code == 200
        and ok.json()["status"] == "approved"
        and ok.json()["decided_by"] == "xy_director"
    )
    # The same decision again (a retried call) returns the first; another is a 409.
    again = director.post(decide, {"approve": True}, content_type="application/json")
    assert again.status_code == 200 and again.json()["id"] == ok.json()["id"]
    assert (
        director.post(decide, {"approve": False}, content_type="application/json").status_code
        == 409
    )
    listing = director.get(url, {"status": "approved"}).json()
    assert [r["id"] for r in listing["results"]] == [body["id"]]
    assert CaseAccount.objects.get(case=xy_case).balance == 0


# Query counts ----------------------------------------------------------------------


def _count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_funds_pages_query_counts_do_not_grow_with_rows(
    xy_case, xy_cases, login, user, django_assert_max_num_queries
):
    judge, director = user("xy_judge"), user("xy_director")

    def add_rows(cases, start):
        for i, case in enumerate(cases):
            _receipt(judge, case, "100", days_ago=40, key=f"q:{start}:{i}:a")
            _receipt(judge, case, "50", days_ago=35, key=f"q:{start}:{i}:b")
            applicant = case.parties.get(role="applicant")
            req, _created = ledger.request_disbursement(
                user=judge, case_id=case.pk, amount="20", payee_id=applicant.pk, payee_account="1"
            )
            ledger.decide_disbursement(user=director, request_id=req.pk, approve=True)
            ledger.request_disbursement(
                user=judge, case_id=case.pk, amount="10", payee_id=applicant.pk, payee_account="1"
            )

    add_rows([xy_case], 0)
    client = login("zy_leader")
    pages = [
        (reverse("cases:funds_entries"), None),
        (reverse("cases:funds_accounts"), None),
        (reverse("cases:funds_disbursements"), None),
        (reverse("cases:funds_undisbursed"), None),
        (reverse("cases:funds_reconciliation"), None),
        (xy_case.get_absolute_url(), None),
    ]
    for url, params in pages:  # warm the per-process caches (content types, …)
        client.get(url, params or {})
    few = [_count(client, url, params) for url, params in pages]
    add_rows(xy_cases(6), 1)
    for _ in range(4):  # more entries and requests on the one case too
        add_rows([xy_case], 10 + _)
    many = [_count(client, url, params) for url, params in pages]
    assert many == few, list(zip([p[0] for p in pages], few, many, strict=True))
    # The lists stay within the DESIGN.md budget of a list page (≤ 12 queries).
    for url, params in pages[:4]:
        with django_assert_max_num_queries(12):
            client.get(url, params or {})

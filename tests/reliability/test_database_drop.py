"""PostgreSQL drops the connection in the middle of a request (the backend is
terminated from another session, as an administrator or a failover would): the
user gets a clean 503 with a message — JSON for the API, a page for the browser,
never a traceback — nothing of the request is saved, and the next request works."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import psycopg2
import pytest
import time_machine
from django.db import connection

from cases.models import CaseAccount, EnforcementCase, LedgerEntry, Party
from tests.cases.conftest import file_on_its_day, filing_data

pytestmark = pytest.mark.django_db(transaction=True)


def _terminate(pid: int) -> None:
    """pg_terminate_backend from a separate session (not Django's connection)."""
    from tests.dbtemplate import connection_params

    other = psycopg2.connect(**connection_params())
    try:
        other.autocommit = True
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone()[0] is True
    finally:
        other.close()


class DropAfterFirstInsert:
    """A query wrapper: lets the first INSERT into ``table`` run, then kills the
    connection's server process, so the rest of the service's transaction fails."""

    def __init__(self, table: str):
        self.table = table
        self.fired = False

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        # (pghistory prefixes its context statement, so look inside the SQL.)
        if not self.fired and f'INSERT INTO "{self.table}"' in sql:
            self.fired = True
            _terminate(context["connection"].connection.get_backend_pid())
        return result


def _api_filing_body(seed: int) -> dict:
    d = filing_data(seed=seed)
    return {
        "case_type": d.case_type,
        "origin": d.origin,
        "title_issuer": d.title_issuer,
        "title_document_number": d.title_document_number,
        "title_effective_on": str(d.title_effective_on),
        "amount_claimed": str(d.amount_claimed),
        "filed_on": str(d.filed_on),
        "cause": d.cause,
        "parties": [
            {k: (str(v) if isinstance(v, dt.date) else v) for k, v in vars(p).items()}
            for p in d.parties
        ],
    }


# Filed on the filing date itself (DOMAIN.md §2: no backdating).
@time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)
def test_api_filing_cut_off_mid_transaction_answers_503_and_saves_nothing(login):
    client = login("xy_judge")
    client.raise_request_exception = False
    cases_before, parties_before = EnforcementCase.objects.count(), Party.objects.count()

    drop = DropAfterFirstInsert("cases_enforcementcase")
    with connection.execute_wrapper(drop):
        response = client.post(
            "/api/v1/cases/", _api_filing_body(1), content_type="application/json"
        )

    assert drop.fired, response.content
    assert response.status_code == 503, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == "database_unavailable" and body["detail"]
    assert "Traceback" not in response.content.decode()
    # The case row was written, then the connection died: nothing survives.
    assert EnforcementCase.objects.count() == cases_before
    assert Party.objects.count() == parties_before

    # The next request gets a fresh connection and files the case, with the
    # number the lost request would have had (the allocation was rolled back too).
    again = client.post("/api/v1/cases/", _api_filing_body(1), content_type="application/json")
    assert again.status_code == 201, again.content
    assert again.json()["case_number"].endswith("执1号")
    assert EnforcementCase.objects.count() == cases_before + 1


def test_page_cut_off_mid_transaction_shows_a_plain_error_page_and_saves_nothing(login):

    client = login("xy_judge")
    client.raise_request_exception = False
    from django.contrib.auth import get_user_model

    case = file_on_its_day(get_user_model().objects.get(username="xy_judge"), filing_data())
    from cases.services.assignment import assign_case
    from personnel.models import Team

    team = Team.objects.get(memberships__officer__user__username="xy_judge")
    assign_case(
        user=get_user_model().objects.get(username="xy_director"),
        case_id=case.pk,
        team_id=team.pk,
        reason="分案",
    )
    url = f"/cases/{case.pk}/funds/receipt/"
    form = {
        "amount": "1200.00",
        "counterparty": "海南椰城贸易有限公司",
        "occurred_on": str(case.filed_on),
        "bank_reference": "",
        "note": "",
        "form_key": "0123456789abcdef0123456789abcdef",
    }

    drop = DropAfterFirstInsert("cases_ledgerentry")
    with connection.execute_wrapper(drop):
        response = client.post(url, form, HTTP_ACCEPT="text/html")

    assert drop.fired, response.content
    assert response.status_code == 503
    page = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert "Traceback" not in page and "OperationalError" not in page
    assert "数据库暂时不可用" in page  # Chinese by default
    assert response["Retry-After"]
    assert not LedgerEntry.objects.filter(account__case=case).exists()
    assert CaseAccount.objects.filter(case=case, balance__gt=0).count() == 0
    case.refresh_from_db()
    assert case.amount_recovered == 0

    # Submitted again (the same form), it is recorded once.
    again = client.post(url, form)
    assert again.status_code == 302
    assert LedgerEntry.objects.filter(account__case=case).count() == 1

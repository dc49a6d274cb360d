"""Double clicks and simultaneous users, raced through the API from many threads
against the real PostgreSQL: a transfer approval and a monthly report submission
each take effect once; every other request gets a clean refusal (4xx with a
message), never a 500 and never a second effect.

(The service-level two-thread races live next to each feature, in
tests/cases/test_transfer_approval.py and tests/assessment/test_monthly_reports.py.)"""

from __future__ import annotations

import json
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone

from assessment.models import MonthlyReportSubmission
from cases.models import CaseAccount, EnforcementCase, LedgerEntry
from cases.services import ledger
from tests.assessment.conftest import ref  # noqa: F401  (fixture)
from tests.assessment.test_monthly_reports import _report
from tests.cases.conftest import file_on_its_day, filing_data
from tests.cases.helpers import raise_cross

THREADS = 8


def _race(username: str, method: str, url: str, body: dict | None = None) -> list[tuple]:
    """``THREADS`` clients of one user post the same thing at the same moment."""
    user = get_user_model().objects.get(username=username)
    barrier = threading.Barrier(THREADS)

    def one(_):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        try:
            barrier.wait(timeout=20)
            response = getattr(client, method)(url, body or {}, content_type="application/json")
            return response.status_code, response.content.decode()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(one, range(THREADS)))


def _assert_one_winner(results: list[tuple]) -> None:
    codes = Counter(code for code, _body in results)
    assert codes[200] == 1, results
    assert set(codes) <= {200, 400, 409}, results  # no 5xx
    for code, body in results:
        if code != 200:
            assert "non_field_errors" in body, body  # a message the client can show


@pytest.mark.django_db(transaction=True)
def test_transfer_approval_clicked_many_times_takes_effect_once(org):
    from cases.services.assignment import assign_case
    from personnel.models import Team

    users = get_user_model().objects
    case = file_on_its_day(users.get(username="xy_judge"), filing_data())
    team = Team.objects.get(memberships__officer__user__username="xy_judge")
    assign_case(
        user=users.get(username="xy_director"), case_id=case.pk, team_id=team.pk, reason="分案"
    )
    ledger.record_receipt(
        user=users.get(username="xy_judge"),
        case_id=case.pk,
        amount="8000.00",
        counterparty="海南椰城贸易有限公司",
        occurred_on=case.filed_on,
        idempotency_key="bank:race-many",
    )
    request = raise_cross(lambda name: users.get(username=name), case)

    results = _race(
        "zy_leader",
        "post",
        f"/api/v1/transfers/{request.pk}/decide/",
        {"approve": True, "opinion": "同意", "effective_on": str(timezone.localdate())},
    )

    # Every click of the same leader gets the one decision back (issue "Trust" 6):
    # all answer 200 with the same new case, and it takes effect once.
    assert {code for code, _body in results} == {200}, results
    assert len({json.loads(body)["new_case"] for _code, body in results}) == 1
    assert EnforcementCase.objects.filter(origin_case=case).count() == 1
    assert LedgerEntry.objects.filter(kind="transfer_out").count() == 1
    assert LedgerEntry.objects.filter(kind="transfer_in").count() == 1
    assert CaseAccount.objects.get(case=case).balance == 0
    assert str(CaseAccount.objects.get(case__origin_case=case).balance) == "8000.00"


@pytest.mark.django_db(transaction=True)
def test_report_submission_clicked_many_times_is_recorded_once(ref):  # noqa: F811
    report = _report()

    results = _race("xy_director", "post", f"/api/v1/reports/{report.pk}/submit/")

    _assert_one_winner(results)
    assert MonthlyReportSubmission.objects.filter(report=report).count() == 1
    report.refresh_from_db()
    assert report.status == "submitted" and report.version == 2

"""``/api/v1/transfers/`` (DOMAIN.md §3): listing, raising and deciding requests to
move a case between courts through the API, and one idempotency key sent in
parallel raising one request."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.utils import timezone

from cases.models import EnforcementCase, TransferRequest
from tests.cases.helpers import _media_root as _media_root  # noqa: F401 (fixture)


@pytest.mark.django_db
def test_api_lists_raises_and_decides_transfers(xy_case, login):
    director = login("xy_director")
    body = {
        "case_number": xy_case.case_number,
        "kind": "cross",
        "target_court": "琼0108",
        "reason_category": "local_protection",
        "reason": "地方保护。",
    }
    created = director.post("/api/v1/transfers/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    row = created.json()
    assert (row["court"], row["case"], row["target_court"], row["status"]) == (
        "琼0105",
        xy_case.case_number,
        "琼0108",
        "pending",
    )
    again = director.post("/api/v1/transfers/", body, content_type="application/json")
    assert again.status_code == 409
    same = director.post(
        "/api/v1/transfers/", {**body, "target_court": "琼0105"}, content_type="application/json"
    )
    assert same.status_code == 400 and "target_court" in same.json()

    leader = login("zy_leader")
    decide = f"/api/v1/transfers/{row['id']}/decide/"
    refused = director.post(
        decide, {"approve": True, "opinion": "x"}, content_type="application/json"
    )
    assert refused.status_code == 400
    approved = leader.post(
        decide, {"approve": True, "opinion": "同意。"}, content_type="application/json"
    )
    # The new case is filed on the day of the decision and numbered in its year.
    assert approved.status_code == 200, approved.content
    decided = TransferRequest.objects.get(pk=row["id"])
    new_case = EnforcementCase.objects.get(case_number=approved.json()["new_case"])
    assert new_case.filed_on == timezone.localtime(decided.decided_at).date()
    assert new_case.case_number.startswith(f"（{new_case.filed_on.year}）琼0108执")
    # The same decision again (a retried call) returns the first; another is a conflict.
    repeat = leader.post(
        decide, {"approve": True, "opinion": "同意。"}, content_type="application/json"
    )
    assert repeat.status_code == 200 and repeat.json()["new_case"] == decided.new_case.case_number
    assert (
        leader.post(
            decide, {"approve": False, "opinion": "不同意。"}, content_type="application/json"
        ).status_code
        == 409
    )
    rows = leader.get("/api/v1/transfers/", {"status": "approved"}).json()["results"]
    assert [r["id"] for r in rows] == [row["id"]] and all(r["court"] for r in rows)
    assert login("ml_judge").get(f"/api/v1/transfers/{row['id']}/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_transfer_request_sent_in_parallel_with_one_key_is_raised_once(xy_case, user):
    """Issue 15 item 6: an API client retrying (or a double click on the form) sends
    the same key; parallel sends make one request and every answer names it."""
    from rest_framework.test import APIClient

    director = user("xy_director")
    body = {
        "case_number": xy_case.case_number,
        "kind": "cross",
        "target_court": "琼0108",
        "reason_category": "local_protection",
        "reason": "地方保护。",
        "idempotency_key": "client-retry-7f3a",
    }
    barrier = threading.Barrier(4)
    answers: list[tuple[int, int | None]] = []

    def send():
        client = APIClient()
        client.force_authenticate(director)
        try:
            barrier.wait(timeout=10)
            response = client.post("/api/v1/transfers/", body, format="json")
            answers.append((response.status_code, response.json().get("id")))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert TransferRequest.objects.count() == 1
    first = TransferRequest.objects.get()
    assert sorted(code for code, _ in answers) == [200, 200, 200, 201], answers
    assert {pk for _, pk in answers} == {first.pk}
    # The key is the client's own: another user sending it does not get the first
    # request back but the ordinary "already open" conflict, as with a new key.
    other = APIClient()
    other.force_authenticate(user("zy_leader"))
    reused = other.post("/api/v1/transfers/", body, format="json")
    assert reused.status_code == 409, reused.content
    fresh = other.post("/api/v1/transfers/", {**body, "idempotency_key": "another"}, format="json")
    assert fresh.status_code == 409 and TransferRequest.objects.count() == 1

"""The API of DOMAIN.md §3–§4 beyond ``/api/v1/transfers/``: transfer suggestions
(read, accept, dismiss), criminal property judgments and 刑更 reviews. Rows carry
``court``; ID numbers are masked; scopes are the pages' scopes."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.models import TransferSuggestion
from cases.services.criminal import CommutationData, open_commutation_review, receive_transfer_form
from cases.services.suggestions import refresh_suggestions
from tests.cases.helpers import CONVICT_ID, form

pytestmark = pytest.mark.django_db


def test_suggestions_are_read_accepted_and_dismissed_through_the_api(candidates, login):
    refresh_suggestions(today=dt.date(2026, 11, 27))
    leader = login("zy_leader")
    rows = leader.get("/api/v1/transfer-suggestions/").json()["results"]
    assert len(rows) == 3 and all(r["court"] for r in rows)
    local = next(r for r in rows if r["case"] == candidates["local"].case_number)
    assert local["reason_codes"] == ["local_respondent"] and local["status"] == "open"
    assert "海口市秀英区某街道办事处" in local["reasons"][0]
    # 秀英's judge sees none; 秀英's director sees only 秀英's.
    assert login("xy_judge").get("/api/v1/transfer-suggestions/").json()["results"] == []
    mine = login("xy_director").get("/api/v1/transfer-suggestions/").json()["results"]
    assert [r["court"] for r in mine] == ["琼0105"]

    old = next(r for r in rows if r["case"] == candidates["old"].case_number)
    url = f"/api/v1/transfer-suggestions/{old['id']}/dismiss/"
    blank = leader.post(url, {"reason": " "}, content_type="application/json")
    assert blank.status_code == 400
    dismissed = leader.post(url, {"reason": "暂不提级。"}, content_type="application/json")
    assert dismissed.status_code == 200, dismissed.content
    assert (dismissed.json()["status"], dismissed.json()["decision_reason"]) == (
        "dismissed",
        "暂不提级。",
    )
    again = leader.post(url, {"reason": "再次"}, content_type="application/json")
    assert again.status_code == 409

    accepted = leader.post(
        f"/api/v1/transfer-suggestions/{local['id']}/accept/",
        {"reason": "同意交叉执行。", "target_court": "琼0107"},
        content_type="application/json",
    )
    assert accepted.status_code == 200, accepted.content
    request_id = accepted.json()["transfer_request"]
    transfer = leader.get(f"/api/v1/transfers/{request_id}/").json()
    assert (transfer["kind"], transfer["target_court"], transfer["status"]) == (
        "cross",
        "琼0107",
        "pending",
    )
    assert TransferSuggestion.objects.get(pk=local["id"]).decided_by.username == "zy_leader"


def test_criminal_judgments_and_commutation_reviews_through_the_api(criminal, user, login):
    xs = user("xs_judge")
    judgment = receive_transfer_form(
        user=xs, data=form(received_on=dt.date(2026, 11, 2)), filed_on=dt.date(2026, 11, 3)
    )
    review = open_commutation_review(
        user=xs,
        data=CommutationData(
            kind="parole",
            convict_name="符某强",
            convict_id_number=CONVICT_ID,
            prison="海南省美兰监狱",
            request_document_number="（2026）琼美狱假字第3号",
            requested_on=dt.date(2026, 11, 24),
        ),
        filed_on=dt.date(2026, 11, 25),
    )

    client = login("xs_judge")
    rows = client.get("/api/v1/criminal-judgments/").json()["results"]
    assert len(rows) == 1
    row = rows[0]
    assert (row["court"], row["judging_court"], row["case"], row["filing_due_on"]) == (
        "琼01",
        "琼0106",
        judgment.case.case_number,
        "2026-11-09",
    )
    assert row["convict_id_number"] != CONVICT_ID and "*" in row["convict_id_number"]
    # Items come in the legal order of payment; illicit property is outside it.
    assert [i["kind"] for i in row["items"]] == [
        "medical_costs",
        "restitution",
        "restitution",
        "civil_debt",
        "fine",
        "confiscation",
        "illicit_property",
    ]
    assert [i["rank"] for i in row["items"]] == [1, 2, 2, 3, 4, 5, None]

    reviews = client.get("/api/v1/commutation-reviews/").json()["results"]
    assert len(reviews) == 1
    r = reviews[0]
    assert (r["court"], r["case"], r["certificate_due_on"], r["linked_cases"]) == (
        "琼01",
        review.case.case_number,
        "2026-12-01",
        [judgment.case.case_number],
    )
    assert client.get("/api/v1/commutation-reviews/", {"pending": "true"}).json()["count"] == 1

    # Criminal rows are the criminal enforcement bureau's (and city leadership's):
    # a district judge, even of the judging court, sees none and gets 404.
    lh = login("lh_judge")
    assert lh.get("/api/v1/criminal-judgments/").json()["results"] == []
    assert lh.get(f"/api/v1/criminal-judgments/{judgment.pk}/").status_code == 404
    assert lh.get(f"/api/v1/commutation-reviews/{review.pk}/").status_code == 404
    assert login("zy_leader").get("/api/v1/criminal-judgments/").json()["count"] == 1

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.demo import seed_cases
from cases.models import CaseAssignment, EnforcementCase
from haikou_exec.identifiers import make_resident_id
from tests.conftest import english


def _queries(client, url, **params):
    client.get(url, params)  # warm up: session and per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries), response


@pytest.mark.django_db
def test_case_list_and_api_query_counts_do_not_grow_with_rows(login, org):
    from personnel.demo import seed_officers, seed_teams

    seed_officers(per_bureau=10, seed=3)
    seed_teams()
    client = login("zy_leader")
    seed_cases(count=40, seed=1, today=dt.date(2026, 11, 27))
    # The small page must show rows too, or its row queries would not be counted.
    assert EnforcementCase.objects.filter(status="in_progress").exists()
    small_page, _ = _queries(client, "/cases/", status="in_progress")
    small_api, _ = _queries(client, "/api/v1/cases/", page_size=50)
    small_detail, _ = _queries(client, f"/cases/{EnforcementCase.objects.first().pk}/")
    seed_cases(count=200, seed=2, today=dt.date(2026, 11, 27))
    big_page, response = _queries(client, "/cases/", status="in_progress")
    big_api, api = _queries(client, "/api/v1/cases/", page_size=50)
    big_detail, _ = _queries(client, f"/cases/{EnforcementCase.objects.last().pk}/")
    assert big_page == small_page and big_page <= 12, big_page
    assert big_api == small_api and big_api <= 12, big_api
    assert big_detail <= 30, big_detail
    assert len(api.json()["results"]) == 50


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 11, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)
def test_filing_through_the_page_and_a_clear_checksum_message(login, org):
    client = login("xy_judge")
    form = {
        "case_type": "执",
        "origin": "civil",
        "filed_on": "2026-11-20",
        "title_issuer": "海口市秀英区人民法院",
        "title_document_number": "（2026）琼0105民初88号",
        "title_effective_on": "2026-10-01",
        "cause": "买卖合同纠纷",
        "amount_claimed": "128000.50",
        "applicant_kind": "natural",
        "applicant_name": "陈小燕",
        "applicant_id_number": make_resident_id(__import__("random").Random(4)),
        "respondent_kind": "legal",
        "respondent_name": "海口南港物流有限公司",
        "respondent_id_number": "91460100MA5T00000X",
        "respondent_nature": "private",
    }
    response = english(client).post("/cases/file/", form)
    assert response.status_code == 200
    assert "Check character 18 of the unified social credit code" in response.content.decode()
    assert not EnforcementCase.objects.exists()
    form["respondent_id_number"] = ""
    response = client.post("/cases/file/", form)
    case = EnforcementCase.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    assert case.case_number == "（2026）琼0105执1号" and case.court.code == "琼0105"
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "陈小燕" in page and "（2026）琼0105执1号" in page
    assert form["applicant_id_number"] not in page  # masked


@pytest.mark.django_db
def test_search_accepts_ascii_parentheses_and_party_names(login, xy_case):
    client = login("xy_judge")
    for q in ["(2026)琼0105执1号", "（2026）琼0105执1", "海南椰城贸易"]:
        body = client.get("/api/v1/cases/", {"q": q}).json()
        assert [r["case_number"] for r in body["results"]] == ["（2026）琼0105执1号"], q


@pytest.mark.django_db
def test_assignment_by_hand_and_automatically_is_logged(login, xy_case, org):
    from personnel.demo import seed_officers, seed_teams

    # 13 with the president among the demo accounts: the same seven colleagues.
    seed_officers(per_bureau=13, seed=5)
    seed_teams()
    client = login("xy_director")
    response = client.post(f"/cases/{xy_case.pk}/assign/auto/")
    assert response.status_code == 302
    logs = list(CaseAssignment.objects.filter(case=xy_case).order_by("assigned_at", "id"))
    assert [log.method for log in logs] == ["manual", "automatic"]
    assert "weighted workload" in logs[-1].reason or "加权" in logs[-1].reason
    # A judge may not reassign.
    judge = login("xy_judge")
    judge.post(f"/cases/{xy_case.pk}/assign/auto/")
    assert CaseAssignment.objects.filter(case=xy_case).count() == 2


@pytest.mark.django_db
def test_stale_form_is_refused_with_a_message(login, xy_case):
    client = login("xy_director")
    stale = xy_case.version
    client.post(
        f"/cases/{xy_case.pk}/pause/",
        {"kind": "stay", "started_on": "2026-04-01", "reason": "异议审查"},
    )
    response = english(client).post(
        f"/cases/{xy_case.pk}/close/",
        {"closing_type": "cancelled", "closed_on": "2026-05-01", "version": stale},
    )
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    xy_case.refresh_from_db()
    assert xy_case.status == "stayed"


@pytest.mark.django_db
def test_api_filing_validation_and_fields(login, org):
    from zoneinfo import ZoneInfo

    import time_machine

    # Filed on the day of filing (DOMAIN.md §2): the test runs on 1 February.
    with time_machine.travel(
        dt.datetime(2026, 2, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True
    ):
        _api_filing_validation_and_fields(login)


def _api_filing_validation_and_fields(login):
    client = login("lh_judge")
    bad = client.post(
        "/api/v1/cases/",
        {
            "case_type": "执",
            "title_issuer": "x",
            "title_document_number": "x",
            "title_effective_on": "2026-01-01",
            "amount_claimed": "-5",
            "filed_on": "2026-02-01",
            "parties": [],
        },
        content_type="application/json",
    )
    assert bad.status_code == 400 and "amount_claimed" in bad.json()
    good = client.post(
        "/api/v1/cases/",
        {
            "case_type": "执保",
            "title_issuer": "海口市龙华区人民法院",
            "title_document_number": "（2026）琼0106民初5号",
            "title_effective_on": "2026-01-01",
            "amount_claimed": "1000.00",
            "filed_on": "2026-02-01",
            "parties": [
                {"role": "applicant", "kind": "natural", "name": "李四"},
                {"role": "respondent", "kind": "natural", "name": "张三"},
            ],
        },
        content_type="application/json",
    )
    assert good.status_code == 201, good.content
    body = good.json()
    assert body["case_number"] == "（2026）琼0106执保1号"
    assert body["court"] == "琼0106" and body["case_type"] == "执保" and body["origin_case"] is None
    nodes = client.get(f"/api/v1/cases/{body['id']}/nodes/").json()
    assert {n["code"] for n in nodes} >= {"assignment", "closing"}
    assert all(n["computation"] for n in nodes)
    # Another district cannot see it: 404, not 403.
    assert login("ml_judge").get(f"/api/v1/cases/{body['id']}/").status_code == 404


@pytest.mark.django_db
def test_api_ledger_receipt_is_idempotent(login, xy_case):
    client = login("xy_judge")
    payload = {
        "amount": "3000.00",
        "counterparty": "海南椰城贸易有限公司",
        "occurred_on": "2026-05-06",
        "idempotency_key": "api-1",
    }
    first = client.post(
        f"/api/v1/cases/{xy_case.pk}/ledger/", payload, content_type="application/json"
    )
    second = client.post(
        f"/api/v1/cases/{xy_case.pk}/ledger/", payload, content_type="application/json"
    )
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    conflict = client.post(
        f"/api/v1/cases/{xy_case.pk}/ledger/",
        {**payload, "amount": "1.00"},
        content_type="application/json",
    )
    assert conflict.status_code == 409
    entries = client.get(f"/api/v1/cases/{xy_case.pk}/ledger/").json()
    assert len(entries) == 1 and entries[0]["court"] == "琼0105"

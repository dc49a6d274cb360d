"""The API of 委托执行 (``/api/v1/commissions/``) and of 变卖 / 以物抵债
(``/api/v1/disposals/``), issue 17: read through the restriction point — another
court's row answers 404 — and written through the same services as the case
pages, as the handling judge; a repeat answers 409 (haikou_exec.errors)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from cases.models import AssetDisposal, Commission, EnforcementCase
from haikou_exec.identifiers import make_resident_id, make_uscc
from tests.cases.test_commission import _at, _file
from tests.cases.test_commission import _media_root as _media_root  # noqa: F401 (fixture)
from tests.cases.test_disposal import _auctioned


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


@pytest.mark.django_db
def test_commissions_through_the_api(xy_case, user, login):
    judge = user("xy_judge")
    with _at(dt.date(2026, 4, 1)):
        title = _file(judge, xy_case, "判决书.pdf", "title", b"1 0 obj <<>> endobj")
    client = login("xy_judge")
    payload = {
        "case_number": xy_case.case_number,
        "other_court": "广州市天河区人民法院",
        "letter_number": "（2026）琼0105执委1号",
        "sent_on": "2026-04-01",
        "documents": [title.pk],
    }
    with _at(dt.date(2026, 4, 1)):
        local = _post(
            client, "/api/v1/commissions/", {**payload, "other_court": "海口市中级人民法院"}
        )
        assert local.status_code == 400 and "other_court" in local.json()
        sent = _post(client, "/api/v1/commissions/", payload)
    assert sent.status_code == 201, sent.content.decode()
    row = sent.json()
    assert (row["court"], row["case"], row["direction"], row["status"]) == (
        "琼0105",
        xy_case.case_number,
        "outgoing",
        "open",
    )
    assert (row["file_by"], row["start_by"], row["report_by"]) == (
        "2026-04-08",
        "2026-04-16",
        "2026-05-01",
    )
    xy_case.refresh_from_db()
    assert (xy_case.closing_type, xy_case.termination_reason) == ("terminated", "commissioned")
    listed = client.get("/api/v1/commissions/").json()["results"]
    assert [r["id"] for r in listed] == [row["id"]]

    # Another court's judge neither lists, reads nor reports on it.
    other = login("lh_judge")
    assert other.get("/api/v1/commissions/").json()["results"] == []
    assert other.get(f"/api/v1/commissions/{row['id']}/").status_code == 404
    report = {
        "reported_on": "2026-04-28",
        "report": "已立案执行。",
        "other_case_number": "（2026）粤0106执3301号",
    }
    with _at(dt.date(2026, 4, 28)):
        assert _post(other, f"/api/v1/commissions/{row['id']}/report/", report).status_code == 404
        done = _post(client, f"/api/v1/commissions/{row['id']}/report/", report)
        again = _post(client, f"/api/v1/commissions/{row['id']}/report/", report)
    assert done.status_code == 200, done.content.decode()
    assert (done.json()["status"], done.json()["other_case_number"]) == (
        "reported",
        "（2026）粤0106执3301号",
    )
    assert again.status_code == 409


@pytest.mark.django_db
def test_receiving_a_commission_through_the_api(org, login):
    rng = random.Random(43)
    payload = {
        "case_type": "执",
        "title_issuer": "三亚市城郊人民法院",
        "title_document_number": "（2025）琼0271民初2233号",
        "title_effective_on": "2026-01-10",
        "amount_claimed": "86000.00",
        "filed_on": "2026-05-06",
        "cause": "买卖合同纠纷",
        "parties": [
            {
                "role": "applicant",
                "kind": "natural",
                "name": "陈小燕",
                "id_number": make_resident_id(rng),
            },
            {
                "role": "respondent",
                "kind": "legal",
                "name": "海口南港物流有限公司",
                "id_number": make_uscc(rng),
            },
        ],
        "commissioning_court": "三亚市城郊人民法院",
        "commissioning_case_number": "（2026）琼0271执588号",
        "letter_number": "（2026）琼0271执588号之一",
    }
    client = login("xy_judge")
    with _at(dt.date(2026, 5, 6)):
        response = _post(client, "/api/v1/commissions/receive/", payload)
    assert response.status_code == 201, response.content.decode()
    row = response.json()
    assert (row["court"], row["direction"], row["other_court"]) == (
        "琼0105",
        "incoming",
        "三亚市城郊人民法院",
    )
    case = EnforcementCase.objects.get()
    assert row["case"] == case.case_number and case.case_type == "执"
    assert Commission.objects.get().case == case
    assert login("lh_judge").get(f"/api/v1/commissions/{row['id']}/").status_code == 404


@pytest.mark.django_db
def test_disposals_through_the_api(xy_case, user, login):
    judge = user("xy_judge")
    car, reserve = _auctioned(
        xy_case, judge, asset_type="movable", description="轿车一辆", appraisal=Decimal("100000")
    )
    payload = {
        "measure": car.pk,
        "kind": "payment_in_kind",
        "decided_on": "2026-08-10",
        "ruling_number": "（2026）琼0105执1号之二",
        "applicant_consent": "申请执行人王海生2026年8月8日书面同意以物抵债",
    }
    other = login("lh_judge")
    client = login("xy_judge")
    with _at(dt.date(2026, 8, 10)):
        assert _post(other, "/api/v1/disposals/", payload).status_code == 404
        refused = _post(client, "/api/v1/disposals/", {**payload, "applicant_consent": ""})
        assert refused.status_code == 400 and "applicant_consent" in refused.json()
        made = _post(client, "/api/v1/disposals/", payload)
        again = _post(client, "/api/v1/disposals/", payload)
    assert made.status_code == 201, made.content.decode()
    row = made.json()
    assert (row["court"], row["case"], row["kind"], row["price"], row["satisfied_amount"]) == (
        "琼0105",
        xy_case.case_number,
        "payment_in_kind",
        str(reserve),
        str(reserve),
    )
    assert again.status_code == 409
    assert AssetDisposal.objects.count() == 1
    assert [r["id"] for r in client.get("/api/v1/disposals/").json()["results"]] == [row["id"]]
    assert other.get("/api/v1/disposals/").json()["results"] == []
    assert other.get(f"/api/v1/disposals/{row['id']}/").status_code == 404

"""``/api/v1/supervision-cases/`` (DESIGN.md "API resources"): every row carries
its ``court``; the supervising side opens a case with POST; bad input is a 400
with a message per field; a district reads only its own court and opens nothing."""

import pytest

from supervision.models import SupervisionCase
from tests.supervision.helpers import make_case

pytestmark = pytest.mark.django_db

URL = "/api/v1/supervision-cases/"


def _open(client, **data):
    body = {
        "title": "消极执行线索核查",
        "trigger": "negative",
        "source": "petition",
        "description": "申请人反映查到财产后三个月未采取措施。",
        **data,
    }
    return client.post(URL, body, content_type="application/json")


def test_open_read_and_scope_through_the_api(sup_ref, login):
    supervised = make_case("琼0106")
    supervisor = login("supervisor")
    response = _open(supervisor, supervised_case=supervised.case_number)
    assert response.status_code == 201, response.content
    row = response.json()
    # The court follows the supervised case.
    assert row["court"] == "琼0106" and row["supervised_case"] == supervised.case_number
    assert row["status"] == "open" and row["reference"]
    by_court = _open(supervisor, court="琼0105", title="秀英区法院执行款发放专项检查")
    assert by_court.status_code == 201 and by_court.json()["court"] == "琼0105"

    listed = supervisor.get(URL).json()["results"]
    assert {r["court"] for r in listed} == {"琼0105", "琼0106"}
    assert [r["court"] for r in supervisor.get(URL, {"court": "琼0106"}).json()["results"]] == [
        "琼0106"
    ]
    # A district sees its own court's supervision only; another court's row is a 404.
    director = login("xy_director")
    assert [r["court"] for r in director.get(URL).json()["results"]] == ["琼0105"]
    assert director.get(f"{URL}{row['id']}/").status_code == 404
    # …and does not open supervision of anyone.
    assert _open(director, court="琼0105").status_code == 403
    assert SupervisionCase.objects.count() == 2


def test_bad_input_is_a_400_per_field_and_saves_nothing(sup_ref, login):
    supervisor = login("supervisor")
    unknown_court = _open(supervisor, court="琼9999")
    assert unknown_court.status_code == 400 and "court" in unknown_court.json()
    no_court = _open(supervisor)
    assert no_court.status_code == 400 and "court" in no_court.json()
    bad_trigger = _open(supervisor, court="琼0105", trigger="whim")
    assert bad_trigger.status_code == 400 and "trigger" in bad_trigger.json()
    unknown_case = _open(supervisor, supervised_case="（2026）琼0105执99999号")
    assert unknown_case.status_code == 400 and "supervised_case" in unknown_case.json()
    other_court = _open(supervisor, court="琼0105", supervised_case=make_case("琼0107").case_number)
    assert other_court.status_code == 400 and "court" in other_court.json()
    assert not SupervisionCase.objects.exists()

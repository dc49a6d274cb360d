"""Filing rights by court level and bureau (issue 17, finding 5; DOMAIN.md §2
"Filing rights by court level"), from the one table cases.choices.FILING_RIGHTS;
a court named in the request is validated, never rewritten."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cases.choices import FILING_RIGHTS, CaseType
from cases.models import EnforcementCase
from tests.cases.conftest import file_on_its_day, filing_data

DAY = dt.datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _on_a_set_day():
    with time_machine.travel(DAY, tick=True):
        yield


def _payload(case_type="执", **extra) -> dict:
    data = filing_data(case_type=case_type, seed=31)
    return {
        "case_type": case_type,
        "title_issuer": data.title_issuer,
        "title_document_number": data.title_document_number,
        "title_effective_on": data.title_effective_on.isoformat(),
        "amount_claimed": "5000.00",
        "filed_on": DAY.date().isoformat(),
        "parties": [
            {"role": p.role, "kind": p.kind, "name": p.name, "id_number": p.id_number}
            for p in data.parties
        ],
        **extra,
    }


def _post(client, **kwargs):
    return client.post("/api/v1/cases/", _payload(**kwargs), content_type="application/json")


def test_every_type_code_has_its_filing_right():
    assert set(FILING_RIGHTS) == set(CaseType.values)


@pytest.mark.django_db
@pytest.mark.parametrize("case_type", ["执复", "执监", "刑更"])
def test_a_district_judge_cannot_file_intermediate_or_criminal_types(org, login, case_type):
    response = _post(login("xy_judge"), case_type=case_type)
    assert response.status_code == 400, response.content
    message = " ".join(response.json()["case_type"])
    assert case_type in message and "DOMAIN.md §2" in message
    assert not EnforcementCase.objects.exists()


@pytest.mark.django_db
def test_the_intermediate_court_files_reconsideration_and_supervision(org, login):
    client = login("zy_judge")
    for case_type in ("执复", "执监"):
        response = _post(client, case_type=case_type)
        assert response.status_code == 201, response.content
        assert response.json()["case_number"].startswith(f"（{DAY.year}）琼01{case_type}")


@pytest.mark.django_db
def test_commutation_and_criminal_property_only_through_the_criminal_intake(org, login):
    # Not even the intermediate court's enforcement bureau or the criminal bureau
    # files 刑更 through the generic path: it comes from the prison's request.
    for username in ("zy_judge", "xs_judge", "zy_leader"):
        response = _post(login(username), case_type="刑更")
        assert response.status_code == 400, (username, response.content)
        assert "刑更" in " ".join(response.json()["case_type"])
    # The criminal bureau does not file civil enforcement cases either.
    response = _post(login("xs_judge"))
    assert response.status_code == 400
    assert not EnforcementCase.objects.exists()


@pytest.mark.django_db
def test_a_court_named_in_the_request_is_refused_not_rewritten(org, login):
    response = _post(login("xy_judge"), court="琼0106")
    assert response.status_code == 400, response.content
    assert "court" in response.json()
    assert not EnforcementCase.objects.exists()
    # The own court, named, is fine.
    assert _post(login("xy_judge"), court="琼0105").status_code == 201
    # City-wide leadership files for any court, within the table.
    assert _post(login("zy_leader"), court="琼0106").status_code == 201
    response = _post(login("zy_leader"), court="琼0106", case_type="执复")
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_filing_page_refuses_a_district_reconsideration(org, login):
    response = login("xy_judge").post(
        reverse("cases:case_file"),
        {
            "case_type": "执复",
            "origin": "civil",
            "filed_on": DAY.date().isoformat(),
            "title_issuer": "海口市秀英区人民法院",
            "title_document_number": "（2026）琼0105执异3号",
            "title_effective_on": "2026-10-01",
            "amount_claimed": "0",
            "applicant_kind": "natural",
            "applicant_name": "王海生",
            "respondent_kind": "legal",
            "respondent_name": "海南椰城贸易有限公司",
            "respondent_nature": "private",
        },
    )
    assert response.status_code == 200
    assert "执复由上一级法院审查" in response.content.decode()
    assert not EnforcementCase.objects.exists()


@pytest.mark.django_db
def test_a_reconsideration_names_the_objection_it_reviews(org, login, user):
    """执复 is decided one level up on a district's 执异 ruling (DOMAIN.md §2): an
    origin named with it must be such a 执异 case."""
    judge = user("xy_judge")
    objection = file_on_its_day(judge, filing_data(case_type="执异", seed=7))
    first = file_on_its_day(judge, filing_data(seed=8))
    client = login("zy_leader")
    wrong = _post(client, case_type="执复", origin_case=first.case_number)
    assert wrong.status_code == 400, wrong.content
    assert "执异" in " ".join(wrong.json()["origin_case"])
    response = _post(client, case_type="执复", origin_case=objection.case_number)
    assert response.status_code == 201, response.content
    assert response.json()["origin_case"] == objection.case_number
    assert response.json()["case_number"].startswith(f"（{DAY.year}）琼01执复")

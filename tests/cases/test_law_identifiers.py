"""Identifiers (issue 17, finding 10; DOMAIN.md §2 "Parties"): a resident ID whose
checksum happens to match is still refused when its birth date is impossible or
in the future, or its region code is not one; the same identifier cannot be both
applicant and respondent of a case."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.models import EnforcementCase
from cases.services.parties import PartyData, add_party
from haikou_exec.identifiers import resident_id_check_char

DAY = dt.datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def _id(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


VALID = _id("46010519850612123")


@pytest.fixture(autouse=True)
def _on_a_set_day():
    with time_machine.travel(DAY, tick=True):
        yield


def _payload(applicant_id: str, respondent_id: str = "") -> dict:
    return {
        "case_type": "执",
        "title_issuer": "海口市秀英区人民法院",
        "title_document_number": "（2026）琼0105民初88号",
        "title_effective_on": "2026-10-01",
        "amount_claimed": "5000.00",
        "filed_on": DAY.date().isoformat(),
        "parties": [
            {"role": "applicant", "kind": "natural", "name": "王海生", "id_number": applicant_id},
            {
                "role": "respondent",
                "kind": "natural",
                "name": "李建设",
                "id_number": respondent_id or _id("46010619700101456"),
            },
        ],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        _id("46010519901301123"),  # month 13
        _id("46010519900132123"),  # day 32
        _id("46010519900230123"),  # 30 February
        _id("46010520301201123"),  # born in 2030
        _id("00000000000000000"),  # all zeros
        _id("99010519900101123"),  # no such province
    ],
)
def test_a_matching_checksum_is_not_enough(org, login, bad):
    response = login("xy_judge").post(
        "/api/v1/cases/", _payload(bad), content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert not EnforcementCase.objects.exists()


@pytest.mark.django_db
def test_a_good_resident_id_passes(org, login):
    response = login("xy_judge").post(
        "/api/v1/cases/", _payload(VALID), content_type="application/json"
    )
    assert response.status_code == 201, response.content


@pytest.mark.django_db
def test_the_same_identifier_cannot_be_on_both_sides(org, login):
    response = login("xy_judge").post(
        "/api/v1/cases/", _payload(VALID, respondent_id=VALID), content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert "申请执行人" in str(response.json()) or "applicant" in str(response.json())
    assert not EnforcementCase.objects.exists()


@pytest.mark.django_db
def test_nor_added_later_as_a_respondent(xy_case, user):
    from django.core.exceptions import ValidationError

    applicant = xy_case.parties.get(role="applicant")
    with pytest.raises(ValidationError, match="both applicant and respondent"):
        add_party(
            user=user("xy_judge"),
            case_id=xy_case.pk,
            data=PartyData(
                role="respondent", kind="natural", name="王海生", id_number=applicant.id_number
            ),
        )

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from cases.models import CaseNode, EnforcementCase
from cases.numbers import normalise_parentheses, parse_case_number
from cases.services.filing import file_case
from tests.cases.conftest import file_on_its_day, filing_data


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_filings_number_1_to_50_without_gap(org, user):
    judge = user("lh_judge")
    barrier = threading.Barrier(10)

    def one(i):
        try:
            barrier.wait(timeout=10) if i < 10 else None
            return file_on_its_day(judge, filing_data(seed=i)).sequence
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=10) as pool:
        numbers = sorted(pool.map(one, range(50)))
    assert numbers == list(range(1, 51))
    cases = EnforcementCase.objects.filter(court__code="琼0106", year=2026, case_type="执")
    assert sorted(cases.values_list("sequence", flat=True)) == list(range(1, 51))
    assert cases.get(sequence=7).case_number == "（2026）琼0106执7号"
    for conn in connections.all():
        conn.close()


@pytest.mark.django_db
def test_a_failed_filing_leaves_no_gap(org, user):
    judge = user("qs_judge")
    first = file_on_its_day(judge, filing_data(seed=1))
    bad = filing_data(seed=2)
    bad.parties[1].id_number = "91460100MA5T00000X"  # bad check character
    with pytest.raises(ValidationError) as err:
        file_on_its_day(judge, bad)
    assert "id_number" in err.value.message_dict
    second = file_on_its_day(judge, filing_data(seed=3))
    assert (first.sequence, second.sequence) == (1, 2)


@pytest.mark.django_db
def test_numbers_run_per_court_year_and_type(org, user):
    a = file_on_its_day(user("lh_judge"), filing_data(case_type="执"))
    b = file_on_its_day(user("lh_judge"), filing_data(case_type="执保"))
    c = file_on_its_day(user("ml_judge"), filing_data(case_type="执"))
    assert [a.case_number, b.case_number, c.case_number] == [
        "（2026）琼0106执1号",
        "（2026）琼0106执保1号",
        "（2026）琼0108执1号",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("case_type", {"case_type": "执行"}),
        ("amount_claimed", {"amount": "-1.00"}),
        ("filed_on", {"filed_on": __import__("datetime").date(2099, 1, 1)}),
    ],
)
def test_bad_filings_are_refused_with_a_message(org, user, field, change):
    with pytest.raises(ValidationError) as err:
        # Filed on a set day: a future filing date is refused.
        file_case(user=user("lh_judge"), data=filing_data(**change), today=dt.date(2026, 3, 2))
    assert field in err.value.message_dict
    assert not EnforcementCase.objects.exists()


def test_case_number_parsing_accepts_both_parenthesis_forms():
    assert str(parse_case_number("(2026)琼0106执1234号")) == "（2026）琼0106执1234号"
    assert parse_case_number("（2026）琼0106执恢12号").case_type == "执恢"
    assert normalise_parentheses("(2026)琼0106执1") == "（2026）琼0106执1"
    with pytest.raises(ValidationError):
        parse_case_number("2026琼0106执1234")
    with pytest.raises(ValidationError):
        parse_case_number("（2026）琼0106执行1234号")


@pytest.mark.django_db
def test_filing_opens_the_nodes_of_its_type(org, user):
    case = file_on_its_day(user("lh_judge"), filing_data())
    codes = set(CaseNode.objects.filter(case=case).values_list("definition__code", flat=True))
    assert {"assignment", "online_query", "property_investigation", "closing"} <= codes
    assert "objection_decision" not in codes
    closing = CaseNode.objects.get(case=case, definition__code="closing")
    assert str(closing.due_on) == "2026-09-02"
    objection = file_on_its_day(user("lh_judge"), filing_data(case_type="执异"))
    assert set(objection.nodes.values_list("definition__code", flat=True)) == {
        "assignment",
        "objection_decision",
    }


@pytest.mark.django_db
def test_criminal_property_cases_go_to_the_criminal_bureau(org, user):
    case = file_case(
        user=None, data=filing_data(is_criminal_property=True, court_id=org["龙华法院"].pk)
    )
    assert case.bureau.kind == "criminal_enforcement"
    assert case.case_number.startswith("（2026）琼01执")

"""Issue 17 finding 13 (DOMAIN.md §9): the default bureau assessment weighs the
petition conclusion rate (执行信访办结率), and a case closed 终结执行 because it
was transferred (提级/交叉/指定) leaves the sending court's 首执执行完毕率 (and
首执终本率) denominator: the receiving court files it anew and closes it there."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from assessment.periods import Period
from courts.models import Court
from tests.supervision.helpers import make_case

pytestmark = pytest.mark.django_db


def _drilldown(client, code: str, court: Court, part: str) -> str:
    return client.get(
        "/assessment/drilldown/",
        {
            "code": code,
            "level": "court",
            "subject": court.pk,
            "period": "2026",
            "part": part,
            "as_of": "2026-12-31",
        },
    ).content.decode()


def test_a_new_scheme_starts_with_the_petition_conclusion_rate(ref, login):
    page = login("zy_leader").get("/assessment/schemes/new/").content.decode()
    selected = re.findall(r'<option value="([a-z_]+)" selected>', page)
    assert "petition_conclusion" in selected
    assert {"actual_execution_in_term", "termination_compliance", "three_year_overall"} <= set(
        selected
    )


def test_transfer_closures_leave_the_first_enforcement_denominators(ref, login):
    from cases.models import EnforcementCase

    xy = Court.objects.get(code="琼0105")
    executed = make_case(
        filed_on=dt.date(2026, 2, 2),
        recovered="100000.00",
        closing_type="fully_executed",
        closed_on=dt.date(2026, 4, 1),
    )
    transferred = make_case(
        filed_on=dt.date(2026, 2, 2), closing_type="terminated", closed_on=dt.date(2026, 5, 1)
    )
    withdrawn = make_case(
        filed_on=dt.date(2026, 2, 2), closing_type="terminated", closed_on=dt.date(2026, 5, 2)
    )
    EnforcementCase.objects.filter(pk=transferred.pk).update(termination_reason="transferred")
    EnforcementCase.objects.filter(pk=withdrawn.pk).update(termination_reason="withdrawn")
    client = login("zy_leader")
    for code in ("first_fully_executed_rate", "first_termination_rate"):
        page = _drilldown(client, code, xy, "denominator")
        assert f'href="/cases/{executed.pk}/"' in page
        assert f'href="/cases/{withdrawn.pk}/"' in page  # a termination that is a closing
        assert f'href="/cases/{transferred.pk}/"' not in page, code
    # 1 of 2, not 1 of 3.
    from assessment.indicators import compute_figures
    from assessment.services.definitions import definition_for

    year = Period.year(2026)
    definition = definition_for("first_fully_executed_rate", year.end)
    figure = compute_figures(definition, year, "court", dt.date(2026, 12, 31))[xy.pk]
    assert (figure.numerator, figure.denominator) == (1, 2)
    # The 2025 figures keep the version they were computed with.
    assert definition_for("first_fully_executed_rate", dt.date(2025, 12, 31)).version == 1

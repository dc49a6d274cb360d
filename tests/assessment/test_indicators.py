"""Each indicator on a hand-built data set equals the hand-computed figure, and
its drill-down lists exactly the cases (or nodes) counted."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, InternalError, transaction

from assessment.choices import FigureLevel
from assessment.indicators import calculation, compute_figures, subject_filter, unit_ids
from assessment.models import IndicatorDefinition
from assessment.periods import Period
from assessment.selectors import drilldown
from assessment.services.definitions import definition_for, revise_indicator
from cases.templatetags.haikou_format import count, yuan_short
from courts.models import Court
from tests.assessment.conftest import AS_OF

pytestmark = pytest.mark.django_db

YEAR = Period.year(2026)

# code: (numerator, denominator, value, numerator units, denominator units) — by hand.
EXPECTED = {
    # 有财产: c1 (finding), c2 (measure), c5 (money recovered); 终本/销案 excluded.
    # In term and 执行完毕: only c1 (c2 closed after its 2026-07-05 due date, c5 is 终结执行).
    "actual_execution_in_term": ("1", "3", "33.33", ["c1"], ["c1", "c2", "c5"]),
    # 终本 closed: c3 (every condition), c4 (no interview with the applicant).
    "termination_compliance": ("1", "2", "50.00", ["c3"], ["c3", "c4"]),
    # Petitions due in 2026: p1 (in time), p2 (late), p3 (open); p4 is due in 2027.
    "petition_conclusion": ("1", "3", "33.33", ["p1"], ["p1", "p2", "p3"]),
    # Filed 2024-01-01..2026-12-31 (执, 执恢): c1 c2 c3 c4 c5 c7 c8 c9; 终本 c3 c4 + 执行完毕 in term c1
    # (c7 closed 2025-12-20, after its 2025-12-01 term).
    "three_year_overall": (
        "3",
        "8",
        "37.50",
        ["c1", "c3", "c4"],
        ["c1", "c2", "c3", "c4", "c5", "c7", "c8", "c9"],
    ),
    # 执 closed in 2026: c1 c2 c4 c5 c9; 执行完毕: c1 c2.
    "first_fully_executed_rate": ("2", "5", "40.00", ["c1", "c2"], ["c1", "c2", "c4", "c5", "c9"]),
    "first_termination_rate": ("1", "5", "20.00", ["c4"], ["c1", "c2", "c4", "c5", "c9"]),
    # Recovered 100000+200000+0+8000+30000+0 of 100000+200000+50000+80000+30000+60000.
    "recovery_rate": (
        "338000.00",
        "520000.00",
        "65.00",
        ["c1", "c2", "c4", "c5"],
        ["c1", "c2", "c3", "c4", "c5", "c9"],
    ),
    # By the legal closing date: c1 (node 07-05), c3 c4 (filed+6m 08-01), c5 (09-01), c9 (node 08-15 after a stay); not c2.
    "closed_within_term": (
        "5",
        "6",
        "83.33",
        ["c1", "c3", "c4", "c5", "c9"],
        ["c1", "c2", "c3", "c4", "c5", "c9"],
    ),
    # 55 + 239 + 98 + 98 + 92 + 193 days over 6 cases.
    "average_days_to_close": (
        "775.00",
        "6.00",
        "129.17",
        ["c1", "c2", "c3", "c4", "c5", "c9"],
        ["c1", "c2", "c3", "c4", "c5", "c9"],
    ),
    # Disbursements due in 2026: d1 (in time), d2 (late), d3 (open); d4 cancelled.
    "timely_disbursement": ("1", "3", "33.33", ["d1"], ["d1", "d2", "d3"]),
}


def _court(code):
    return Court.objects.get(code=code)


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_indicator_equals_hand_computed_figure_with_the_same_cases(code, crafted, login):
    numerator, denominator, value, num_units, den_units = EXPECTED[code]
    xy = _court("琼0105")
    definition = definition_for(code, YEAR.end)
    figure = compute_figures(definition, YEAR, FigureLevel.COURT, AS_OF)[xy.pk]
    assert (figure.numerator, figure.denominator, figure.value) == (
        Decimal(numerator),
        Decimal(denominator),
        Decimal(value),
    )
    # The units behind the figure are exactly the hand-picked ones.
    calc = calculation(definition, YEAR, AS_OF)
    got_num, got_den = unit_ids(calc, subject_filter(FigureLevel.COURT, xy.pk, calc, YEAR, AS_OF))
    assert got_num == sorted(crafted[k].pk for k in num_units)
    assert got_den == sorted(crafted[k].pk for k in den_units)
    # The drill-down selector (what the page lists) adds up to the figure.
    user = (
        __import__("django.contrib.auth", fromlist=["get_user_model"])
        .get_user_model()
        .objects.get(username="zy_leader")
    )
    for part, expected in (("numerator", num_units), ("denominator", den_units)):
        data = drilldown(user, definition, YEAR, FigureLevel.COURT, xy.pk, part, AS_OF)
        assert [u.pk for u in data["units"]] == sorted(crafted[k].pk for k in expected)
        assert data["figure"] == figure
    # And the page shows those counts and links each case.
    client = login("zy_leader")
    page = client.get(
        "/assessment/drilldown/",
        {
            "code": code,
            "level": "court",
            "subject": xy.pk,
            "period": "2026",
            "part": "numerator",
            "as_of": "2026-12-31",
        },
    ).content.decode()
    # Counts as counts, sums of yuan in 万元 (issue 16).
    shown = yuan_short(numerator) if code == "recovery_rate" else count(numerator)
    assert f'id="numerator">{shown}<' in page, shown
    for key in num_units:
        case = crafted[key] if not hasattr(crafted[key], "case_id") else crafted[key].case
        assert f'href="/cases/{case.pk}/"' in page


def test_other_court_team_and_officer_levels(crafted, xy_team):
    from personnel.models import Officer

    definition = definition_for("closed_within_term", YEAR.end)
    lh = _court("琼0106")
    by_court = compute_figures(definition, YEAR, FigureLevel.COURT, AS_OF)
    assert (by_court[lh.pk].numerator, by_court[lh.pk].denominator) == (1, 1)
    bureau = crafted["c1"].bureau_id
    assert (
        compute_figures(definition, YEAR, FigureLevel.BUREAU, AS_OF)[bureau]
        == by_court[_court("琼0105").pk]
    )
    # The 秀英 team handled c1 (in term) and c2 (late).
    by_team = compute_figures(definition, YEAR, FigureLevel.TEAM, AS_OF, [xy_team.pk])
    assert (
        by_team[xy_team.pk].numerator,
        by_team[xy_team.pk].denominator,
        by_team[xy_team.pk].value,
    ) == (1, 2, Decimal("50.00"))
    judge = Officer.objects.get(user__username="xy_judge")
    by_officer = compute_figures(definition, YEAR, FigureLevel.OFFICER, AS_OF, [judge.pk])
    assert by_officer[judge.pk] == by_team[xy_team.pk]


def test_any_period_and_data_date(crafted):
    definition = definition_for("closed_within_term", YEAR.end)
    xy = _court("琼0105").pk
    # As of 30 June only c1, c3, c4 and c5 were closed — all within term.
    mid = compute_figures(definition, YEAR, FigureLevel.COURT, dt.date(2026, 6, 30))[xy]
    assert (mid.numerator, mid.denominator, mid.value) == (4, 4, Decimal("100.00"))
    q1 = compute_figures(definition, Period.parse("2026-Q1"), FigureLevel.COURT, AS_OF)[xy]
    assert (q1.numerator, q1.denominator) == (1, 1)  # c1
    may = compute_figures(definition, Period.parse("2026-05"), FigureLevel.COURT, AS_OF)[xy]
    assert (may.numerator, may.denominator) == (2, 2)  # c3, c4
    custom = Period.parse("2026-08-01..2026-09-30")
    assert (
        compute_figures(definition, custom, FigureLevel.COURT, AS_OF)[xy].denominator == 2
    )  # c2, c9


def test_a_formula_change_is_a_new_version_never_an_edit(crafted, user):
    v1 = definition_for("recovery_rate", YEAR.end)
    v2 = revise_indicator(
        user=user("zy_leader"),
        code="recovery_rate",
        effective_from=dt.date(2027, 1, 1),
        formula="期内结案首执案件执行到位金额 ÷ 申请执行标的金额",
        parameters={"case_types": ["执"]},
    )
    assert (v1.version, v2.version) == (1, 2)
    # 2026 still uses v1; 2027 uses v2.
    assert definition_for("recovery_rate", YEAR.end) == v1
    assert definition_for("recovery_rate", dt.date(2027, 12, 31)) == v2
    # The database refuses to rewrite a version's formula.
    v1.formula = "改写"
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        v1.save()
    assert IndicatorDefinition.objects.get(pk=v1.pk).formula != "改写"
    # Only the intermediate bureau's leadership revises, and only forwards in time.
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):
        revise_indicator(
            user=user("xy_director"), code="recovery_rate", effective_from=dt.date(2028, 1, 1)
        )
    with pytest.raises(ValidationError):
        revise_indicator(
            user=user("zy_leader"), code="recovery_rate", effective_from=dt.date(2026, 6, 1)
        )


def test_snapshots_store_the_cases_and_are_reproducible(crafted):
    from assessment.models import IndicatorSnapshot
    from assessment.services.snapshots import (
        snapshot_period,
        take_nightly_snapshots,
        verify_snapshot,
    )
    from tests.supervision.helpers import make_case

    written = snapshot_period(YEAR, AS_OF)
    xy = _court("琼0105")
    snap = IndicatorSnapshot.objects.get(
        definition__code="closed_within_term",
        level="court",
        subject_id=xy.pk,
        period_start=YEAR.start,
    )
    assert written >= 10 * 5
    assert (snap.numerator, snap.denominator, snap.value) == (5, 6, Decimal("83.33"))
    assert sorted(snap.numerator_ids) == sorted(
        crafted[k].pk for k in ["c1", "c3", "c4", "c5", "c9"]
    )
    assert snap.is_final and snap.definition.version == 1
    assert verify_snapshot(snap)["reproduced"] is True
    # Later data (a case closed in the period, recorded after the snapshot) does
    # not change the stored figure; recomputing now tells the difference.
    make_case(
        filed_on=dt.date(2026, 2, 1), closing_type="fully_executed", closed_on=dt.date(2026, 3, 1)
    )
    check = verify_snapshot(snap)
    assert check["reproduced"] is False and check["figure"].denominator == 7
    snap.refresh_from_db()
    assert snap.denominator == 6
    # A final snapshot is not rewritten by a later run.
    snapshot_period(YEAR, AS_OF)
    snap.refresh_from_db()
    assert snap.denominator == 6
    # The nightly task covers the running month and year.
    assert take_nightly_snapshots(dt.date(2026, 11, 28)) > 0
    assert IndicatorSnapshot.objects.filter(
        period_start=dt.date(2026, 11, 1), period_kind="month"
    ).exists()

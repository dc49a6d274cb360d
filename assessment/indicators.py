"""The computation of each quality indicator, keyed on its code (DOMAIN.md §9).

A definition version (``IndicatorDefinition``) gives the formula text and the
parameters; the calculator here turns them into a set of *units* — the cases
(or process nodes) in the denominator — and a condition that picks the units of
the numerator. Figures for every court, bureau or team are then one aggregate
query (GROUP BY); an officer's figure is the sum over the teams they served in
during the period (a case has one team, so no case is counted twice). The same
units, filtered to one subject, are the drill-down: the list of cases behind
a figure is, by construction, exactly what was counted.

Every date condition is cut off at ``min(period end, as_of)``, so a figure
computed again with the same ``as_of`` gives the same number."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from assessment.choices import FigureLevel
from assessment.periods import Period
from cases.choices import ClosingType, MeasureKind, NodeStatus
from cases.models import CaseNode, EnforcementCase, Measure, PropertyFinding
from cases.selectors.termination import annotate_termination, closing_due_date
from haikou_exec.expressions import DaysBetween

CASE, NODE = "case", "node"
SUM_FIELD = DecimalField(max_digits=20, decimal_places=2)
CONTROL_MEASURES = [
    MeasureKind.SEIZURE,
    MeasureKind.DETENTION,
    MeasureKind.FREEZE,
    MeasureKind.TRANSFER,
]


@dataclass
class Calculation:
    """The denominator's units, the numerator's condition, and how to add them up."""

    units: QuerySet
    numerator: Q | None  # None: every unit of the denominator
    unit_kind: str = CASE
    numerator_sum: object = None  # an expression to sum; None counts units
    denominator_sum: object = None
    scale: int = 100  # percent; 1 for an average

    @property
    def case_prefix(self) -> str:
        return "" if self.unit_kind == CASE else "case__"

    def numerator_units(self) -> QuerySet:
        return self.units if self.numerator is None else self.units.filter(self.numerator)


@dataclass(frozen=True)
class Figure:
    numerator: Decimal
    denominator: Decimal
    value: Decimal | None

    @classmethod
    def of(cls, numerator, denominator, scale: int) -> Figure:
        numerator = Decimal(numerator or 0)
        denominator = Decimal(denominator or 0)
        value = None
        if denominator:
            value = (numerator * scale / denominator).quantize(Decimal("0.01"), ROUND_HALF_UP)
        return cls(
            numerator.quantize(Decimal("0.01")), denominator.quantize(Decimal("0.01")), value
        )


Calculator = Callable[["object", dt.date, dt.date], Calculation]
CALCULATORS: dict[str, Calculator] = {}


def calculator(code: str):
    def register(func: Calculator) -> Calculator:
        CALCULATORS[code] = func
        return func

    return register


def _cases(definition, default_types=("执", "执恢")) -> QuerySet:
    return EnforcementCase.objects.filter(
        case_type__in=list(definition.param("case_types", list(default_types)))
    )


def _closed_between(definition, start, end, default_types=("执", "执恢")) -> QuerySet:
    return _cases(definition, default_types).filter(closed_on__gte=start, closed_on__lte=end)


def _with_due(queryset, definition):
    return queryset.annotate(legal_due=closing_due_date(int(definition.param("term_months", 6))))


@calculator("actual_execution_in_term")
def actual_execution_in_term(definition, start, end) -> Calculation:
    """有财产可供执行案件法定期限内实际执结率."""
    excluded = definition.param(
        "excluded_closing_types",
        [
            ClosingType.TERMINATED_PROCEDURE,
            ClosingType.CANCELLED,
            ClosingType.REFUSED,
            ClosingType.REJECTED,
        ],
    )
    with_property = (
        Exists(PropertyFinding.objects.filter(case=OuterRef("pk")))
        | Exists(Measure.objects.filter(case=OuterRef("pk"), kind__in=CONTROL_MEASURES))
        | Q(amount_recovered__gt=0)
    )
    units = _with_due(
        _closed_between(definition, start, end)
        .exclude(closing_type__in=excluded)
        .filter(with_property),
        definition,
    )
    actual = definition.param("actual_closing_types", [ClosingType.FULLY_EXECUTED])
    return Calculation(units, Q(closing_type__in=actual, closed_on__lte=F("legal_due")))


@calculator("termination_compliance")
def termination_compliance(definition, start, end) -> Calculation:
    """无财产可供执行案件终本合格率: every condition of 终本规定 art. 1 holds."""
    units = annotate_termination(
        _closed_between(definition, start, end).filter(
            closing_type=ClosingType.TERMINATED_PROCEDURE
        )
    )
    return Calculation(units, Q(tc_all=True))


def _node_units(definition, code: str, start, end) -> QuerySet:
    return CaseNode.objects.filter(
        definition__code=definition.param("node_code", code),
        due_on__gte=start,
        due_on__lte=end,
        triggered_on__lte=end,
    )


def _done_in_time(end) -> Q:
    return Q(status=NodeStatus.DONE, completed_on__lte=F("due_on")) & Q(completed_on__lte=end)


@calculator("petition_conclusion")
def petition_conclusion(definition, start, end) -> Calculation:
    """执行信访办结率: petitions due in the period, concluded by their deadline."""
    units = _node_units(definition, "petition_conclusion", start, end)
    return Calculation(units, _done_in_time(end), unit_kind=NODE)


@calculator("three_year_overall")
def three_year_overall(definition, start, end) -> Calculation:
    """三年整体执结率 = 终本 closing rate + actual execution rate within term, over
    the cases filed in the three years up to the period's end."""
    years = int(definition.param("years", 3))
    window_start = _years_before(end, years)
    units = _with_due(
        _cases(definition).filter(filed_on__gte=window_start, filed_on__lte=end), definition
    )
    terminated = Q(closing_type=ClosingType.TERMINATED_PROCEDURE, closed_on__lte=end)
    executed_in_term = Q(
        closing_type__in=definition.param("actual_closing_types", [ClosingType.FULLY_EXECUTED]),
        closed_on__lte=end,
    ) & Q(closed_on__lte=F("legal_due"))
    numerator = terminated | executed_in_term
    return Calculation(units, numerator)


def _years_before(end: dt.date, years: int) -> dt.date:
    """The day after the same date ``years`` years earlier (a window of exactly ``years`` years)."""
    try:
        anniversary = end.replace(year=end.year - years)
    except ValueError:  # 29 February
        anniversary = end.replace(year=end.year - years, day=28)
    return anniversary + dt.timedelta(days=1)


def _first_closed(definition, start, end) -> QuerySet:
    """First-enforcement cases closed in the period, less the 终结执行 closings for
    the reasons the version excludes (from version 2: transfers, whose case is
    filed and closed again by the receiving court — DOMAIN.md §3)."""
    units = _closed_between(definition, start, end, default_types=("执",))
    excluded = definition.param("excluded_termination_reasons", [])
    if excluded:
        units = units.exclude(
            closing_type=ClosingType.TERMINATED, termination_reason__in=list(excluded)
        )
    return units


@calculator("first_fully_executed_rate")
def first_fully_executed_rate(definition, start, end) -> Calculation:
    """首执执行完毕率 = first-enforcement cases closed 执行完毕 ÷ first-enforcement cases closed."""
    return Calculation(
        _first_closed(definition, start, end), Q(closing_type=ClosingType.FULLY_EXECUTED)
    )


@calculator("first_termination_rate")
def first_termination_rate(definition, start, end) -> Calculation:
    """首执终本率 = first-enforcement cases closed 终本 ÷ first-enforcement cases closed."""
    return Calculation(
        _first_closed(definition, start, end), Q(closing_type=ClosingType.TERMINATED_PROCEDURE)
    )


# Indicators whose numerator and denominator are sums of yuan, not counts (issue 16).
AMOUNT_INDICATORS = frozenset({"recovery_rate"})


@calculator("recovery_rate")
def recovery_rate(definition, start, end) -> Calculation:
    """执行到位率 = amount recovered ÷ amount applied for, in the cases closed."""
    units = _closed_between(definition, start, end)
    return Calculation(
        units,
        Q(amount_recovered__gt=0),
        numerator_sum=F("amount_recovered"),
        denominator_sum=F("amount_claimed"),
    )


@calculator("closed_within_term")
def closed_within_term(definition, start, end) -> Calculation:
    """法定期限内结案率: cases closed by their legal closing date ÷ cases closed."""
    units = _with_due(_closed_between(definition, start, end), definition)
    return Calculation(units, Q(closed_on__lte=F("legal_due")))


@calculator("average_days_to_close")
def average_days_to_close(definition, start, end) -> Calculation:
    """平均执行天数 = days from filing to closing, summed ÷ cases closed."""
    units = _closed_between(definition, start, end).annotate(
        days_to_close=DaysBetween(F("closed_on"), F("filed_on"))
    )
    return Calculation(units, None, numerator_sum=F("days_to_close"), scale=1)


@calculator("timely_disbursement")
def timely_disbursement(definition, start, end) -> Calculation:
    """案款及时发放率: receipts whose 30-day disbursement deadline fell in the
    period, paid out by it."""
    units = _node_units(definition, "funds_disbursement", start, end).exclude(
        status=NodeStatus.CANCELLED
    )
    return Calculation(units, _done_in_time(end), unit_kind=NODE)


def calculation(definition, period: Period, as_of: dt.date) -> Calculation:
    func = CALCULATORS.get(definition.code)
    if func is None:
        raise KeyError(f"No calculator for indicator {definition.code!r}")
    calc = func(definition, period.start, period.cutoff(as_of))
    if calc.numerator is not None:
        calc.units = calc.units.annotate(
            in_numerator=ExpressionWrapper(calc.numerator, output_field=BooleanField())
        )
        calc.numerator = Q(in_numerator=True)
    return calc


def _aggregates(calc: Calculation) -> dict:
    one = Value(1)
    num_expr = calc.numerator_sum if calc.numerator_sum is not None else one
    den_expr = calc.denominator_sum if calc.denominator_sum is not None else one
    if calc.numerator_sum is None and calc.numerator is not None:
        numerator = Count("pk", filter=calc.numerator)
    elif calc.numerator_sum is None:
        numerator = Count("pk")
    else:
        numerator = Coalesce(Sum(num_expr, filter=calc.numerator), Value(0), output_field=SUM_FIELD)
    denominator = (
        Count("pk")
        if calc.denominator_sum is None
        else Coalesce(Sum(den_expr), Value(0), output_field=SUM_FIELD)
    )
    return {"num": numerator, "den": denominator}


GROUP_FIELD = {
    FigureLevel.COURT: "court_id",
    FigureLevel.BUREAU: "bureau_id",
    FigureLevel.TEAM: "team_id",
}


def compute_figures(
    definition, period: Period, level: str, as_of: dt.date, subject_ids=None
) -> dict[int, Figure]:
    """Figures of every subject at a level (or those in ``subject_ids``), in one
    aggregate query (two for officers)."""
    calc = calculation(definition, period, as_of)
    if level == FigureLevel.OFFICER:
        officer_teams = teams_of_officers(period, as_of, subject_ids)
        team_ids = {t for teams in officer_teams.values() for t in teams}
        by_team = _grouped(calc, "team_id", team_ids)
        result = {}
        for officer_id, teams in officer_teams.items():
            num = sum((by_team[t][0] for t in teams if t in by_team), Decimal(0))
            den = sum((by_team[t][1] for t in teams if t in by_team), Decimal(0))
            result[officer_id] = Figure.of(num, den, calc.scale)
        return result
    grouped = _grouped(calc, GROUP_FIELD[level], subject_ids)
    return {key: Figure.of(num, den, calc.scale) for key, (num, den) in grouped.items()}


def compute_total(
    definition, period: Period, as_of: dt.date, units_filter: Q | None = None
) -> Figure:
    calc = calculation(definition, period, as_of)
    units = calc.units if units_filter is None else calc.units.filter(units_filter)
    row = units.aggregate(**_aggregates(calc))
    return Figure.of(row["num"], row["den"], calc.scale)


def _grouped(calc: Calculation, field: str, subject_ids) -> dict[int, tuple[Decimal, Decimal]]:
    path = calc.case_prefix + field
    units = calc.units
    if subject_ids is not None:
        units = units.filter(**{f"{path}__in": list(subject_ids)})
    rows = units.order_by().values(path).annotate(**_aggregates(calc))
    return {
        row[path]: (Decimal(row["num"] or 0), Decimal(row["den"] or 0))
        for row in rows
        if row[path] is not None
    }


def teams_of_officers(period: Period, as_of: dt.date, officer_ids=None) -> dict[int, set[int]]:
    """The teams each officer served in at some time during the period."""
    from personnel.models import TeamMembership

    end = period.cutoff(as_of)
    memberships = TeamMembership.objects.filter(started_on__lte=end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=period.start)
    )
    if officer_ids is not None:
        memberships = memberships.filter(officer_id__in=list(officer_ids))
    teams: dict[int, set[int]] = defaultdict(set)
    for officer_id, team_id in memberships.values_list("officer_id", "team_id"):
        teams[officer_id].add(team_id)
    return teams


def subject_filter(level: str, subject_id: int, calc: Calculation, period: Period, as_of) -> Q:
    prefix = calc.case_prefix
    if level == FigureLevel.OFFICER:
        teams = teams_of_officers(period, as_of, [subject_id]).get(subject_id, set())
        return Q(**{f"{prefix}team_id__in": list(teams)})
    return Q(**{f"{prefix}{GROUP_FIELD[level]}": subject_id})


def unit_ids(calc: Calculation, units_filter: Q) -> tuple[list[int], list[int]]:
    """The ids of the units in the denominator and in the numerator."""
    units = calc.units.filter(units_filter).order_by("pk")
    denominator = list(units.values_list("pk", flat=True))
    if calc.numerator is None:
        numerator = denominator
    else:
        numerator = list(units.filter(calc.numerator).values_list("pk", flat=True))
    return numerator, denominator


__all__ = ["CALCULATORS", "Calculation", "Figure", "compute_figures", "compute_total"]

"""What each indicator and each scheme component takes (issue 16): the keys read
from ``IndicatorDefinition.parameters`` by the calculators (``definition.param``
in ``assessment.indicators``) and from a component's or officer item's
``parameters`` by the scoring (``assessment.scoring.score_component``), with the
same defaults, as the editors' fields and the checks (``haikou_exec.parameters``)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from assessment.choices import ComponentKind, OfficerItemKind
from assessment.scoring import DEFAULT_SUPERVISION_POINTS
from cases.choices import REVIEW_OUTCOMES, CaseType, ClosingType, TerminationReason
from haikou_exec.parameters import CHOICE, CHOICES, DECIMAL, INTEGER, Parameter

IMPLEMENTATION = ["执", "执恢"]


def implementation_types():
    """执行实施类 case types (执, 执恢, 执保)."""
    return [(v, label) for v, label in CaseType.choices if v in CaseType.implementation_codes()]


def implementation_closings():
    """The six ways an implementation case closes (not a review's outcomes)."""
    return [(v, label) for v, label in ClosingType.choices if v not in REVIEW_OUTCOMES]


def node_definitions():
    from cases.models import NodeDefinition

    return list(NodeDefinition.objects.order_by("name").values_list("code", "name"))


def _case_types(default=IMPLEMENTATION) -> Parameter:
    return Parameter(
        "case_types",
        _("Case types counted"),
        CHOICES,
        default=default,
        choices=implementation_types,
    )


TERM_MONTHS = Parameter(
    "term_months",
    _("Legal time limit to close, when the case has no closing node (months)"),
    INTEGER,
    default=6,
    min_value=1,
    max_value=60,
)
ACTUAL_CLOSINGS = Parameter(
    "actual_closing_types",
    _("Closing types counted as actual execution"),
    CHOICES,
    default=[ClosingType.FULLY_EXECUTED.value],
    choices=implementation_closings,
)
EXCLUDED_CLOSINGS = Parameter(
    "excluded_closing_types",
    _("Closing types not counted as cases with property"),
    CHOICES,
    default=[
        ClosingType.TERMINATED_PROCEDURE.value,
        ClosingType.CANCELLED.value,
        ClosingType.REFUSED.value,
        ClosingType.REJECTED.value,
    ],
    choices=implementation_closings,
    required=False,
)
EXCLUDED_REASONS = Parameter(
    "excluded_termination_reasons",
    _("终结执行 reasons left out of the cases closed"),
    CHOICES,
    default=[],
    choices=lambda: TerminationReason.choices,
    required=False,
)


def _node(default: str) -> Parameter:
    return Parameter(
        "node_code", _("Process node counted"), CHOICE, default=default, choices=node_definitions
    )


INDICATOR_PARAMETERS: dict[str, list[Parameter]] = {
    "actual_execution_in_term": [_case_types(), TERM_MONTHS, ACTUAL_CLOSINGS, EXCLUDED_CLOSINGS],
    "termination_compliance": [_case_types()],
    "petition_conclusion": [_node("petition_conclusion")],
    "three_year_overall": [
        _case_types(),
        Parameter(
            "years",
            _("Years of filings counted (years)"),
            INTEGER,
            default=3,
            min_value=1,
            max_value=10,
        ),
        TERM_MONTHS,
        ACTUAL_CLOSINGS,
    ],
    "first_fully_executed_rate": [_case_types(["执"]), EXCLUDED_REASONS],
    "first_termination_rate": [_case_types(["执"]), EXCLUDED_REASONS],
    "recovery_rate": [_case_types()],
    "closed_within_term": [_case_types(), TERM_MONTHS],
    "average_days_to_close": [_case_types()],
    "timely_disbursement": [_node("funds_disbursement")],
}

# A component's own target for its indicator (blank: the indicator's target).
TARGET = Parameter(
    "target",
    _("Target (% or days)"),
    DECIMAL,
    min_value=Decimal("0.01"),
    max_value=Decimal(100000),
    required=False,
    help_text=_("Blank: the indicator's own target."),
)


def _points(key: str, label) -> Parameter:
    return Parameter(
        key,
        label,
        DECIMAL,
        default=DEFAULT_SUPERVISION_POINTS[key],
        min_value=0,
        max_value=100,
        required=False,
    )


COMPONENT_PARAMETERS: dict[str, list[Parameter]] = {
    ComponentKind.INDICATOR: [TARGET],
    ComponentKind.SUPERVISION: [
        _points("minor", _("Points off per minor inspection finding (points)")),
        _points("major", _("Points off per major inspection finding (points)")),
        _points("serious", _("Points off per serious inspection finding (points)")),
        _points(
            "established_case", _("Points off per supervision case found established (points)")
        ),
        _points("conduct_violation", _("Points off per breach of discipline found (points)")),
        _points("overdue_order", _("Points off per supervision order answered late (points)")),
    ],
}

OFFICER_ITEM_PARAMETERS: dict[str, list[Parameter]] = {OfficerItemKind.INDICATOR: [TARGET]}


def indicator_parameters(code: str) -> list[Parameter]:
    return INDICATOR_PARAMETERS.get(code, [])

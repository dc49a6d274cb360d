"""What each alert rule takes (issue 16): the keys its evaluator reads from
``AlertRule.parameters`` (``rule.param(name, default)`` in ``supervision.alerts``),
with the same defaults, as the rule editor's fields and the API's check
(``haikou_exec.parameters``)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cases.choices import CaseType
from haikou_exec.parameters import CHOICES, DECIMAL, INTEGER, Parameter
from supervision.choices import AlertRuleCode, ReviewGrade


def implementation_types():
    """The case types compared (执行实施类: 执, 执恢, 执保)."""
    return [(v, label) for v, label in CaseType.choices if v in CaseType.implementation_codes()]


RULE_PARAMETERS: dict[str, list[Parameter]] = {
    AlertRuleCode.PROPERTY_WITHOUT_MEASURE: [
        Parameter(
            "days",
            _("Time to take a control measure after property is found (days)"),
            INTEGER,
            default=7,
            min_value=1,
            max_value=365,
        )
    ],
    AlertRuleCode.NO_NODE_PROGRESS: [
        Parameter(
            "days",
            _("Days without any process node started or completed (days)"),
            INTEGER,
            default=30,
            min_value=1,
            max_value=3650,
        )
    ],
    AlertRuleCode.TERMINATION_INCOMPLETE: [
        Parameter(
            "lookback_days",
            _("终本 closings looked back at (days)"),
            INTEGER,
            default=365,
            min_value=1,
            max_value=3650,
        )
    ],
    AlertRuleCode.FUNDS_UNPAID: [
        Parameter(
            "days",
            _("Time to pay out case funds after they arrive (days)"),
            INTEGER,
            default=30,
            min_value=1,
            max_value=365,
        )
    ],
    AlertRuleCode.SELECTIVE_EXECUTION: [
        Parameter(
            "amount_ratio",
            _("Claims count as similar within a factor of (times)"),
            DECIMAL,
            default=2,
            above=1,
            max_value=Decimal(100),
            help_text=_(
                "Claims in the same band of this factor count as similar (2: 10,000–20,000 "
                "yuan, 20,000–40,000 yuan, …); more than 1."
            ),
        ),
        Parameter(
            "min_open_days",
            _("Filed at least (days ago)"),
            INTEGER,
            default=60,
            min_value=1,
            max_value=3650,
        ),
        Parameter(
            "max_comparables",
            _("Similar cases listed in the evidence at most (cases)"),
            INTEGER,
            default=5,
            min_value=1,
            max_value=100,
        ),
        Parameter(
            "case_types",
            _("Case types compared"),
            CHOICES,
            default=["执", "执恢"],
            choices=implementation_types,
        ),
    ],
}


def rule_parameters(code: str) -> list[Parameter]:
    return RULE_PARAMETERS.get(code, [])


# A scoring sheet's grade thresholds (``ScoringSheet.grade_bands``, read by
# ``grade_for``): the share of the sheet's maximum points, in percent, from which
# each grade holds; one left blank keeps its default (90, 80, 60).
GRADE_BANDS: list[Parameter] = [
    Parameter(
        grade,
        format_lazy(_("{grade} from (% of the maximum points)"), grade=label),
        DECIMAL,
        default=Decimal(default),
        min_value=Decimal(0),
        max_value=Decimal(100),
        required=False,
    )
    for grade, label, default in (
        (ReviewGrade.EXCELLENT.value, ReviewGrade.EXCELLENT.label, 90),
        (ReviewGrade.GOOD.value, ReviewGrade.GOOD.label, 80),
        (ReviewGrade.QUALIFIED.value, ReviewGrade.QUALIFIED.label, 60),
    )
]

"""Parameters (of an alert rule, an indicator, a scheme's component) as people read
them: 天数：30；金额倍数：2 — never the stored dictionary (issue 16)."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from django import template
from django.apps import apps
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

register = template.Library()

LABELS = {
    "days": gettext_lazy("Number of days"),
    "lookback_days": gettext_lazy("Days looked back"),
    "min_open_days": gettext_lazy("Open at least (days)"),
    "max_comparables": gettext_lazy("Cases compared at most"),
    "amount_ratio": gettext_lazy("Amounts within a ratio of"),
    "case_types": gettext_lazy("Case types"),
    "target": gettext_lazy("Target"),
    "term_months": gettext_lazy("Time limit (months)"),
    "years": gettext_lazy("Years"),
    "node_code": gettext_lazy("Process node"),
    "excluded_termination_reasons": gettext_lazy("Termination reasons left out"),
    "excluded_closing_types": gettext_lazy("Closing types left out"),
    "actual_closing_types": gettext_lazy("Closing types counted as actual execution"),
    "excellent": gettext_lazy("Excellent from"),
    "good": gettext_lazy("Good from"),
    "qualified": gettext_lazy("Qualified from"),
    "minor": gettext_lazy("Minor"),
    "major": gettext_lazy("Major"),
    "serious": gettext_lazy("Serious"),
    "numerator": gettext_lazy("Numerator"),
    "denominator": gettext_lazy("Denominator"),
    "value": gettext_lazy("Value"),
    "due": gettext_lazy("Reports due"),
    "on_time": gettext_lazy("Reported on time"),
    "counts": gettext_lazy("Counts"),
    "total": gettext_lazy("Total"),
    "score": gettext_lazy("Score"),
    "established_case": gettext_lazy("Cases with the problem established"),
    "conduct_violation": gettext_lazy("Breaches of discipline"),
    "overdue_order": gettext_lazy("Supervision orders answered late"),
}

# Bookkeeping a reader does not need: ids, versions, flags and notes kept for the
# program (the page says "not available" in words).
HIDDEN = {
    "available",
    "definition_id",
    "formula_version",
    "higher_is_better",
    "key",
    "reason",
    "scheme_id",
    "sources",
    "unit",
    "version",
}


@cache
def _choice_labels() -> dict[str, object]:
    """Every stored choice value of every model, with its label (the first model to
    declare a value names it)."""
    labels: dict[str, object] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for value, label in getattr(field, "flatchoices", None) or ():
                if isinstance(value, str) and value:
                    labels.setdefault(value, label)
    return labels


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _value(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        return "、".join(_value(v) for v in value) or "—"
    if isinstance(value, dict):
        return readable_parameters(value)
    if isinstance(value, str) and ISO_DATE.match(value):
        return formats.date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
    if isinstance(value, str):
        return str(_choice_labels().get(value, value))
    return str(value)


@register.filter
def readable_parameters(parameters) -> str:
    if parameters is None or parameters in ("", {}, []):
        return "—"
    if not isinstance(parameters, dict):
        return _value(parameters)
    shown = [(k, v) for k, v in parameters.items() if k not in HIDDEN]
    if not shown:
        return "—"
    return "；".join(f"{LABELS.get(key, key)}：{_value(value)}" for key, value in shown)


@register.filter
def readable_detail(detail) -> str:
    """A stored line of parts ("2026-05-01 · real_estate · online_query"): each
    part as people read it (a date, a choice's label, a span of dates)."""
    if not isinstance(detail, str):
        return _value(detail)
    return " · ".join(_detail_part(part.strip()) for part in detail.split(" · "))


def _detail_part(part: str) -> str:
    # A span ("2026-05-01 → 2026-05-31") and the overdue mark ("2026-06-30 ⚠") that
    # the alert rules write (supervision/alerts.py) hold dates too.
    if part.endswith(" ⚠"):
        return f"{_detail_part(part[:-2])} ⚠"
    if " → " in part:
        return " → ".join(_value(side.strip()) for side in part.split(" → "))
    return _value(part)

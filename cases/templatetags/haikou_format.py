"""Numbers and dates as people read them (issue 16), on every page:

- ``{{ amount|yuan }}``: 1,366,180,350.00 (thousands separators, two decimals);
- ``{{ amount|yuan_short }}``: 13.66亿元 / 136.62万元 / 8,500.00元 for figures and charts;
- ``{{ value|percent }}``: one precision everywhere, one decimal (12.3%); ``{{ part|share:total }}``;
- ``{{ date|cn_date }}``: 2026年12月3日 in Chinese (3 Dec 2026 through the English switch).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import timezone
from django.utils.translation import get_language

register = template.Library()

WAN = Decimal(10_000)
YI = Decimal(100_000_000)


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


def _chinese() -> bool:
    return (get_language() or "zh-hans").lower().startswith("zh")


@register.filter
def yuan(value, places: int = 2) -> str:
    """1366180350 → 1,366,180,350.00"""
    number = _decimal(value)
    if number is None:
        return "—"
    quantum = Decimal(1).scaleb(-int(places))
    return f"{number.quantize(quantum, rounding=ROUND_HALF_UP):,}"


@register.filter
def yuan_short(value) -> str:
    """A figure in 亿元 or 万元 (two decimals) once it reaches them, else in 元."""
    number = _decimal(value)
    if number is None:
        return "—"
    size = abs(number)
    if _chinese():
        if size >= YI:
            return f"{yuan(number / YI)}亿元"
        if size >= WAN:
            return f"{yuan(number / WAN)}万元"
        return f"{yuan(number)}元"
    if size >= Decimal(1_000_000):
        return f"CNY {yuan(number / Decimal(1_000_000))} million"
    return f"CNY {yuan(number)}"


@register.filter
def count(value) -> str:
    """A count or a plain figure with separators: 12,345 (12,345.5 with a fraction)."""
    number = _decimal(value)
    if number is None:
        return "—"
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP).normalize():,f}"


@register.filter
def indicator_part(value, definition) -> str:
    """An indicator's numerator or denominator: 13.66亿元 for sums of yuan, 1,234 for counts."""
    if getattr(definition, "sums_amounts", False):
        return yuan_short(value)
    return count(value)


@register.filter
def indicator_value(value, definition) -> str:
    """An indicator's value: 12.3% for a percentage, 45.5 (days) otherwise."""
    if value is None or value == "":
        return "—"
    if getattr(definition, "unit", None) == "percent":
        return percent(value)
    return count(value)


@register.filter
def percent(value) -> str:
    """A percentage (already × 100) with one decimal: 12.345 → 12.3%."""
    number = _decimal(value)
    if number is None:
        return "—"
    return f"{number.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


@register.filter
def share(part, total) -> str:
    """``part`` as a percentage of ``total``, one decimal; — when total is 0."""
    p, t = _decimal(part), _decimal(total)
    if p is None or not t:
        return "—"
    return percent(p * 100 / t)


@register.filter
def cn_date(value) -> str:
    """2026年12月3日 (no leading zeros); a datetime is shown on its local day."""
    if value in (None, ""):
        return "—"
    if isinstance(value, str):
        # A date kept as ISO text (the dashboard's cached figures).
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    if not isinstance(value, dt.date):
        return str(value)
    if _chinese():
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {value.strftime('%b')} {value.year}"

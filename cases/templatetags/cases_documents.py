"""Filters of the generated court documents (cases/templates/cases/documents/)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()

DIGITS = "〇一二三四五六七八九"
# The closing types as a court writes them, whatever the interface language.
CLOSING_TYPES = {
    "fully_executed": "执行完毕",
    "terminated_procedure": "终结本次执行程序",
    "terminated": "终结执行",
    "cancelled": "销案",
    "refused": "不予执行",
    "rejected": "驳回申请",
}


def _cn_number(n: int) -> str:
    """1..31 in Chinese numerals as dates are written: 十一, 二十八, 三十一."""
    tens, units = divmod(n, 10)
    if tens == 0:
        return DIGITS[units]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[units] if units else "")


@register.filter
def cn_date(value: dt.date | None) -> str:
    """2026-11-28 → 二〇二六年十一月二十八日, the form of the date under a court's
    seal (人民法院诉讼文书样式)."""
    if not value:
        return ""
    year = "".join(DIGITS[int(c)] for c in str(value.year))
    return f"{year}年{_cn_number(value.month)}月{_cn_number(value.day)}日"


@register.filter
def rmb(value) -> str:
    """250000 → "250,000.00" (the amount after 人民币 and before 元)."""
    try:
        return f"{Decimal(value):,.2f}"
    except (InvalidOperation, TypeError, ValueError):
        return ""


@register.filter
def closing_type_cn(value: str) -> str:
    return CLOSING_TYPES.get(value, value)


@register.filter
def names(parties) -> str:
    return "、".join(p.name for p in parties or ())

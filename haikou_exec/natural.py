"""Natural order of names with numbers in them: 执行2组 before 执行10组 (issue 16).

In SQL (``natural_order``: the first run of digits as a number, then the name) for
querysets, and in Python (``natural_key``) for lists already read."""

from __future__ import annotations

import re

from django.db.models import F, Func, IntegerField, Value
from django.db.models.functions import Cast

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """``sorted(names, key=natural_key)``: digit runs compare as numbers."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in _DIGITS.split(text or "")
        if part
    )


def natural_order(field: str = "name") -> list:
    """Order-by expressions: the text before the first number, the number, the
    name (``substring(name from '\\d+')``; a name without digits sorts by name)."""
    number = Cast(Func(F(field), Value(r"\d+"), function="substring"), IntegerField())
    prefix = Func(F(field), Value(r"^\D*"), function="substring")
    return [prefix.asc(), number.asc(nulls_first=True), F(field).asc()]

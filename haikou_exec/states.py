"""The one transition helper for the states' transition tables (STYLE.md "states
as TextChoices with transition tables").

Each app declares its tables in ``choices.py`` next to the states, as
``{state: {the states it may go to}}``; every service changes a state through
``move`` so that a step the table does not allow is refused the same way
everywhere: a ``ValidationError`` (code ``transition`` unless the caller names a
more precise one, such as ``decided`` for a request someone already decided,
which the API answers with 409) and nothing is changed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def allows(table: Mapping[str, Any], current: str, to: str) -> bool:
    """Whether the table lets a row in ``current`` go to ``to``."""
    return to in table.get(current, ())


def ensure_allowed(
    table: Mapping[str, Any],
    current: str,
    to: str,
    *,
    labels: Mapping[str, Any] | None = None,
    message: str | None = None,
    code: str | None = "transition",
    error: type[Exception] = ValidationError,
    on_field: str | None = None,
) -> None:
    """Refuse a step the table does not allow, changing nothing.

    ``message`` is the refusal, already translated; it may name ``%(from)s``,
    ``%(status)s`` or ``%(state)s`` (the current state's label) and ``%(to)s``. ``error`` is the
    exception raised (a ``ValidationError`` for a user's step; an internal error
    for a job's own bookkeeping, which no user can cause). ``on_field`` names the
    form or API field the refusal belongs to (the state's own field, where the
    user chose the state), so ``haikou_exec.errors`` shows it there."""
    if allows(table, current, to):
        return
    labels = labels or {}
    text = (message or _("This cannot go from “%(from)s” to “%(to)s”.")) % {
        "from": labels.get(current, current),
        "status": labels.get(current, current),
        "state": labels.get(current, current),
        "to": labels.get(to, to),
    }
    if error is ValidationError:
        if on_field:
            raise ValidationError({on_field: [ValidationError(text, code=code)]})
        raise ValidationError(text, code=code)
    raise error(text)


def move(
    obj,
    to: str,
    table: Mapping[str, Any],
    *,
    field: str = "status",
    message: str | Callable[[Any], str] | None = None,
    code: str | None = "transition",
    error: type[Exception] = ValidationError,
    on_field: str | None = None,
) -> None:
    """Set ``obj.<field>`` to ``to`` if the table allows it; refuse otherwise
    (``ensure_allowed``). ``message`` may also be a callable given the object."""
    current = getattr(obj, field)
    if not allows(table, current, to):
        if callable(message):
            message = message(obj).replace("%", "%%")
        labels = dict(obj._meta.get_field(field).choices or ())
        ensure_allowed(
            table,
            current,
            to,
            labels=labels,
            message=message,
            code=code,
            error=error,
            on_field=on_field,
        )
    setattr(obj, field, to)

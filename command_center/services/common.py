"""Helpers shared by the command-centre services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


def move(obj: models.Model, to: str, table: dict, field: str = "status") -> None:
    """Change ``obj.<field>`` to ``to`` if the transition table allows it."""
    current = getattr(obj, field)
    if to not in table[current]:
        labels = dict(obj._meta.get_field(field).choices)
        raise ValidationError(
            _("This cannot go from “%(from)s” to “%(to)s”.")
            % {"from": labels.get(current, current), "to": labels.get(to, to)},
            code="transition",
        )
    setattr(obj, field, to)

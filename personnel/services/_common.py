"""Helpers shared by the personnel services: who may act, state transitions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from courts.access import scope_for
from courts.policy import may_act_on_court


def require_court_right(user, model, action: str, court_id: int) -> None:
    if not may_act_on_court(user, model, action, court_id):
        raise PermissionDenied(_("You may not do this for that court."))


def require_city_leadership(user, message: str) -> None:
    """Decisions reserved to the intermediate enforcement bureau's leadership."""
    if user.is_superuser:
        return
    if not scope_for(user).city_leadership:
        raise PermissionDenied(message)


def check_transition(table: dict, current: str, target: str, labels) -> None:
    if target not in table[current]:
        raise ValidationError(
            _("This cannot go from “%(from)s” to “%(to)s”.")
            % {"from": labels(current).label, "to": labels(target).label},
            code="transition",
        )

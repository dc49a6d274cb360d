"""Helpers shared by the personnel services: who may act (state transitions go
through the kernel's ``haikou_exec.states.move``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from courts.policy import is_city_leadership, may_act_on_court


def require_court_right(user, model, action: str, court_id: int) -> None:
    """Refuse (403) a change for a court outside the user's right on ``model``."""
    if not may_act_on_court(user, model, action, court_id):
        raise PermissionDenied(_("You may not do this for that court."))


def require_city_leadership(user, message: str) -> None:
    """Decisions reserved to the intermediate enforcement bureau's leadership
    (courts.policy.is_city_leadership)."""
    if not is_city_leadership(user):
        raise PermissionDenied(message)

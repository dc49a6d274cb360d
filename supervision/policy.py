"""Who may take which supervision step, built on the one restriction point.

Rows are read through ``Model.objects.restrict``; this module answers the
questions about roles: is the user on the supervising side (the intermediate
court's supervision officers and enforcement leadership, DOMAIN.md §8), or the
leadership of the court a row concerns (who responds and rectifies)."""

from __future__ import annotations

from courts.access import Scope, scope_for
from personnel.choices import OfficerRole


def scope_supervises(scope: Scope) -> bool:
    """The intermediate bureau supervises district work: its leadership and its
    supervision officers (DOMAIN.md §8 "Means")."""
    return (
        scope.superuser
        or scope.city_leadership
        or (scope.all_courts and scope.role == OfficerRole.SUPERVISOR)
    )


def supervises(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or scope_supervises(scope_for(user))


def leads_court(user, court_id: int | None) -> bool:
    """The leadership of the court's bureau (director, deputies)."""
    if not user.is_authenticated or court_id is None:
        return False
    scope = scope_for(user)
    return scope.leads_bureau and scope.court_id == court_id

"""Who holds which role, asked in one place (DESIGN.md "Access").

``courts.access`` answers *which rows*; this module answers the role questions every
service asks on top of it, so that "the bureau's leadership" or "the city-wide
leadership" means the same thing in every app:

- ``leads_court``: the director or a deputy of that court's enforcement bureau;
- ``is_city_leadership``: the intermediate enforcement bureau's leadership, which
  leads, commands and decides city-wide (统一领导、统一指挥, DOMAIN.md §5);
- ``supervises``: the intermediate court's supervision officers and its enforcement
  leadership (DOMAIN.md §8);
- ``is_centre_staff``: the affairs centre (DOMAIN.md §5);
- ``may_act_on_court``: a model permission on a row not created yet, in a court.
"""

from __future__ import annotations

from courts.access import Scope, permission_name, scope_for


def _scope(user) -> Scope | None:
    if user is None or not user.is_authenticated:
        return None
    return scope_for(user)


def is_city_leadership(user) -> bool:
    scope = _scope(user)
    return scope is not None and (scope.superuser or scope.city_leadership)


def leads_court(user, court_id: int | None) -> bool:
    """The leadership (director, deputies) of the court's bureau; not superusers."""
    scope = _scope(user)
    if scope is None or court_id is None:
        return False
    return scope.leads_bureau and scope.court_id == court_id


def leads_court_or_city(user, court_id: int | None) -> bool:
    """Decisions for a court's rows: its own leadership or the city-wide leadership."""
    return is_city_leadership(user) or leads_court(user, court_id)


def scope_supervises(scope: Scope) -> bool:
    """The intermediate bureau supervises district work: its leadership and its
    supervision officers (DOMAIN.md §8 "Means")."""
    from courts.choices import OfficerRole

    return (
        scope.superuser
        or scope.city_leadership
        or (scope.all_courts and scope.role == OfficerRole.SUPERVISOR)
    )


def supervises(user) -> bool:
    scope = _scope(user)
    return scope is not None and scope_supervises(scope)


def is_centre_staff(scope: Scope) -> bool:
    """Affairs-centre staff: the city centre at the intermediate court works for
    every court; a district's centre staff for their own court."""
    from courts.choices import OfficerRole

    return scope.role == OfficerRole.CENTER_STAFF


def may_act_on_court(user, model, action: str, court_id: int) -> bool:
    """Whether ``user`` may ``action`` a row of ``model`` belonging to ``court_id``.

    For rows that do not exist yet (``add``) the restriction point has no queryset
    to filter, so this mirrors ``CourtScoped.access_q`` for models without
    handlers: the model permission, then city-wide leadership or the leadership of
    that court. Existing rows are always checked with ``lock_for``/``restrict()``."""
    if user.is_superuser:
        return True
    if not user.has_perm(permission_name(model, action)):
        return False
    scope = scope_for(user)
    if scope.is_empty:
        return False
    return scope.city_leadership or (scope.leads_bureau and scope.court_id == court_id)


def keeps_calendar(user) -> bool:
    """The holiday calendar is the city's (working-day limits in every court): the
    intermediate court's system administrators keep it, and superusers."""
    from courts.choices import CourtTier, OfficerRole
    from courts.models import Court

    scope = _scope(user)
    if scope is None:
        return False
    if scope.superuser:
        return True
    return (
        scope.role == OfficerRole.SYSTEM_ADMIN
        and Court.objects.filter(pk=scope.court_id, tier=CourtTier.INTERMEDIATE).exists()
    )

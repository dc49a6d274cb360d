"""Access helpers shared by the command-centre models (courts/access.py)."""

from __future__ import annotations

from django.db.models import Q

from courts.access import VIEW, CourtScoped, Scope
from courts.policy import is_centre_staff


def case_team_q(scope: Scope, prefix: str = "case__") -> Q:
    """Rows of cases the officer's current team handles (a subquery, not a join)."""
    from personnel.models import TeamMembership

    teams = TeamMembership.objects.filter(
        officer_id=scope.officer_id, ended_on__isnull=True
    ).values("team_id")
    return Q(**{f"{prefix}team_id__in": teams})


def case_criminal_q(prefix: str = "case__") -> Q:
    """Rows of criminal-property and 刑更 cases (DOMAIN.md §4), which the criminal
    enforcement bureau sees city-wide."""
    return Q(**{f"{prefix}is_criminal_property": True}) | Q(**{f"{prefix}case_type": "刑更"})


class CentreWorked(CourtScoped):
    """Rows the affairs centre works: centre staff may change every row they
    see (DOMAIN.md §5 "the centre works them as queues")."""

    class Meta:
        abstract = True

    @classmethod
    def access_q(cls, scope: Scope, action: str) -> Q | None:
        if action != VIEW and is_centre_staff(scope):
            return super().access_q(scope, VIEW)
        return super().access_q(scope, action)

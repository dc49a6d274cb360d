"""Who is told: the members of a handling team, a court's bureau director (its
deputies while the post is vacant), a court's whole leadership. One answer for every app's reminders and
notices (docs/ARCHITECTURE.md); the role predicates are courts.policy."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from courts.choices import BureauKind
from personnel.choices import OfficerRole


def team_members(team_ids: Iterable[int | None]) -> dict[int, list[int]]:
    """User ids of each team's current members who are in service."""
    from personnel.models import TeamMembership

    ids = [t for t in set(team_ids) if t is not None]
    members: dict[int, list[int]] = defaultdict(list)
    if not ids:
        return members
    rows = TeamMembership.objects.filter(
        team_id__in=ids, ended_on__isnull=True, officer__is_active=True
    ).values_list("team_id", "officer__user_id")
    for team_id, user_id in rows:
        members[team_id].append(user_id)
    return members


def directors_by_court(court_ids: Iterable[int]) -> dict[int, list[int]]:
    """User ids of each court's enforcement-bureau director; the deputy directors
    when the post is vacant."""
    from personnel.models import Officer

    rows = Officer.objects.filter(
        bureau__court_id__in=list(set(court_ids)),
        bureau__kind=BureauKind.ENFORCEMENT,
        role__in=[OfficerRole.DIRECTOR, OfficerRole.DEPUTY_DIRECTOR],
        is_active=True,
    ).values_list("bureau__court_id", "role", "user_id")
    directors: dict[int, list[int]] = defaultdict(list)
    deputies: dict[int, list[int]] = defaultdict(list)
    for court_id, role, user_id in rows:
        (directors if role == OfficerRole.DIRECTOR else deputies)[court_id].append(user_id)
    return {
        cid: directors.get(cid) or deputies.get(cid, []) for cid in set(directors) | set(deputies)
    }


def court_leadership(court_id: int) -> list[int]:
    """User ids of a court's enforcement-bureau director and deputies and of its
    court leadership: who decides on a case leaving or reaching the court (DOMAIN.md
    §3)."""
    from personnel.models import Officer

    return list(
        Officer.objects.filter(
            bureau__court_id=court_id,
            bureau__kind=BureauKind.ENFORCEMENT,
            role__in=OfficerRole.leadership_roles(),
            is_active=True,
            user__isnull=False,
        ).values_list("user_id", flat=True)
    )


def intermediate_directors() -> list[int]:
    from courts.choices import CourtTier
    from courts.models import Court

    court = Court.objects.filter(tier=CourtTier.INTERMEDIATE).order_by("sort_order").first()
    return directors_by_court([court.pk]).get(court.pk, []) if court else []

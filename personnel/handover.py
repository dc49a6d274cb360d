"""The handover registry: how a leaving officer's open items reach their successors.

When an officer leaves a post (rotation, transfer, retirement) their open work
must go to named successors (DOMAIN.md §6: the handover checklist moves the
leaving officer's open cases and deadlines). Personnel does not know what a case
is, so each app that owns open work registers a provider:

    # cases/apps.py
    class CasesConfig(AppConfig):
        def ready(self):
            from personnel.handover import register_handover_provider
            from cases.handover import OpenCasesProvider, OpenDeadlinesProvider
            register_handover_provider(OpenCasesProvider())
            register_handover_provider(OpenDeadlinesProvider())

A provider lists the officer's open items (``open_items``) and moves one item to
a successor (``transfer``). ``personnel.services.complete_handover`` calls every
``transfer`` inside one transaction, so a failure moves nothing. Personnel itself
registers the team seats provider below.
"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class OpenItem:
    """One open item as a provider reports it.

    ``ref`` is the provider's own stable reference (for example the primary key of
    a case or a team membership), at most 64 characters."""

    ref: str
    label: str
    due_on: datetime.date | None = None


class HandoverProvider(ABC):
    key: str = ""
    label = ""

    @abstractmethod
    def open_items(self, officer) -> Iterable[OpenItem]:
        """The officer's open items of this kind."""

    def check_successor(self, ref: str, leaving, successor) -> None:
        """Raise ValidationError when ``successor`` cannot take this item over
        (optional: by default anyone in service may)."""
        return None

    @abstractmethod
    def transfer(self, ref: str, leaving, successor, on: datetime.date) -> None:
        """Move the item to the successor (called inside the handover transaction)."""


_providers: dict[str, HandoverProvider] = {}


def register_handover_provider(provider: HandoverProvider) -> None:
    """Register (or replace, by key) a provider; call it from ``AppConfig.ready``."""
    if not provider.key or len(provider.key) > 32:
        raise ValueError("a handover provider needs a key of at most 32 characters")
    _providers[provider.key] = provider


def unregister_handover_provider(key: str) -> None:
    _providers.pop(key, None)


def handover_providers() -> list[HandoverProvider]:
    return list(_providers.values())


def handover_provider(key: str) -> HandoverProvider | None:
    return _providers.get(key)


class TeamSeatProvider(HandoverProvider):
    """The officer's current seats in case teams: the successor takes the seat."""

    key = "team_seat"
    label = gettext_lazy("Seat in a case team")

    def open_items(self, officer) -> Iterable[OpenItem]:
        from personnel.models import TeamMembership

        memberships = (
            TeamMembership.objects.filter(officer=officer, ended_on__isnull=True)
            .select_related("team")
            .order_by("pk")
        )
        for m in memberships:
            yield OpenItem(ref=str(m.pk), label=f"{m.team.name} · {m.get_role_display()}")

    def check_successor(self, ref: str, leaving, successor) -> None:
        from personnel.models import TeamMembership

        membership = TeamMembership.objects.select_related("team").get(pk=int(ref))
        if successor.bureau_id != membership.team.bureau_id:
            raise ValidationError(
                _("%(name)s is not in the bureau of team %(team)s.")
                % {"name": successor.name, "team": membership.team.name}
            )
        if TeamMembership.objects.filter(
            team=membership.team, officer=successor, ended_on__isnull=True
        ).exists():
            raise ValidationError(
                _("%(name)s already sits in team %(team)s.")
                % {"name": successor.name, "team": membership.team.name}
            )

    def transfer(self, ref: str, leaving, successor, on: datetime.date) -> None:
        from personnel.models import TeamMembership

        membership = TeamMembership.objects.select_for_update().get(pk=int(ref))
        if membership.ended_on is not None:  # already handed over elsewhere
            return
        self.check_successor(ref, leaving, successor)
        membership.ended_on = max(on, membership.started_on)
        membership.save(update_fields=["ended_on"])
        TeamMembership.objects.create(
            team_id=membership.team_id, officer=successor, role=membership.role, started_on=on
        )

"""Handover of a leaving judge's open cases and deadlines (DOMAIN.md §6, handover
checklists; ``personnel.handover`` describes the registry).

Cases belong to judge-led teams (DOMAIN.md §5), so the open cases of a leaving
officer are the open cases of the teams whose judge seat they hold. Each case is
one checklist item and goes to the successor named for it:

- a successor who already leads a team of the case's bureau receives the case in
  that team (a logged reassignment, method "handover");
- a successor without a team takes the leaving judge's seat in the case's team,
  so the case, its assistant and clerk stay together (the same move the
  ``team_seat`` item makes; whichever runs first does it, the other finds it done).

Deadlines (the open process nodes of those cases, with their due dates) are items
too, so the checklist shows what is coming due; a deadline follows its case, and
naming for it a successor other than the one taking the case is refused.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Min, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from personnel.handover import HandoverProvider, OpenItem


def _judge_team_ids(officer):
    from personnel.choices import TeamRole
    from personnel.models import TeamMembership

    return TeamMembership.objects.filter(
        officer=officer, role=TeamRole.JUDGE, ended_on__isnull=True
    ).values("team_id")


def _open_cases_of(officer):
    from cases.choices import CaseStatus
    from cases.models import EnforcementCase

    return EnforcementCase.objects.filter(team_id__in=_judge_team_ids(officer)).exclude(
        status=CaseStatus.CLOSED
    )


def _successor_team(successor, bureau_id: int):
    """The active team of the bureau whose judge seat the successor holds."""
    from personnel.choices import TeamRole
    from personnel.models import TeamMembership

    seat = (
        TeamMembership.objects.filter(
            officer=successor,
            role=TeamRole.JUDGE,
            ended_on__isnull=True,
            team__bureau_id=bureau_id,
            team__is_active=True,
        )
        .select_related("team")
        .order_by("pk")
        .first()
    )
    return seat.team if seat else None


def _check_case_successor(case, successor) -> None:
    from personnel.choices import OfficerRole

    if successor.bureau_id != case.bureau_id:
        raise ValidationError(
            _("%(name)s is not in the bureau that handles case %(case)s.")
            % {"name": successor.name, "case": case.case_number}
        )
    if _successor_team(successor, case.bureau_id) is None and successor.role != OfficerRole.JUDGE:
        raise ValidationError(
            _("Case %(case)s goes to a judge: %(name)s neither is one nor leads a team.")
            % {"name": successor.name, "case": case.case_number}
        )


def hand_case_over(case_id: int, leaving, successor, on: datetime.date) -> None:
    """Move one open case from the leaving judge to the successor (idempotent:
    a case already with the successor is left alone)."""
    from cases.choices import AssignmentMethod
    from cases.services.assignment import _assign
    from cases.services.common import lock_case
    from personnel.choices import TeamRole
    from personnel.models import TeamMembership

    case = lock_case(case_id)
    if case.is_closed or case.team_id is None:
        return
    _check_case_successor(case, successor)
    seats = TeamMembership.objects.select_for_update().filter(
        team_id=case.team_id, role=TeamRole.JUDGE, ended_on__isnull=True
    )
    current = seats.first()
    if current is not None and current.officer_id == successor.pk:
        return  # already with the successor
    if current is None or current.officer_id != leaving.pk:
        raise ValidationError(
            _("Case %(case)s is no longer with %(leaving)s; name the successor who took it over.")
            % {"case": case.case_number, "leaving": leaving.name}
        )
    team = _successor_team(successor, case.bureau_id)
    if team is not None:
        _assign(
            case,
            team,
            user=None,
            method=AssignmentMethod.HANDOVER,
            reason=_("Handover on %(on)s: %(leaving)s leaves, %(successor)s takes the case over.")
            % {"on": on.isoformat(), "leaving": leaving.name, "successor": successor.name},
        )
        return
    # The successor takes the leaving judge's seat: the case stays in its team.
    current.ended_on = max(on, current.started_on)
    current.save(update_fields=["ended_on"])
    TeamMembership.objects.create(
        team_id=case.team_id, officer=successor, role=TeamRole.JUDGE, started_on=on
    )


class OpenCasesProvider(HandoverProvider):
    """The open cases of the teams the leaving officer leads as judge."""

    key = "case"
    label = gettext_lazy("Open case")

    def open_items(self, officer) -> Iterable[OpenItem]:
        from cases.choices import NodeStatus

        cases = (
            _open_cases_of(officer)
            .annotate(next_due=Min("nodes__due_on", filter=Q(nodes__status=NodeStatus.OPEN)))
            .order_by("filed_on", "pk")
            .values_list("pk", "case_number", "next_due")
        )
        for pk, number, next_due in cases.iterator():
            yield OpenItem(ref=str(pk), label=number, due_on=next_due)

    def check_successor(self, ref: str, leaving, successor) -> None:
        from cases.models import EnforcementCase

        _check_case_successor(EnforcementCase.objects.get(pk=int(ref)), successor)

    def transfer(self, ref: str, leaving, successor, on: datetime.date) -> None:
        hand_case_over(int(ref), leaving, successor, on)


class OpenDeadlinesProvider(HandoverProvider):
    """The open process nodes (with their deadlines) of the leaving judge's cases."""

    key = "deadline"
    label = gettext_lazy("Open deadline")

    def open_items(self, officer) -> Iterable[OpenItem]:
        from cases.choices import NodeStatus
        from cases.models import CaseNode

        nodes = (
            CaseNode.objects.filter(
                case__in=_open_cases_of(officer).values("pk"), status=NodeStatus.OPEN
            )
            .order_by("due_on", "pk")
            .values_list("pk", "case__case_number", "definition__name", "due_on")
        )
        for pk, number, name, due_on in nodes.iterator():
            yield OpenItem(ref=str(pk), label=f"{number} · {name}", due_on=due_on)

    def _case_of(self, ref: str):
        from cases.models import CaseNode

        return CaseNode.objects.select_related("case").get(pk=int(ref)).case

    def check_successor(self, ref: str, leaving, successor) -> None:
        _check_case_successor(self._case_of(ref), successor)

    def transfer(self, ref: str, leaving, successor, on: datetime.date) -> None:
        case = self._case_of(ref)
        try:
            hand_case_over(case.pk, leaving, successor, on)
        except ValidationError as exc:
            raise ValidationError(
                _("A deadline follows its case (%(case)s): %(why)s")
                % {"case": case.case_number, "why": " ".join(exc.messages)}
            ) from exc

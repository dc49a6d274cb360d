"""Assignment of cases to judge-led teams, by hand or by weighted workload, with
every (re)assignment logged with its reason (DOMAIN.md §2 node 1, §5)."""

from __future__ import annotations

import math
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import (
    AssignmentMethod,
    CaseStatus,
    CaseType,
    CompletionEvent,
    DocumentKind,
    TriggerEvent,
)
from cases.models import CaseAssignment, EnforcementCase
from cases.services.common import bump_version, check_version, ensure_open, lock_case, move_status
from cases.services.nodes import complete_nodes, open_nodes
from courts.access import CHANGE, scope_for
from personnel.models import Team

# Workload weight of an open case per type code [assumed — DOMAIN.md gives no
# figures; tune here]. Review cases are lighter than implementation cases.
TYPE_WEIGHTS = {
    CaseType.FIRST: 1.0,
    CaseType.RESUMED: 0.8,
    CaseType.PRESERVATION: 0.5,
    CaseType.OBJECTION: 0.6,
    CaseType.RECONSIDERATION: 0.6,
    CaseType.SUPERVISION: 0.6,
    CaseType.COORDINATION: 0.4,
    CaseType.OTHER: 0.4,
    CaseType.COMMUTATION: 0.5,
}


def case_weight(case_type: str, amount: Decimal) -> float:
    """Type weight × (1 + log10(1 + amount / 100,000 yuan)): bigger claims weigh more."""
    return TYPE_WEIGHTS.get(case_type, 1.0) * (1 + math.log10(1 + float(amount) / 100_000))


def team_workloads(bureau_id: int) -> dict[int, float]:
    """Weighted open workload of each active team of a bureau."""
    teams = Team.objects.filter(bureau_id=bureau_id, is_active=True).order_by("pk")
    loads = {team.pk: 0.0 for team in teams}
    open_cases = (
        EnforcementCase.objects.filter(team__in=teams)
        .exclude(status=CaseStatus.CLOSED)
        .values("team_id", "case_type")
        .annotate(n=Count("id"), amount=Sum("amount_claimed"))
    )
    for row in open_cases:
        per_case = (row["amount"] or Decimal(0)) / row["n"]
        loads[row["team_id"]] += row["n"] * case_weight(row["case_type"], per_case)
    return loads


def _assign(case: EnforcementCase, team: Team, *, user, method: str, reason: str) -> CaseAssignment:
    if team.bureau_id != case.bureau_id:
        raise ValidationError({"team": [_("The team belongs to another bureau.")]})
    if not team.is_active:
        raise ValidationError({"team": [_("The team is no longer active.")]})
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the assignment.")]})
    log = CaseAssignment.objects.create(
        case=case, from_team=case.team, to_team=team, method=method, reason=reason, assigned_by=user
    )
    first = case.team_id is None
    case.team = team
    if case.status == CaseStatus.FILED:
        move_status(case, CaseStatus.ASSIGNED)
    bump_version(case)
    case.save(update_fields=["team", "status", "version", "updated_at"])
    if first:
        today = timezone.localdate()
        complete_nodes(case, CompletionEvent.ASSIGNED, today)
        # The handler receives the file on the first assignment: the enforcement
        # notice and property-report order go out within 3 days (DOMAIN.md §2
        # node table; issue 17, finding 8).
        if case.file_received_on is None:
            case.file_received_on = today
            case.save(update_fields=["file_received_on"])
        open_nodes(case, TriggerEvent.FILE_RECEIVED, case.file_received_on)
        if case.documents.filter(kind=DocumentKind.ENFORCEMENT_NOTICE).exists():
            complete_nodes(case, CompletionEvent.NOTICE_SENT, today)  # issued before
    return log


def _ensure_may_assign(user, case: EnforcementCase) -> None:
    """Assignment is the bureau leadership's decision (and the system's)."""
    if user is None:
        return
    scope = scope_for(user)
    if not (
        scope.superuser
        or scope.city_leadership
        or (scope.leads_bureau and scope.court_id == case.court_id)
    ):
        raise ValidationError(_("Only the bureau's leadership may assign cases."))
    if not EnforcementCase.objects.restrict(user, CHANGE).filter(pk=case.pk).exists():
        raise ValidationError(_("Only the bureau's leadership may assign cases."))


@transaction.atomic
def assign_case(
    *, user, case_id: int, team_id: int, reason: str, expected_version: int | None = None
) -> CaseAssignment:
    """Assign the case to a team by hand, with the reason logged; the first assignment
    completes the 7-day filing-to-assignment node (DOMAIN.md §2 node table, §5
    teams)."""
    case = lock_case(case_id)
    _ensure_may_assign(user, case)
    ensure_open(case)
    check_version(case, expected_version)
    team = Team.objects.get(pk=team_id)
    if case.team_id == team.pk:
        raise ValidationError({"team": [_("The case is already with this team.")]})
    method = AssignmentMethod.MANUAL
    return _assign(case, team, user=user, method=method, reason=reason)


@transaction.atomic
def assign_automatically(*, user, case_id: int) -> CaseAssignment:
    """Give the case to the team of its bureau with the lowest weighted workload;
    the reason records every team's load.
    Source: DOMAIN.md §2 node table, §5 teams."""
    case = lock_case(case_id)
    _ensure_may_assign(user, case)
    ensure_open(case)
    loads = team_workloads(case.bureau_id)
    candidates = {pk: load for pk, load in loads.items() if pk != case.team_id}
    if not candidates:
        raise ValidationError(_("The bureau has no other active team to assign to."))
    team_id = min(candidates, key=lambda pk: (candidates[pk], pk))
    names = dict(Team.objects.filter(pk__in=loads).values_list("pk", "name"))
    summary = "；".join(
        f"{names[pk]} {load:.2f}" for pk, load in sorted(loads.items(), key=lambda kv: kv[1])
    )
    reason = _("Automatic assignment by weighted workload (lowest chosen): %(loads)s") % {
        "loads": summary
    }
    return _assign(
        case,
        Team.objects.get(pk=team_id),
        user=user,
        method=AssignmentMethod.AUTOMATIC,
        reason=reason,
    )


def team_queue(team_id: int):
    """The team's cases not closed yet."""
    return EnforcementCase.objects.filter(team_id=team_id).exclude(status=CaseStatus.CLOSED)


__all__ = [
    "assign_automatically",
    "assign_case",
    "case_weight",
    "team_queue",
    "team_workloads",
    "Q",
]

"""Process nodes: opened by trigger events, completed by actions, their due dates
recomputed when the clock stops or an extension is approved (DOMAIN.md §2)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import (
    APPROVAL_TRANSITIONS,
    NODE_TRANSITIONS,
    ApprovalStatus,
    CaseStatus,
    ClockPauseKind,
    CompletionEvent,
    NodeStatus,
    TriggerEvent,
)
from cases.deadlines import compute_due_date, load_calendar, pause_applies
from cases.models import CaseNode, ClockPause, DeadlineExtension, EnforcementCase, NodeDefinition
from cases.services.common import (
    bump_version,
    ensure_can_change,
    ensure_event_date,
    ensure_open,
    lock_case,
    move_status,
)
from courts.access import scope_for
from haikou_exec.formats import written_date as _day
from haikou_exec.states import ensure_allowed, move
from personnel.choices import OfficerRole


def origin_limit_parameters(definition: NodeDefinition | None) -> list:
    """What ``_limit_for`` reads from ``origin_limit_overrides``: a limit per kind of
    title, in the definition's unit; one left blank takes the general limit (the
    admin edits them one field each, haikou_exec.parameters)."""
    from django.utils.text import format_lazy
    from django.utils.translation import gettext_lazy

    from cases.choices import CaseOrigin, LimitUnit
    from haikou_exec.parameters import INTEGER, Parameter

    unit = (
        LimitUnit(definition.limit_unit).label
        if definition is not None and definition.limit_unit
        else gettext_lazy("in the unit above")
    )
    return [
        Parameter(
            origin,
            format_lazy(gettext_lazy("Limit for: {origin} ({unit})"), origin=label, unit=unit),
            INTEGER,
            min_value=1,
            max_value=3650,
            required=False,
            help_text=gettext_lazy("Left blank, the limit above applies."),
        )
        for origin, label in CaseOrigin.choices
    ]


def _limit_for(definition: NodeDefinition, case: EnforcementCase, urgent: bool) -> int:
    if urgent and definition.urgent_limit_value:
        return definition.urgent_limit_value
    # e.g. 3 months instead of 6 for non-litigation administrative titles.
    return int(definition.origin_limit_overrides.get(case.origin, definition.limit_value))


def _pauses(case: EnforcementCase) -> list[tuple[dt.date, dt.date | None, str]]:
    return [(p.started_on, p.ended_on, p.kind) for p in case.pauses.all().order_by("started_on")]


def _compute(node: CaseNode, case: EnforcementCase, cal, pauses, today) -> None:
    definition = node.definition
    base, due, steps = compute_due_date(
        trigger_label=definition.get_trigger_display(),
        triggered_on=node.triggered_on,
        value=_limit_for(definition, case, node.is_urgent),
        unit=definition.limit_unit,
        cal=cal,
        pauses=pauses,
        pausable=definition.pausable,
        extension_days=node.extension_days,
        today=today,
    )
    steps.append({"step": "source", "text": definition.source})
    node.base_due_on, node.due_on, node.computation = base, due, steps


def open_nodes(
    case: EnforcementCase,
    trigger: str,
    on: dt.date,
    *,
    ref: str = "",
    urgent: bool = False,
    codes: list[str] | None = None,
) -> list[CaseNode]:
    """Open every active node that this event triggers for the case type (idempotent
    per ref); ``codes`` narrows them when one event has variants (the valuation).
    Source: DOMAIN.md §2 "Process nodes and legal time limits"."""
    definitions = [
        d
        for d in NodeDefinition.objects.filter(trigger=trigger, is_active=True)
        if (not d.case_types or case.case_type in d.case_types)
        and (codes is None or d.code in codes)
    ]
    if not definitions:
        return []
    cal = load_calendar(on.year, on.year + 1)
    pauses = _pauses(case)
    today = timezone.localdate()
    created = []
    for definition in definitions:
        node = CaseNode(
            case=case, definition=definition, trigger_ref=ref, triggered_on=on, is_urgent=urgent
        )
        _compute(node, case, cal, pauses, today)
        created.append(node)
    CaseNode.objects.bulk_create(created, ignore_conflicts=True)
    return created


def complete_nodes(
    case: EnforcementCase, event: str, on: dt.date, *, ref: str | None = None
) -> int:
    """Close the case's open nodes that ``event`` completes (``ref`` narrows them to one trigger);
    returns how many (DOMAIN.md §2 "Process nodes and legal time limits")."""
    qs = CaseNode.objects.filter(
        case=case, status=NodeStatus.OPEN, definition__completion_event=event
    )
    if ref is not None:
        qs = qs.filter(trigger_ref=ref)
    return qs.update(status=NodeStatus.DONE, completed_on=on)


def recompute_open_nodes(case: EnforcementCase, today: dt.date | None = None) -> int:
    """After a pause starts or ends, or an extension is approved; and every night
    for stopped clocks (``refresh_stopped_clocks``).
    Source: DOMAIN.md §2 "Process nodes and legal time limits"."""
    nodes = list(case.nodes.filter(status=NodeStatus.OPEN).select_related("definition"))
    if not nodes:
        return 0
    today = today or timezone.localdate()
    cal = load_calendar(min(n.triggered_on.year for n in nodes), today.year + 1)
    pauses = _pauses(case)
    for node in nodes:
        _compute(node, case, cal, pauses, today)
    CaseNode.objects.bulk_update(nodes, ["base_due_on", "due_on", "computation"])
    return len(nodes)


def live_nodes(case: EnforcementCase, nodes: list[CaseNode], pauses, today: dt.date) -> None:
    """Due dates as of ``today`` on read (DOMAIN.md §2: a stopped clock stays
    stopped until resumption, whenever the page is opened): the open nodes of a
    case with an open pause are recomputed in memory, with the paused days up to
    today in their explanation, and marked ``clock_stopped``. Nothing is saved."""
    pause_rows = [(p.started_on, p.ended_on, p.kind) for p in pauses]
    open_pause = next((p for p in pauses if p.ended_on is None), None)
    for node in nodes:
        node.clock_stopped = False
    if open_pause is None:
        return
    running = [n for n in nodes if n.status == NodeStatus.OPEN]
    if not running:
        return
    cal = load_calendar(min(n.triggered_on.year for n in running), today.year + 1)
    for node in running:
        _compute(node, case, cal, pause_rows, today)
        node.clock_stopped = pause_applies(open_pause.kind, node.definition.pausable)


def refresh_stopped_clocks(today: dt.date | None = None) -> int:
    """Nightly: the stored due dates of cases whose clock is stopped are moved on
    to today, so that readers of the stored date (the leadership dashboard, the
    reminders) never see a stayed case as overdue. Idempotent for a day."""
    today = today or timezone.localdate()
    case_ids = (
        ClockPause.objects.filter(ended_on__isnull=True, started_on__lte=today)
        .values_list("case_id", flat=True)
        .distinct()
    )
    count = 0
    for case in EnforcementCase.objects.filter(pk__in=list(case_ids)).exclude(
        status=CaseStatus.CLOSED
    ):
        count += recompute_open_nodes(case, today)
    return count


@transaction.atomic
def complete_node(*, user, node_id: int, completed_on: dt.date) -> CaseNode:
    """Complete an open node on the day its step was taken, not before it started nor
    after today (DOMAIN.md §2 "Process nodes and legal time limits"); a node done by
    its act (closing, a release) is not completed by hand (issue 17, finding 9)."""
    node = CaseNode.objects.select_related("case", "definition").get(pk=node_id)
    case = lock_case(node.case_id)
    ensure_can_change(user, case)
    ensure_open(case)
    # Done or cancelled once (NODE_TRANSITIONS), checked before the dates.
    ensure_allowed(
        NODE_TRANSITIONS,
        node.status,
        NodeStatus.DONE,
        message=_("This node is already completed."),
        code=None,
    )
    if node.definition.completion_event in CompletionEvent.by_their_act_only():
        # Done by the act itself (issue 17, finding 9): the 执行结案 node by closing
        # the case, a release by releasing the measure with its document.
        raise ValidationError(
            _("“%(node)s” is done by its act (%(act)s), not marked done by hand.")
            % {
                "node": node.definition.name,
                "act": CompletionEvent(node.definition.completion_event).label,
            },
            code="done_by_act",
        )
    if completed_on < node.triggered_on:
        raise ValidationError({"completed_on": _("A node cannot be completed before it started.")})
    ensure_event_date(case, completed_on, "completed_on")
    move(node, NodeStatus.DONE, NODE_TRANSITIONS)
    node.completed_on = completed_on
    node.save(update_fields=["status", "completed_on"])
    return node


@transaction.atomic
def pause_clock(*, user, case_id: int, kind: str, started_on: dt.date, reason: str) -> ClockPause:
    """A stay (中止) or suspension (暂缓) stops the closing clock; so do public
    notice and appraisal periods (DOMAIN.md §2)."""
    case = lock_case(case_id)
    ensure_can_change(user, case)
    ensure_open(case)
    if case.pauses.filter(ended_on__isnull=True).exists():
        raise ValidationError(_("The clock is already stopped; resume it first."))
    if started_on < case.filed_on:
        raise ValidationError({"started_on": _("The clock cannot stop before the case was filed.")})
    if started_on > timezone.localdate():
        # No event after today (DOMAIN.md §2 "Dates"): a stay is recorded once ordered.
        raise ValidationError(
            {
                "started_on": _("A stay or suspension cannot start after today (%(today)s).")
                % {"today": timezone.localdate()}
            }
        )
    pause = ClockPause.objects.create(
        case=case, kind=kind, started_on=started_on, reason=reason, recorded_by=user
    )
    if kind in (ClockPauseKind.STAY, ClockPauseKind.SUSPENSION):
        move_status(
            case, CaseStatus.STAYED if kind == ClockPauseKind.STAY else CaseStatus.SUSPENDED
        )
    bump_version(case)
    case.save(update_fields=["status", "version", "updated_at"])
    recompute_open_nodes(case)
    return pause


@transaction.atomic
def resume_clock(*, user, case_id: int, resumed_on: dt.date) -> ClockPause:
    """End the open stay or suspension: the clock restarts and the open nodes' due dates
    are recomputed (DOMAIN.md §2: stays and suspensions stop the clock,
    resumption restarts it)."""
    case = lock_case(case_id)
    ensure_can_change(user, case)
    pause = case.pauses.filter(ended_on__isnull=True).first()
    if pause is None:
        raise ValidationError(_("The clock is running; there is nothing to resume."))
    if resumed_on < pause.started_on:
        raise ValidationError({"resumed_on": _("Resumption cannot be earlier than the stop.")})
    if resumed_on > timezone.localdate():
        raise ValidationError(
            {
                "resumed_on": _("Resumption cannot be after today (%(today)s).")
                % {"today": timezone.localdate()}
            }
        )
    pause.ended_on = resumed_on
    pause.save(update_fields=["ended_on"])
    if case.status in (CaseStatus.STAYED, CaseStatus.SUSPENDED):
        move_status(case, CaseStatus.IN_PROGRESS)
    bump_version(case)
    case.save(update_fields=["status", "version", "updated_at"])
    recompute_open_nodes(case)
    return pause


@transaction.atomic
def request_extension(
    *, user, node_id: int, days: int, reason: str, today: dt.date | None = None
) -> DeadlineExtension:
    """An extension of the closing limit is requested at least 5 days before expiry
    (DOMAIN.md §2) and counts only once approved."""
    today = today or timezone.localdate()
    node = CaseNode.objects.select_related("definition", "case").get(pk=node_id)
    ensure_can_change(user, node.case)
    ensure_open(node.case)
    if not node.definition.extendable:
        raise ValidationError(
            _("The limit of “%(node)s” cannot be extended.") % {"node": node.definition.name}
        )
    if node.status != NodeStatus.OPEN:
        raise ValidationError(_("This node is already completed."))
    if (node.due_on - today).days < 5:
        raise ValidationError(
            _("An extension must be requested at least 5 days before the limit expires (%(due)s).")
            % {"due": _day(node.due_on)}
        )
    if days <= 0:
        raise ValidationError({"days": _("The extension must be at least one day.")})
    if node.extensions.filter(status=ApprovalStatus.PENDING).exists():
        raise ValidationError(
            _("An extension request for this node is already waiting for a decision.")
        )
    return DeadlineExtension.objects.create(
        node=node, days=days, reason=reason, requested_by=user, requested_on=today
    )


def can_approve_extension(user, case: EnforcementCase | None = None) -> bool:
    """Extending the closing term needs the court president (院长) or the
    vice-president to whom it is delegated (副院长), of the case's court (DOMAIN.md
    §2 "Who approves"); not the bureau director."""
    if user.is_superuser:
        return True
    # From the request's scope (already read for the restriction): no query per page.
    scope = scope_for(user)
    if scope.officer_id is None or scope.role not in OfficerRole.president_roles():
        return False
    return case is None or scope.court_id == case.court_id


@transaction.atomic
def decide_extension(*, user, extension_id: int, approve: bool, opinion: str) -> DeadlineExtension:
    """The court president (or the delegated vice-president) decides an extension of a
    time limit, never their own request; an approval moves the node's due date
    (DOMAIN.md §2 "Who approves")."""
    extension = (
        DeadlineExtension.objects.select_for_update()
        .select_related("node__case")
        .get(pk=extension_id)
    )
    case = lock_case(extension.node.case_id)
    if not can_approve_extension(user, case):
        raise ValidationError(
            _(
                "Only the president of %(court)s, or the vice-president to whom the president "
                "delegated it, decides an extension of the time limit (DOMAIN.md §2)."
            )
            % {"court": case.court.name},
            code="approver",
        )
    if extension.requested_by_id == user.pk:
        raise ValidationError(
            _("Nobody approves their own request: another person decides this extension."),
            code="own_request",
        )
    decision = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
    if extension.status == decision and extension.decided_by_id == user.pk:
        return extension  # a double click or a retried call: the first decision stands
    # Decided once (APPROVAL_TRANSITIONS); the refusal keeps its historical lack of a code.
    move(
        extension,
        decision,
        APPROVAL_TRANSITIONS,
        message=_("This extension has already been decided."),
        code=None,
    )
    extension.decided_by, extension.decided_at, extension.opinion = user, timezone.now(), opinion
    extension.save(update_fields=["status", "decided_by", "decided_at", "opinion"])
    if approve:
        node = extension.node
        node.extension_days += extension.days
        node.save(update_fields=["extension_days"])
        recompute_open_nodes(case)
    return extension


__all__ = [
    "TriggerEvent",
    "complete_node",
    "complete_nodes",
    "decide_extension",
    "open_nodes",
    "pause_clock",
    "live_nodes",
    "recompute_open_nodes",
    "refresh_stopped_clocks",
    "request_extension",
    "resume_clock",
]

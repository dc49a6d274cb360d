"""Rotation (轮岗交流, DOMAIN.md §6): plans checked against the rule that a
bureau's director and deputies are not rotated at the same time, carried out into
the history of positions; exchanges with trial departments; the reminder."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from courts.access import lock_for, scope_for
from courts.models import Bureau, Court
from haikou_exec.formats import written_date as _day
from haikou_exec.states import move
from personnel.choices import (
    ROTATION_PLAN_TRANSITIONS,
    ExchangeDirection,
    Post,
    RotationPlanStatus,
)
from personnel.models import (
    Officer,
    Position,
    RotationPlan,
    RotationPlanItem,
    RotationPolicy,
    TrialExchange,
)
from personnel.services._common import (
    require_city_leadership,
    require_court_right,
)

RULE = "轮岗交流"  # cited in messages; DOMAIN.md §6


@dataclass(frozen=True)
class Departure:
    officer_id: int
    officer_name: str
    bureau_id: int
    post: str
    effective_on: datetime.date


def _simultaneous(a: datetime.date, b: datetime.date, policy: RotationPolicy) -> bool:
    """Two departures are "at the same time" when closer than the policy's stagger
    (at least: the same day)."""
    return abs((a - b).days) < max(policy.min_leadership_stagger_days, 1)


def leadership_conflicts(
    departures: list[Departure], policy: RotationPolicy, on: datetime.date | None = None
) -> list[str]:
    """Messages for every bureau whose director and a deputy would leave at the
    same time, or whose whole leadership would leave at once (DOMAIN.md §6: a
    bureau's director and deputies are not rotated at the same time)."""
    messages: list[str] = []
    by_bureau: dict[int, list[Departure]] = {}
    for d in departures:
        if d.post in Post.leadership_posts():
            by_bureau.setdefault(d.bureau_id, []).append(d)
    if not by_bureau:
        return messages
    bureaus = Bureau.objects.in_bulk(list(by_bureau))
    for bureau_id, leaving in by_bureau.items():
        bureau = bureaus[bureau_id]
        directors = [d for d in leaving if d.post == Post.DIRECTOR]
        deputies = [d for d in leaving if d.post == Post.DEPUTY_DIRECTOR]
        clash = next(
            (
                (a, b)
                for a in directors
                for b in deputies
                if _simultaneous(a.effective_on, b.effective_on, policy)
            ),
            None,
        )
        if clash:
            a, b = clash
            messages.append(
                _(
                    "%(bureau)s: the director %(director)s (leaving %(d1)s) and the deputy "
                    "director %(deputy)s (leaving %(d2)s) would rotate at the same time. "
                    "Under the rotation rule (%(rule)s) a bureau's director and deputy "
                    "directors are not rotated at the same time; leave at least %(days)d "
                    "days between them."
                )
                % {
                    "bureau": bureau,
                    "director": a.officer_name,
                    "d1": a.effective_on,
                    "deputy": b.officer_name,
                    "d2": b.effective_on,
                    "rule": RULE,
                    "days": max(policy.min_leadership_stagger_days, 1),
                }
            )
            continue
        # Two or more leaders leaving together must not empty the leadership.
        if len(leaving) < 2:
            continue
        first = min(d.effective_on for d in leaving)
        together = {d.officer_id for d in leaving if _simultaneous(d.effective_on, first, policy)}
        leaders = set(
            Position.objects.filter(
                bureau_id=bureau_id, post__in=Post.leadership_posts(), started_on__lte=first
            )
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first))
            .values_list("officer_id", flat=True)
        )
        if len(together) >= 2 and leaders and leaders <= together:
            messages.append(
                _(
                    "%(bureau)s: this would move its whole leadership at once. Under the "
                    "rotation rule (%(rule)s) a bureau's leaders are not rotated at the same "
                    "time."
                )
                % {"bureau": bureau, "rule": RULE}
            )
    return messages


def _departures(items) -> list[Departure]:
    return [
        Departure(
            i.officer_id, i.officer.name, i.position.bureau_id, i.position.post, i.effective_on
        )
        for i in items
    ]


def check_rotation_plan(plan: RotationPlan, extra: list[RotationPlanItem] = ()) -> None:
    """Refuse, naming the rule, a plan whose departures, together with those of
    other plans already submitted or approved, rotate a bureau's director and a
    deputy director at the same time."""
    policy = RotationPolicy.current()
    mine = list(plan.items.select_related("officer", "position")) + list(extra)
    bureaus = {i.position.bureau_id for i in mine}
    others = (
        RotationPlanItem.objects.filter(
            plan__status__in=[RotationPlanStatus.SUBMITTED, RotationPlanStatus.APPROVED],
            position__bureau_id__in=bureaus,
        )
        .exclude(plan=plan)
        .select_related("officer", "position")
    )
    messages = leadership_conflicts(_departures(mine) + _departures(others), policy)
    if messages:
        raise ValidationError(messages, code="simultaneous_rotation")


@transaction.atomic
def create_rotation_plan(*, by, court: Court, title: str) -> RotationPlan:
    """A court's leadership starts a rotation plan as a draft (DOMAIN.md §6 "Rotation")."""
    require_court_right(by, RotationPlan, "add", court.pk)
    return RotationPlan.objects.create(court=court, title=title, created_by=by)


@transaction.atomic
def add_rotation_item(
    *,
    by,
    plan: RotationPlan,
    officer: Officer,
    effective_on: datetime.date,
    destination_bureau: Bureau | None = None,
    destination_post: str = "",
    destination_department: str = "",
    note: str = "",
) -> RotationPlanItem:
    """Add one departure to a draft plan; the whole plan is checked at once, so a
    simultaneous director + deputy rotation is refused as soon as it is entered.
    Source: DOMAIN.md §6 "Rotation (轮岗交流)"."""
    plan = lock_for(RotationPlan, plan.pk, by)
    if plan.status != RotationPlanStatus.DRAFT:
        raise ValidationError(_("Only a draft plan can be changed."))
    if not plan.court.is_intermediate and officer.bureau.court_id != plan.court_id:
        raise ValidationError(
            {"officer": _("A district court's plan rotates that court's officers only.")}
        )
    position = (
        Position.objects.filter(officer=officer, started_on__lt=effective_on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=effective_on))
        .first()
    )
    if position is None:
        raise ValidationError(
            {
                "officer": _("%(name)s holds no position on %(date)s to rotate out of.")
                % {"name": officer.name, "date": _day(effective_on)}
            }
        )
    if bool(destination_department) == bool(destination_bureau):
        raise ValidationError(
            _("Give either a destination bureau and post, or a trial department.")
        )
    if destination_bureau is not None:
        if not destination_post:
            raise ValidationError({"destination_post": _("Give the post in that bureau.")})
        if destination_bureau.is_district and destination_post == Post.DIRECTOR:
            raise ValidationError(
                {
                    "destination_post": _(
                        "A district bureau's director is appointed only after the intermediate "
                        "court consents: use a director appointment."
                    )
                }
            )
    if plan.items.filter(officer=officer).exists():
        raise ValidationError({"officer": _("This officer is already in the plan.")})
    item = RotationPlanItem(
        plan=plan,
        officer=officer,
        position=position,
        effective_on=effective_on,
        destination_bureau=destination_bureau,
        destination_post=destination_post if destination_bureau else "",
        destination_department=destination_department,
        note=note,
    )
    check_rotation_plan(plan, extra=[item])
    item.save()
    return item


@transaction.atomic
def remove_rotation_item(*, by, item: RotationPlanItem) -> None:
    """Remove an officer from a draft rotation plan (DOMAIN.md §6 "Rotation")."""
    lock_for(RotationPlan, item.plan_id, by)
    if item.plan.status != RotationPlanStatus.DRAFT:
        raise ValidationError(_("Only a draft plan can be changed."))
    item.delete()


def _move(plan: RotationPlan, to: str) -> None:
    move(plan, to, ROTATION_PLAN_TRANSITIONS)


@transaction.atomic
def submit_rotation_plan(*, by, plan: RotationPlan) -> RotationPlan:
    """Submit a plan with at least one officer, checked against the rule that a bureau's
    director and deputies are not rotated at the same time (DOMAIN.md §6
    "Rotation")."""
    plan = lock_for(RotationPlan, plan.pk, by)
    if not plan.items.exists():
        raise ValidationError(_("A plan needs at least one officer."))
    check_rotation_plan(plan)
    _move(plan, RotationPlanStatus.SUBMITTED)
    plan.save(update_fields=["status"])
    return plan


@transaction.atomic
def decide_rotation_plan(*, by, plan: RotationPlan, approve: bool, note: str = "") -> RotationPlan:
    """The intermediate court's leadership approves or rejects; approval re-checks
    the plan against every other pending plan.
    Source: DOMAIN.md §6 "Rotation (轮岗交流)"; ROTATION_PLAN_TRANSITIONS."""
    require_city_leadership(by, _("Rotation plans are decided by the intermediate court."))
    plan = lock_for(RotationPlan, plan.pk, by)
    if approve:
        check_rotation_plan(plan)
    _move(plan, RotationPlanStatus.APPROVED if approve else RotationPlanStatus.REJECTED)
    plan.decided_by = by
    plan.decided_at = timezone.now()
    plan.decision_note = note
    plan.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return plan


@transaction.atomic
def withdraw_rotation_plan(*, by, plan: RotationPlan) -> RotationPlan:
    """Withdraw a rotation plan (DOMAIN.md §6 "Rotation"; the plan's transition table)."""
    plan = lock_for(RotationPlan, plan.pk, by)
    _move(plan, RotationPlanStatus.WITHDRAWN)
    plan.save(update_fields=["status"])
    return plan


@transaction.atomic
def carry_out_rotation_plan(*, by, plan: RotationPlan) -> RotationPlan:
    """Write an approved plan into the history: each position left ends the day
    before its effective date, the destination position (or the exchange with a
    trial department) starts on it, and a handover checklist is opened for each
    officer so that their open items go to named successors.
    Source: DOMAIN.md §6 "Rotation (轮岗交流)"; ROTATION_PLAN_TRANSITIONS."""
    from personnel.services.handovers import open_handover
    from personnel.services.officers import deactivate_officers
    from personnel.services.positions import create_position

    plan = lock_for(RotationPlan, plan.pk, by)
    _move(plan, RotationPlanStatus.CARRIED_OUT)
    today = timezone.localdate()
    items = list(plan.items.select_related("officer", "position__bureau", "destination_bureau"))
    late = [i for i in items if i.effective_on > today]
    if late:
        raise ValidationError(
            _("%(name)s rotates only on %(date)s; carry the plan out from that day.")
            % {"name": late[0].officer.name, "date": late[0].effective_on}
        )
    for item in items:
        position = Position.objects.select_for_update().get(pk=item.position_id)
        last_day = item.effective_on - datetime.timedelta(days=1)
        if position.ended_on is None or position.ended_on > last_day:
            position.ended_on = max(last_day, position.started_on)
            position.end_reason = "rotation"
            position.save(update_fields=["ended_on", "end_reason"])
        if item.destination_bureau_id:
            create_position(
                officer=item.officer,
                bureau=item.destination_bureau,
                post=item.destination_post,
                started_on=item.effective_on,
                note=plan.title,
            )
        else:
            TrialExchange.objects.create(
                officer=item.officer,
                bureau=position.bureau,
                direction=ExchangeDirection.TO_TRIAL,
                department=item.destination_department,
                started_on=item.effective_on,
                note=plan.title,
            )
            # Gone to a trial department, the officer leaves the enforcement staff:
            # no post here, so no role's rights either (least privilege). Recording
            # a post on their return puts them back in service.
            deactivate_officers([item.officer_id])
        open_handover(
            by=by,
            officer=item.officer,
            handover_on=item.effective_on,
            reason=plan.title,
            rotation_item=item,
            bureau=position.bureau,
        )
    plan.save(update_fields=["status"])
    return plan


@transaction.atomic
def record_trial_exchange(
    *,
    by,
    officer: Officer,
    bureau: Bureau,
    direction: str,
    department: str,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
    note: str = "",
) -> TrialExchange:
    """Officers also exchange with the trial departments (DOMAIN.md §6)."""
    require_court_right(by, TrialExchange, "add", bureau.court_id)
    if ended_on is not None and ended_on < started_on:
        raise ValidationError({"ended_on": _("The end cannot precede the start.")})
    exchange = TrialExchange(
        officer=officer,
        bureau=bureau,
        direction=direction,
        department=department,
        started_on=started_on,
        ended_on=ended_on,
        note=note,
    )
    exchange.full_clean()
    exchange.save()
    return exchange


def rotation_recipients(officer: Officer) -> set[int]:
    """Who hears of an officer's rotation: the officer, the directors of their
    bureau and the intermediate enforcement bureau's directors (DOMAIN.md §1:
    the intermediate bureau manages the people of both tiers)."""
    from courts.choices import BureauKind, CourtTier

    directors = Officer.objects.filter(is_active=True, role="director").filter(
        Q(bureau_id=officer.bureau_id)
        | Q(bureau__kind=BureauKind.ENFORCEMENT, bureau__court__tier=CourtTier.INTERMEDIATE)
    )
    return {officer.user_id, *directors.values_list("user_id", flat=True)}


def warn_rotation_due(on: datetime.date | None = None) -> int:
    """Notify each leader coming due or due for rotation (5 years, warned from
    4.5 — DOMAIN.md §6). Idempotent: one notification per recipient, officer,
    run of service and status, however often the scan runs."""
    from haikou_exec.choices import NotificationLevel
    from haikou_exec.notifications import notify
    from personnel.choices import RotationStatus
    from personnel.selectors import rotation_standings

    on = on or timezone.localdate()
    sent = 0
    for officer, standing in rotation_standings(on=on):
        if standing.status == RotationStatus.NOT_DUE:
            continue
        due = standing.status == RotationStatus.DUE
        title = (
            _("%(name)s is due for rotation: 5 consecutive years as %(post)s on %(date)s")
            if due
            else _("%(name)s comes due for rotation on %(date)s (%(post)s)")
        ) % {
            "name": officer.name,
            "post": Post(standing.post).label,
            "date": _day(standing.due_on),
        }
        sent += notify(
            rotation_recipients(officer),
            title=title,
            body=_("Consecutive service since %(start)s.")
            % {"start": _day(standing.run_started_on)},
            dedup_key=f"rotation:{standing.status}:{officer.pk}:{standing.run_started_on}",
            link=officer.get_absolute_url(),
            level=NotificationLevel.DANGER if due else NotificationLevel.WARNING,
        )
    return sent


def can_decide(user) -> bool:
    """Rotation is decided by the city leadership (DOMAIN.md §6 "Rotation")."""
    return user.is_superuser or scope_for(user).city_leadership

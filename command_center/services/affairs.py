"""The affairs centre's task queues (执行事务中心, DOMAIN.md §5): teams hand
auxiliary tasks to the centre — reception, drafting, online query, service,
property investigation — and the centre works them as queues.

Transitions are checked against ``AFFAIRS_TASK_TRANSITIONS``; each write is one
transaction and re-checks the user's rights on the row."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import EnforcementCase
from cases.services.common import ensure_can_change, ensure_open
from command_center.choices import AFFAIRS_TASK_TRANSITIONS, AffairsTaskKind, AffairsTaskStatus
from command_center.models import AffairsTask, TaskTimeLimit
from command_center.reference_data import TASK_TIME_LIMITS
from courts.access import lock_for, scope_for
from courts.policy import is_centre_staff
from haikou_exec.choices import NotificationLevel
from haikou_exec.notifications import notify
from haikou_exec.states import move


def time_limit_hours(kind: str) -> int:
    """The limit of a task kind, from the admin-editable table (seeded defaults)."""
    row = TaskTimeLimit.objects.filter(kind=kind).first()
    if row is None:
        hours, source = TASK_TIME_LIMITS[kind]
        row, _created = TaskTimeLimit.objects.get_or_create(
            kind=kind, defaults={"limit_hours": hours, "source": source}
        )
    return row.limit_hours


def ensure_centre_staff(user) -> None:
    """Only the affairs centre's staff work its queues (DOMAIN.md §5)."""
    if user.is_superuser or is_centre_staff(scope_for(user)):
        return
    raise PermissionDenied(_("Only affairs-centre staff work the task queues."))


def _lock(task_id: int, user=None) -> AffairsTask:
    """The task, locked; with ``user``, only within their change scope (404)."""
    return lock_for(AffairsTask, task_id, user)


def _notify_sender(task: AffairsTask, title: str, level: str = NotificationLevel.INFO) -> None:
    transaction.on_commit(
        lambda: notify(
            [task.sent_by_id],
            title=title,
            body=str(task.case),
            link=task.get_absolute_url(),
            level=level,
            dedup_key=f"affairs-task:{task.pk}:{task.status}:{task.finished_at or task.sent_at}",
        )
    )


@transaction.atomic
def send_task(
    *, user, case_id: int, kind: str, instructions: str, now: dt.datetime | None = None
) -> AffairsTask:
    """A team member (or the bureau's leadership) sends a task for one of their
    cases; the due time follows from the kind's time limit.
    Source: DOMAIN.md §5: teams hand auxiliary tasks to the centre."""
    now = now or timezone.now()
    if kind not in AffairsTaskKind.values:
        raise ValidationError({"kind": [_("Unknown task kind.")]})
    if not (instructions or "").strip():
        raise ValidationError({"instructions": [_("Say what the centre should do.")]})
    case = EnforcementCase.objects.select_related("court").get(pk=case_id)
    ensure_can_change(user, case)
    ensure_open(case)
    return AffairsTask.objects.create(
        court=case.court,
        case=case,
        kind=kind,
        instructions=instructions.strip(),
        sent_by=user,
        sent_team_id=case.team_id,
        sent_at=now,
        due_at=now + dt.timedelta(hours=time_limit_hours(kind)),
    )


@transaction.atomic
def claim_task(*, user, task_id: int) -> AffairsTask:
    """A member of the centre takes a waiting task from the queue.
    Source: DOMAIN.md §5: the centre works them as queues."""
    ensure_centre_staff(user)
    task = _lock(task_id, user)
    move(task, AffairsTaskStatus.CLAIMED, AFFAIRS_TASK_TRANSITIONS)
    task.claimed_by, task.claimed_at = user, timezone.now()
    task.save(update_fields=["status", "claimed_by", "claimed_at"])
    return task


def _ensure_claimant(user, task: AffairsTask) -> None:
    if (
        task.status == AffairsTaskStatus.CLAIMED
        and task.claimed_by_id != user.pk
        and not (user.is_superuser)
    ):
        raise PermissionDenied(_("Only the person who claimed this task can do this."))


@transaction.atomic
def release_task(*, user, task_id: int) -> AffairsTask:
    """Put a claimed task back in the queue (the claimant or a superuser).
    Source: DOMAIN.md §5 affairs centre; AFFAIRS_TASK_TRANSITIONS."""
    ensure_centre_staff(user)
    task = _lock(task_id, user)
    _ensure_claimant(user, task)
    move(task, AffairsTaskStatus.PENDING, AFFAIRS_TASK_TRANSITIONS)
    task.claimed_by, task.claimed_at = None, None
    task.save(update_fields=["status", "claimed_by", "claimed_at"])
    return task


@transaction.atomic
def complete_task(*, user, task_id: int, result: str) -> AffairsTask:
    """The centre officer who claimed a task completes it with its result, and the
    sending team is told (DOMAIN.md §5 affairs centre; AFFAIRS_TASK_TRANSITIONS)."""
    ensure_centre_staff(user)
    task = _lock(task_id, user)
    _ensure_claimant(user, task)
    if not (result or "").strip():
        raise ValidationError({"result": [_("Describe what was done.")]})
    move(task, AffairsTaskStatus.COMPLETED, AFFAIRS_TASK_TRANSITIONS)
    task.result, task.finished_at = result.strip(), timezone.now()
    task.save(update_fields=["status", "result", "finished_at"])
    _notify_sender(task, _("Task completed by the affairs centre: %(task)s") % {"task": task})
    return task


@transaction.atomic
def return_task(*, user, task_id: int, reason: str) -> AffairsTask:
    """The centre sends a task back to the team (missing material, wrong kind …).
    Source: DOMAIN.md §5 affairs centre; AFFAIRS_TASK_TRANSITIONS."""
    ensure_centre_staff(user)
    task = _lock(task_id, user)
    _ensure_claimant(user, task)
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Say why the task is returned.")]})
    move(task, AffairsTaskStatus.RETURNED, AFFAIRS_TASK_TRANSITIONS)
    task.return_reason, task.finished_at = reason.strip(), timezone.now()
    task.save(update_fields=["status", "return_reason", "finished_at"])
    _notify_sender(
        task,
        _("Task returned by the affairs centre: %(task)s") % {"task": task},
        NotificationLevel.WARNING,
    )
    return task


def _ensure_team_side(user, task: AffairsTask) -> None:
    case = EnforcementCase.objects.get(pk=task.case_id)
    ensure_can_change(user, case)


@transaction.atomic
def resend_task(*, user, task_id: int, instructions: str = "") -> AffairsTask:
    """The team sends a returned task again (with amended instructions); the time
    limit starts again.
    Source: DOMAIN.md §5 affairs centre; AFFAIRS_TASK_TRANSITIONS."""
    task = _lock(task_id)
    _ensure_team_side(user, task)
    move(task, AffairsTaskStatus.PENDING, AFFAIRS_TASK_TRANSITIONS)
    now = timezone.now()
    if instructions.strip():
        task.instructions = instructions.strip()
    task.sent_at, task.due_at = now, now + dt.timedelta(hours=time_limit_hours(task.kind))
    task.claimed_by = task.claimed_at = task.finished_at = None
    task.save()
    return task


@transaction.atomic
def cancel_task(*, user, task_id: int) -> AffairsTask:
    """The case's team cancels a task it handed over while it is pending or returned,
    not once claimed (DOMAIN.md §5 affairs centre; AFFAIRS_TASK_TRANSITIONS)."""
    task = _lock(task_id)
    _ensure_team_side(user, task)
    move(task, AffairsTaskStatus.CANCELLED, AFFAIRS_TASK_TRANSITIONS)
    task.finished_at = timezone.now()
    task.save(update_fields=["status", "finished_at"])
    return task


@transaction.atomic
def start_task_query(*, user, task_id: int):
    """Run the online query of an online-query task; the task completes with the
    result when the batch finishes (``query_chunks.finish_batch``).
    Source: DOMAIN.md §5: the centre runs 网络查控; §2 node table."""
    from command_center.services.queries import request_property_query

    ensure_centre_staff(user)
    task = _lock(task_id, user)
    _ensure_claimant(user, task)
    if task.kind != AffairsTaskKind.ONLINE_QUERY or task.status != AffairsTaskStatus.CLAIMED:
        raise ValidationError(_("Only a claimed online-query task starts a query."))
    job = request_property_query(user=user, case_ids=[task.case_id])
    task.job = job
    task.save(update_fields=["job"])
    return job


def complete_tasks_of_job(job, summary: str) -> int:
    """Called when a query batch finishes: its claimed online-query tasks are done.
    Source: DOMAIN.md §5 (the affairs centre works teams' tasks); AFFAIRS_TASK_TRANSITIONS."""
    done = 0
    for task in AffairsTask.objects.select_for_update().filter(
        job=job, status=AffairsTaskStatus.CLAIMED
    ):
        move(task, AffairsTaskStatus.COMPLETED, AFFAIRS_TASK_TRANSITIONS)
        task.result, task.finished_at = summary, timezone.now()
        task.save(update_fields=["status", "result", "finished_at"])
        _notify_sender(task, _("Task completed by the affairs centre: %(task)s") % {"task": task})
        done += 1
    return done

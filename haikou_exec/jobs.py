"""Writes on background jobs. Each is one transaction and checks the transition
table in ``haikou_exec.choices``: a job is the kernel's, whichever app starts it."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from haikou_exec.choices import JOB_TRANSITIONS, JobKind, JobStatus
from haikou_exec.models import BackgroundJob
from haikou_exec.states import move


class JobStateError(Exception):
    pass


def _move(job: BackgroundJob, to: str) -> None:
    move(
        job,
        to,
        JOB_TRANSITIONS,
        message=lambda j: f"job {j.pk}: {j.status} → {to} is not allowed",
        error=JobStateError,
    )


def create_job(*, kind: JobKind, user, court, parameters: dict, total: int = 0) -> BackgroundJob:
    """A long job starts as a pending row that the page shows as progress (DESIGN.md "Background
    work": a Job record tracks each long job)."""
    return BackgroundJob.objects.create(
        kind=kind, created_by=user, court=court, parameters=parameters, total=total
    )


@transaction.atomic
def start_job(job_id: int, *, task_id: str, total: int | None = None) -> BackgroundJob | None:
    """Mark a job running. Returns None when the job is gone or already finished,
    so a redelivered task does nothing twice.
    Source: DESIGN.md "Background work"; JOB_TRANSITIONS."""
    job = BackgroundJob.objects.select_for_update().filter(pk=job_id).first()
    if job is None or job.is_finished:
        return None
    _move(job, JobStatus.RUNNING)
    job.celery_task_id = task_id
    if total is not None:
        job.total = total
    job.attempts = F("attempts") + 1
    job.started_at = job.started_at or timezone.now()
    job.save(update_fields=["status", "celery_task_id", "total", "attempts", "started_at"])
    job.refresh_from_db()
    return job


def advance_job(job_id: int, *, done: int) -> None:
    """Record a running job's progress and heartbeat; a finished job is left alone (DESIGN.md
    "Background work": progress shown as a bar)."""
    BackgroundJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
        done=done, heartbeat_at=timezone.now()
    )


def touch_job(job_id: int, *, task_id: str = "") -> None:
    """A chunk of a chunked job has started: record the heartbeat (and the task).
    Source: DESIGN.md "Background work" (a job shows its progress)."""
    values = {"heartbeat_at": timezone.now()}
    if task_id:
        values["celery_task_id"] = task_id
    BackgroundJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(**values)


@transaction.atomic
def finish_job(job_id: int, *, result: dict, message: str = "") -> None:
    """A running job succeeds once, with its result (JOB_TRANSITIONS; DESIGN.md "Background work")."""
    job = BackgroundJob.objects.select_for_update().get(pk=job_id)
    _move(job, JobStatus.SUCCEEDED)
    job.done = job.total
    job.result = result
    job.message = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "done", "result", "message", "finished_at"])


@transaction.atomic
def fail_job(job_id: int, *, message: str) -> None:
    """A job that cannot finish is marked failed with the reason; a finished or missing one is left
    alone, so a retry does nothing twice (JOB_TRANSITIONS; DESIGN.md "Background work": tasks are
    idempotent)."""
    job = BackgroundJob.objects.select_for_update().filter(pk=job_id).first()
    if job is None or job.is_finished:
        return
    _move(job, JobStatus.FAILED)
    job.message = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "finished_at"])

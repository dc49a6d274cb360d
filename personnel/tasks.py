"""Thin Celery tasks: they take ids and call services. Retries: the one policy of
haikou_exec.celery.HaikouTask; queues: CELERY_TASK_ROUTES."""

from celery import shared_task
from django.utils.translation import ngettext

from haikou_exec.celery import time_limits
from haikou_exec.jobs import advance_job, fail_job, finish_job, start_job
from personnel.services.officers import deactivate_officers


@shared_task(bind=True, **time_limits(300))
def deactivate_officers_task(self, job_id: int) -> dict | None:
    job = start_job(job_id, task_id=self.request.id or "")
    if job is None:  # vanished or already done: redelivery is harmless
        return None
    officer_ids = [int(i) for i in job.parameters.get("officer_ids", [])]
    try:
        count = 0
        # In chunks so the progress bar moves on large selections.
        for start in range(0, len(officer_ids), 50):
            count += deactivate_officers(officer_ids[start : start + 50])
            advance_job(job_id, done=min(start + 50, len(officer_ids)))
        message = ngettext(
            "%(count)d officer deactivated.", "%(count)d officers deactivated.", count
        ) % {"count": count}
        finish_job(job_id, result={"deactivated": count}, message=message)
        return {"deactivated": count}
    except Exception as exc:
        fail_job(job_id, message=str(exc))
        raise


@shared_task(**time_limits(120))
def warn_rotation_due_task() -> int:
    """Daily: rotation coming due / due (DOMAIN.md §6). Safe to run twice."""
    from personnel.services.rotation import warn_rotation_due

    return warn_rotation_due()

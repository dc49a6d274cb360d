"""Thin Celery tasks of the command centre: they take ids, call services, and
declare their time limits (DESIGN.md "Background work").

Retries and late acknowledgement are the one policy of haikou_exec.celery.HaikouTask:
infrastructure hiccups (database or broker connection) are retried by Celery with
exponential backoff and jitter; provider failures are retried per row by the
services (a visible ``retrying`` state). Queues: CELERY_TASK_ROUTES."""

from __future__ import annotations

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from command_center.notifications import send_email_digests
from haikou_exec.celery import time_limits


@shared_task(**time_limits(300))
def send_notification_digests() -> int:
    return send_email_digests()


# --- online property query and control ------------------------------------------


# ``outbox=False``: a batch's job row is already its durable record, and
# enqueue_job/resume_stalled_jobs resend it themselves (services/queries.py).
@shared_task(bind=True, ignore_result=True, outbox=False, **time_limits(120))
def run_property_query(self, job_id: int, lane: int = 0) -> dict | None:
    """One chunk of a query batch; enqueues the next chunk of its lane. A chunk
    is a few dozen cases, so its time limit is short and a redelivered chunk
    repeats little. The job's rows are its result (``ignore_result``: sending a
    chunk touches only the broker, not the result store)."""
    from command_center.services.query_chunks import ChunkOutcome, run_query_chunk

    try:
        outcome = run_query_chunk(job_id, lane=lane, task_id=self.request.id or "")
    except SoftTimeLimitExceeded:
        outcome = ChunkOutcome(next_in=0)  # the interrupted case rolled back: go on
    if outcome.next_in is not None:
        run_property_query.apply_async(args=[job_id, lane], countdown=outcome.next_in)
    return {"processed": outcome.processed, "finished": outcome.finished, **outcome.summary}


@shared_task(**time_limits(60))
def resume_stalled_query_jobs() -> int:
    from command_center.services.queries import resume_stalled_jobs

    return resume_stalled_jobs()


@shared_task(**time_limits(60))
def execute_freeze_task(freeze_id: int) -> float | None:
    from command_center.services.freezes import enqueue_freeze, execute_freeze

    delay = execute_freeze(freeze_id)
    if delay is not None:
        enqueue_freeze(freeze_id, countdown=delay)
    return delay


# --- schedules (declared on CommandCenterConfig.periodic_tasks) ------------------


def _day(today: str | None):
    """A task's date parameter: ISO text (JSON serialisation), or None for today."""
    import datetime as dt

    return dt.date.fromisoformat(today) if today else None


@shared_task(**time_limits(1800))
def scan_reminders(today: str | None = None) -> dict:
    """Hourly: every reminder scan (deadlines, funds, measures, re-queries,
    supervision orders, directives); idempotent per person, item and day."""
    from command_center.services.reminders import run_reminder_scan

    return run_reminder_scan(_day(today))


@shared_task(**time_limits(1800))
def scan_deadlines(due_within_days: int = 3, today: str | None = None) -> dict:
    from command_center.services.reminders import scan_deadlines as scan

    return scan(_day(today), due_within_days=due_within_days)


@shared_task(**time_limits(600))
def schedule_termination_requeries() -> dict:
    from command_center.services.requery import schedule_due_requeries

    return schedule_due_requeries()


@shared_task(**time_limits(300))
def inform_applicants_task(round_ids: list[int]) -> int:
    from command_center.services.requery import inform_applicants

    return inform_applicants(round_ids)


@shared_task(**time_limits(600))
def remind_funds_undisbursed(today: str | None = None) -> dict:
    from command_center.services.reminders import remind_funds_undisbursed as remind

    return remind(_day(today))


@shared_task(**time_limits(600))
def remind_measures_expiring(within_days: int = 30, today: str | None = None) -> dict:
    from command_center.services.reminders import remind_measures_expiring as remind

    return remind(_day(today), within_days=within_days)


@shared_task(**time_limits(300))
def escalate_overdue_directives() -> dict:
    from command_center.services.reminders import escalate_overdue_directives as escalate

    return escalate()


@shared_task(**time_limits(600))
def warm_dashboard_cache() -> int:
    """Nightly: compute the city-wide figures of the current year, so that the
    first visit of the morning is warm."""
    from command_center.dashboard import figures_for_courts
    from courts.models import Court
    from haikou_exec.replica import replica_reads

    with replica_reads():  # report generation reads the standby while it is fresh
        court_ids = list(Court.objects.order_by("sort_order").values_list("pk", flat=True))
        figures_for_courts(court_ids, refresh=True)
    return len(court_ids)


@shared_task(ignore_result=True, **time_limits(120))
def send_outbox_messages() -> int:
    """Every minute: send the messages kept while the broker was down."""
    from command_center.services.outbox import send_outbox

    return send_outbox()

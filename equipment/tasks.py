"""Thin Celery tasks for equipment: they call services, which are idempotent
(notifications deduplicate by key; scores are one row per court and year)."""

from celery import shared_task

from equipment.services import compliance, reminders

_RETRY = {
    "acks_late": True,
    "autoretry_for": (ConnectionError, TimeoutError),
    "retry_backoff": True,
    "retry_jitter": True,
    "max_retries": 5,
    "soft_time_limit": 300,
    "time_limit": 360,
    # The queue is CELERY_TASK_DEFAULT_QUEUE ("default"): Celery 5.7 deprecates
    # the per-task ``queue`` attribute in favour of routing settings.
}


@shared_task(**_RETRY)
def remind_inspections_due() -> int:
    return reminders.remind_inspections_due()


@shared_task(**_RETRY)
def remind_service_life_ending() -> int:
    return reminders.remind_service_life_ending()


@shared_task(**_RETRY)
def compute_compliance_scores() -> int:
    return compliance.record_all_scores()

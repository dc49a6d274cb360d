"""Thin Celery tasks for equipment: they call services, which are idempotent
(notifications deduplicate by key; scores are one row per court and year).
Retries: the one policy of haikou_exec.celery.HaikouTask; queues: CELERY_TASK_ROUTES."""

from celery import shared_task

from equipment.services import compliance, reminders
from haikou_exec.celery import time_limits


@shared_task(**time_limits(300))
def remind_inspections_due() -> int:
    return reminders.remind_inspections_due()


@shared_task(**time_limits(300))
def remind_service_life_ending() -> int:
    return reminders.remind_service_life_ending()


@shared_task(**time_limits(300))
def compute_compliance_scores() -> int:
    return compliance.record_all_scores()

"""Thin Celery tasks of the command centre."""

from celery import shared_task

from command_center.notifications import send_email_digests


@shared_task(
    acks_late=True,
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=300,
    time_limit=360,
)
def send_notification_digests() -> int:
    return send_email_digests()

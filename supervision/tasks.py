"""Thin Celery tasks of supervision; the services they call are idempotent."""

from celery import shared_task

_RETRY = {
    "acks_late": True,
    "autoretry_for": (ConnectionError, TimeoutError),
    "retry_backoff": True,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(soft_time_limit=1500, time_limit=1800, **_RETRY)
def evaluate_alert_rules() -> dict:
    from supervision.services.alerts import evaluate_all_rules

    return {run.rule: run.hits for run in evaluate_all_rules()}


@shared_task(soft_time_limit=600, time_limit=660, **_RETRY)
def evaluate_alert_rule(rule_id: int) -> int:
    from supervision.models import AlertRule
    from supervision.services.alerts import evaluate_rule

    rule = AlertRule.objects.filter(pk=rule_id, is_active=True).first()
    if rule is None:  # deleted or switched off since it was queued
        return 0
    return evaluate_rule(rule).hits


@shared_task(soft_time_limit=300, time_limit=360, **_RETRY)
def remind_orders_due() -> int:
    from supervision.services.reminders import remind_orders_due as remind

    return remind()

"""Thin Celery tasks of supervision; the services they call are idempotent. Retries:
the one policy of haikou_exec.celery.HaikouTask."""

from celery import shared_task

from haikou_exec.celery import time_limits


@shared_task(**time_limits(1500))
def evaluate_alert_rules() -> dict:
    from supervision.services.alerts import evaluate_all_rules

    return {run.rule: run.hits for run in evaluate_all_rules()}


@shared_task(**time_limits(600))
def evaluate_alert_rule(rule_id: int) -> int:
    from supervision.models import AlertRule
    from supervision.services.alerts import evaluate_rule

    rule = AlertRule.objects.filter(pk=rule_id, is_active=True).first()
    if rule is None:  # deleted or switched off since it was queued
        return 0
    return evaluate_rule(rule).hits


@shared_task(**time_limits(300))
def remind_orders_due() -> int:
    from supervision.services.reminders import remind_orders_due as remind

    return remind()

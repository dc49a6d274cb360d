"""Thin Celery tasks of assessment; the services they call are idempotent. Retries:
the one policy of haikou_exec.celery.HaikouTask."""

from celery import shared_task

from haikou_exec.celery import time_limits


@shared_task(**time_limits(1500))
def take_indicator_snapshots() -> int:
    from assessment.services.snapshots import take_nightly_snapshots

    return take_nightly_snapshots()


@shared_task(**time_limits(600))
def prepare_monthly_reports() -> int:
    from assessment.services.reports import prepare_previous_month

    return prepare_previous_month()


@shared_task(**time_limits(300))
def remind_reports_due() -> int:
    from assessment.services.reports import remind_reports_due as remind

    return remind()


@shared_task(**time_limits(1500))
def compute_bureau_assessment(user_id: int, scheme_id: int, year: int) -> int:
    """The annual assessment of all bureaus, for a background run."""
    from django.contrib.auth import get_user_model

    from assessment.services.bureau import compute_assessment

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return 0
    return compute_assessment(user=user, scheme_id=scheme_id, year=year).pk

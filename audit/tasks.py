import datetime as dt

from celery import shared_task
from django.utils import timezone

from audit.chain import seal_day


@shared_task(
    acks_late=True,
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
    time_limit=1800,
)
def seal_yesterday() -> str:
    seal = seal_day(timezone.localdate() - dt.timedelta(days=1))
    return seal.chain_hash

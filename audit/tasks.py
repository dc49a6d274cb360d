import datetime as dt

from celery import shared_task
from django.utils import timezone

from audit.chain import seal_day
from haikou_exec.celery import time_limits


# Retries: the one policy of haikou_exec.celery.HaikouTask (sealing a day again
# gives the same seal).
@shared_task(**time_limits(1500))
def seal_yesterday() -> str:
    seal = seal_day(timezone.localdate() - dt.timedelta(days=1))
    return seal.chain_hash

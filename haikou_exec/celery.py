"""The Celery app. JSON only, late acknowledgement, queues by kind (settings.CELERY_*).

Every task is a ``HaikouTask``: Celery's own ``DjangoTask`` (``delay_on_commit``,
``apply_async_on_commit``), kept in PostgreSQL while the broker is down
(``outbox.DurableTask``), with one retry policy. A task declares only its time
limits (``time_limits``) and, where it has a reason, its own exceptions."""

import os
from importlib import import_module

from celery import Celery
from django.db import InterfaceError, OperationalError

from haikou_exec.outbox import DurableTask

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haikou_exec.settings")

# Infrastructure hiccups, retried by Celery: a dropped or refused connection to the
# database, the broker or a provider (ConnectionError, TimeoutError), and the
# database's own (OperationalError, InterfaceError: a restart, a failover, a
# deadlock). Every task is idempotent (DESIGN.md "Background work"), so a retry
# repeats nothing. Errors of the work itself are not retried: they are the
# services' to record (a job marked failed, a query row ``retrying``).
RETRY_ON = (ConnectionError, TimeoutError, OperationalError, InterfaceError)

# The grace between the soft limit (SoftTimeLimitExceeded inside the task, which
# rolls back and records what it did) and the hard limit (the child is killed).
TIME_LIMIT_GRACE_SECONDS = 60


def time_limits(soft_seconds: int) -> dict[str, int]:
    """A task's time limits: ``soft_seconds`` for its work, then the grace."""
    return {"soft_time_limit": soft_seconds, "time_limit": soft_seconds + TIME_LIMIT_GRACE_SECONDS}


class HaikouTask(DurableTask):
    """The one retry policy: exponential backoff with full jitter, capped at five
    minutes, five attempts; late acknowledgement (a worker that dies mid-task
    leaves its message to be redelivered). The queue comes from
    CELERY_TASK_ROUTES, never from the task."""

    autoretry_for = RETRY_ON
    retry_backoff = True
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = 5
    acks_late = True


app = Celery("haikou_exec", task_cls=HaikouTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def task(name: str):
    """The task registered as ``name`` ("<app>.tasks.<function>"), for a service
    that sends its own background work: by name, as the routes, the beat schedule
    and the outbox name tasks, so a service never imports the task module that
    calls it back (no services ↔ tasks import circle; docs/ARCHITECTURE.md). The
    task module is imported here first, so the task is registered in a web
    process too."""
    import_module(name.rsplit(".", 1)[0])
    return app.tasks[name]


# Carry the audit actor from the request that enqueued a task into the worker.
import haikou_exec.audit  # noqa: E402,F401

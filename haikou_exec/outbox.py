"""Celery tasks that survive a broker outage (the transactional outbox).

Every task of the project is a ``DurableTask`` (through ``HaikouTask``,
haikou_exec/celery.py), itself Celery's ``DjangoTask``. When the
broker cannot take a message (Redis down), the message is written to
PostgreSQL (``haikou_exec.models.OutboxMessage``) instead of failing the request
that sent it; the per-minute sweep sends it once the broker is back. Tasks are
idempotent (DESIGN.md, background work), so a message sent twice does no harm.
The beat process is left alone: its periodic runs simply happen next time."""

from __future__ import annotations

import contextvars
import logging
import uuid

from celery.contrib.django.task import DjangoTask
from celery.signals import beat_init
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# OSError covers a refused or reset socket (ConnectionError, TimeoutError).
BROKER_ERRORS = (OperationalError, RedisError, OSError)
# Options that survive the trip through a JSON column.
KEPT_OPTIONS = ("countdown", "queue", "priority", "task_id")

# Set when the current request queued work for later (read by the middleware
# in haikou_exec.errors, which tells the user plainly).
queued_while_broker_down: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "queued_while_broker_down", default=False
)
_in_beat = False


@beat_init.connect
def _mark_beat(**_kwargs) -> None:
    global _in_beat
    _in_beat = True


def is_broker_error(exc: BaseException) -> bool:
    """Broker errors, also when the Redis result backend wraps them in a RuntimeError."""
    seen = exc
    while seen is not None:
        if isinstance(seen, BROKER_ERRORS):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class DurableTask(DjangoTask):
    # ``delay_on_commit`` and ``apply_async_on_commit`` (DjangoTask) end in
    # ``apply_async`` below, so work sent on commit is kept as well.
    # A task whose caller keeps its own durable record sets ``outbox=False`` and
    # gets the broker error instead.
    outbox = True

    def apply_async(self, args=None, kwargs=None, task_id=None, **options):
        task_id = task_id or str(uuid.uuid4())
        try:
            return super().apply_async(args, kwargs, task_id=task_id, **options)
        except Exception as exc:
            if _in_beat or not self.outbox or not is_broker_error(exc):
                raise
            return self._keep_for_later(args, kwargs, {**options, "task_id": task_id}, exc)

    def _keep_for_later(self, args, kwargs, options, exc):
        from haikou_exec.models import OutboxMessage

        OutboxMessage.objects.create(
            task_name=self.name,
            args=list(args or []),
            kwargs=dict(kwargs or {}),
            options={k: options[k] for k in KEPT_OPTIONS if options.get(k) is not None},
            last_error=str(exc)[:500],
        )
        queued_while_broker_down.set(True)
        logger.warning("Broker unavailable: %s kept in the outbox (%s)", self.name, exc)
        return self.AsyncResult(options["task_id"])


class BrokerQueueNoticeMiddleware:
    """Says plainly on the page when the request's background work was queued for
    later because the broker is down (the write itself succeeded)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = queued_while_broker_down.set(False)
        try:
            response = self.get_response(request)
            if queued_while_broker_down.get() and not request.path.startswith("/api/"):
                from django.contrib import messages
                from django.utils.translation import gettext as _

                messages.warning(
                    request,
                    _(
                        "Background processing is unavailable right now: the work was "
                        "queued and starts automatically when the service is back."
                    ),
                    fail_silently=True,
                )
            return response
        finally:
            queued_while_broker_down.reset(token)

"""Sending the task messages kept while the broker was down (haikou_exec/outbox.py)."""

from __future__ import annotations

from celery import current_app
from django.db import transaction
from django.utils import timezone

from haikou_exec.models import OutboxMessage
from haikou_exec.outbox import is_broker_error


def send_outbox(*, limit: int = 500) -> int:
    """Send the oldest unsent messages; stop at the first broker error (it is still
    down) and leave the rest for the next run. Returns how many were sent.
    Source: DESIGN.md "Background work"."""
    sent = 0
    with transaction.atomic():
        rows = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True)
            .order_by("created_at", "id")[:limit]
        )
        for row in rows:
            row.attempts += 1
            try:
                current_app.send_task(
                    row.task_name, args=row.args, kwargs=row.kwargs, **row.options
                )
            except Exception as exc:
                if not is_broker_error(exc):
                    raise
                row.last_error = str(exc)[:500]
                row.save(update_fields=["attempts", "last_error"])
                break
            row.sent_at = timezone.now()
            row.save(update_fields=["attempts", "sent_at"])
            sent += 1
    return sent

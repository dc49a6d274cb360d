"""The notification centre, for every app: in-app messages with an unread count
(``notify``, idempotent per key). Digests by email and SMS go out through the
command centre's gateways (``command_center.notifications.send_email_digests``).

Reminders (``send_reminders``) are notifications about one item — a process
node, a receipt of case funds, a seizure, a re-query round, a supervision order —
keyed by recipient, kind, item and day: a scan that runs every hour notifies a
person about an item at most once a day, and the new day's reminder replaces the
previous day's unread one, so the unread count is the work outstanding, not a
pile of yesterdays."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models.functions import Left, Length
from django.utils import timezone

from haikou_exec.choices import NotificationLevel
from haikou_exec.models import Notification

logger = logging.getLogger("haikou_exec.notifications")

# The API's names for the stored levels (``warning`` and ``danger`` are kept in the
# database and the templates' colours; people and clients read these).
LEVEL_NAMES = {
    NotificationLevel.INFO: "info",
    NotificationLevel.WARNING: "due_soon",
    NotificationLevel.DANGER: "overdue",
}
LEVEL_VALUES = {name: value for value, name in LEVEL_NAMES.items()}
REMINDER_PREFIX = "reminder:"
_DAY_SUFFIX = len(":2026-12-03")
# Digests wait for the working day: none is sent at night (local time).
DIGEST_HOURS = range(8, 21)
CHUNK = 2000


def notify(
    recipients: Iterable,
    *,
    title: str,
    dedup_key: str,
    body: str = "",
    link: str = "",
    level: str = NotificationLevel.INFO,
) -> int:
    """Notify each recipient (users or user ids) once per ``dedup_key``.

    Returns how many notifications were new. Safe to call again with the same key.
    Source: DESIGN.md "Background work" (tasks are idempotent)."""
    ids = {getattr(r, "pk", r) for r in recipients if r is not None}
    rows = [
        Notification(
            recipient_id=uid, title=title, body=body, link=link, level=level, dedup_key=dedup_key
        )
        for uid in ids
    ]
    before = Notification.objects.filter(recipient_id__in=ids, dedup_key=dedup_key).count()
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return Notification.objects.filter(recipient_id__in=ids, dedup_key=dedup_key).count() - before


@dataclass(frozen=True)
class Reminder:
    """One item someone must act on, for the people who must act.

    ``kind`` and ``ref`` name the item (``node``/``123``); ``level`` is
    ``NotificationLevel.WARNING`` (due soon) or ``DANGER`` (overdue)."""

    recipients: tuple[int, ...]
    kind: str
    ref: str
    title: str
    link: str
    level: str
    body: str = ""

    @property
    def topic(self) -> str:
        return f"{REMINDER_PREFIX}{self.kind}:{self.ref}"

    def key(self, today: dt.date) -> str:
        return f"{self.topic}:{today.isoformat()}"


def send_reminders(reminders: Iterable[Reminder], *, today: dt.date) -> int:
    """Write today's reminders: at most one per person, item and day (the unique
    key recipient + ``reminder:<kind>:<item>:<day>``, checked before the insert
    and guaranteed by the constraint ``notification_once_per_key``). A person's
    unread reminder of the same item from an earlier day is removed: the new one
    replaces it. Returns how many notifications were new.

    Works in chunks, so the number of queries follows the number of chunks, not
    of items."""
    created = 0
    batch: list[Notification] = []
    for reminder in reminders:
        key = reminder.key(today)
        for uid in dict.fromkeys(r for r in reminder.recipients if r is not None):
            batch.append(
                Notification(
                    recipient_id=uid,
                    title=reminder.title[:200],
                    body=reminder.body,
                    link=reminder.link[:300],
                    level=reminder.level,
                    dedup_key=key,
                )
            )
        if len(batch) >= CHUNK:
            created += _write_reminders(batch, today)
            batch = []
    if batch:
        created += _write_reminders(batch, today)
    return created


def _write_reminders(batch: list[Notification], today: dt.date) -> int:
    users = {n.recipient_id for n in batch}
    keys = {n.dedup_key for n in batch}
    existing = set(
        Notification.objects.filter(recipient_id__in=users, dedup_key__in=keys).values_list(
            "recipient_id", "dedup_key"
        )
    )
    new = [n for n in batch if (n.recipient_id, n.dedup_key) not in existing]
    if not new:
        return 0
    with transaction.atomic():
        # ignore_conflicts: a scan running at the same moment inserts the same
        # keys; the constraint keeps one.
        Notification.objects.bulk_create(new, ignore_conflicts=True)
        topics = {n.dedup_key[:-_DAY_SUFFIX] for n in new}
        (
            Notification.objects.filter(
                recipient_id__in={n.recipient_id for n in new},
                read_at__isnull=True,
                dedup_key__startswith=REMINDER_PREFIX,
            )
            .annotate(topic=Left("dedup_key", Length("dedup_key") - _DAY_SUFFIX))
            .filter(topic__in=topics)
            .exclude(dedup_key__endswith=":" + today.isoformat())
            .delete()
        )
    return len(new)


def unread_count(user) -> int:
    """How many of the user's notifications are unread (the header's badge)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


@transaction.atomic
def mark_read(user, notification_ids: list[int] | None = None) -> int:
    """Mark the user's own unread notifications read (those named, or all); a user
    marks only his own. Source: DESIGN.md "Cross-cutting rules", Access."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())

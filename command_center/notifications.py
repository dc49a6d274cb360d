"""The notification centre: in-app messages with an unread count, and digests
by email and SMS (one mail and one text per person per run, not one per event).

Reminders (``send_reminders``) are notifications about one item — a process
node, a receipt of case funds, a seizure, a re-query round, a supervision order —
keyed by recipient, kind, item and day: a scan that runs every hour notifies a
person about an item at most once a day, and the new day's reminder replaces the
previous day's unread one, so the unread count is the work outstanding, not a
pile of yesterdays."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Left, Length
from django.utils import timezone
from django.utils.translation import gettext as _

from command_center.choices import NotificationLevel
from command_center.models import Notification

logger = logging.getLogger("command_center.notifications")

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

    Returns how many notifications were new. Safe to call again with the same key."""
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
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


@transaction.atomic
def mark_read(user, notification_ids: list[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())


def send_email_digests(now: dt.datetime | None = None) -> int:
    """The digest: one email per person with every notification not yet sent
    (``emailed_at`` marks a notification as digested), and one text message
    through the SMS gateway (``SMS_PROVIDER``, a sandbox by default) to an
    officer with a phone number when the digest holds reminders due soon or
    overdue. Nothing is sent outside ``DIGEST_HOURS`` (local time): the night's
    notifications go out in the morning's digest. Returns the emails sent."""
    now = now or timezone.now()
    if timezone.localtime(now).hour not in DIGEST_HOURS:
        return 0
    from command_center.providers import sms_gateway

    pending = (
        Notification.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(emailed_at__isnull=True)
        .filter(Q(recipient__email__gt="") | Q(recipient__officer__phone__gt=""))
        .select_related("recipient__officer")
        .order_by("recipient_id", "created_at")
    )
    sent = 0
    gateway = None
    with transaction.atomic():
        by_user = defaultdict(list)
        for note in pending:
            by_user[note.recipient].append(note)
        for user, notes in by_user.items():
            if user.email:
                lines = [f"- {n.title}" + (f"\n  {n.body}" if n.body else "") for n in notes]
                send_mail(
                    subject=_("Enforcement system: %(n)d new notifications") % {"n": len(notes)},
                    message="\n".join(lines),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=[user.email],
                )
                sent += 1
            officer = getattr(user, "officer", None)
            overdue = sum(n.level == NotificationLevel.DANGER for n in notes)
            soon = sum(n.level == NotificationLevel.WARNING for n in notes)
            if officer is not None and officer.phone and (overdue or soon):
                gateway = gateway or sms_gateway()
                text = _(
                    "Haikou courts enforcement: %(overdue)d items overdue and %(soon)d due "
                    "soon wait for you. Please sign in to the system."
                ) % {"overdue": overdue, "soon": soon}
                try:
                    gateway.send(phone=officer.phone, text=text)
                except Exception:  # a gateway failure must not lose the email digest
                    logger.exception("SMS digest to officer %s failed", officer.pk)
            Notification.objects.filter(pk__in=[n.pk for n in notes]).update(emailed_at=now)
    return sent

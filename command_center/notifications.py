"""The notification centre: in-app messages with an unread count, and email
digests (one mail per user per run, not one per event)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from command_center.choices import NotificationLevel
from command_center.models import Notification


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


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


@transaction.atomic
def mark_read(user, notification_ids: list[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())


def send_email_digests() -> int:
    """One email per user with every notification not yet emailed."""
    pending = (
        Notification.objects.select_for_update(skip_locked=True)
        .filter(emailed_at__isnull=True, recipient__email__gt="")
        .select_related("recipient")
        .order_by("recipient_id", "created_at")
    )
    sent = 0
    with transaction.atomic():
        by_user = defaultdict(list)
        for note in pending:
            by_user[note.recipient].append(note)
        for user, notes in by_user.items():
            lines = [f"- {n.title}" + (f"\n  {n.body}" if n.body else "") for n in notes]
            send_mail(
                subject=_("Enforcement system: %(n)d new notifications") % {"n": len(notes)},
                message="\n".join(lines),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[user.email],
            )
            Notification.objects.filter(pk__in=[n.pk for n in notes]).update(
                emailed_at=timezone.now()
            )
            sent += 1
    return sent

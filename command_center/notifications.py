"""The notification centre's delivery outside the application: digests by email
and SMS (one mail and one text per person per run, not one per event), through
the command centre's SMS gateway (``command_center.providers``).

The notification centre itself (``notify``, reminders, the unread count) is the
kernel's, ``haikou_exec.notifications``."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from haikou_exec.choices import NotificationLevel
from haikou_exec.models import Notification
from haikou_exec.notifications import DIGEST_HOURS

logger = logging.getLogger("command_center.notifications")


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

"""Reminders of 督办 response deadlines (DOMAIN.md §8: orders carry a response
deadline). Idempotent per order and day through the notification dedup key."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from haikou_exec.formats import written_date
from haikou_exec.notifications import Reminder, send_reminders
from personnel.recipients import directors_by_court
from supervision.choices import OrderStatus
from supervision.models import SupervisionOrder
from supervision.services.common import today

NOTICE_DAYS = 3


def remind_orders_due(on: dt.date | None = None) -> int:
    """Remind the court's directors of supervision orders due within NOTICE_DAYS or overdue, and the
    issuer of overdue ones, once per order and day (DOMAIN.md §8 "Alerts": 督办 carry a response
    deadline)."""
    on = on or today()
    orders = list(
        SupervisionOrder.objects.filter(
            status__in=[OrderStatus.ISSUED, OrderStatus.RETURNED],
            respond_by__lte=on + dt.timedelta(days=NOTICE_DAYS),
        ).select_related("court")
    )
    leaders = directors_by_court({o.court_id for o in orders})
    reminders = []
    for order in orders:
        overdue = order.respond_by < on
        recipients = list(leaders.get(order.court_id, []))
        if overdue and order.issued_by_id:
            recipients.append(order.issued_by_id)
        title = (
            _("Supervision order %(ref)s is overdue (due %(date)s)")
            if overdue
            else _("Supervision order %(ref)s: respond by %(date)s")
        ) % {"ref": order.reference, "date": written_date(order.respond_by)}
        reminders.append(
            Reminder(
                recipients=tuple(recipients),
                kind="supervision-order",
                ref=str(order.pk),
                title=title,
                link=order.get_absolute_url(),
                level="danger" if overdue else "warning",
            )
        )
    # One notification per person, order and day (command_center.notifications).
    return send_reminders(reminders, today=on)

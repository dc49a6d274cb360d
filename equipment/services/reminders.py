"""Reminders for inspections due and for equipment reaching the end of its
service life (issue 8 §6), through the notification centre.

Idempotent: each reminder has a dedup key naming the object and the date it is
about, so a scan that runs twice (or a retried task) notifies once, and a new
date (a rescheduled inspection, a new deadline) is a new reminder."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from courts.models import Court
from equipment.choices import InspectionStatus, ItemStatus
from equipment.models import EquipmentInspection, EquipmentItem
from equipment.services.common import today
from haikou_exec.choices import NotificationLevel
from haikou_exec.formats import written_date
from haikou_exec.notifications import notify
from personnel.recipients import directors_by_court

INSPECTION_NOTICE_DAYS = 7
SERVICE_LIFE_NOTICE_DAYS = 90


def notify_court_leadership(court: Court, **kwargs) -> int:
    """Tell the court's enforcement directors (``notify``'s arguments); returns how many
    notifications were made (DOMAIN.md §7 "Inspections")."""
    return notify(directors_by_court([court.pk]).get(court.pk, []), **kwargs)


def remind_inspections_due(on: datetime.date | None = None) -> int:
    """Inspections due within ``INSPECTION_NOTICE_DAYS`` (or overdue) and
    rectification deadlines as close, to the inspected court's bureau director.
    An inspection not held on its date is also reported to whoever scheduled it."""
    on = on or today()
    horizon = on + datetime.timedelta(days=INSPECTION_NOTICE_DAYS)
    due = list(
        EquipmentInspection.objects.filter(
            status=InspectionStatus.SCHEDULED, scheduled_on__lte=horizon
        ).select_related("court")
    )
    rectifying = list(
        EquipmentInspection.objects.filter(
            status=InspectionStatus.RECTIFYING, rectification_deadline__lte=horizon
        ).select_related("court")
    )
    leaders = directors_by_court({i.court_id for i in due + rectifying})
    created = 0
    for inspection in due:
        overdue = inspection.scheduled_on < on
        args = {
            "court": inspection.court.short_name,
            "date": written_date(inspection.scheduled_on),
        }
        created += notify(
            leaders.get(inspection.court_id, []),
            title=(
                _("Equipment inspection of %(court)s was due on %(date)s") % args
                if overdue
                else _("Equipment inspection of %(court)s on %(date)s: prepare the inventory")
                % args
            ),
            dedup_key=f"equipment:inspection:{inspection.pk}:due:{inspection.scheduled_on}",
            link=inspection.get_absolute_url(),
            level=NotificationLevel.DANGER if overdue else NotificationLevel.WARNING,
        )
        if overdue:
            created += notify(
                [inspection.scheduled_by_id],
                title=_("Equipment inspection of %(court)s was due on %(date)s") % args,
                dedup_key=f"equipment:inspection:{inspection.pk}:overdue:{inspection.scheduled_on}",
                link=inspection.get_absolute_url(),
                level=NotificationLevel.DANGER,
            )
    for inspection in rectifying:
        overdue = inspection.rectification_deadline < on
        args = {
            "court": inspection.court.short_name,
            "date": written_date(inspection.rectification_deadline),
        }
        created += notify(
            leaders.get(inspection.court_id, []),
            title=(
                _("Equipment rectification of %(court)s was due on %(date)s") % args
                if overdue
                else _("Equipment rectification of %(court)s is due on %(date)s") % args
            ),
            dedup_key=f"equipment:inspection:{inspection.pk}:rectification:{inspection.rectification_deadline}:{'overdue' if overdue else 'due'}",
            link=inspection.get_absolute_url(),
            level=NotificationLevel.DANGER if overdue else NotificationLevel.WARNING,
        )
    return created


def remind_service_life_ending(on: datetime.date | None = None) -> int:
    """Items still held (in stock, in use or under repair) whose service life ends
    within ``SERVICE_LIFE_NOTICE_DAYS`` or has ended: to the court's bureau
    director and to the item's custodian, once per item and end date."""
    on = on or today()
    horizon = on + datetime.timedelta(days=SERVICE_LIFE_NOTICE_DAYS)
    items = list(
        EquipmentItem.objects.filter(
            status__in=[ItemStatus.IN_STOCK, ItemStatus.IN_USE, ItemStatus.UNDER_REPAIR],
            service_end_on__lte=horizon,
        )
        .select_related("court", "custodian")
        .order_by("court_id", "service_end_on", "pk")
    )
    leaders = directors_by_court({i.court_id for i in items})
    created = 0
    for item in items:
        ended = item.service_end_on <= on
        recipients = list(leaders.get(item.court_id, []))
        if item.custodian_id and item.custodian.is_active:
            recipients.append(item.custodian.user_id)
        args = {"item": str(item), "date": written_date(item.service_end_on)}
        created += notify(
            recipients,
            title=(
                _("%(item)s reached the end of its service life on %(date)s") % args
                if ended
                else _("%(item)s reaches the end of its service life on %(date)s") % args
            ),
            dedup_key=f"equipment:item:{item.pk}:end-of-life:{item.service_end_on}",
            link=item.get_absolute_url(),
            level=NotificationLevel.DANGER if ended else NotificationLevel.WARNING,
        )
    return created

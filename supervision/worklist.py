"""The supervisor's worklist on the home page (issue 16): orders due, alerts to
triage, inspections open — declared on SupervisionConfig.home_sections and
collected by command_center.worklist. Reads go through the restriction point."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from command_center.worklist import LIMIT, Section, WorkItem, total
from courts.access import VIEW
from haikou_exec.formats import written_date as _date
from supervision.choices import AlertStatus, InspectionStatus, OrderStatus
from supervision.models import Alert, Inspection, SupervisionOrder

ORDERS_WITHIN_DAYS = 7


def _list(name: str, **params) -> str:
    return reverse(name) + ("?" + urlencode(params) if params else "")


def orders_section(user, today: dt.date) -> Section:
    """督办 orders awaiting a response, due within a week or overdue (DOMAIN.md §8:
    orders carry a response deadline)."""
    orders = SupervisionOrder.objects.restrict(user, VIEW).filter(
        status__in=[OrderStatus.ISSUED, OrderStatus.RETURNED],
        respond_by__lte=today + dt.timedelta(days=ORDERS_WITHIN_DAYS),
    )
    rows = list(orders.select_related("court").order_by("respond_by", "id")[:LIMIT])
    items = []
    for o in rows:
        days = (o.respond_by - today).days
        items.append(
            WorkItem(
                title=f"{o.reference} {o.subject}",
                link=o.get_absolute_url(),
                detail=_("%(court)s · respond by %(date)s")
                % {"court": o.court.short_name, "date": _date(o.respond_by)},
                level="danger" if days < 0 else "warning",
                badge=_("overdue %(n)d days") % {"n": -days}
                if days < 0
                else _("%(n)d days left") % {"n": days},
            )
        )
    return Section(
        key="orders",
        title=_("Supervision orders due"),
        items=items,
        count=total(orders, rows),
        more=_list("supervision:order_list"),
        empty=_("No order due this week."),
    )


def alerts_section(user, today: dt.date) -> Section:
    alerts = Alert.objects.restrict(user, VIEW).filter(status=AlertStatus.OPEN)
    rows = list(
        alerts.select_related("rule", "case", "court").order_by("first_detected_on", "id")[:LIMIT]
    )
    return Section(
        key="alerts",
        title=_("Alerts to triage"),
        items=[
            WorkItem(
                title=f"{a.rule.name} · {a.case.case_number}",
                link=a.get_absolute_url(),
                detail=_("%(court)s · since %(date)s")
                % {"court": a.court.short_name, "date": _date(a.first_detected_on)},
                level="danger" if a.severity == "serious" else "warning",
                badge=a.get_severity_display(),
            )
            for a in rows
        ],
        count=total(alerts, rows),
        more=_list("supervision:alert_list", status=AlertStatus.OPEN),
        empty=_("No alert to triage."),
    )


def inspections_section(user, today: dt.date) -> Section:
    inspections = Inspection.objects.restrict(user, VIEW).filter(
        status__in=[InspectionStatus.PLANNED, InspectionStatus.IN_PROGRESS]
    )
    rows = list(inspections.order_by("ends_on", "id")[:LIMIT])
    return Section(
        key="inspections",
        title=_("Inspections open"),
        items=[
            WorkItem(
                title=str(i),
                link=i.get_absolute_url(),
                detail=_("%(status)s · until %(date)s")
                % {"status": i.get_status_display(), "date": _date(i.ends_on)},
                level="danger" if i.ends_on < today else "",
            )
            for i in rows
        ],
        count=total(inspections, rows),
        more=_list("supervision:inspection_list"),
        empty=_("No inspection open."),
    )


def supervisor_sections(user, today: dt.date) -> list[Section]:
    return [
        orders_section(user, today),
        alerts_section(user, today),
        inspections_section(user, today),
    ]

"""The December warning of the holiday calendar (DOMAIN.md §2 "Holiday
calendar": the system warns in December if next year is missing): those who keep
the calendar are reminded once a day while a year they must load is missing or
provisional (``courts.calendar``). Run by the hourly reminder scan."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from courts.calendar import calendar_gaps, calendar_keepers
from haikou_exec.choices import NotificationLevel
from haikou_exec.notifications import Reminder, send_reminders


def remind_calendar_incomplete(today: dt.date | None = None) -> dict:
    """Remind the calendar's keepers of every year whose holidays are not entered yet, once per
    person, year and day (DOMAIN.md §2: working-day limits need a holiday calendar)."""
    today = today or timezone.localdate()
    gaps = calendar_gaps(today)
    if not gaps:
        return {"years": [], "notifications": 0}
    keepers = tuple(calendar_keepers())
    created = send_reminders(
        (
            Reminder(
                recipients=keepers,
                kind="calendar",
                ref=str(gap.year),
                title=gap.message()[:200],
                link=reverse("admin:courts_calendaryear_changelist"),
                level=NotificationLevel.WARNING
                if gap.year > today.year
                else NotificationLevel.DANGER,
            )
            for gap in gaps
        ),
        today=today,
    )
    return {"years": [gap.year for gap in gaps], "notifications": created}

"""The deadline engine: a node's due date from its trigger date, its limit and
unit, the holiday calendar, the periods that stop the clock and approved
extensions. Every step is recorded so the page can show how the date came about
(DOMAIN.md §2 "Process nodes and legal time limits")."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from cases.choices import ClockPauseKind, LimitUnit

# Stays (中止) and suspensions (暂缓) halt the whole enforcement: every clock of the
# case stops, since no act can be late while none may be done. Public notice and
# appraisal periods stop only the clocks marked pausable (the 6-month closing clock,
# DOMAIN.md §2 "Excluded from the 6-month clock").
STOPS_EVERY_CLOCK = frozenset({ClockPauseKind.STAY, ClockPauseKind.SUSPENSION})


def pause_applies(kind: str, pausable: bool) -> bool:
    return pausable or kind in STOPS_EVERY_CLOCK


def add_months(start: dt.date, months: int) -> dt.date:
    """Same day N months later; the last day of the month when it does not exist."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


@dataclass(frozen=True)
class Calendar:
    """Working days: Monday–Friday, minus holidays, plus adjusted weekends (调休)."""

    holidays: frozenset[dt.date] = frozenset()
    extra_working_days: frozenset[dt.date] = frozenset()

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.extra_working_days:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        day = start
        remaining = count
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day


def load_calendar(year_from: int, year_to: int) -> Calendar:
    from courts.models import Holiday

    rows = Holiday.objects.filter(
        date__year__gte=year_from, date__year__lte=year_to + 1
    ).values_list("date", "is_working_day")
    return Calendar(
        holidays=frozenset(d for d, working in rows if not working),
        extra_working_days=frozenset(d for d, working in rows if working),
    )


def base_due_date(start: dt.date, value: int, unit: str, cal: Calendar) -> dt.date:
    if unit == LimitUnit.DAYS:
        return start + dt.timedelta(days=value)
    if unit == LimitUnit.MONTHS:
        return add_months(start, value)
    return cal.add_working_days(start, value)


def paused_days(
    start: dt.date, pauses: Iterable[tuple[dt.date, dt.date | None]], today: dt.date
) -> list[dict]:
    """The part of each pause after ``start``; an open pause counts up to today."""
    counted = []
    for began, ended in pauses:
        end = ended or today
        began = max(began, start)
        if end <= began:
            continue
        counted.append(
            {
                "from": began.isoformat(),
                "to": end.isoformat(),
                "days": (end - began).days,
                "open": ended is None,
            }
        )
    return counted


def compute_due_date(
    *,
    trigger_label: str,
    triggered_on: dt.date,
    value: int,
    unit: str,
    cal: Calendar,
    pauses: Iterable[tuple[dt.date, dt.date | None, str]] = (),
    extension_days: int = 0,
    today: dt.date | None = None,
    pausable: bool = True,
) -> tuple[dt.date, dt.date, list[dict]]:
    """Returns (base due date, due date, steps). ``pauses`` are (from, to, kind);
    those that apply to the node (``pause_applies``) move its due date by the days
    they lasted after the trigger, an open one up to ``today`` — so the result is
    current only for the day it is computed on (``live_due_date`` recomputes it
    on read, the nightly scan keeps the stored one current).

    While a pause that applies is open, the clock is stopped: the node is not
    overdue whatever its date, and the due date is given as no earlier than today
    (the last step says so). Resumption restarts the clock from the date the
    recorded pauses give."""
    today = today or dt.date.today()
    base = base_due_date(triggered_on, value, unit, cal)
    steps: list[dict] = [
        {"step": "start", "event": trigger_label, "date": triggered_on.isoformat()},
        {"step": "limit", "value": value, "unit": unit, "date": base.isoformat()},
    ]
    due = base
    stopped_since = None
    for began, ended, kind in pauses:
        if not pause_applies(kind, pausable):
            continue
        for part in paused_days(triggered_on, [(began, ended)], today):
            due += dt.timedelta(days=part["days"])
            steps.append({"step": "pause", "kind": kind, **part, "date": due.isoformat()})
        if ended is None and began <= today:
            stopped_since = max(began, triggered_on)
    if extension_days:
        due += dt.timedelta(days=extension_days)
        steps.append({"step": "extension", "days": extension_days, "date": due.isoformat()})
    if stopped_since is not None:
        steps.append(
            {
                "step": "stopped",
                "since": stopped_since.isoformat(),
                "days": (today - stopped_since).days,
                "today": today.isoformat(),
                "date": max(due, today).isoformat(),
            }
        )
        due = max(due, today)
    return base, due, steps

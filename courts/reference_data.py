"""The holiday calendar's reference data: each year's public holidays and
make-up working days (调休上班) as the State Council's General Office published
them (DOMAIN.md §2 "Holiday calendar"). A year whose notice is not out yet is
seeded provisional: no rows, so only weekends are days off, and the December
warning (``courts.calendar``) asks the system administrator to load it.

Rows are created when missing and never overwritten: the admin's edits stand."""

from __future__ import annotations

import datetime as dt


def _days(year: int, month: int, days, name: str) -> list[tuple[dt.date, str, bool]]:
    return [(dt.date(year, month, d), name, False) for d in days]


def _work(year: int, month: int, day: int, name: str) -> tuple[dt.date, str, bool]:
    return (dt.date(year, month, day), f"{name}调休上班", True)


# 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）: the first
# year with 2 extra days (春节 and 劳动节, 国务院令第795号).
HOLIDAYS_2025 = [
    *_days(2025, 1, [1], "元旦"),
    *_days(2025, 1, range(28, 32), "春节"),
    *_days(2025, 2, range(1, 5), "春节"),
    _work(2025, 1, 26, "春节"),
    _work(2025, 2, 8, "春节"),
    *_days(2025, 4, range(4, 7), "清明节"),
    *_days(2025, 5, range(1, 6), "劳动节"),
    _work(2025, 4, 27, "劳动节"),
    *_days(2025, 5, [31], "端午节"),
    *_days(2025, 6, [1, 2], "端午节"),
    *_days(2025, 10, range(1, 9), "国庆节、中秋节"),
    _work(2025, 9, 28, "国庆节"),
    _work(2025, 10, 11, "国庆节"),
]

# 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）.
HOLIDAYS_2026 = [
    *_days(2026, 1, [1, 2, 3], "元旦"),
    _work(2026, 1, 4, "元旦"),
    *_days(2026, 2, range(15, 24), "春节"),
    _work(2026, 2, 14, "春节"),
    _work(2026, 2, 28, "春节"),
    *_days(2026, 4, [4, 5, 6], "清明节"),
    *_days(2026, 5, range(1, 6), "劳动节"),
    _work(2026, 5, 9, "劳动节"),
    *_days(2026, 6, [19, 20, 21], "端午节"),
    *_days(2026, 9, [25, 26, 27], "中秋节"),
    *_days(2026, 10, range(1, 8), "国庆节"),
    _work(2026, 9, 20, "国庆节"),
    _work(2026, 10, 10, "国庆节"),
]

# year, provisional, source
CALENDAR_YEARS = [
    (2025, False, "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）"),
    (2026, False, "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）"),
    # Not published when this was written: weekends only until the notice is loaded.
    (2027, True, ""),
]
HOLIDAYS = [*HOLIDAYS_2025, *HOLIDAYS_2026]


def seed_calendar(apps=None) -> None:
    """Create the missing holidays and calendar years; never change existing rows."""
    from django.apps import apps as global_apps

    registry = apps or global_apps
    Holiday = registry.get_model("courts", "Holiday")
    existing = set(Holiday.objects.values_list("date", flat=True))
    Holiday.objects.bulk_create(
        [
            Holiday(date=date, name=name, is_working_day=working)
            for date, name, working in HOLIDAYS
            if date not in existing
        ]
    )
    try:
        CalendarYear = registry.get_model("courts", "CalendarYear")
    except LookupError:  # an early migration, before the model existed
        return
    years = set(CalendarYear.objects.values_list("year", flat=True))
    CalendarYear.objects.bulk_create(
        [
            CalendarYear(year=year, is_provisional=provisional, source=source)
            for year, provisional, source in CALENDAR_YEARS
            if year not in years
        ]
    )

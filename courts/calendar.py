"""Is the holiday calendar ready for the working-day limits? (DOMAIN.md §2
"Holiday calendar": the State Council publishes next year's holidays each
autumn; the system warns in December if next year is missing.)

A year is missing (no ``CalendarYear``) or provisional (weekends only, the notice
not loaded); either makes every working-day limit that reaches into it wrong
around the holidays. In December next year is checked, all year the current one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class CalendarGap:
    year: int
    missing: bool  # else provisional

    def message(self) -> str:
        if self.missing:
            return _(
                "The holiday calendar has no %(year)s: working-day limits in %(year)s count "
                "weekends only. Load the State Council's notice of the %(year)s holidays."
            ) % {"year": self.year}
        return _(
            "The holiday calendar for %(year)s is provisional (weekends only): load the "
            "State Council's notice of the %(year)s holidays and untick “provisional”."
        ) % {"year": self.year}


def years_to_check(today: dt.date) -> list[int]:
    return [today.year, today.year + 1] if today.month == 12 else [today.year]


def calendar_gaps(today: dt.date) -> list[CalendarGap]:
    """The years (this one, and next in December) missing or provisional."""
    from courts.models import CalendarYear

    years = years_to_check(today)
    known = dict(CalendarYear.objects.filter(year__in=years).values_list("year", "is_provisional"))
    return [
        CalendarGap(year=year, missing=year not in known) for year in years if known.get(year, True)
    ]


def calendar_keepers() -> list[int]:
    """User ids of those who keep the calendar: the intermediate court's system
    administrators and the superusers (``courts.policy.keeps_calendar``)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from courts.choices import CourtTier, OfficerRole

    administrators = Q(
        officer__role=OfficerRole.SYSTEM_ADMIN,
        officer__is_active=True,
        officer__bureau__court__tier=CourtTier.INTERMEDIATE,
    )
    return list(
        get_user_model()
        .objects.filter(Q(is_superuser=True) | administrators, is_active=True)
        .values_list("pk", flat=True)
        .distinct()
    )

"""Periods for figures: a year, a quarter, a month, or any range of dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from assessment.choices import PeriodKind
from haikou_exec.formats import written_date


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    kind: str = PeriodKind.CUSTOM

    def __post_init__(self):
        if self.end < self.start:
            raise ValidationError({"period": [_("A period ends after it starts.")]})

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), PeriodKind.YEAR)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        last = first + 2
        return cls(
            dt.date(year, first, 1),
            dt.date(year, last, calendar.monthrange(year, last)[1]),
            PeriodKind.QUARTER,
        )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(
            dt.date(year, month, 1),
            dt.date(year, month, calendar.monthrange(year, month)[1]),
            PeriodKind.MONTH,
        )

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2026``, ``2026-Q2``, ``2026-03`` or ``2026-01-01..2026-06-30``."""
        text = (text or "").strip()
        try:
            if m := re.fullmatch(r"(\d{4})", text):
                return cls.year(int(m[1]))
            if m := re.fullmatch(r"(\d{4})-?Q([1-4])", text, re.I):
                return cls.quarter(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
                return cls.month(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})", text):
                return cls(dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2]))
        except ValueError:
            pass
        raise ValidationError(
            {"period": [_("Write a period as 2026, 2026-Q2, 2026-03 or 2026-01-01..2026-06-30.")]}
        )

    @property
    def key(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return str(self.start.year)
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == PeriodKind.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def __str__(self) -> str:
        return self.key

    @property
    def label(self) -> str:
        """The period as a page writes it (2026年第2季度, 2026年3月, 2026年1月1日至
        2026年6月30日); ``key`` is its form in an address or a form field."""
        year = self.start.year
        if self.kind == PeriodKind.YEAR:
            return _("year %(year)s") % {"year": year}
        if self.kind == PeriodKind.QUARTER:
            quarter = (self.start.month - 1) // 3 + 1
            return _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}
        if self.kind == PeriodKind.MONTH:
            return date_format(self.start, "YEAR_MONTH_FORMAT")
        return _("%(start)s to %(end)s") % {
            "start": written_date(self.start),
            "end": written_date(self.end),
        }

    def cutoff(self, as_of: dt.date) -> dt.date:
        """Events count up to the period's end or the data date, whichever is first."""
        return min(self.end, as_of)

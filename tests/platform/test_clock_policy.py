"""The clock policy (tests/conftest.py): with HAIKOU_TEST_CLOCK_SHIFT_DAYS set, as
`.ci/run` does, the whole run really is that far ahead of the real date."""

import datetime as dt

import time_machine
from django.utils import timezone

from tests.conftest import CLOCK_SHIFT_DAYS


def test_the_clock_is_moved_by_the_configured_days():
    if not time_machine.escape_hatch.is_travelling():
        assert CLOCK_SHIFT_DAYS == 0  # no shift asked, none applied
        return
    real = dt.datetime.fromtimestamp(time_machine.escape_hatch.time.time(), dt.UTC)
    moved_by = (timezone.now() - real).total_seconds() / 86400
    assert abs(moved_by - CLOCK_SHIFT_DAYS) < 0.01


def test_a_test_that_sets_the_clock_gets_its_own_day():
    day = dt.datetime(2026, 11, 27, 9, tzinfo=dt.UTC)
    with time_machine.travel(day, tick=False):
        assert timezone.now() == day
        assert dt.date.today() == dt.date(2026, 11, 27)

"""The demo and bench seeding of 终本 re-query rounds: as a court running the
daily job has them (the last week's rounds due, every older one done), and an
older seed (every past round due) settled into the same rows."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cases.models import EnforcementCase
from command_center.demo.queries import (
    REQUERY_SEED_DUE_DAYS,
    REQUERY_SEED_NOTICE,
    _requery_history,
    settle_seeded_requery_rounds,
)
from command_center.models import RequeryRound
from command_center.services.requery import create_due_rounds

TODAY = dt.date(2026, 12, 3)
FIELDS = (
    "case_id",
    "round_number",
    "due_on",
    "status",
    "done_on",
    "applicant_notice",
    "applicant_informed_at",
    "notice_reference",
)


def _terminate(closed_on: dt.date) -> EnforcementCase:
    case = (
        EnforcementCase.objects.exclude(status="closed")
        .exclude(pk__in=EnforcementCase.objects.filter(closing_type="terminated_procedure"))
        .order_by("pk")
        .first()
    )
    EnforcementCase.objects.filter(pk=case.pk).update(
        status="closed", closing_type="terminated_procedure", closed_on=closed_on
    )
    return case


def _rows():
    return sorted(RequeryRound.objects.values_list(*FIELDS))


@pytest.mark.django_db
def test_seeded_rounds_are_due_for_the_last_week_only_and_an_old_seed_settles_alike(org):
    from cases.demo import seed_cases

    seed_cases(count=40, seed=3, today=TODAY)
    # Only the three cases below are 终本 cases.
    EnforcementCase.objects.filter(closing_type="terminated_procedure").update(
        closing_type="fully_executed"
    )
    long_ago = _terminate(dt.date(2024, 5, 3))  # rounds 1–5, all older than a week
    this_week = _terminate(dt.date(2026, 5, 30))  # round 1 due 30 November
    last_month = _terminate(dt.date(2026, 5, 1))  # round 1 due 1 November

    assert _requery_history(TODAY) == 7
    rows = {(r.case_id, r.round_number): r for r in RequeryRound.objects.all()}
    assert {k for k, r in rows.items() if r.status == "due"} == {(this_week.pk, 1)}
    done = rows[(last_month.pk, 1)]
    assert done.status == "done" and done.done_on == dt.date(2026, 11, 2)
    assert done.applicant_notice == REQUERY_SEED_NOTICE and re.fullmatch(
        r"SMS[0-9A-F]{12}", done.notice_reference
    )  # shaped like the sandbox gateway's receipt, not a word a page would show
    assert done.applicant_informed_at.isoformat() == "2026-11-02T02:00:00+00:00"  # 10:00 in Haikou
    assert [rows[(long_ago.pk, n)].status for n in range(1, 6)] == ["done"] * 5
    assert (TODAY - rows[(this_week.pk, 1)].due_on).days < REQUERY_SEED_DUE_DAYS
    assert _requery_history(TODAY) == 0  # idempotent
    fresh = _rows()

    # An older seed: every round due by today left due; settled into the same rows.
    RequeryRound.objects.all().delete()
    assert create_due_rounds(TODAY) == 7
    assert RequeryRound.objects.filter(status="due").count() == 7
    assert settle_seeded_requery_rounds(TODAY) == 6
    assert _rows() == fresh
    assert settle_seeded_requery_rounds(TODAY) == 0

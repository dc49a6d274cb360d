"""Indicator snapshots (DOMAIN.md §9; DESIGN.md "Schedules … indicator
snapshots"): each figure with its numerator, denominator and the ids of the
units behind them, computed in one aggregate query per indicator and level.

One row per figure and period: the nightly run refreshes the rows of the
periods still running and, on its first run after a period has ended, computes
them once more and marks them final; final rows are never touched again."""

from __future__ import annotations

import datetime as dt

from django.contrib.postgres.aggregates import ArrayAgg
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from assessment.choices import FigureLevel
from assessment.indicators import (
    GROUP_FIELD,
    Figure,
    _aggregates,
    calculation,
    subject_filter,
    unit_ids,
)
from assessment.models import IndicatorDefinition, IndicatorSnapshot
from assessment.periods import Period
from assessment.services.definitions import definitions_in_effect
from courts.models import Bureau, Court
from haikou_exec.replica import replica_reads

SNAPSHOT_LEVELS = (FigureLevel.COURT, FigureLevel.BUREAU)


def _subjects(level: str) -> dict[int, tuple[int, str]]:
    """subject id → (court id, label)."""
    if level == FigureLevel.COURT:
        return {c.pk: (c.pk, c.short_name) for c in Court.objects.all()}
    return {b.pk: (b.court_id, b.name) for b in Bureau.objects.select_related("court")}


def snapshot_definition(
    definition: IndicatorDefinition, period: Period, as_of: dt.date, levels=SNAPSHOT_LEVELS
) -> int:
    """Store the figures of one indicator for a period at the given levels.
    Every subject gets a row, an empty one (0/0) included.
    Source: DOMAIN.md §9: each figure drillable to its cases.

    The aggregates are read first, from the replica while it is fresh (report
    generation, haikou_exec/replica.py; inside a caller's transaction they stay on
    the primary); the rows are then written in one transaction on the primary."""
    calc = calculation(definition, period, as_of)
    with replica_reads():
        rows = {level: _aggregate_rows(calc, level) for level in levels}
    return _store(definition, period, as_of, calc, rows)


def _aggregate_rows(calc, level: str) -> dict:
    """subject id → its numerator, denominator and unit ids, in one query."""
    path = calc.case_prefix + GROUP_FIELD[level]
    numerator_filter = calc.numerator if calc.numerator is not None else Q(pk__isnull=False)
    return {
        row[path]: row
        for row in calc.units.order_by()
        .values(path)
        .annotate(
            **_aggregates(calc),
            num_ids=ArrayAgg("pk", filter=numerator_filter, order_by="pk", default=[]),
            den_ids=ArrayAgg("pk", order_by="pk", default=[]),
        )
    }


@transaction.atomic
def _store(definition, period: Period, as_of: dt.date, calc, rows_by_level: dict) -> int:
    final = as_of >= period.end
    now = timezone.now()
    written = 0
    for level, rows in rows_by_level.items():
        for subject_id, (court_id, label) in _subjects(level).items():
            row = rows.get(subject_id, {})
            figure = Figure.of(row.get("num"), row.get("den"), calc.scale)
            existing = IndicatorSnapshot.objects.filter(
                definition=definition,
                level=level,
                subject_id=subject_id,
                period_start=period.start,
                period_end=period.end,
            ).first()
            if existing is not None and existing.is_final:
                continue
            IndicatorSnapshot.objects.update_or_create(
                definition=definition,
                level=level,
                subject_id=subject_id,
                period_start=period.start,
                period_end=period.end,
                defaults={
                    "subject_label": label,
                    "court_id": court_id,
                    "period_kind": period.kind,
                    "as_of": as_of,
                    "numerator": figure.numerator,
                    "denominator": figure.denominator,
                    "value": figure.value,
                    "unit_kind": calc.unit_kind,
                    "numerator_ids": [i for i in row.get("num_ids") or [] if i is not None],
                    "denominator_ids": list(row.get("den_ids") or []),
                    "is_final": final,
                    "computed_at": now,
                },
            )
            written += 1
    return written


def snapshot_period(period: Period, as_of: dt.date, levels=SNAPSHOT_LEVELS, codes=None) -> int:
    """Snapshot every indicator in effect at the period's end (or ``codes``) as of ``as_of``;
    returns the rows written (DOMAIN.md §9 "Indicators": each formula versioned)."""
    return sum(
        snapshot_definition(d, period, as_of, levels)
        for d in definitions_in_effect(period.end, codes)
    )


def nightly_periods(today: dt.date) -> list[Period]:
    """The running month and year, and the previous month and year until their
    final snapshot exists."""
    periods = [Period.month(today.year, today.month), Period.year(today.year)]
    previous_month = today.replace(day=1) - dt.timedelta(days=1)
    periods.append(Period.month(previous_month.year, previous_month.month))
    periods.append(Period.year(today.year - 1))
    return periods


def take_nightly_snapshots(today: dt.date | None = None) -> int:
    """The data as of yesterday's end (the night's run)."""
    today = today or timezone.localdate()
    as_of = today - dt.timedelta(days=1)
    written = 0
    for period in nightly_periods(today):
        if period.start > as_of:
            continue
        if (
            IndicatorSnapshot.objects.filter(
                period_start=period.start, period_end=period.end, is_final=True
            ).exists()
            and as_of > period.end
        ):
            continue
        written += snapshot_period(period, as_of)
    return written


def verify_snapshot(snapshot: IndicatorSnapshot) -> dict:
    """Compute the figure again with the stored definition version, period and
    data date: the same numerator, denominator and units mean reproduced."""
    period = Period(snapshot.period_start, snapshot.period_end, snapshot.period_kind)
    calc = calculation(snapshot.definition, period, snapshot.as_of)
    flt = subject_filter(snapshot.level, snapshot.subject_id, calc, period, snapshot.as_of)
    row = calc.units.filter(flt).aggregate(**_aggregates(calc))
    figure = Figure.of(row["num"], row["den"], calc.scale)
    numerator_ids, denominator_ids = unit_ids(calc, flt)
    same = (
        figure.numerator == snapshot.numerator
        and figure.denominator == snapshot.denominator
        and figure.value == snapshot.value
        and numerator_ids == list(snapshot.numerator_ids)
        and denominator_ids == list(snapshot.denominator_ids)
    )
    return {
        "reproduced": same,
        "figure": figure,
        "numerator_ids": numerator_ids,
        "denominator_ids": denominator_ids,
    }

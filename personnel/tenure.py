"""Tenure and the 5-year rotation count, computed from the history of positions.

Pure functions over plain values so that edge cases (breaks in service, acting
posts, the exact 5-year boundary, leap days) are tested without a database.

The rule (DOMAIN.md §6, 轮岗交流): a director or deputy director who has served
5 consecutive years should generally rotate. "Consecutive" here means an unbroken
run of director/deputy posts in the same bureau: moving from deputy to director
of the same bureau continues the run (the rule is about staying at the head of one
bureau); a post elsewhere, a non-leadership post or a break longer than the
policy allows ends it. Whether acting posts count is policy (default: they do).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from dateutil.relativedelta import relativedelta

from personnel.choices import Post, RotationStatus


class Policy(Protocol):
    due_after_months: int
    coming_due_after_months: int
    count_acting_posts: bool
    max_break_days: int


@dataclass(frozen=True)
class Stint:
    started_on: datetime.date
    ended_on: datetime.date | None
    bureau_id: int
    post: str
    is_acting: bool = False

    @classmethod
    def of(cls, position) -> Stint:
        return cls(
            position.started_on,
            position.ended_on,
            position.bureau_id,
            position.post,
            position.is_acting,
        )

    def covers(self, on: datetime.date) -> bool:
        return self.started_on <= on and (self.ended_on is None or self.ended_on >= on)


@dataclass(frozen=True)
class RotationStanding:
    run_started_on: datetime.date
    coming_due_on: datetime.date
    due_on: datetime.date
    status: str
    bureau_id: int
    post: str
    served: relativedelta

    @property
    def served_months(self) -> int:
        return self.served.years * 12 + self.served.months


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Calendar months; the 29 February + 12 months is 28 February."""
    return day + relativedelta(months=months)


def served_between(start: datetime.date, on: datetime.date) -> relativedelta:
    """Whole years, months and days from ``start`` to ``on``: 5 years exactly on
    the anniversary, the day the rule counts as "served 5 years"."""
    return relativedelta(on, start)


def _qualifies(stint: Stint, bureau_id: int, policy: Policy) -> bool:
    if stint.post not in Post.leadership_posts() or stint.bureau_id != bureau_id:
        return False
    return policy.count_acting_posts or not stint.is_acting


def leadership_run_start(
    stints: Iterable[Stint], on: datetime.date, policy: Policy
) -> tuple[datetime.date, Stint] | None:
    """The first day of the unbroken run of leadership service that includes ``on``,
    with the stint held on ``on``; None when the officer holds no leadership post
    that day (or only an acting one the policy does not count)."""
    timeline = sorted(stints, key=lambda s: s.started_on)
    current = next((s for s in timeline if s.covers(on)), None)
    if current is None or not _qualifies(current, current.bureau_id, policy):
        return None
    start = current.started_on
    earlier = [s for s in timeline if s.started_on < current.started_on]
    # Walk back through the officer's timeline (positions never overlap): every
    # earlier stint must qualify and follow on within the allowed break.
    for stint in reversed(earlier):
        if not _qualifies(stint, current.bureau_id, policy) or stint.ended_on is None:
            break
        gap_days = (start - stint.ended_on).days - 1
        if gap_days > policy.max_break_days:
            break
        start = stint.started_on
    return start, current


def rotation_standing(
    stints: Iterable[Stint], on: datetime.date, policy: Policy
) -> RotationStanding | None:
    """Where the officer stands on ``on``: due from the day the run reaches
    ``due_after_months`` (5 years), coming due from ``coming_due_after_months``
    (4.5 years)."""
    found = leadership_run_start(stints, on, policy)
    if found is None:
        return None
    start, current = found
    due_on = add_months(start, policy.due_after_months)
    coming_due_on = add_months(start, policy.coming_due_after_months)
    if on >= due_on:
        status = RotationStatus.DUE
    elif on >= coming_due_on:
        status = RotationStatus.COMING_DUE
    else:
        status = RotationStatus.NOT_DUE
    return RotationStanding(
        run_started_on=start,
        coming_due_on=coming_due_on,
        due_on=due_on,
        status=status,
        bureau_id=current.bureau_id,
        post=current.post,
        served=served_between(start, on),
    )


def tenure_in_post(stint: Stint, on: datetime.date) -> relativedelta:
    """Time served in one position: to its end, or to ``on`` while it lasts."""
    end = stint.ended_on if stint.ended_on and stint.ended_on < on else on
    return served_between(stint.started_on, end + datetime.timedelta(days=1))

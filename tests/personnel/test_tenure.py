"""Tenure and the 5-year rotation count on crafted histories (DOMAIN.md §6):
breaks in service, acting posts, the exact 5-year boundary, leap days."""

import datetime
from dataclasses import dataclass

import pytest

from personnel.choices import RotationStatus
from personnel.tenure import Stint, leadership_run_start, rotation_standing, tenure_in_post

D = datetime.date
A, B = 1, 2  # two bureaus


@dataclass
class Policy:
    due_after_months: int = 60
    coming_due_after_months: int = 54
    count_acting_posts: bool = True
    max_break_days: int = 0


def status(stints, on, **policy):
    standing = rotation_standing(stints, on, Policy(**policy))
    return standing.status if standing else None


def test_exact_five_year_boundary():
    stints = [Stint(D(2021, 7, 1), None, A, "director")]
    assert status(stints, D(2026, 6, 30)) == RotationStatus.COMING_DUE
    assert status(stints, D(2026, 7, 1)) == RotationStatus.DUE
    standing = rotation_standing(stints, D(2026, 7, 1), Policy())
    assert standing.due_on == D(2026, 7, 1) and standing.served_months == 60


def test_coming_due_from_four_and_a_half_years():
    stints = [Stint(D(2021, 7, 1), None, A, "deputy_director")]
    assert status(stints, D(2025, 12, 31)) == RotationStatus.NOT_DUE
    assert status(stints, D(2026, 1, 1)) == RotationStatus.COMING_DUE


def test_leap_day_start():
    stints = [Stint(D(2020, 2, 29), None, A, "director")]
    assert status(stints, D(2025, 2, 27)) == RotationStatus.COMING_DUE
    assert status(stints, D(2025, 2, 28)) == RotationStatus.DUE


def test_deputy_then_director_of_the_same_bureau_is_one_run():
    stints = [
        Stint(D(2019, 3, 1), D(2022, 2, 28), A, "deputy_director"),
        Stint(D(2022, 3, 1), None, A, "director"),
    ]
    start, _current = leadership_run_start(stints, D(2024, 6, 1), Policy())
    assert start == D(2019, 3, 1)
    assert status(stints, D(2024, 3, 1)) == RotationStatus.DUE


def test_a_break_in_service_restarts_the_count():
    stints = [
        Stint(D(2016, 1, 1), D(2020, 12, 31), A, "director"),
        # one day without the post: 2021-01-01
        Stint(D(2021, 1, 2), None, A, "director"),
    ]
    assert leadership_run_start(stints, D(2025, 1, 1), Policy())[0] == D(2021, 1, 2)
    assert status(stints, D(2025, 1, 1)) == RotationStatus.NOT_DUE
    # A policy that tolerates short breaks keeps the run going.
    assert status(stints, D(2025, 1, 1), max_break_days=30) == RotationStatus.DUE


def test_a_post_elsewhere_or_below_leadership_breaks_the_run():
    other_bureau = [
        Stint(D(2015, 1, 1), D(2019, 12, 31), B, "director"),
        Stint(D(2020, 1, 1), None, A, "director"),
    ]
    assert leadership_run_start(other_bureau, D(2024, 6, 1), Policy())[0] == D(2020, 1, 1)
    demoted_between = [
        Stint(D(2015, 1, 1), D(2017, 12, 31), A, "deputy_director"),
        Stint(D(2018, 1, 1), D(2018, 12, 31), A, "judge"),
        Stint(D(2019, 1, 1), None, A, "deputy_director"),
    ]
    assert leadership_run_start(demoted_between, D(2024, 6, 1), Policy())[0] == D(2019, 1, 1)


def test_acting_posts_count_unless_the_policy_says_otherwise():
    stints = [
        Stint(D(2019, 1, 1), D(2020, 6, 30), A, "director", is_acting=True),
        Stint(D(2020, 7, 1), None, A, "director"),
    ]
    assert status(stints, D(2024, 1, 1)) == RotationStatus.DUE
    assert status(stints, D(2024, 1, 1), count_acting_posts=False) == RotationStatus.NOT_DUE
    only_acting = [Stint(D(2019, 1, 1), None, A, "director", is_acting=True)]
    assert status(only_acting, D(2024, 1, 1), count_acting_posts=False) is None


def test_no_standing_without_a_current_leadership_post():
    assert status([Stint(D(2010, 1, 1), None, A, "judge")], D(2024, 1, 1)) is None
    ended = [Stint(D(2010, 1, 1), D(2020, 1, 1), A, "director")]
    assert status(ended, D(2024, 1, 1)) is None


@pytest.mark.parametrize(
    ("end", "on", "years", "months"),
    [(None, D(2024, 6, 30), 3, 6), (D(2022, 12, 31), D(2024, 6, 30), 2, 0)],
)
def test_tenure_in_post(end, on, years, months):
    served = tenure_in_post(Stint(D(2021, 1, 1), end, A, "judge"), on)
    assert (served.years, served.months) == (years, months)

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from tests.supervision.helpers import (
    add_finding,
    add_measure,
    add_node,
    complete_termination,
    make_case,
)

AS_OF = dt.date(2026, 12, 31)


@pytest.fixture
def ref(org):
    """Indicator definitions, reporting rule, alert rules (a transactional
    test's flush wipes what the data migrations seeded)."""
    from assessment.reference_data import seed_reference_data
    from supervision.reference_data import seed_reference_data as seed_supervision

    seed_reference_data()
    seed_supervision()


@pytest.fixture
def user(org):
    def _user(username):
        return get_user_model().objects.get(username=username)

    return _user


@pytest.fixture
def xy_team(org):
    from personnel.models import Team

    return Team.objects.get(
        bureau__court__code="琼0105", memberships__officer__user__username="xy_judge"
    )


@pytest.fixture
def crafted(ref, xy_team):
    """A hand-built year of 秀英 cases (and one 龙华 case); the expected figures
    are worked out by hand in test_indicators.py."""
    D = dt.date
    c = {}
    c["c1"] = make_case(
        filed_on=D(2026, 1, 5),
        amount="100000.00",
        recovered="100000.00",
        closing_type="fully_executed",
        closed_on=D(2026, 3, 1),
        team=xy_team,
    )
    add_finding(c["c1"], found_on=D(2026, 1, 20))
    add_node(
        c["c1"],
        "closing",
        triggered_on=D(2026, 1, 5),
        due_on=D(2026, 7, 5),
        completed_on=D(2026, 3, 1),
    )
    c["c2"] = make_case(
        filed_on=D(2026, 1, 5),
        amount="200000.00",
        recovered="200000.00",
        closing_type="fully_executed",
        closed_on=D(2026, 9, 1),
        team=xy_team,
    )
    add_measure(c["c2"], "seizure", started_on=D(2026, 2, 1))
    add_node(
        c["c2"],
        "closing",
        triggered_on=D(2026, 1, 5),
        due_on=D(2026, 7, 5),
        completed_on=D(2026, 9, 1),
    )
    c["c3"] = make_case(
        case_type="执恢",
        filed_on=D(2026, 2, 1),
        amount="50000.00",
        closing_type="terminated_procedure",
        closed_on=D(2026, 5, 10),
    )
    complete_termination(c["c3"], on=D(2026, 5, 10))
    c["c4"] = make_case(
        filed_on=D(2026, 2, 1),
        amount="80000.00",
        recovered="8000.00",
        closing_type="terminated_procedure",
        closed_on=D(2026, 5, 10),
    )
    complete_termination(c["c4"], on=D(2026, 5, 10))
    c["c4"].interviews.all().delete()
    c["c5"] = make_case(
        filed_on=D(2026, 3, 1),
        amount="30000.00",
        recovered="30000.00",
        closing_type="terminated",
        closed_on=D(2026, 6, 1),
    )
    c["c6"] = make_case(
        case_type="执保",
        filed_on=D(2026, 1, 10),
        amount="40000.00",
        recovered="40000.00",
        closing_type="fully_executed",
        closed_on=D(2026, 2, 1),
    )
    c["c7"] = make_case(
        filed_on=D(2025, 6, 1),
        amount="70000.00",
        recovered="70000.00",
        closing_type="fully_executed",
        closed_on=D(2025, 12, 20),
    )
    c["c8"] = make_case(filed_on=D(2026, 4, 1), amount="90000.00")
    c["c9"] = make_case(
        filed_on=D(2026, 1, 20),
        amount="60000.00",
        closing_type="cancelled",
        closed_on=D(2026, 8, 1),
    )
    # A stay pushed c9's legal closing date from 2026-07-20 to 2026-08-15.
    add_node(
        c["c9"],
        "closing",
        triggered_on=D(2026, 1, 20),
        due_on=D(2026, 8, 15),
        completed_on=D(2026, 8, 1),
    )
    c["c10"] = make_case(
        "琼0106",
        filed_on=D(2026, 1, 5),
        amount="10000.00",
        recovered="10000.00",
        closing_type="fully_executed",
        closed_on=D(2026, 2, 1),
    )
    # Petitions (unit: the conclusion node)
    c["p1"] = add_node(
        c["c8"],
        "petition_conclusion",
        triggered_on=D(2026, 4, 1),
        due_on=D(2026, 5, 10),
        completed_on=D(2026, 5, 8),
        ref="petition:1",
    )
    c["p2"] = add_node(
        c["c8"],
        "petition_conclusion",
        triggered_on=D(2026, 5, 1),
        due_on=D(2026, 6, 10),
        completed_on=D(2026, 6, 20),
        ref="petition:2",
    )
    c["p3"] = add_node(
        c["c1"],
        "petition_conclusion",
        triggered_on=D(2026, 11, 5),
        due_on=D(2026, 12, 20),
        ref="petition:3",
    )
    c["p4"] = add_node(
        c["c8"],
        "petition_conclusion",
        triggered_on=D(2026, 12, 1),
        due_on=D(2027, 1, 10),
        ref="petition:4",
    )
    # Funds disbursements (unit: the 30-day node of each receipt)
    c["d1"] = add_node(
        c["c1"],
        "funds_disbursement",
        triggered_on=D(2026, 3, 11),
        due_on=D(2026, 4, 10),
        completed_on=D(2026, 4, 1),
        ref="entry:1",
    )
    c["d2"] = add_node(
        c["c2"],
        "funds_disbursement",
        triggered_on=D(2026, 9, 1),
        due_on=D(2026, 10, 1),
        completed_on=D(2026, 10, 15),
        ref="entry:2",
    )
    c["d3"] = add_node(
        c["c8"],
        "funds_disbursement",
        triggered_on=D(2026, 11, 1),
        due_on=D(2026, 12, 1),
        ref="entry:3",
    )
    c["d4"] = add_node(
        c["c8"],
        "funds_disbursement",
        triggered_on=D(2026, 5, 2),
        due_on=D(2026, 6, 1),
        status="cancelled",
        ref="entry:4",
    )
    return c

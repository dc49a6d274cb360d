import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases.deadlines import Calendar, add_months, compute_due_date
from cases.models import CaseNode
from cases.services import nodes


def test_months_end_on_the_last_day_when_the_day_does_not_exist():
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 3, 2), 6) == dt.date(2026, 9, 2)


def test_working_days_skip_weekends_and_holidays_and_count_adjusted_days():
    cal = Calendar(
        holidays=frozenset(dt.date(2026, 10, d) for d in range(1, 8)),
        extra_working_days=frozenset({dt.date(2026, 10, 10)}),
    )
    # Tue 29 Sep + 5 working days: 30 Sep, (1–7 Oct holiday), 8, 9, 10 (Sat, worked), 12.
    assert cal.add_working_days(dt.date(2026, 9, 29), 5) == dt.date(2026, 10, 12)


def test_a_pause_pushes_the_due_date_and_is_explained():
    base, due, steps = compute_due_date(
        trigger_label="立案",
        triggered_on=dt.date(2026, 3, 2),
        value=6,
        unit="months",
        cal=Calendar(),
        pauses=[(dt.date(2026, 4, 1), dt.date(2026, 4, 21), "stay")],
        extension_days=10,
        today=dt.date(2026, 11, 27),
    )
    assert base == dt.date(2026, 9, 2)
    assert due == dt.date(2026, 9, 2) + dt.timedelta(days=30)
    assert [s["step"] for s in steps] == ["start", "limit", "pause", "extension"]


@pytest.mark.django_db
def test_a_stay_stops_the_closing_clock_and_resumption_restarts_it(xy_case, user):
    judge = user("xy_judge")
    closing = CaseNode.objects.get(case=xy_case, definition__code="closing")
    online = CaseNode.objects.get(case=xy_case, definition__code="online_query")
    assert closing.due_on == dt.date(2026, 9, 2)
    nodes.pause_clock(
        user=judge,
        case_id=xy_case.pk,
        kind="stay",
        started_on=dt.date(2026, 4, 1),
        reason="案外人提出异议",
    )
    xy_case.refresh_from_db()
    assert xy_case.status == "stayed"
    nodes.resume_clock(user=judge, case_id=xy_case.pk, resumed_on=dt.date(2026, 5, 1))
    closing.refresh_from_db()
    online.refresh_from_db()
    assert closing.due_on == dt.date(2026, 10, 2)  # 30 days of stay not counted
    # A stay halts all enforcement, so it stops every clock (DOMAIN.md §2; issue 17):
    # the online query, late since 7 March, is late by the same days after the stay.
    assert online.due_on == dt.date(2026, 4, 6)
    assert any(s["step"] == "pause" and s["days"] == 30 for s in closing.computation)
    xy_case.refresh_from_db()
    assert xy_case.status == "in_progress"


@pytest.mark.django_db
def test_extension_needs_approval_and_five_days_notice(xy_case, user):
    closing = CaseNode.objects.get(case=xy_case, definition__code="closing")
    with pytest.raises(ValidationError, match="at least 5 days"):
        nodes.request_extension(
            user=user("xy_judge"),
            node_id=closing.pk,
            days=30,
            reason="评估",
            today=dt.date(2026, 8, 30),
        )
    ext = nodes.request_extension(
        user=user("xy_judge"),
        node_id=closing.pk,
        days=30,
        reason="房产评估未完成",
        today=dt.date(2026, 8, 1),
    )
    closing.refresh_from_db()
    assert closing.due_on == dt.date(2026, 9, 2)  # nothing counts before approval
    with pytest.raises(ValidationError):
        nodes.decide_extension(user=user("xy_judge"), extension_id=ext.pk, approve=True, opinion="")
    # The court president approves, not the bureau director (DOMAIN.md §2).
    with pytest.raises(ValidationError, match="president"):
        nodes.decide_extension(
            user=user("xy_director"), extension_id=ext.pk, approve=True, opinion=""
        )
    nodes.decide_extension(
        user=user("xy_president"), extension_id=ext.pk, approve=True, opinion="同意延长"
    )
    # A double click returns the first decision and adds no second 30 days; another
    # decision on it is refused.
    again = nodes.decide_extension(
        user=user("xy_president"), extension_id=ext.pk, approve=True, opinion="同意延长"
    )
    assert again.pk == ext.pk and again.status == "approved"
    with pytest.raises(ValidationError, match="already been decided"):
        nodes.decide_extension(
            user=user("xy_president"), extension_id=ext.pk, approve=False, opinion="不同意"
        )
    closing.refresh_from_db()
    assert closing.due_on == dt.date(2026, 10, 2)
    assert closing.computation[-2]["step"] == "extension"


@pytest.mark.django_db
def test_non_litigation_administrative_cases_close_in_three_months(org, user):
    from tests.cases.conftest import file_on_its_day, filing_data

    case = file_on_its_day(user("lh_judge"), filing_data(origin="admin_non_litigation"))
    assert CaseNode.objects.get(case=case, definition__code="closing").due_on == dt.date(2026, 6, 2)

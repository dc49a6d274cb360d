"""Stopped clocks (issue 17, finding 3; DOMAIN.md §2): a stayed case is never
overdue, however long ago its due dates were stored; resumption restarts the
clock; the "how was this computed" note shows the paused days up to today."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cases.models import CaseNode
from cases.services import nodes
from command_center.dashboard import compute_figures
from tests.cases.conftest import file_on_its_day, filing_data

SHANGHAI = ZoneInfo("Asia/Shanghai")
STAY_ON = dt.date(2026, 4, 1)
LATER = dt.date(2026, 11, 27)


def _on(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(10), tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def stayed(xy_case, user):
    """秀英's case, stayed on 1 April (its 6-month clock had five months to run)."""
    with _on(STAY_ON):
        nodes.pause_clock(
            user=user("xy_judge"),
            case_id=xy_case.pk,
            kind="stay",
            started_on=STAY_ON,
            reason="案外人提出异议",
        )
    return xy_case


@pytest.fixture
def running(org, user):
    """Another 秀英 case, filed the same day, never stayed: overdue by November."""
    with _on(dt.date(2026, 3, 2)):
        return file_on_its_day(user("xy_judge"), filing_data(seed=9))


def _listed(client, case) -> bool:
    response = client.get(reverse("cases:case_list"), {"overdue": "true"})
    assert response.status_code == 200
    return case.case_number in response.content.decode()


@pytest.mark.django_db
def test_a_stayed_case_is_not_listed_as_overdue_months_later(stayed, running, login):
    client = login("xy_judge")
    with _on(LATER):
        # No recompute since April: the stored dates are stale, the reading is not.
        assert _listed(client, running)
        assert not _listed(client, stayed)
        api = client.get("/api/v1/cases/", {"overdue": "true"}).json()
        numbers = {row["case_number"] for row in api["results"]}
        assert running.case_number in numbers and stayed.case_number not in numbers


@pytest.mark.django_db
def test_the_dashboard_does_not_count_a_stayed_case_after_the_nightly_scan(stayed, running, org):
    court = org["秀英法院"]
    with _on(LATER):
        nodes.refresh_stopped_clocks()
        figures = compute_figures([court.pk], 2026, LATER)
    # Only the running case is overdue (the dashboard reads the stored dates,
    # which the scan keeps current while a clock is stopped).
    assert figures["rows"][0]["overdue"] == 1
    stored = CaseNode.objects.filter(case=stayed, status="open")
    assert all(n.due_on >= LATER for n in stored)


@pytest.mark.django_db
def test_resumption_restarts_the_clock(stayed, user, login):
    with _on(dt.date(2026, 5, 1)):
        nodes.resume_clock(user=user("xy_judge"), case_id=stayed.pk, resumed_on=dt.date(2026, 5, 1))
    closing = CaseNode.objects.get(case=stayed, definition__code="closing")
    assert closing.due_on == dt.date(2026, 10, 2)  # 2 Sep + 30 days of stay
    with _on(LATER):
        assert _listed(login("xy_judge"), stayed)


@pytest.mark.django_db
def test_the_explanation_shows_the_paused_days_up_to_today(stayed, login):
    client = login("xy_judge")
    days = (LATER - STAY_ON).days
    with _on(LATER):
        page = client.get(stayed.get_absolute_url())
        api = client.get(f"/api/v1/cases/{stayed.pk}/nodes/").json()
    text = page.content.decode()
    assert "clock-stopped" in text
    assert f"{days} 日不计入" in text or f"{days}日不计入" in text, text[text.find("nodes") :][
        :3000
    ]
    closing = next(n for n in api if n["code"] == "closing")
    assert closing["clock_stopped"] is True
    pause = next(s for s in closing["computation"] if s["step"] == "pause")
    assert pause["days"] == days and pause["open"] is True
    # Due 2 Sep + the stay so far: the day the clock would run out if resumed today.
    assert closing["due_on"] == (dt.date(2026, 9, 2) + dt.timedelta(days=days)).isoformat()


@pytest.mark.django_db
def test_an_appraisal_stops_only_the_closing_clock(xy_case, user):
    with _on(dt.date(2026, 4, 1)):
        nodes.pause_clock(
            user=user("xy_judge"),
            case_id=xy_case.pk,
            kind="appraisal",
            started_on=dt.date(2026, 4, 1),
            reason="房产评估",
        )
    with _on(dt.date(2026, 5, 1)):
        nodes.resume_clock(
            user=user("xy_judge"), case_id=xy_case.pk, resumed_on=dt.date(2026, 5, 1)
        )
    closing = CaseNode.objects.get(case=xy_case, definition__code="closing")
    online = CaseNode.objects.get(case=xy_case, definition__code="online_query")
    assert closing.due_on == dt.date(2026, 10, 2)
    assert online.due_on == dt.date(2026, 3, 7)  # not stopped by an appraisal


@pytest.mark.django_db
def test_a_stay_cannot_start_or_end_after_today(xy_case, user):
    from django.core.exceptions import ValidationError

    with _on(dt.date(2026, 4, 1)):
        with pytest.raises(ValidationError) as err:
            nodes.pause_clock(
                user=user("xy_judge"),
                case_id=xy_case.pk,
                kind="stay",
                started_on=dt.date(2026, 4, 2),
                reason="x",
            )
        assert "started_on" in err.value.message_dict
        nodes.pause_clock(
            user=user("xy_judge"),
            case_id=xy_case.pk,
            kind="stay",
            started_on=dt.date(2026, 4, 1),
            reason="x",
        )
        with pytest.raises(ValidationError) as err:
            nodes.resume_clock(
                user=user("xy_judge"), case_id=xy_case.pk, resumed_on=dt.date(2026, 4, 5)
            )
        assert "resumed_on" in err.value.message_dict

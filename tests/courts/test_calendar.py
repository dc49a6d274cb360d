"""The holiday calendar (issue 17 finding 12; DOMAIN.md §2 "Holiday calendar"):
2025 and 2026 from the State Council's notices, 2027 provisional; working-day
limits follow them (a petition recorded through its page); the calendar is kept
in the admin by the intermediate court's system administrators only; in December
a missing or provisional next year is a reminder and a banner."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.models import CaseNode
from command_center.services.reminders import run_reminder_scan
from courts.models import Bureau, CalendarYear, Holiday
from haikou_exec.models import Notification
from personnel.choices import OfficerRole
from tests.cases.conftest import file_on_its_day, filing_data
from tests.conftest import english
from tests.factories import OfficerFactory, UserFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def user(org):
    from django.contrib.auth import get_user_model

    return lambda username: get_user_model().objects.get(username=username)


def _at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(10), tzinfo=SHANGHAI), tick=False)


def _petition_due(login, user, *, filed_on: dt.date, received_on: dt.date) -> dt.date:
    data = filing_data(seed=1700 + received_on.toordinal() % 97, filed_on=filed_on)
    data.title_effective_on = filed_on - dt.timedelta(days=60)
    case = file_on_its_day(user("xy_judge"), data)
    with _at(received_on):
        response = login("xy_judge").post(
            f"/cases/{case.pk}/petitions/add/",
            {
                "received_on": received_on.isoformat(),
                "petitioner": "王海生",
                "summary": "反映执行迟缓。",
            },
        )
    assert response.status_code == 302, response.content[:500]
    node = CaseNode.objects.get(case=case, definition__code="petition_registration")
    return node.due_on


@pytest.mark.django_db
def test_working_day_limits_follow_the_2025_notice(login, user):
    # Friday 26 September 2025 + 5 working days: Sunday 28th is worked (国庆调休),
    # 29, 30, then 1–8 October off, 9 and 10: Friday 10 October, not the 3rd.
    due = _petition_due(login, user, filed_on=dt.date(2025, 9, 1), received_on=dt.date(2025, 9, 26))
    assert due == dt.date(2025, 10, 10)


@pytest.mark.django_db
def test_working_day_limits_follow_the_2026_notice(login, user):
    # Friday 18 September 2026 + 5: Sunday 20th is worked (国庆调休), 21–24:
    # Thursday 24 September, not Monday 28th after the 中秋 weekend.
    due = _petition_due(login, user, filed_on=dt.date(2026, 9, 1), received_on=dt.date(2026, 9, 18))
    assert due == dt.date(2026, 9, 24)


@pytest.mark.django_db
def test_years_are_seeded_with_their_source(org):
    years = {y.year: y for y in CalendarYear.objects.all()}
    assert not years[2025].is_provisional and "国办发明电〔2024〕12号" in years[2025].source
    assert not years[2026].is_provisional and "2026年部分节假日安排" in years[2026].source
    assert years[2027].is_provisional  # not published yet: weekends only
    assert Holiday.objects.get(date=dt.date(2026, 1, 4)).is_working_day
    assert not Holiday.objects.filter(date__year=2027).exists()


def _intermediate_admin():
    bureau = Bureau.objects.get(court__code="琼01", kind="enforcement")
    officer = OfficerFactory(
        user=UserFactory(username="zy_sysadmin", is_staff=True),
        bureau=bureau,
        role=OfficerRole.SYSTEM_ADMIN,
    )
    return officer.user


@pytest.mark.django_db
def test_the_intermediate_system_administrator_keeps_the_calendar(org, login):
    _intermediate_admin()
    client = login("zy_sysadmin")
    response = client.post(
        "/admin/courts/holiday/add/",
        {"date": "2027-01-01", "name": "元旦", "is_working_day": ""},
    )
    assert response.status_code == 302, response.content[:800]
    assert Holiday.objects.filter(date=dt.date(2027, 1, 1), name="元旦").exists()
    year = CalendarYear.objects.get(year=2027)
    response = client.post(
        f"/admin/courts/calendaryear/{year.pk}/change/",
        {
            "year": "2027",
            "is_provisional": "",
            "source": "国务院办公厅关于2027年部分节假日安排的通知",
        },
    )
    assert response.status_code == 302
    year.refresh_from_db()
    assert not year.is_provisional


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["xy_admin", "xy_director", "zy_leader", "xy_judge"])
def test_nobody_else_edits_the_calendar(org, login, role):
    client = login(role)
    response = client.post(
        "/admin/courts/holiday/add/",
        {"date": "2027-01-01", "name": "元旦", "is_working_day": ""},
    )
    assert response.status_code in (302, 403)
    assert not Holiday.objects.filter(date=dt.date(2027, 1, 1)).exists()
    holiday = Holiday.objects.get(date=dt.date(2026, 10, 1))
    client.post(f"/admin/courts/holiday/{holiday.pk}/delete/", {"post": "yes"})
    assert Holiday.objects.filter(pk=holiday.pk).exists()


@pytest.mark.django_db
def test_december_warns_when_next_year_is_provisional(org, login):
    keeper = _intermediate_admin()
    with _at(dt.date(2026, 11, 30)):
        assert run_reminder_scan(dt.date(2026, 11, 30))["remind_calendar_incomplete"]["years"] == []
    with _at(dt.date(2026, 12, 3)):
        result = run_reminder_scan(dt.date(2026, 12, 3))
        assert result["remind_calendar_incomplete"]["years"] == [2027]
        note = Notification.objects.get(recipient=keeper, dedup_key__contains="calendar:2027")
        assert "2027" in note.title and note.link == "/admin/courts/calendaryear/"
        # The district's system administrator does not keep the city's calendar.
        assert not Notification.objects.filter(
            recipient__username="xy_admin", dedup_key__contains="calendar"
        ).exists()
        client = english(login("zy_sysadmin"))
        page = client.get("/admin/").content.decode()
        assert "holiday calendar for 2027 is provisional" in page
        assert (
            "holiday calendar for 2027"
            not in english(login("xy_admin")).get("/admin/").content.decode()
        )
    CalendarYear.objects.filter(year=2027).update(is_provisional=False)
    with _at(dt.date(2026, 12, 4)):
        assert run_reminder_scan(dt.date(2026, 12, 4))["remind_calendar_incomplete"]["years"] == []
    # January with no calendar for the year at all: still a warning.
    CalendarYear.objects.filter(year=2027).delete()
    with _at(dt.date(2027, 1, 5)):
        assert run_reminder_scan(dt.date(2027, 1, 5))["remind_calendar_incomplete"]["years"] == [
            2027
        ]

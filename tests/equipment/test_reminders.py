"""Reminders: inspections due and end of service life, idempotent (issue 8:
"Tests must show the inspection-due reminder")."""

import datetime

import pytest
from django.utils.formats import date_format

from equipment import tasks
from equipment.choices import EquipmentCategory, InspectionStatus, ItemStatus
from equipment.models import EquipmentInspection, add_years
from equipment.services.inspections import schedule_inspection
from haikou_exec.models import Notification
from tests.equipment.factories import make_item, officer, user


def notes_for(username):
    return list(Notification.objects.filter(recipient__username=username).order_by("pk"))


@pytest.mark.django_db
def test_inspection_due_reminder_reaches_the_director_once(courts, today):
    xy, lh = courts["琼0105"], courts["琼0106"]
    soon = schedule_inspection(
        user=user("zy_leader"), court=xy, scheduled_on=today + datetime.timedelta(days=3)
    )
    schedule_inspection(
        user=user("zy_leader"), court=lh, scheduled_on=today + datetime.timedelta(days=30)
    )

    created = tasks.remind_inspections_due()  # the periodic task's own function

    director = notes_for("xy_director")
    assert created == 1 and len(director) == 1
    assert director[0].link == soon.get_absolute_url()
    assert director[0].dedup_key == f"equipment:inspection:{soon.pk}:due:{soon.scheduled_on}"
    assert "秀英" in director[0].title
    # Nobody else is told: 龙华's inspection is a month away, judges are not directors.
    assert Notification.objects.count() == 1
    # Run again (the beat fires daily, a task may be redelivered): no duplicate.
    assert tasks.remind_inspections_due() == 0
    assert len(notes_for("xy_director")) == 1


@pytest.mark.django_db
def test_rescheduled_or_overdue_inspections_are_new_reminders(courts, today):
    xy = courts["琼0105"]
    inspection = schedule_inspection(
        user=user("zy_leader"), court=xy, scheduled_on=today + datetime.timedelta(days=2)
    )
    tasks.remind_inspections_due()
    # The date passes without the inspection: the director and the scheduler hear of it.
    EquipmentInspection.objects.filter(pk=inspection.pk).update(
        scheduled_on=today - datetime.timedelta(days=1)
    )
    assert tasks.remind_inspections_due() == 2
    assert len(notes_for("xy_director")) == 2
    assert [n.level for n in notes_for("zy_leader")] == ["danger"]
    assert tasks.remind_inspections_due() == 0


@pytest.mark.django_db
def test_rectification_deadline_reminder(courts, today):
    xy = courts["琼0105"]
    inspection = EquipmentInspection.objects.create(
        court=xy,
        scheduled_on=today - datetime.timedelta(days=20),
        scheduled_by=user("zy_leader"),
        status=InspectionStatus.RECTIFYING,
        conducted_on=today - datetime.timedelta(days=20),
        score=80,
        rectification_deadline=today + datetime.timedelta(days=4),
    )
    assert tasks.remind_inspections_due() == 1
    (note,) = notes_for("xy_director")
    # The deadline as people read dates (the reader's DATE_FORMAT), not 2026-12-03.
    assert date_format(inspection.rectification_deadline, "DATE_FORMAT") in note.title
    assert str(inspection.rectification_deadline) not in note.title
    assert tasks.remind_inspections_due() == 0


@pytest.mark.django_db
def test_end_of_service_life_reminder_to_director_and_custodian(courts, today):
    xy = courts["琼0105"]
    custodian = officer("xy_judge")
    # Ends in about a month: reminded. Ends in two years: not yet. Scrapped: never.
    ending = make_item(
        xy,
        EquipmentCategory.RECORDER,
        purchased=add_years(today, -5) + datetime.timedelta(days=30),
        life=5,
        custodian=custodian,
    )
    make_item(xy, EquipmentCategory.RECORDER, custodian=custodian)
    make_item(
        xy,
        EquipmentCategory.RECORDER,
        status=ItemStatus.SCRAPPED,
        purchased=add_years(today, -7),
        life=5,
    )
    assert tasks.remind_service_life_ending() == 2
    for username in ("xy_director", "xy_judge"):
        (note,) = notes_for(username)
        assert note.link == ending.get_absolute_url() and note.level == "warning"
        assert ending.serial_number in note.title
    assert tasks.remind_service_life_ending() == 0
    assert Notification.objects.count() == 2


@pytest.mark.celery_worker
def test_reminder_task_runs_on_a_real_worker(celery_worker_thread, courts, today):
    schedule_inspection(
        user=user("zy_leader"),
        court=courts["琼0106"],
        scheduled_on=today + datetime.timedelta(days=1),
    )
    assert tasks.remind_inspections_due.delay().get(timeout=60) == 0  # 龙华 has no director
    schedule_inspection(
        user=user("zy_leader"),
        court=courts["琼0105"],
        scheduled_on=today + datetime.timedelta(days=1),
    )
    assert tasks.remind_inspections_due.delay().get(timeout=60) == 1
    assert tasks.remind_inspections_due.delay().get(timeout=60) == 0
    # (The director also has the "scheduled" notice, sent when the transaction committed.)
    due = [n for n in notes_for("xy_director") if ":due:" in n.dedup_key]
    assert len(due) == 1

"""Notifications stored before a wording changed read as new ones do (issue 16):
the data migration rewrites their ISO dates as 2026年12月3日 and names a finished
query batch by when it started, not by its row id. New notifications are made
with dates as people read them (equipment, talks, orders, rotation, operations)."""

from __future__ import annotations

import datetime as dt
import importlib
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import translation

from haikou_exec.models import BackgroundJob, Notification

NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
MIGRATION = importlib.import_module("haikou_exec.migrations.0002_notifications_in_current_wording")

pytestmark = pytest.mark.django_db


def _note(user, key, title, body=""):
    return Notification.objects.create(recipient=user, dedup_key=key, title=title, body=body)


@time_machine.travel(NOW, tick=False)
def test_stored_titles_are_rewritten_in_the_current_wording(org):
    user = get_user_model().objects.get(username="xy_director")
    job = BackgroundJob.objects.create(
        kind="property_query",
        court=user.officer.bureau.court,
        created_by=user,
    )
    order = _note(
        user,
        "reminder:supervision-order:7:2026-12-01",
        "督办令 琼01执督7号：请于2026-12-10前回复",
    )
    directive = _note(
        user,
        "directive:3:overdue:1,2",
        "指令“规范终本”反馈逾期：秀英区法院",
        body="反馈期限为2026-11-30。",
    )
    finished = _note(user, f"job:{job.pk}:finished", f"网络查控已完成：网络查控 #{job.pk}")
    plain = _note(user, "talk:1:scheduled", "（2026）琼0105执70号 约谈")

    MIGRATION.forwards(apps, None)
    for note in (order, directive, finished, plain):
        note.refresh_from_db()
    assert order.title == "督办令 琼01执督7号：请于2026年12月10日前回复"
    assert directive.body == "反馈期限为2026年11月30日。"
    assert directive.title == "指令“规范终本”反馈逾期：秀英区法院"
    assert finished.title == "网络查控已完成：网络查控（2026年12月3日 10:00）"
    assert plain.title == "（2026）琼0105执70号 约谈"
    # The job is named as the code names it now.
    with translation.override("zh-hans"):
        assert finished.title.endswith(str(job).removeprefix(str(job.get_kind_display())))

    # Run again: nothing changes.
    MIGRATION.forwards(apps, None)
    order.refresh_from_db()
    assert order.title == "督办令 琼01执督7号：请于2026年12月10日前回复"


@time_machine.travel(NOW, tick=False)
def test_new_reminders_write_dates_as_people_read_them(org):
    """An equipment inspection's rectification reminder, in the site's language."""
    from equipment.choices import InspectionStatus
    from equipment.models import EquipmentInspection
    from equipment.services.reminders import remind_inspections_due

    user = get_user_model().objects.get(username="zy_leader")
    court = get_user_model().objects.get(username="xy_director").officer.bureau.court
    EquipmentInspection.objects.create(
        court=court,
        scheduled_on=dt.date(2026, 11, 1),
        scheduled_by=user,
        status=InspectionStatus.RECTIFYING,
        conducted_on=dt.date(2026, 11, 1),
        score=80,
        rectification_deadline=dt.date(2026, 12, 5),
    )
    with translation.override("zh-hans"):
        assert remind_inspections_due(on=NOW.date()) == 1
    note = Notification.objects.get(recipient__username="xy_director")
    assert "2026年12月5日" in note.title and "2026-12-05" not in note.title

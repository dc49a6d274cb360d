"""The daily rotation reminder (DOMAIN.md §6): leaders coming due (4.5 years) or
due (5 years) are warned, with their bureau director and the intermediate bureau
director; running the scan again notifies nobody twice."""

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from haikou_exec.models import Notification
from personnel.tasks import warn_rotation_due_task
from tests.personnel.helpers import leader


def _leaders():
    today = timezone.localdate()
    due = leader("琼0105", "deputy_director", today - relativedelta(years=5), name="满五年")
    coming = leader("琼0106", "deputy_director", today - relativedelta(months=56), name="将满五年")
    fresh = leader("琼0107", "deputy_director", today - relativedelta(years=2), name="新任")
    return due, coming, fresh


def _check(due, coming, fresh):
    keys = Notification.objects.values_list("recipient__username", "dedup_key")
    recipients_of = lambda o: {u for u, k in keys if f":{o.pk}:" in k}  # noqa: E731
    assert recipients_of(due) == {due.user.username, "xy_director", "zy_leader"}
    assert recipients_of(coming) == {coming.user.username, "zy_leader"}
    assert recipients_of(fresh) == set()
    assert Notification.objects.filter(recipient=due.user, level="danger").count() == 1
    assert Notification.objects.filter(recipient=coming.user, level="warning").count() == 1


@pytest.mark.django_db
def test_reminder_runs_twice_and_notifies_once(org):
    due, coming, fresh = _leaders()
    first = warn_rotation_due_task.apply().get()
    count = Notification.objects.count()
    second = warn_rotation_due_task.apply().get()
    assert first == count == 5 and second == 0
    assert Notification.objects.count() == count
    _check(due, coming, fresh)


@pytest.mark.celery_worker
def test_reminder_on_a_real_worker(org, celery_worker_thread):
    due, coming, fresh = _leaders()
    assert warn_rotation_due_task.delay().get(timeout=60) == 5
    assert warn_rotation_due_task.delay().get(timeout=60) == 0
    _check(due, coming, fresh)


def test_the_schedule_is_declared():
    from command_center.schedules import declared_periodic_tasks

    tasks = {t["task"] for t in declared_periodic_tasks()}
    assert "personnel.tasks.warn_rotation_due_task" in tasks

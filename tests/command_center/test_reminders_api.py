"""GET /api/v1/notifications/: the caller's own notifications, with their level
as ``info``/``due_soon``/``overdue``, and mark-as-read; nobody reads or marks
another person's (404, the superuser included)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model

from haikou_exec.choices import NotificationLevel
from haikou_exec.models import Notification
from haikou_exec.notifications import notify

NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _set_day():
    with time_machine.travel(NOW, tick=False):
        yield


def _user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def notes(org):
    judge, other = _user("xy_judge"), _user("lh_judge")
    notify([judge], title="节点已超期", dedup_key="a", link="/cases/1/#nodes", level="danger")
    notify([judge], title="案款即将到期", dedup_key="b", level=NotificationLevel.WARNING)
    notify([judge], title="任务已退回", dedup_key="c")
    notify([other], title="别人的提醒", dedup_key="d", level="danger")
    return {
        "judge": {n.title: n for n in Notification.objects.filter(recipient=judge)},
        "other": Notification.objects.get(recipient=other),
    }


@pytest.mark.django_db
def test_lists_only_the_callers_own_notifications(login, notes, django_assert_max_num_queries):
    client = login("xy_judge")
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/notifications/").json()
    rows = {r["title"]: r for r in body["results"]}
    assert set(rows) == {"节点已超期", "案款即将到期", "任务已退回"}
    assert rows["节点已超期"]["level"] == "overdue"
    assert rows["案款即将到期"]["level"] == "due_soon"
    assert rows["任务已退回"]["level"] == "info"
    assert rows["节点已超期"]["link"] == "/cases/1/#nodes"
    assert rows["节点已超期"]["read"] is False
    assert set(rows["节点已超期"]) >= {"id", "level", "title", "read", "created_at", "link"}
    overdue = client.get("/api/v1/notifications/?level=overdue").json()["results"]
    assert [r["title"] for r in overdue] == ["节点已超期"]
    # The API root lists the resource.
    assert "notifications" in client.get("/api/v1/").json()


@pytest.mark.django_db
def test_mark_read_is_for_the_owner_only(login, notes):
    mine = notes["judge"]["节点已超期"]
    theirs = notes["other"]
    judge = login("xy_judge")
    answer = judge.post(f"/api/v1/notifications/{mine.pk}/read/")
    assert answer.status_code == 200 and answer.json()["read"] is True
    assert Notification.objects.get(pk=mine.pk).read_at is not None
    unread = judge.get("/api/v1/notifications/?unread=true").json()["results"]
    assert {r["title"] for r in unread} == {"案款即将到期", "任务已退回"}
    # Another person's notification: not found, to read or to mark.
    assert judge.get(f"/api/v1/notifications/{theirs.pk}/").status_code == 404
    assert judge.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    # Nor for the superuser, whose scope is otherwise every row.
    admin = login("admin")
    assert admin.get(f"/api/v1/notifications/{theirs.pk}/").status_code == 404
    assert admin.get("/api/v1/notifications/").json()["results"] == []
    # read-all marks the caller's own, and no one else's.
    assert judge.post("/api/v1/notifications/read-all/").json() == {"marked": 2}
    assert Notification.objects.get(pk=theirs.pk).read_at is None


@pytest.mark.django_db
def test_anonymous_is_refused(client, org):
    assert client.get("/api/v1/notifications/").status_code in (401, 403)

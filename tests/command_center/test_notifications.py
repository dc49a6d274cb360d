import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from command_center.notifications import send_email_digests
from haikou_exec.notifications import notify, unread_count


@pytest.mark.django_db
def test_notify_is_idempotent_and_counts_unread(login, org):
    user = get_user_model().objects.get(username="xy_judge")
    assert notify([user], title="节点即将超期", dedup_key="node:1:due") == 1
    assert notify([user], title="节点即将超期", dedup_key="node:1:due") == 0
    assert unread_count(user) == 1
    client = login("xy_judge")
    page = client.get("/").content.decode()
    assert 'id="unread-count">1<' in page
    client.post("/centre/notifications/read/")
    assert unread_count(user) == 0


@pytest.mark.django_db
def test_email_digest_sends_one_mail_per_user(org):
    user = get_user_model().objects.get(username="xy_judge")
    user.email = "xy_judge@haikou.court"
    user.save()
    for i in range(3):
        notify([user], title=f"提醒 {i}", dedup_key=f"k{i}")
    morning = dt.datetime(2026, 12, 3, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert send_email_digests(morning) == 1
    assert len(mail.outbox) == 1 and "提醒 2" in mail.outbox[0].body
    assert send_email_digests(morning) == 0

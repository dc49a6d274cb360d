"""Sessions (haikou_exec/sessions.py): Django's database sessions with the read
compiled once. What a session holds, when it ends and what an unknown cookie
gets are Django's own: checked against its ``db`` backend and through requests."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from haikou_exec.sessions import SessionStore
from personnel.demo import DEMO_PASSWORD

NOW = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)


def test_the_project_uses_this_store():
    assert settings.SESSION_ENGINE == "haikou_exec.sessions"


@pytest.mark.django_db
def test_it_loads_what_djangos_own_store_loads():
    with time_machine.travel(NOW, tick=False):
        store = SessionStore()
        store["case_filter"] = {"court": "琼0105", "status": "in_progress"}
        store["count"] = 3
        store.create()
        key = store.session_key
        with CaptureQueriesContext(connection) as ctx:
            mine = SessionStore(key).load()
        assert mine == db.SessionStore(key).load()
        assert mine == {"case_filter": {"court": "琼0105", "status": "in_progress"}, "count": 3}
        assert len(ctx.captured_queries) == 1
        assert '"django_session"' in ctx.captured_queries[0]["sql"]


@pytest.mark.django_db
def test_an_expired_or_unknown_key_starts_an_empty_session_under_a_new_key():
    with time_machine.travel(NOW, tick=False):
        store = SessionStore()
        store["x"] = 1
        store.set_expiry(600)
        store.create()
        key = store.session_key
    with time_machine.travel(NOW + dt.timedelta(seconds=599), tick=False):
        assert SessionStore(key).load()["x"] == 1
    with time_machine.travel(NOW + dt.timedelta(seconds=601), tick=False):
        expired = SessionStore(key)
        assert expired.load() == {} and expired.session_key is None
        assert db.SessionStore(key).load() == {}  # Django's own says the same
        unknown = SessionStore("k" * 32)
        assert unknown.load() == {} and unknown.session_key is None
        assert Session.objects.filter(session_key=key).exists()  # kept for clearsessions


@pytest.mark.django_db
def test_signing_in_and_out_through_pages(org, client):
    user = get_user_model().objects.get(username="xy_judge")
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            "/accounts/login/", {"username": "xy_judge", "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302
        key = client.cookies[settings.SESSION_COOKIE_NAME].value
        assert SessionStore(key).load()[SESSION_KEY] == str(user.pk)
        assert client.get("/cases/").status_code == 200
        client.post("/accounts/logout/")
        assert SessionStore(key).load() == {}  # gone from the database
        # The old cookie no longer signs anyone in.
        client.cookies[settings.SESSION_COOKIE_NAME] = key
        response = client.get("/cases/")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

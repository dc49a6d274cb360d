"""Shared fixtures. Tests run against real PostgreSQL and Redis (DATABASE_URL /
REDIS_URL, or the embedded pair started by `make test`)."""

from __future__ import annotations

import os
import shutil

import pytest
from django.test import Client

from courts.services import seed_haikou_organisation
from personnel.demo import DEMO_ACCOUNTS, seed_demo_accounts, seed_teams

DEMO_LOGINS = ["admin"] + [a[0] for a in DEMO_ACCOUNTS]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_tool(path_or_name: str) -> str:
    """A missing tool skips locally but fails under CI=true (nothing skipped in CI)."""
    found = path_or_name if os.path.exists(path_or_name) else shutil.which(path_or_name)
    if not found:
        message = f"{path_or_name} is not installed"
        if IN_CI:
            pytest.fail(message + " (CI=true: no test may be skipped for a missing tool)")
        pytest.skip(message)
    return found


@pytest.fixture(autouse=True)
def _english_messages_outside_requests(request):
    """Service messages are checked in English unless a test asks otherwise;
    requests still pick their language (Chinese by default). Browser tests are
    left alone: the live server shares the test's translation state."""
    from django.utils import translation

    if "live_server" in request.fixturenames:
        yield
        return
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def org(db):
    """The five Haikou courts, six bureaus and every demo account."""
    from cases.reference_data import seed_reference_data

    seed_reference_data()  # a transactional test's flush wipes migration-seeded rows
    courts = seed_haikou_organisation()
    seed_demo_accounts(courts)
    seed_teams()
    return courts


@pytest.fixture
def login(org):
    """login("xy_judge") → a Django test client logged in as that demo user."""

    def _login(username: str) -> Client:
        from django.contrib.auth import get_user_model

        # force_login: the password path (with its lockout) is tested on the
        # login page itself; authenticate() without a request is refused by axes.
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return _login


@pytest.fixture
def celery_worker_thread(transactional_db):
    """A real Celery worker (solo pool, in a thread) consuming from the real Redis broker."""
    from celery.contrib.testing.worker import start_worker

    from haikou_exec.celery import app

    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as worker:
        yield worker

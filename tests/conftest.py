"""Shared fixtures. Tests run against real PostgreSQL and Redis (DATABASE_URL /
REDIS_URL, or the embedded pair started by `make test`)."""

from __future__ import annotations

import os
import shutil

import django.test
import pytest
from django.test import Client

from courts.services import HAIKOU_COURTS, seed_haikou_organisation
from personnel.demo import DEMO_ACCOUNTS, seed_demo_accounts, seed_teams

DEMO_LOGINS = ["admin"] + [a[0] for a in DEMO_ACCOUNTS]
# Every database test may use the replica alias, a test mirror of the default
# database (tests/settings.py): the code routes the dashboards' reads there.
django.test.TransactionTestCase.databases = {"default", "replica"}
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# The clock policy (README "Tests"): a test that depends on the date sets it, with
# time_machine.travel or by passing `today`/`now` to the code under test. To prove
# that no test leans on the real date, `.ci/run` runs the suite with the clock moved
# this many days ahead (HAIKOU_TEST_CLOCK_SHIFT_DAYS; applied in tests/settings.py,
# so the processes a test starts, which read the same settings, move with it).
CLOCK_SHIFT_DAYS = int(os.environ.get("HAIKOU_TEST_CLOCK_SHIFT_DAYS", "0") or 0)


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


# Reference data written by data migrations outside cases.reference_data (module,
# function): re-run after a transactional test's flush, like seed_reference_data.
MIGRATION_SEEDS = [
    ("cases.migrations.0014_releases_termination_review_valuation", "seed_release_node"),
    ("cases.migrations.0014_releases_termination_review_valuation", "valuation_reported"),
]


def _seed_organisation() -> dict:
    import importlib

    from django.apps import apps

    from cases.reference_data import seed_reference_data

    seed_reference_data()  # a transactional test's flush wipes migration-seeded rows
    for module, function in MIGRATION_SEEDS:
        getattr(importlib.import_module(module), function)(apps, None)
    courts = seed_haikou_organisation()
    seed_demo_accounts(courts)
    seed_teams()
    return courts


def _organisation_is_seeded() -> bool:
    from django.contrib.auth import get_user_model

    from personnel.models import TeamMembership

    demo_users = get_user_model().objects.filter(username__in=DEMO_LOGINS).count()
    return demo_users == len(DEMO_LOGINS) and TeamMembership.objects.exists()


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """The test database cloned from a migrated template (tests/dbtemplate.py), with
    the organisation and demo accounts seeded once for the session: each `db` test
    rolls back to this state, and a transactional test's flush is followed by a
    re-seed in the `org` fixture."""
    from tests.dbtemplate import create_test_database, drop_test_database

    with django_db_blocker.unblock():
        name = create_test_database()
        _seed_organisation()
    yield
    with django_db_blocker.unblock():
        drop_test_database(name)


@pytest.fixture
def org(db):
    """The five Haikou courts, six bureaus and every demo account."""
    from courts.models import Court

    if _organisation_is_seeded():
        names = [name for name, *_ in HAIKOU_COURTS]
        courts = Court.objects.filter(name__in=names).order_by("sort_order")
        return {court.short_name: court for court in courts}
    return _seed_organisation()


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
    """A real Celery worker (solo pool, in a thread) consuming from the real Redis broker,
    from every queue (production gives each queue its own worker; tests that are
    about that start their own, tests/command_center/test_queue_separation.py)."""
    from celery.contrib.testing.worker import start_worker
    from django.conf import settings

    from haikou_exec.celery import app

    app.conf.task_always_eager = False
    with start_worker(
        app,
        pool="solo",
        perform_ping_check=False,
        shutdown_timeout=30,
        queues=list(settings.CELERY_QUEUE_NAMES),
    ) as worker:
        yield worker


_BROWSER_FIXTURES = {"live_server", "browser", "page"}


def pytest_collection_modifyitems(config, items):
    """Marks from what a test uses, so `make test-fast` can leave out the slow kinds
    without every test remembering its marker: a live server or Chromium → browser,
    a real worker → celery_worker, tests/reliability → faults. The live-server tests
    run on one xdist worker (`--dist loadgroup`), which starts one Chromium."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & _BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("live_server"))
        if "celery_worker_thread" in names:
            item.add_marker(pytest.mark.celery_worker)
        if "reliability" in item.path.parts:
            item.add_marker(pytest.mark.faults)


def english(client):
    """The client with English chosen through the language switch (its cookie): the
    pages are Chinese whatever the browser's Accept-Language says (issue 16)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client

"""Settings for the test suite: the app's own settings, with what a parallel run needs.

Under pytest-xdist each worker ("gw0", "gw1", …) gets its own Redis database, so one
worker's broker queues, results and cache never reach another's. The environment
variable is changed before the app's settings are read, so processes a test starts
(Celery workers, gunicorn) inherit the same database.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


def redis_url_for_worker(url: str, worker: str) -> str:
    """The same Redis server, the given database + 1 + the worker's number (the given
    one stays the developer's own; two runs side by side give different bases, e.g.
    REDIS_URL=…/0 and …/8)."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        query = dict(parse_qsl(parts.query))
        base = int(query.get("db", 0))
    else:
        base = int(parts.path.strip("/") or 0)
    number = base + 1 + int(worker.removeprefix("gw"))
    if parts.scheme == "unix":
        query["db"] = str(number)
        return f"unix://{parts.path}?{urlencode(query)}"
    return urlunsplit(parts._replace(path=f"/{number}"))


_worker = os.environ.get("PYTEST_XDIST_WORKER")
# Done once, in the xdist worker itself: a process a test starts inherits the
# variables, and its REDIS_URL (often a Redis the test started) is used as given.
if _worker and not os.environ.get("HAIKOU_TEST_REDIS_WORKER"):
    os.environ["HAIKOU_TEST_REDIS_WORKER"] = _worker
    os.environ["REDIS_URL"] = redis_url_for_worker(
        os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"), _worker
    )

# The clock policy's proof (tests/conftest.py): with HAIKOU_TEST_CLOCK_SHIFT_DAYS set,
# this process and every process a test starts (Celery workers, gunicorn, `manage.py`:
# they inherit DJANGO_SETTINGS_MODULE=tests.settings) run that many days ahead, with
# the clock ticking. A test that sets its own time nests inside. The database's
# clock is not moved: code compares its own dates, never the server's now().
_shift_days = int(os.environ.get("HAIKOU_TEST_CLOCK_SHIFT_DAYS") or 0)
if _shift_days:
    import datetime as _dt

    import time_machine

    _moved = _dt.datetime.now(_dt.UTC) + _dt.timedelta(days=_shift_days)
    time_machine.travel(_moved, tick=True).start()

from haikou_exec.settings import *  # noqa: E402,F403

# Hashing is not under test here (the login page's own tests use the real flow);
# MD5 keeps the session-seeded demo accounts and every force_login cheap.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Kombu reads a unix-socket broker's database from `virtual_host`, not `db`.
if REDIS_URL.startswith("unix://") and "db=" in REDIS_URL:  # noqa: F405
    _db = dict(parse_qsl(urlsplit(REDIS_URL).query))["db"]  # noqa: F405
    CELERY_BROKER_URL = f"{CELERY_BROKER_URL}&virtual_host={_db}"  # noqa: F405

# Each run has its own test databases (test_haikou_<run>_gw0, …), so two runs on one
# PostgreSQL (two developers, or CI beside a local run) never drop each other's.
# xdist gives its workers one shared run id; a plain run uses its process id.
_run = (os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"p{os.getpid()}")[:10]
DATABASES["default"].setdefault("TEST", {})["NAME"] = f"test_haikou_{_run}"  # noqa: F405

# The replica alias is a test mirror of the default database (Django's TEST MIRROR):
# a second connection to this run's test database, so routed reads
# (haikou_exec/replica.py) see what the tests wrote and nothing else changes. A test
# of real replication (tests/reliability/test_replication.py) points the two
# aliases at a primary and a standby of its own.
DATABASES["replica"] = {  # noqa: F405
    **DATABASES["default"],  # noqa: F405
    "OPTIONS": dict(DATABASES["default"].get("OPTIONS", {})),  # noqa: F405
    "TEST": {"MIRROR": "default"},
}

# Each test's figures are its own, and the Redis cache outlives a test: the
# dashboards' short "as of a minute ago" layer would hand one test another's
# figures. Off here (exact figures at every visit); its own tests turn it on.
DASHBOARD_FRESH_SECONDS = 0

"""Routing between the primary and the read replica (haikou_exec/replica.py,
haikou_exec/db_router.py) on the test mirror: the replica alias is a second
connection to the same test database (tests/settings.py). Real replication, lag
and fallback: tests/reliability/test_replication.py."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
import time_machine
from django.db import connections

from haikou_exec.db_router import PrimaryReplicaRouter
from haikou_exec.replica import PIN_COOKIE, reads_on_replica, replica_reads, replica_status

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = "/centre/dashboard/?refresh=1"


@contextmanager
def recording():
    seen = {"default": [], "replica": []}

    def recorder(alias):
        def wrapper(execute, sql, params, many, context):
            seen[alias].append(sql)
            return execute(sql, params, many, context)

        return wrapper

    with (
        connections["default"].execute_wrapper(recorder("default")),
        connections["replica"].execute_wrapper(recorder("replica")),
    ):
        yield seen


def reads_cases(sqls) -> bool:
    return any('"cases_enforcementcase"' in sql for sql in sqls)


def _settings_databases(**env) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: [v['HOST'], v['NAME']] for k, v in s.DATABASES.items()}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("REPLICA_")}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "haikou_exec.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_replica_alias_exists_only_with_its_url():
    assert set(_settings_databases()) == {"default"}
    databases = _settings_databases(REPLICA_DATABASE_URL="postgres://haikou@standby:5432/haikou")
    assert databases["replica"] == ["standby", "haikou"]


def test_writes_and_migrations_go_to_the_primary_only():
    from cases.models import EnforcementCase

    router = PrimaryReplicaRouter()
    with replica_reads():
        assert router.db_for_write(EnforcementCase) == "default"
    assert router.allow_migrate("default", "cases") is True
    assert router.allow_migrate("replica", "cases") is False


def test_without_a_replica_everything_reads_the_primary(settings):
    settings.DATABASES = {"default": settings.DATABASES["default"]}
    assert replica_status() == {"status": "absent"}
    with replica_reads():
        assert reads_on_replica() is False


@pytest.mark.django_db
def test_in_a_transaction_on_the_primary_reads_stay_there(org):
    from courts.models import Court

    # A test's own transaction counts like a service's: its reads decide its writes.
    with replica_reads():
        assert Court.objects.all().db == "default"


@pytest.mark.django_db
def test_health_reports_the_replica_and_its_lag(client):
    body = json.loads(client.get("/healthz").content)
    # The mirror is the primary itself: not in recovery, no lag.
    assert body["replica"]["status"] == "up"
    assert body["replica"]["lag_seconds"] == 0
    assert body["replica"]["in_recovery"] is False


@pytest.mark.django_db
def test_a_change_pins_the_browser_reading_does_not(login):
    client = login("zy_leader")
    assert client.get(DASHBOARD).status_code == 200
    assert PIN_COOKIE not in client.cookies
    moment = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    pinned_until = float(client.cookies[PIN_COOKIE].value)
    from django.conf import settings

    assert pinned_until >= moment.timestamp() + settings.REPLICA_PIN_SECONDS


@pytest.mark.django_db(transaction=True)
def test_dashboard_reads_the_replica_until_the_user_changes_something(login):
    from django.conf import settings

    leader = login("zy_leader")
    replica_status(refresh=True)
    with recording() as seen:
        response = leader.get(DASHBOARD)
    assert response.status_code == 200
    assert response.context["replica_reads"]["status"] == "up"
    assert 'id="replica-note"' in response.content.decode()  # the lag, for leadership
    assert reads_cases(seen["replica"]) and not reads_cases(seen["default"])

    # Outside a marked page (the case list), the primary.
    with recording() as seen:
        assert leader.get("/cases/").status_code == 200
    assert reads_cases(seen["default"]) and not seen["replica"]

    # After a change, the same browser reads the primary until the pin runs out.
    leader.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    with recording() as seen:
        response = leader.get(DASHBOARD)
    assert response.status_code == 200 and response.context["replica_reads"] is None
    assert reads_cases(seen["default"]) and not seen["replica"]
    with (
        time_machine.travel(dt.timedelta(seconds=settings.REPLICA_PIN_SECONDS + 1)),
        recording() as seen,
    ):
        assert leader.get(DASHBOARD).status_code == 200
    assert reads_cases(seen["replica"]) and not reads_cases(seen["default"])


# The read-heavy pages and API lists the issue names (leadership dashboards,
# assessment, reports, scores), each by the table it reads.
ROUTED_PAGES = {
    "/supervision/": '"supervision_alert"',
    "/equipment/": '"equipment_equipmentitem"',
    "/assessment/reports/": '"assessment_monthlyreport"',
    "/equipment/scores/": '"equipment_compliancescore"',
}
ROUTED_API = {
    "/api/v1/assessments/": '"assessment_bureauassessmentresult"',
    "/api/v1/reports/": '"assessment_monthlyreport"',
    "/api/v1/equipment-compliance/": '"equipment_compliancescore"',
}


def reads(sqls, table: str) -> bool:
    return any(table in sql for sql in sqls)


@pytest.mark.django_db(transaction=True)
def test_dashboards_reports_and_scores_read_the_replica(login):
    leader = login("zy_leader")
    replica_status(refresh=True)
    for url, table in ROUTED_PAGES.items():
        with recording() as seen:
            response = leader.get(url)
        assert response.status_code == 200, url
        assert reads(seen["replica"], table) and not reads(seen["default"], table), url
        assert response.context["replica_reads"]["status"] == "up", url


@pytest.mark.django_db(transaction=True)
def test_api_lists_read_the_replica_with_a_token_and_changes_stay_on_the_primary(org):
    from django.contrib.auth import get_user_model
    from django.test import Client
    from rest_framework.authtoken.models import Token

    user = get_user_model().objects.get(username="zy_leader")
    api = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    replica_status(refresh=True)
    for url, table in ROUTED_API.items():
        with recording() as seen:
            response = api.get(url)
        assert response.status_code == 200, url
        # Who is asking (the token) from the primary, the rows from the replica.
        assert reads(seen["default"], '"authtoken_token"'), url
        assert reads(seen["replica"], table) and not reads(seen["default"], table), url

    # A step on a report (POST) reads and writes the primary, whatever it answers.
    with recording() as seen:
        api.post("/api/v1/reports/1/submit/")
    assert not seen["replica"]

    # The case list API is not marked: the primary.
    with recording() as seen:
        assert api.get("/api/v1/cases/").status_code == 200
    assert reads_cases(seen["default"]) and not seen["replica"]


@pytest.mark.django_db(transaction=True)
def test_indicator_snapshots_read_their_figures_from_the_replica_and_write_the_primary(org):
    from assessment.periods import Period
    from assessment.reference_data import seed_reference_data
    from assessment.services.snapshots import snapshot_period

    seed_reference_data()  # a transactional test's flush wiped the definitions
    replica_status(refresh=True)
    with recording() as seen:
        written = snapshot_period(Period.year(2026), dt.date(2026, 12, 31))
    assert written > 0
    # The aggregates (one per indicator and level) on the standby, the rows on the primary.
    assert any("ARRAY_AGG" in sql for sql in seen["replica"])
    assert not any("ARRAY_AGG" in sql for sql in seen["default"])
    assert any(
        sql.startswith("INSERT") and "assessment_indicatorsnapshot" in sql
        for sql in seen["default"]
    )
    assert not any(sql.startswith(("INSERT", "UPDATE", "DELETE")) for sql in seen["replica"])

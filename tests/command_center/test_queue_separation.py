"""A long query batch never delays the nightly scan (issue 20, queues by kind).

Two real Celery worker processes on the real Redis broker, as `make run` and
docker-compose.yml start them: one consumes `queries`, one `scans`. The queries
worker is made busy with a batch for as long as the test says (a row lock the test
holds stops the batch's first chunk inside the worker: no timing involved). While
it is held there, the reminder scan is sent and is run by the scans worker, and a
second queries task waits behind the batch, as the scan would if it shared the
queue."""

from __future__ import annotations

import datetime as dt
import os

import psycopg2
import pytest
from django.conf import settings as django_settings
from django.db import connection

from command_center.services.queries import request_property_query
from command_center.tasks import resume_stalled_query_jobs, scan_reminders
from haikou_exec.celery import app
from haikou_exec.choices import JobStatus
from haikou_exec.models import BackgroundJob
from tests.command_center.conftest import many_cases
from tests.reliability.infra import (
    ROOT,
    database_url_for_tests,
    start_worker,
    stop_process,
    wait_for,
)

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _purge_queues() -> None:
    with app.connection_for_write() as conn:
        for queue in django_settings.CELERY_QUEUE_NAMES:
            conn.default_channel.queue_purge(queue)


def _blocked_by(locker_pid: int) -> int:
    """How many database sessions wait for a lock the locker holds."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))",
            [locker_pid],
        )
        return cursor.fetchone()[0]


def test_a_busy_queries_worker_does_not_delay_the_scan(settings, org, user):
    database_url = database_url_for_tests(settings)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": settings.REDIS_URL,
        "DB_CONN_MAX_AGE": "0",
        "PROPERTY_QUERY_SANDBOX_LATENCY_MS": "0",
        "PROPERTY_QUERY_SANDBOX_FAILURE_RATE": "0",
        "PROPERTY_QUERY_PARALLELISM": "1",
        "PYTHONPATH": str(ROOT),
    }
    settings.PROPERTY_QUERY_PARALLELISM = 1
    _purge_queues()
    ids = many_cases(20)
    # The batch is on the `queries` queue (sent when the request committed).
    job = request_property_query(user=user("center_staff"), case_ids=ids)
    assert BackgroundJob.objects.get(pk=job.pk).celery_task_id

    # Hold the job's row: the batch's first chunk, once a worker takes it, stops
    # at the row and keeps the queries worker busy until the lock is released.
    locker = psycopg2.connect(database_url)
    queries_worker = scans_worker = None
    try:
        with locker.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            locker_pid = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT id FROM {BackgroundJob._meta.db_table} WHERE id = %s FOR UPDATE",
                [job.pk],
            )
        queries_worker = start_worker(env, "queries", queues=("queries",))
        scans_worker = start_worker(env, "scans", queues=("scans",))
        wait_for(lambda: _blocked_by(locker_pid) == 1, 300, 0.5, "the batch to hold the worker")

        # Behind the batch on its queue: a second queries task (the batches' watchdog).
        behind = resume_stalled_query_jobs.delay()
        # The nightly scan goes to `scans` and its own worker runs it meanwhile.
        scan = scan_reminders.delay(today=dt.date(2026, 11, 20).isoformat())
        assert isinstance(scan.get(timeout=300), dict)

        # Still inside the batch: its worker is held, the batch has not moved and
        # the task queued behind it has not run.
        assert _blocked_by(locker_pid) == 1
        held = BackgroundJob.objects.get(pk=job.pk)
        assert held.status == JobStatus.PENDING and held.done == 0
        assert not behind.ready()

        # The batch goes on once the lock is gone, and then the task behind it.
        locker.rollback()
        wait_for(
            lambda: BackgroundJob.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED,
            600,
            1,
            "the batch to finish",
        )
        assert behind.get(timeout=300) == 0
    finally:
        locker.close()
        stop_process(queries_worker)
        stop_process(scans_worker)

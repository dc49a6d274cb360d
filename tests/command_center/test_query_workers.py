"""Query batches on real Celery workers and the real Redis broker: a 1,000-case
batch with its progress, and a worker killed mid-batch (kill -9) and replaced,
with nothing lost and nothing found twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from cases.models import EnforcementCase, InvestigationStep
from command_center.choices import QueryStatus
from command_center.models import AssetQuery
from command_center.providers.sandbox import SandboxPropertyNetwork
from command_center.services.queries import request_property_query
from haikou_exec.choices import JobStatus
from haikou_exec.models import BackgroundJob
from tests.command_center.conftest import expected_records, found_records, many_cases
from tests.reliability.infra import database_url_for_tests

ROOT = Path(__file__).resolve().parents[2]
INSTITUTIONS = len(SandboxPropertyNetwork().institutions())


def _purge_broker() -> None:
    """Start from an empty queue (and no unacknowledged leftovers) on our Redis db."""
    import redis

    from haikou_exec.celery import app

    with app.connection_for_write() as conn:
        for queue in django_settings.CELERY_QUEUE_NAMES:
            conn.default_channel.queue_purge(queue)
    client = redis.Redis.from_url(django_settings.REDIS_URL)
    client.delete("unacked", "unacked_index", "unacked_mutex")


def _wait(predicate, timeout: float, interval: float = 0.5, on_tick=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if on_tick:
            on_tick()
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s")


def _job(job_id) -> BackgroundJob:
    return BackgroundJob.objects.get(pk=job_id)


@pytest.mark.celery_worker
def test_real_worker_runs_a_batch_of_several_chunks_with_progress(
    settings, org, user, celery_worker_thread
):
    settings.PROPERTY_QUERY_SANDBOX_LATENCY_MS = 0
    settings.PROPERTY_QUERY_SANDBOX_FAILURE_RATE = 0.05
    settings.PROPERTY_QUERY_RETRY_BASE_SECONDS = 0.05
    settings.PROPERTY_QUERY_MAX_ATTEMPTS = 10
    settings.PROPERTY_QUERY_CHUNK_SIZE = 50
    settings.PROPERTY_QUERY_PARALLELISM = 1
    _purge_broker()
    # The implementation cases among 200 seeded (review cases are not queried),
    # in four chunks of 50: the bar moves between chunks, transient failures are
    # retried and every record arrives once, as with a thousand.
    ids = many_cases(200)
    assert 150 < len(ids) <= 200
    # The centre starts the batch; the task is enqueued when the request commits.
    job = request_property_query(user=user("center_staff"), case_ids=ids)
    seen = set()
    _wait(
        lambda: _job(job.pk).status == JobStatus.SUCCEEDED,
        timeout=900,
        interval=1,
        on_tick=lambda: seen.add(_job(job.pk).percent),
    )
    job.refresh_from_db()
    assert job.total == job.done == len(ids) * INSTITUTIONS and job.percent == 100
    assert any(0 < p < 100 for p in seen), seen  # the bar moved
    rows = AssetQuery.objects.filter(job=job)
    assert rows.count() == len(ids) * INSTITUTIONS
    assert set(rows.values_list("status", flat=True)) == {QueryStatus.OK}
    assert rows.filter(attempts__gt=1).exists()  # transient failures were retried
    expected, found = expected_records(ids), found_records(ids)
    assert sum(map(len, expected.values())) > 100
    assert {k: sorted(v) for k, v in found.items()} == {k: sorted(v) for k, v in expected.items()}
    from django.test import Client

    client = Client()
    client.force_login(user("center_staff"))
    page = client.get(f"/centre/jobs/{job.pk}/").content.decode()
    assert "100%" in page and "hx-trigger" not in page  # finished: no more polling


def _start_worker(name: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "tests" / "command_center" / "worker_main.py"),
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-mingle",
            "--without-gossip",
            f"--hostname={name}@%h",
            "--loglevel=INFO",
            "-Q",
            ",".join(django_settings.CELERY_QUEUE_NAMES),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_batch_resumes_without_duplicates(settings, org, user):
    database_url = database_url_for_tests(settings)  # the test database
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": settings.REDIS_URL,
        "DB_CONN_MAX_AGE": "0",
        "PROPERTY_QUERY_SANDBOX_LATENCY_MS": "4",
        "PROPERTY_QUERY_SANDBOX_FAILURE_RATE": "0.1",
        "PROPERTY_QUERY_RETRY_BASE_SECONDS": "0.2",
        "PROPERTY_QUERY_MAX_ATTEMPTS": "10",
        "PROPERTY_QUERY_CHUNK_SIZE": "5",
        "PROPERTY_QUERY_PARALLELISM": "1",
        "TEST_VISIBILITY_TIMEOUT": "4",
        "PYTHONPATH": str(ROOT),
    }
    settings.PROPERTY_QUERY_PARALLELISM = 1
    _purge_broker()
    ids = many_cases(150)
    open_ids = set(
        EnforcementCase.objects.filter(pk__in=ids)
        .exclude(status="closed")
        .values_list("pk", flat=True)
    )
    # The demo's 终本 cases already carry their investigation steps; count new ones.
    seeded_steps = Counter(
        InvestigationStep.objects.filter(case_id__in=ids).values_list("case_id", "kind")
    )
    job = request_property_query(user=user("center_staff"), case_ids=ids)
    first = _start_worker("first", env)
    try:
        _wait(lambda: _job(job.pk).done >= _job(job.pk).total * 0.2 > 0, timeout=300)
        first.send_signal(signal.SIGKILL)  # kill -9, mid-batch
        first.wait(timeout=30)
        killed_at = _job(job.pk)
        assert killed_at.status == JobStatus.RUNNING and killed_at.done < killed_at.total
        time.sleep(2)
        assert _job(job.pk).done == killed_at.done  # nobody is working now
        second = _start_worker("second", env)
        try:
            _wait(lambda: _job(job.pk).status == JobStatus.SUCCEEDED, timeout=600, interval=1)
        finally:
            _stop(second)
    finally:
        _stop(first)
    job.refresh_from_db()
    assert job.done == job.total == len(ids) * INSTITUTIONS
    assert job.celery_task_id != killed_at.celery_task_id  # the second worker finished it
    rows = AssetQuery.objects.filter(job=job)
    assert rows.count() == len(ids) * INSTITUTIONS
    assert set(rows.values_list("status", flat=True)) == {QueryStatus.OK}
    # Every record found exactly once, none lost.
    expected, found = expected_records(ids), found_records(ids)
    assert {k: sorted(v) for k, v in found.items()} == {k: sorted(v) for k, v in expected.items()}
    # One investigation step per open case and kind of institution, none twice.
    steps = (
        Counter(InvestigationStep.objects.filter(case_id__in=ids).values_list("case_id", "kind"))
        - seeded_steps
    )
    assert set(steps.values()) == {1}
    assert {case_id for case_id, _kind in steps} == open_ids
    assert len(steps) == 4 * len(open_ids)

"""The broker (Redis) goes away: the web stays up and says so, no job is lost,
and queued work runs when Redis is back. Real parts throughout: a private
redis-server, gunicorn, Celery worker processes and the test PostgreSQL.

What "no job is lost" rests on: a batch's durable state is in PostgreSQL (the
``BackgroundJob`` row and one ``AssetQuery`` row per case and institution); the
broker only carries "work on job N" messages. The periodic sweep
(``resume_stalled_query_jobs``) sends again any job that was never sent or whose
worker went quiet, and chunks are idempotent, so a message lost with Redis is
replaced and a duplicate does nothing twice."""

from __future__ import annotations

import http.cookiejar
import re
import signal
import time
import urllib.parse
import urllib.request

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from cases.models import EnforcementCase
from command_center.choices import QueryStatus
from command_center.models import AssetQuery
from command_center.providers.sandbox import SandboxPropertyNetwork
from command_center.services.queries import request_property_query
from haikou_exec.choices import JobStatus
from haikou_exec.models import BackgroundJob
from tests.command_center.conftest import expected_records, found_records, many_cases
from tests.reliability.infra import (
    PrivateRedis,
    free_port,
    get_json,
    process_env,
    run_django,
    start_gunicorn,
    start_worker,
    stop_process,
    wait_for,
)

INSTITUTIONS = len(SandboxPropertyNetwork().institutions())

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

# The beat's sweep, run now; a job not sent counts as such at once (not after
# the default 30 s grace that lets a request's own dispatch happen first).
SWEEP = (
    "from django.conf import settings\n"
    "settings.PROPERTY_QUERY_DISPATCH_GRACE_SECONDS = 0\n"
    "from command_center.services.queries import resume_stalled_jobs\n"
)


@pytest.fixture
def redis(tmp_path):
    server = PrivateRedis(tmp_path / "redis")
    server.start()
    yield server
    server.stop(signal.SIGKILL)


def _job(pk) -> BackgroundJob:
    return BackgroundJob.objects.get(pk=pk)


def _assert_complete_and_once(job_id: int, ids: list[int]) -> None:
    job = _job(job_id)
    assert job.status == JobStatus.SUCCEEDED
    assert job.done == job.total == len(ids) * INSTITUTIONS
    rows = AssetQuery.objects.filter(job_id=job_id)
    assert rows.count() == len(ids) * INSTITUTIONS
    assert set(rows.values_list("status", flat=True)) == {QueryStatus.OK}
    expected, found = expected_records(ids), found_records(ids)
    assert {k: sorted(v) for k, v in found.items()} == {k: sorted(v) for k, v in expected.items()}


def test_web_stays_up_while_the_broker_is_down_and_queued_work_runs_when_it_returns(
    settings, org, redis, tmp_path
):
    env = process_env(settings, redis)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    ids = many_cases(4)
    case_numbers = "\n".join(
        EnforcementCase.objects.filter(pk__in=ids).values_list("case_number", flat=True)
    )
    client = Client()
    client.force_login(get_user_model().objects.get(username="center_staff"))
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    browser.addheaders = [("Cookie", f"sessionid={client.cookies['sessionid'].value}")]

    log = tmp_path / "gunicorn.log"
    web = start_gunicorn(env, port, log)
    worker = None
    try:
        redis.stop()  # the broker (and the cache) are gone

        status, health = get_json(f"{base}/healthz")
        assert status == 200 and health["status"] == "degraded"
        assert health["database"]["status"] == "up" and health["broker"]["status"] == "down"

        # The affairs centre starts a batch in the browser: no error page.
        form = browser.open(f"{base}/centre/queries/new/", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        csrf_cookie = next(c.value for c in jar if c.name == "csrftoken")
        browser.addheaders = [
            ("Cookie", f"sessionid={client.cookies['sessionid'].value}; csrftoken={csrf_cookie}"),
            ("Referer", f"{base}/centre/queries/new/"),
        ]
        started = time.monotonic()
        response = browser.open(
            f"{base}/centre/queries/new/",
            data=urllib.parse.urlencode(
                {"csrfmiddlewaretoken": token, "case_numbers": case_numbers, "limit": "1000"}
            ).encode(),
            timeout=60,
        )
        page = response.read().decode()
        assert response.status == 200 and time.monotonic() - started < 30
        job = BackgroundJob.objects.get()
        assert response.url.endswith(job.get_absolute_url())
        # ... and the page says plainly that the work is queued, not lost.
        assert "后台任务暂不可用" in page and "已排队" in page, page
        assert job.status == JobStatus.PENDING and job.celery_task_id == ""
        # Other pages work as usual while the broker is down.
        assert browser.open(f"{base}/cases/", timeout=30).status == 200

        # Redis comes back, a worker runs, the sweep (a beat task) sends the job.
        redis.start()
        worker = start_worker(env, "back")
        out = run_django(env, SWEEP + "print(resume_stalled_jobs())")
        assert out.strip() == "1"
        wait_for(lambda: _job(job.pk).is_finished, 60, 0.5, "the queued job to finish")
        _assert_complete_and_once(job.pk, ids)
        status, health = get_json(f"{base}/healthz")
        assert health["broker"]["status"] == "up"
    except BaseException:
        print(log.read_text()[-5000:])  # the server's side of the failure
        raise
    finally:
        stop_process(worker)
        stop_process(web, signal.SIGTERM)


def test_redis_restarted_during_a_batch_loses_no_job(settings, org, redis):
    env = process_env(
        settings,
        redis,
        PROPERTY_QUERY_CHUNK_SIZE=2,
        PROPERTY_QUERY_SANDBOX_LATENCY_MS=15,
    )
    ids = many_cases(30)
    centre = get_user_model().objects.get(username="center_staff")
    job = request_property_query(user=centre, case_ids=ids, enqueue=False)
    worker = start_worker(env, "steady")
    try:
        run_django(env, SWEEP + "print(resume_stalled_jobs())")  # the job is sent
        total = len(ids) * INSTITUTIONS
        wait_for(lambda: _job(job.pk).done > 0, 60, 0.2, "the batch to start")
        assert _job(job.pk).done < total

        # Redis is killed outright mid-batch (no clean shutdown) and restarted.
        redis.stop(signal.SIGKILL)
        time.sleep(0.5)
        redis.start()

        # The worker reconnects by itself. Whatever the broker lost, the sweep
        # (every few minutes in production; here whenever progress stops for
        # a few seconds) sends the job again from its rows in PostgreSQL.
        sweeps = 0
        deadline = time.monotonic() + 90
        while not _job(job.pk).is_finished:
            assert time.monotonic() < deadline, f"job stuck at {_job(job.pk).done}/{total}"
            before = _job(job.pk).done
            time.sleep(3)
            current = _job(job.pk)
            if not current.is_finished and current.done == before:
                run_django(env, SWEEP + "resume_stalled_jobs(stalled_minutes=0.02)")
                sweeps += 1
        _assert_complete_and_once(job.pk, ids)
        assert sweeps <= 3
    finally:
        stop_process(worker)

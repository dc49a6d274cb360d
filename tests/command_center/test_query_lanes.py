"""A batch's lanes under load: lane 0 prepares the rows and then starts the others,
and the web's bookkeeping never waits for a worker.

Found by `make load SCALE=design USERS=50`: two lanes preparing one batch side by
side deadlocked on its rows, and the request that had just created the batch queued
behind them and answered 503 for a batch that was stored.
"""

from __future__ import annotations

import psycopg2
import pytest
from django.db import connection

from command_center.models import AssetQuery
from command_center.services.queries import enqueue_job, request_property_query
from command_center.services.query_chunks import run_query_chunk
from haikou_exec.choices import JobStatus
from haikou_exec.models import BackgroundJob
from tests.dbtemplate import connection_params


@pytest.fixture
def sent(monkeypatch):
    """The lanes sent to the broker, as (job id, lane)."""
    out: list[tuple[int, int]] = []

    class Message:
        id = "task-id"

    def apply_async(*, args, countdown=0):
        out.append(tuple(args))
        return Message()

    from command_center import tasks

    monkeypatch.setattr(tasks.run_property_query, "apply_async", apply_async)
    return out


@pytest.mark.django_db
def test_a_pending_batch_starts_with_lane_0_which_sends_the_others_once_prepared(
    network, settings, org, user, sent
):
    settings.PROPERTY_QUERY_PARALLELISM = 3
    from tests.command_center.conftest import (
        assign_to_xy_team,
        file_demo_case,
        respondent_with_property,
    )

    cases = [
        assign_to_xy_team(
            file_demo_case(user("xy_judge"), respondent_id=respondent_with_property(i)), user
        )
        for i in range(3)
    ]
    job = request_property_query(
        user=user("xy_judge"), case_ids=[c.pk for c in cases], enqueue=False
    )
    assert job.parameters["lanes"] == 3
    enqueue_job(job.pk)
    assert sent == [(job.pk, 0)]
    # A lane other than 0 that arrives first (a redelivery) prepares nothing.
    assert run_query_chunk(job.pk, lane=2).next_in is None
    assert not AssetQuery.objects.filter(job=job).exists()
    job.refresh_from_db()
    assert job.status == JobStatus.PENDING
    # Lane 0 prepares every row, then sends lanes 1 and 2.
    run_query_chunk(job.pk, lane=0)
    assert AssetQuery.objects.filter(job=job).values("case").distinct().count() == 3
    assert sent == [(job.pk, 0), (job.pk, 1), (job.pk, 2)]
    # A running batch that stalled gets every lane again.
    sent.clear()
    enqueue_job(job.pk)
    assert sent == [(job.pk, 0), (job.pk, 1), (job.pk, 2)]


@pytest.mark.django_db(transaction=True)
def test_the_web_does_not_wait_for_a_worker_that_holds_the_batch(network, xy_case, user, sent):
    job = request_property_query(user=user("xy_judge"), case_ids=[xy_case.pk], enqueue=False)
    worker = psycopg2.connect(**connection_params())
    try:
        with worker.cursor() as cur:  # a worker starting the batch holds its row
            cur.execute(
                "SELECT id FROM command_center_backgroundjob WHERE id = %s FOR UPDATE", [job.pk]
            )
            with connection.cursor() as ours:  # waiting would fail here, not hang
                ours.execute("SET lock_timeout = '3s'")
            assert enqueue_job(job.pk) is True
        assert (
            BackgroundJob.objects.get(pk=job.pk).celery_task_id == ""
        )  # the worker records its own
        worker.rollback()
        enqueue_job(job.pk)  # nobody holds it: the message is recorded
        assert BackgroundJob.objects.get(pk=job.pk).celery_task_id == "task-id"
    finally:
        worker.close()
        with connection.cursor() as ours:
            ours.execute("SET lock_timeout = 0")


@pytest.mark.django_db
def test_a_batch_finishes_through_the_job_table_once(network, xy_case, user, sent):
    """finish_batch moves running → succeeded by JOB_TRANSITIONS: a batch lane 0 has not
    prepared (still pending) is not finished — no error, and never reported as
    "0 cases queried" — and a finished one is left alone."""
    from command_center.services.query_chunks import finish_batch, run_job_inline

    job = request_property_query(user=user("xy_judge"), case_ids=[xy_case.pk], enqueue=False)
    assert finish_batch(job.pk) is False
    job.refresh_from_db()
    assert job.status == JobStatus.PENDING and job.finished_at is None
    run_job_inline(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.result["cases"] == 1
    assert finish_batch(job.pk) is False

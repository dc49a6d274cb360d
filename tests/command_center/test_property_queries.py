"""Online property query and control (网络查控): the sandbox provider, batches
run in-process, failures as visible states, idempotent reruns, freezes."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cases.models import InvestigationStep, Measure, PropertyFinding
from command_center.choices import QueryStatus
from command_center.models import AssetQuery, FreezeRequest
from command_center.providers import property_network
from command_center.providers.base import ProviderRejected, ProviderUnavailable, Subject
from command_center.providers.sandbox import SandboxPropertyNetwork
from command_center.services.freezes import execute_freeze, request_freeze
from command_center.services.queries import request_property_query
from command_center.services.query_chunks import run_job_inline, run_query_chunk
from haikou_exec.choices import JobStatus
from haikou_exec.identifiers import make_resident_id
from haikou_exec.models import BackgroundJob
from tests.command_center.conftest import expected_records, found_records

ONLINE_STEPS = {"online_deposits", "online_vehicles", "online_real_estate", "online_securities"}


def test_sandbox_is_deterministic_per_id_number_and_realistic():
    net = SandboxPropertyNetwork()
    ids = [make_resident_id(random.Random(i)) for i in range(300)]
    first = {
        (i, inst.code): net.query(
            request_no="a", institution_code=inst.code, subject=Subject("x", i)
        )
        for i in ids
        for inst in net.institutions()
    }
    again = SandboxPropertyNetwork()
    assert all(
        again.query(request_no="b", institution_code=code, subject=Subject("x", i)) == records
        for (i, code), records in first.items()
    )
    holders = {i for (i, _code), records in first.items() if records}
    # Most debtors hold something somewhere, but far from all, and differently.
    assert 0.3 * len(ids) < len(holders) < 0.95 * len(ids)
    kinds = {r.asset_type for records in first.values() for r in records}
    assert kinds == {"bank_deposit", "real_estate", "vehicle", "securities"}
    deposit = next(
        r for records in first.values() for r in records if r.asset_type == "bank_deposit"
    )
    assert deposit.value >= 0 and str(deposit.value) in deposit.description.replace(",", "")
    with pytest.raises(ProviderRejected):
        net.query(request_no="c", institution_code="icbc", subject=Subject("x", "123"))


def test_sandbox_fails_a_deterministic_fraction_of_calls():
    net = SandboxPropertyNetwork(failure_rate=0.2)
    subject = Subject("x", make_resident_id(random.Random(1)))

    def outcome(request_no):
        try:
            net.query(request_no=request_no, institution_code="boc", subject=subject)
            return "ok"
        except ProviderUnavailable:
            return "down"

    results = [outcome(f"r{i}") for i in range(2000)]
    assert 300 < results.count("down") < 500
    assert results == [outcome(f"r{i}") for i in range(2000)]  # the same serial, the same answer


def test_provider_is_chosen_by_setting(settings):
    settings.PROPERTY_QUERY_PROVIDER = "sandbox"
    settings.PROPERTY_QUERY_SANDBOX_LATENCY_MS = 7
    assert isinstance(property_network(), SandboxPropertyNetwork)
    assert property_network().latency_ms == 7
    settings.PROPERTY_QUERY_PROVIDER = "command_center.providers.sandbox.SandboxPropertyNetwork"
    assert property_network().is_sandbox


@pytest.mark.django_db
def test_team_queries_its_case_findings_and_steps_recorded_once(network, xy_case, user):
    job = request_property_query(user=user("xy_judge"), case_ids=[xy_case.pk], enqueue=False)
    run_job_inline(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.percent == 100
    assert job.total == job.done == len(SandboxPropertyNetwork().institutions())
    expected = expected_records([xy_case.pk])[xy_case.pk]
    assert expected, "the fixture's respondent holds something"
    assert sorted(found_records([xy_case.pk])[xy_case.pk]) == sorted(expected)
    finding = PropertyFinding.objects.filter(case=xy_case).first()
    assert finding.source == "online_query" and finding.found_at is not None
    steps = InvestigationStep.objects.filter(case=xy_case)
    assert set(steps.values_list("kind", flat=True)) == ONLINE_STEPS and steps.count() == 4
    assert steps.get(kind="online_deposits").found_property
    # The 5-day online-query node is done.
    assert xy_case.nodes.get(definition__code="online_query").status == "done"
    # A rerun asks again but records no finding twice.
    again = request_property_query(user=user("xy_judge"), case_ids=[xy_case.pk], enqueue=False)
    run_job_inline(again.pk)
    again.refresh_from_db()
    assert PropertyFinding.objects.filter(case=xy_case).count() == len(expected)
    assert again.result["new_findings"] == 0 and again.result["records"] == len(expected)


@pytest.mark.django_db
def test_a_redelivered_chunk_repeats_nothing(network, xy_case, user):
    from tests.command_center.conftest import assign_to_xy_team, file_demo_case

    other = assign_to_xy_team(file_demo_case(user("xy_judge"), seed=2), user)
    network.PROPERTY_QUERY_CHUNK_SIZE = 1
    job = request_property_query(
        user=user("xy_judge"), case_ids=[xy_case.pk, other.pk], enqueue=False
    )
    first = run_query_chunk(job.pk, task_id="t1")
    assert first.processed == 1 and first.next_in == 0
    done = AssetQuery.objects.filter(job=job, case=xy_case)
    assert set(done.values_list("status", flat=True)) == {"ok"}
    findings = PropertyFinding.objects.filter(case=xy_case).count()
    # The same message delivered again (the worker died before acknowledging):
    # the rows exist once, the answered case is not asked again, the next one is.
    second = run_query_chunk(job.pk, task_id="t1")
    assert second.processed == 1 and second.finished
    assert AssetQuery.objects.filter(job=job).count() == 2 * len(
        SandboxPropertyNetwork().institutions()
    )
    assert set(done.values_list("attempts", flat=True)) == {1}
    assert InvestigationStep.objects.filter(case=xy_case).count() == 4
    assert PropertyFinding.objects.filter(case=xy_case).count() == findings
    job.refresh_from_db()
    assert job.status == "succeeded" and job.done == job.total


@pytest.mark.django_db
def test_provider_failure_is_a_visible_retried_state_never_a_lost_finding(network, xy_case, user):
    network.PROPERTY_QUERY_SANDBOX_FAILURE_RATE = 1.0
    network.PROPERTY_QUERY_MAX_ATTEMPTS = 3
    job = request_property_query(user=user("center_staff"), case_ids=[xy_case.pk], enqueue=False)
    outcome = run_query_chunk(job.pk)
    rows = AssetQuery.objects.filter(job=job)
    assert set(rows.values_list("status", flat=True)) == {QueryStatus.RETRYING}
    assert all(r.last_error and r.next_attempt_at for r in rows)
    assert outcome.next_in is not None  # the chunk schedules the retry
    page = user("center_staff")
    from django.test import Client

    client = Client()
    client.force_login(page)
    listing = client.get("/centre/queries/", {"job": job.pk, "status": "retrying"}).content.decode()
    assert listing.count("系统繁忙") == rows.count()
    run_job_inline(job.pk)
    job.refresh_from_db()
    assert set(rows.values_list("status", flat=True)) == {QueryStatus.FAILED}
    assert set(rows.values_list("attempts", flat=True)) == {3}
    assert job.status == JobStatus.SUCCEEDED and job.result["failed"] == rows.count()
    assert "run the batch again" in job.message or "重新" in job.message
    assert not PropertyFinding.objects.filter(case=xy_case).exists()
    assert not InvestigationStep.objects.filter(case=xy_case).exists()
    # The network is back: running the batch again finds everything.
    network.PROPERTY_QUERY_SANDBOX_FAILURE_RATE = 0.0
    rerun = request_property_query(user=user("center_staff"), case_ids=[xy_case.pk], enqueue=False)
    run_job_inline(rerun.pk)
    assert sorted(found_records([xy_case.pk])[xy_case.pk]) == sorted(
        expected_records([xy_case.pk])[xy_case.pk]
    )


@pytest.mark.django_db
def test_partial_failures_are_retried_until_answered(network, org, user):
    from tests.command_center.conftest import many_cases

    network.PROPERTY_QUERY_SANDBOX_FAILURE_RATE = 0.3
    network.PROPERTY_QUERY_MAX_ATTEMPTS = 12
    network.PROPERTY_QUERY_PARALLELISM = 2
    network.PROPERTY_QUERY_CHUNK_SIZE = 4
    ids = many_cases(20)
    job = request_property_query(user=user("center_staff"), case_ids=ids, enqueue=False)
    run_job_inline(job.pk)
    rows = AssetQuery.objects.filter(job=job)
    assert set(rows.values_list("status", flat=True)) == {QueryStatus.OK}
    assert rows.filter(attempts__gt=1).count() > 0.15 * rows.count()  # retries happened
    expected, found = expected_records(ids), found_records(ids)
    assert {k: sorted(v) for k, v in found.items()} == {k: sorted(v) for k, v in expected.items()}


@pytest.mark.django_db
def test_only_your_own_cases_are_queried(network, xy_case, user):
    with pytest.raises(ValidationError):
        request_property_query(user=user("lh_judge"), case_ids=[xy_case.pk], enqueue=False)
    assert not BackgroundJob.objects.exists()
    # The affairs centre works for every court.
    request_property_query(user=user("center_staff"), case_ids=[xy_case.pk], enqueue=False)


@pytest.mark.django_db
def test_api_starts_a_batch_and_lists_rows_with_their_court(network, login, xy_case):
    client = login("xy_judge")
    response = client.post(
        "/api/v1/asset-queries/",
        {"case_numbers": [xy_case.case_number.replace("（", "(").replace("）", ")")]},
        content_type="application/json",
    )
    assert response.status_code == 202, response.content
    job_id = response.json()["id"]
    run_job_inline(job_id)
    rows = client.get("/api/v1/asset-queries/", {"job": job_id}).json()
    assert rows["count"] == len(SandboxPropertyNetwork().institutions())
    assert {r["court"] for r in rows["results"]} == {"琼0105"}
    assert {r["status"] for r in rows["results"]} == {"ok"}
    other = login("lh_judge")
    assert other.get("/api/v1/asset-queries/", {"job": job_id}).json()["count"] == 0
    denied = other.post(
        "/api/v1/asset-queries/", {"cases": [xy_case.pk]}, content_type="application/json"
    )
    assert denied.status_code == 400 and "cases" in denied.json()


@pytest.mark.django_db
def test_freeze_goes_through_the_same_interface_and_becomes_a_measure(
    network, xy_case, user, login
):
    job = request_property_query(user=user("xy_judge"), case_ids=[xy_case.pk], enqueue=False)
    run_job_inline(job.pk)
    deposit = PropertyFinding.objects.filter(case=xy_case, asset_type="bank_deposit").first()
    assert deposit is not None
    freeze = request_freeze(
        user=user("xy_judge"),
        finding_id=deposit.pk,
        amount=Decimal("50000.00"),
        ruling_number="（2026）琼0105执1号之一",
        enqueue=False,
    )
    with pytest.raises(ValidationError):  # asking twice freezes once
        request_freeze(
            user=user("xy_judge"),
            finding_id=deposit.pk,
            amount=Decimal("1.00"),
            ruling_number="x",
            enqueue=False,
        )
    assert execute_freeze(freeze.pk) is None
    freeze.refresh_from_db()
    assert freeze.status == "frozen" and freeze.provider_reference.startswith("DJ")
    assert freeze.frozen_amount == min(Decimal("50000.00"), deposit.estimated_value)
    measure = Measure.objects.get(pk=freeze.measure_id)
    assert measure.kind == "freeze" and measure.asset_type == "bank_deposit"
    assert measure.expires_on == freeze.frozen_until  # in the expiry register
    # Another court cannot freeze it, and cannot see the request.
    with pytest.raises(ValidationError):
        request_freeze(
            user=user("lh_judge"),
            finding_id=deposit.pk,
            amount=Decimal("1"),
            ruling_number="x",
            enqueue=False,
        )
    assert login("lh_judge").get(f"/centre/freezes/{freeze.pk}/").status_code == 404


@pytest.mark.django_db
def test_freeze_retries_a_transient_failure(network, xy_case, user):
    job = request_property_query(user=user("xy_judge"), case_ids=[xy_case.pk], enqueue=False)
    run_job_inline(job.pk)
    deposit = PropertyFinding.objects.filter(case=xy_case, asset_type="bank_deposit").first()
    network.PROPERTY_QUERY_SANDBOX_FAILURE_RATE = 1.0
    network.PROPERTY_QUERY_RETRY_BASE_SECONDS = 1
    freeze = request_freeze(
        user=user("xy_judge"),
        finding_id=deposit.pk,
        amount=Decimal("10"),
        ruling_number="r",
        enqueue=False,
    )
    delay = execute_freeze(freeze.pk)
    freeze.refresh_from_db()
    assert delay is not None and delay >= 1 and freeze.status == "retrying" and freeze.last_error
    network.PROPERTY_QUERY_SANDBOX_FAILURE_RATE = 0.0
    freeze.next_attempt_at = None
    freeze.save()
    assert execute_freeze(freeze.pk) is None
    freeze.refresh_from_db()
    assert freeze.status == "frozen" and freeze.attempts == 2
    assert FreezeRequest.objects.count() == 1


@pytest.mark.django_db
def test_a_batch_whose_worker_went_away_is_enqueued_again(network, xy_case, user, eager_celery):
    import datetime as dt

    from django.utils import timezone

    from command_center.services.queries import resume_stalled_jobs
    from tests.command_center.conftest import assign_to_xy_team, file_demo_case

    other = assign_to_xy_team(file_demo_case(user("xy_judge"), seed=3), user)
    network.PROPERTY_QUERY_CHUNK_SIZE = 1
    job = request_property_query(
        user=user("center_staff"), case_ids=[xy_case.pk, other.pk], enqueue=False
    )
    run_query_chunk(job.pk)  # one case done, then the worker "dies"
    assert resume_stalled_jobs() == 0  # a fresh heartbeat: still being worked on
    BackgroundJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - dt.timedelta(minutes=30)
    )
    assert resume_stalled_jobs() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.done == job.total
    assert AssetQuery.objects.filter(job=job, attempts=1).count() == job.total

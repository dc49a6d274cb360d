"""Scheduled jobs: declared for Celery beat (editable in the admin), the 终本
six-monthly re-query for five years, the deadline scan, funds undisbursed
after 30 days, seizure expiry and overdue directive feedback."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import CaseNode, EnforcementCase, Measure
from command_center.choices import RequeryStatus
from command_center.models import RequeryRound
from command_center.services import reminders
from command_center.services.query_chunks import run_job_inline
from command_center.services.requery import (
    due_rounds,
    inform_applicants,
    requery_schedule,
    schedule_due_requeries,
)
from haikou_exec.models import Notification
from tests.command_center.conftest import (
    assign_to_xy_team,
    file_demo_case,
    respondent_with_property,
)

D = dt.date


@pytest.mark.django_db
def test_schedules_are_declared_for_beat_and_the_admin_keeps_its_edits(org):
    from django_celery_beat.models import PeriodicTask

    from command_center.schedules import sync_periodic_tasks

    PeriodicTask.objects.all().delete()
    created = sync_periodic_tasks()
    tasks = {t.task: t for t in PeriodicTask.objects.select_related("crontab")}
    for name in [
        "command_center.tasks.scan_reminders",
        "command_center.tasks.schedule_termination_requeries",
        "command_center.tasks.escalate_overdue_directives",
        "command_center.tasks.resume_stalled_query_jobs",
    ]:
        assert name in tasks, name
    # The reminder scan runs every hour (issue 16), not only at night.
    scan = tasks["command_center.tasks.scan_reminders"]
    assert (scan.crontab.minute, scan.crontab.hour) == ("50", "*")
    assert json.loads(scan.kwargs) == {}
    # An administrator edits the schedule; a later sync leaves it alone.
    scan.crontab.hour = "3"
    scan.crontab.save()
    assert sync_periodic_tasks() == 0 and created >= 7
    assert PeriodicTask.objects.get(pk=scan.pk).crontab.hour == "3"
    # Every declared task exists in the Celery app.
    from haikou_exec.celery import app

    app.loader.import_default_modules()
    assert set(tasks) <= set(app.tasks)


@pytest.mark.django_db
def test_schedules_read_in_chinese_and_a_renamed_one_is_not_created_again(org):
    """Administrators read the schedules' names and descriptions in Chinese; a
    schedule is found by its task, so one an administrator renamed is not
    declared a second time (it would run twice)."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps as registry
    from django_celery_beat.models import PeriodicTask

    from command_center.schedules import declared_periodic_tasks, sync_periodic_tasks

    declared = declared_periodic_tasks()
    assert all(re.search(r"[\u4e00-\u9fff]", t["name"]) for t in declared)
    assert not [t["name"] for t in declared if re.search(r"[A-Za-z]{3,}", t["name"])]
    assert all(re.search(r"[\u4e00-\u9fff]", t["description"]) for t in declared)
    PeriodicTask.objects.all().delete()
    sync_periodic_tasks()
    scan = PeriodicTask.objects.get(task="command_center.tasks.scan_reminders")
    scan.name = "每小时提醒（本院调整）"
    scan.save()
    assert sync_periodic_tasks() == 0
    assert PeriodicTask.objects.filter(task=scan.task).count() == 1

    # A database made before: the half-English names and descriptions as they were
    # declared take the Chinese ones; what an administrator wrote stays.
    migration = importlib.import_module("command_center.migrations.0011_schedules_in_chinese")
    task, old_name, old_description, name, description = migration.RENAMED[0]
    outbox = next(r for r in migration.RENAMED if r[0].endswith("send_outbox_messages"))
    PeriodicTask.objects.filter(task=task).update(name=old_name, description=old_description)
    PeriodicTask.objects.filter(task=outbox[0]).update(name=outbox[1], description="本院说明")
    migration._rename(registry, SimpleNamespace(connection=connection))
    renamed = PeriodicTask.objects.get(task=task)
    assert (renamed.name, renamed.description) == (name, description)
    kept = PeriodicTask.objects.get(task=outbox[0])
    assert (kept.name, kept.description) == (outbox[3], "本院说明")
    assert PeriodicTask.objects.get(pk=scan.pk).name == "每小时提醒（本院调整）"
    migration._back(registry, SimpleNamespace(connection=connection))
    assert PeriodicTask.objects.get(task=task).name == old_name


def test_requery_every_six_months_for_five_years():
    assert requery_schedule(D(2026, 1, 15)) == [
        D(2026, 7, 15),
        D(2027, 1, 15),
        D(2027, 7, 15),
        D(2028, 1, 15),
        D(2028, 7, 15),
        D(2029, 1, 15),
        D(2029, 7, 15),
        D(2030, 1, 15),
        D(2030, 7, 15),
        D(2031, 1, 15),
    ]
    # Month ends: 31 August + 6 months is the last day of February.
    assert requery_schedule(D(2025, 8, 31))[:2] == [D(2026, 2, 28), D(2026, 8, 31)]
    assert due_rounds(D(2026, 1, 15), D(2026, 7, 14)) == []
    assert due_rounds(D(2026, 1, 15), D(2026, 7, 15)) == [(1, D(2026, 7, 15))]
    assert due_rounds(D(2026, 1, 15), D(2027, 3, 1))[-1] == (2, D(2027, 1, 15))
    assert due_rounds(D(2026, 1, 15), D(2033, 1, 1))[-1] == (10, D(2031, 1, 15))


def _close_as_terminated(case, closed_on):
    # Test setup: the closing service is exercised in tests/cases.
    EnforcementCase.objects.filter(pk=case.pk).update(
        status="closed", closing_type="terminated_procedure", closed_on=closed_on
    )
    CaseNode.objects.filter(case=case, status="open").update(status="cancelled")


@pytest.mark.django_db
def test_termination_requery_schedule_queries_informs_and_proposes_resumption(
    network, org, user, eager_celery, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    rich = respondent_with_property()
    judge = user("xy_judge")
    cases = {
        "too_early": file_demo_case(judge, seed=11, filed_on=D(2025, 1, 6)),
        "round_1": file_demo_case(
            judge,
            seed=12,
            filed_on=D(2025, 1, 6),
            respondent_id=rich,
            applicant_phone="13907560001",
        ),
        "round_3": file_demo_case(judge, seed=13, filed_on=D(2023, 1, 6)),
        "expired": file_demo_case(judge, seed=14, filed_on=D(2020, 1, 6)),
    }
    for case in cases.values():
        assign_to_xy_team(case, user)
    from cases.deadlines import add_months

    _close_as_terminated(cases["too_early"], add_months(today, -5))
    _close_as_terminated(cases["round_1"], add_months(today, -7))
    _close_as_terminated(cases["round_3"], add_months(today, -19))
    _close_as_terminated(cases["expired"], add_months(today, -62))
    result = schedule_due_requeries(today, enqueue=False)
    rounds = {r.case_id: r for r in RequeryRound.objects.order_by("round_number")}
    assert set(rounds) == {cases["round_1"].pk, cases["round_3"].pk}
    assert rounds[cases["round_1"].pk].round_number == 1
    assert rounds[cases["round_1"].pk].due_on == add_months(add_months(today, -7), 6)
    # The rounds missed before are owed too, not skipped (issue 17, finding 9).
    assert list(
        RequeryRound.objects.filter(case=cases["round_3"])
        .order_by("round_number")
        .values_list("round_number", flat=True)
    ) == [1, 2, 3]
    assert result["cases_queued"] == 2 and len(result["jobs"]) == 1
    assert set(RequeryRound.objects.values_list("status", flat=True)) == {RequeryStatus.QUERYING}
    with django_capture_on_commit_callbacks(execute=True):
        run_job_inline(result["jobs"][0])
    found = RequeryRound.objects.get(case=cases["round_1"])
    assert found.status == RequeryStatus.DONE and found.done_on == today
    assert found.found_property and found.findings_count > 0
    assert found.resumption_proposed_at is not None
    # The applicant is informed (by text message, through the sandbox gateway).
    assert found.applicant_informed_at is not None and found.notice_reference.startswith("SMS")
    assert cases["round_1"].case_number in found.applicant_notice
    # Resumption is proposed to the handling team and the director.
    proposal = Notification.objects.filter(dedup_key=f"requery:{found.pk}:resume")
    assert set(proposal.values_list("recipient__username", flat=True)) >= {
        "xy_judge",
        "xy_director",
    }
    assert proposal.first().link == f"/cases/{cases['round_1'].pk}/resume-enforcement/"
    # No online investigation step is added to a closed case.
    assert not cases["round_1"].investigations.exists()
    # Run again the same day: nothing new is queued.
    again = schedule_due_requeries(today, enqueue=False)
    assert again == {"rounds_created": 0, "cases_queued": 0, "jobs": []}
    # Six months later the next round is due; the re-query finds nothing new now.
    later = add_months(today, 6)
    nxt = schedule_due_requeries(later, enqueue=False)
    assert nxt["cases_queued"] == 3  # round 2, round 4, and the first of the later case
    with django_capture_on_commit_callbacks(execute=True):
        run_job_inline(nxt["jobs"][0])
    second = RequeryRound.objects.get(case=cases["round_1"], round_number=2)
    assert second.status == RequeryStatus.DONE and not second.found_property
    assert inform_applicants([second.pk]) == 0  # already informed once


@pytest.mark.django_db
def test_a_requery_nobody_answered_is_due_again(network, org, user):
    from cases.deadlines import add_months

    network.PROPERTY_QUERY_SANDBOX_FAILURE_RATE = 1.0
    network.PROPERTY_QUERY_MAX_ATTEMPTS = 1
    case = assign_to_xy_team(
        file_demo_case(user("xy_judge"), seed=21, filed_on=D(2025, 1, 6)), user
    )
    _close_as_terminated(case, add_months(timezone.localdate(), -7))
    job_id = schedule_due_requeries(enqueue=False)["jobs"][0]
    run_job_inline(job_id)
    assert RequeryRound.objects.get(case=case).status == RequeryStatus.DUE
    network.PROPERTY_QUERY_SANDBOX_FAILURE_RATE = 0.0
    retry = schedule_due_requeries(enqueue=False)
    assert retry["cases_queued"] == 1
    run_job_inline(retry["jobs"][0])
    assert RequeryRound.objects.get(case=case).status == RequeryStatus.DONE


def _xy_cases(user, count, *, start=100):
    judge = user("xy_judge")
    return [
        assign_to_xy_team(file_demo_case(judge, seed=start + i, filed_on=D(2026, 9, 1)), user)
        for i in range(count)
    ]


@pytest.mark.django_db
def test_deadline_scan_reminds_per_node_and_digests_for_the_director(org, user):
    today = D(2026, 12, 3)  # a Thursday: 3 working days reach Tuesday the 8th
    cases = _xy_cases(user, 3)
    nodes = CaseNode.objects.filter(case__in=cases, status="open").exclude(
        definition__code="funds_disbursement"
    )
    overdue = list(nodes.order_by("pk")[:4])
    CaseNode.objects.filter(pk__in=[n.pk for n in overdue]).update(
        due_on=today - dt.timedelta(days=2)
    )
    soon = list(nodes.exclude(pk__in=[n.pk for n in overdue]).order_by("pk")[:2])
    CaseNode.objects.filter(pk__in=[n.pk for n in soon]).update(due_on=today + dt.timedelta(days=2))
    nodes.exclude(pk__in=[n.pk for n in overdue + soon]).update(
        due_on=today + dt.timedelta(days=30)
    )
    result = reminders.scan_deadlines(today, due_within_days=3)
    assert result["nodes"] == 6
    judge = Notification.objects.filter(
        recipient=user("xy_judge"), dedup_key__startswith="reminder:node:"
    )
    assert judge.count() == 6  # one per node
    assert judge.filter(level="danger").count() == 4 and judge.filter(level="warning").count() == 2
    assert all(n.link.startswith("/cases/") for n in judge)
    director = Notification.objects.filter(recipient=user("xy_director"))
    assert director.count() == 1  # one digest of the overdue ones
    note = director.get()
    assert "4" in note.title and note.level == "danger"
    assert note.link.startswith("/cases/deadlines/?") and "court=" in note.link
    # Another court's officers hear nothing.
    assert not Notification.objects.filter(recipient=user("lh_judge")).exists()
    # Run twice the same day: nothing new.
    assert reminders.scan_deadlines(today)["notifications"] == 0


@pytest.mark.django_db
def test_deadline_scan_queries_do_not_grow_with_nodes(org, user):
    today = D(2026, 12, 3)
    cases = _xy_cases(user, 2)
    CaseNode.objects.filter(case__in=cases, status="open").update(
        due_on=today - dt.timedelta(days=1)
    )
    with CaptureQueriesContext(connection) as few:
        reminders.scan_deadlines(today)
    Notification.objects.all().delete()
    more = _xy_cases(user, 8, start=300)
    CaseNode.objects.filter(case__in=more, status="open").update(
        due_on=today - dt.timedelta(days=1)
    )
    with CaptureQueriesContext(connection) as many:
        result = reminders.scan_deadlines(today)
    assert result["nodes"] > 3 * CaseNode.objects.filter(case__in=cases, status="open").count()
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.django_db
def test_funds_undisbursed_after_thirty_days_are_reported(org, user):
    from cases.services.ledger import record_receipt

    today = D(2026, 12, 3)
    case = _xy_cases(user, 1)[0]
    fresh = _xy_cases(user, 1, start=500)[0]
    for key, target, held in (("r-1", case, 40), ("r-2", fresh, 3)):
        entry, _ = record_receipt(
            user=user("xy_judge"),
            case_id=target.pk,
            amount=Decimal("500.00"),
            counterparty="李建设",
            occurred_on=D(2026, 9, 2),
            idempotency_key=key,
        )
        CaseNode.objects.filter(case=target, trigger_ref=f"entry:{entry.pk}").update(
            triggered_on=today - dt.timedelta(days=held),
            due_on=today - dt.timedelta(days=held - 30),
        )
    result = reminders.remind_funds_undisbursed(today)
    assert result["receipts"] == 1 and result["due_soon"] == 0
    note = Notification.objects.get(
        recipient=user("xy_judge"), dedup_key__startswith="reminder:funds:"
    )
    assert case.case_number in note.title and note.level == "danger"
    digest = Notification.objects.get(
        recipient=user("xy_director"), dedup_key__startswith="reminder:bureau-funds-overdue:"
    )
    assert case.case_number in digest.body and fresh.case_number not in digest.body
    assert reminders.remind_funds_undisbursed(today)["notifications"] == 0


@pytest.mark.django_db
def test_seizure_expiry_reminds_then_lapses(org, user):
    from cases.services.measures import add_measure

    case = _xy_cases(user, 1)[0]
    today = D(2026, 12, 3)  # the scan is given its day; the measures are dated from it
    expiring = add_measure(
        user=user("xy_judge"),
        case_id=case.pk,
        kind="freeze",
        asset_type="bank_deposit",
        description="中国银行账户存款",
        started_on=D(2026, 9, 10),
        expires_on=today + dt.timedelta(days=10),
    )
    lapsing = add_measure(
        user=user("xy_judge"),
        case_id=case.pk,
        kind="seizure",
        asset_type="vehicle",
        description="琼A12345号小型轿车",
        started_on=D(2026, 9, 10),
        expires_on=today - dt.timedelta(days=1),
    )
    far = add_measure(
        user=user("xy_judge"),
        case_id=case.pk,
        kind="seizure",
        asset_type="real_estate",
        description="龙华区房产",
        started_on=D(2026, 9, 10),
        expires_on=today + dt.timedelta(days=300),
    )
    result = reminders.remind_measures_expiring(today, within_days=30)
    assert result == {"expiring": 1, "lapsed": 1, "notifications": result["notifications"]}
    assert Measure.objects.get(pk=lapsing.pk).status == "lapsed"
    assert Measure.objects.get(pk=expiring.pk).status == "active"
    assert Measure.objects.get(pk=far.pk).status == "active"
    judge = Notification.objects.filter(recipient=user("xy_judge"))
    expiry = judge.get(dedup_key=f"reminder:measure:{expiring.pk}:{today}")
    assert "中国银行" in expiry.title and expiry.level == "warning"
    lapsed = judge.get(dedup_key=f"reminder:measure:{lapsing.pk}:{today}")
    assert "琼A12345" in lapsed.title and lapsed.level == "danger"
    assert not judge.filter(dedup_key__contains=f":measure:{far.pk}:").exists()
    assert Notification.objects.filter(
        recipient=user("xy_director"), dedup_key__startswith="reminder:bureau-measures-lapsed:"
    ).exists()


@pytest.mark.django_db
def test_overdue_directive_feedback_escalates_once(org, user):
    from command_center.services.command import issue_directive, report_feedback
    from courts.models import Bureau

    bureaus = list(
        Bureau.objects.filter(kind="enforcement", court__tier="district").order_by(
            "court__sort_order"
        )
    )
    directive = issue_directive(
        user=user("zy_leader"),
        title="关于涉民生案件专项执行的指令",
        body="逐案梳理。",
        required_feedback="报送清单",
        feedback_due_on=timezone.localdate(),
        bureau_ids=[b.pk for b in bureaus[:2]],
    )
    xy = directive.recipients.get(bureau__court__code="琼0105")
    report_feedback(user=user("xy_director"), recipient_id=xy.pk, feedback="已报送")
    assert reminders.escalate_overdue_directives()["escalated"] == 0  # not overdue yet
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert reminders.escalate_overdue_directives(tomorrow)["escalated"] == 1
    leader = Notification.objects.filter(
        recipient=user("zy_leader"), dedup_key__startswith=f"directive:{directive.pk}:overdue"
    )
    assert leader.count() == 1 and "龙华" in leader.get().title and "秀英" not in leader.get().title
    assert reminders.escalate_overdue_directives(tomorrow)["escalated"] == 0

"""Every task has its queue by kind and the one retry policy (haikou_exec/celery.py,
settings.CELERY_TASK_ROUTES). The tasks are discovered from the Celery app, so a new
task fails here until it is routed and listed below."""

from __future__ import annotations

import pytest
from celery.contrib.django.task import DjangoTask
from django.conf import settings

from haikou_exec.celery import RETRY_ON, HaikouTask, app
from haikou_exec.outbox import DurableTask

# The queue each task belongs to, by its kind (settings, "Queues by kind").
EXPECTED_QUEUE = {
    # online property query and control
    "command_center.tasks.run_property_query": "queries",
    "command_center.tasks.execute_freeze_task": "queries",
    "command_center.tasks.resume_stalled_query_jobs": "queries",
    # documents, exports and reports
    "assessment.tasks.prepare_monthly_reports": "documents",
    "assessment.tasks.compute_bureau_assessment": "documents",
    # scans, reminders and nightly upkeep
    "command_center.tasks.scan_reminders": "scans",
    "command_center.tasks.scan_deadlines": "scans",
    "command_center.tasks.schedule_termination_requeries": "scans",
    "command_center.tasks.remind_funds_undisbursed": "scans",
    "command_center.tasks.remind_measures_expiring": "scans",
    "command_center.tasks.escalate_overdue_directives": "scans",
    "command_center.tasks.warm_dashboard_cache": "scans",
    "cases.tasks.refresh_transfer_suggestions": "scans",
    "cases.tasks.refresh_stopped_clocks": "scans",
    "cases.tasks.sweep_dossier_orphans": "scans",
    "assessment.tasks.take_indicator_snapshots": "scans",
    "assessment.tasks.remind_reports_due": "scans",
    "equipment.tasks.remind_inspections_due": "scans",
    "equipment.tasks.remind_service_life_ending": "scans",
    "equipment.tasks.compute_compliance_scores": "scans",
    "personnel.tasks.warn_rotation_due_task": "scans",
    "supervision.tasks.evaluate_alert_rules": "scans",
    "supervision.tasks.remind_orders_due": "scans",
    "audit.tasks.seal_yesterday": "scans",
    # short work started by a user or the system
    "command_center.tasks.send_notification_digests": "default",
    "command_center.tasks.inform_applicants_task": "default",
    "command_center.tasks.send_outbox_messages": "default",
    "personnel.tasks.deactivate_officers_task": "default",
    "supervision.tasks.evaluate_alert_rule": "default",
}


def project_tasks() -> dict:
    """The tasks of the project's apps as the worker registers them (Celery's own
    ``celery.*`` tasks left out)."""
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def test_every_registered_task_is_listed_and_routed():
    tasks = project_tasks()
    assert len(tasks) >= 29
    assert set(tasks) == set(EXPECTED_QUEUE), (
        "route the new task in settings.CELERY_TASK_ROUTES and list it here: "
        f"{sorted(set(tasks) ^ set(EXPECTED_QUEUE))}"
    )
    # Named explicitly, not left to the default queue by accident; no stale names.
    assert set(settings.CELERY_TASK_ROUTES) == set(tasks)


@pytest.mark.parametrize("name", sorted(EXPECTED_QUEUE))
def test_task_routes_to_the_queue_of_its_kind(name):
    # The same resolution as a send (delay, apply_async, the beat, the outbox's
    # send_task): Celery's router with the settings' routes.
    queue = app.amqp.router.route({}, name, args=(), kwargs={})["queue"]
    assert queue.name == EXPECTED_QUEUE[name]
    assert queue.routing_key == EXPECTED_QUEUE[name]


def test_queues_are_the_four_kinds_and_a_bare_worker_consumes_them_all():
    assert set(settings.CELERY_QUEUE_NAMES) == {"default", "queries", "documents", "scans"}
    assert set(settings.CELERY_QUEUE_NAMES) == set(EXPECTED_QUEUE.values())
    assert set(app.amqp.queues) >= set(settings.CELERY_QUEUE_NAMES)
    assert app.conf.task_default_queue == "default"


@pytest.mark.parametrize("name", sorted(EXPECTED_QUEUE))
def test_one_policy_for_every_task(name):
    task = project_tasks()[name]
    # Celery's DjangoTask (delay_on_commit), kept while the broker is down.
    assert isinstance(task, HaikouTask)
    assert isinstance(task, DurableTask) and isinstance(task, DjangoTask)
    assert hasattr(task, "delay_on_commit") and hasattr(task, "apply_async_on_commit")
    # One retry policy, not redeclared per task.
    assert task.autoretry_for == RETRY_ON
    assert (task.retry_backoff, task.retry_backoff_max, task.retry_jitter) == (True, 300, True)
    assert task.max_retries == 5 and task.acks_late is True
    # Time limits through haikou_exec.celery.time_limits: a soft limit for the work,
    # then the same grace before the hard one.
    assert task.soft_time_limit and task.time_limit == task.soft_time_limit + 60
    # The queue comes from the routes only (the task attribute is deprecated).
    assert not any("queue" in vars(klass) for klass in type(task).__mro__)

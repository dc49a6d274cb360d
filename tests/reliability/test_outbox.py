"""Any background work started while the broker is down is kept, the user is told
plainly, and it runs when the broker returns (haikou_exec/outbox.py).

The in-process Celery app is pointed at a port where no Redis listens, so the
send fails in kombu exactly as in an outage; then it is pointed back at the real
Redis, the sweep sends the kept message and a real worker runs it."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.urls import reverse

from command_center.services.outbox import send_outbox
from haikou_exec.celery import app
from haikou_exec.models import OutboxMessage
from supervision.models import AlertRule
from tests.reliability.infra import free_port, wait_for

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _reset_pools() -> None:
    # kombu keeps producer pools in a global registry keyed by the broker URL.
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_down():
    saved = app.conf.broker_url
    app.conf.broker_url = f"redis://127.0.0.1:{free_port()}/0"
    _reset_pools()
    try:
        yield
    finally:
        app.conf.broker_url = saved
        _reset_pools()


@pytest.fixture
def rule(org):
    from supervision.reference_data import seed_reference_data

    seed_reference_data()
    return AlertRule.objects.filter(is_active=True).order_by("pk").first()


def test_work_sent_while_the_broker_is_down_is_kept_and_runs_when_it_returns(rule, login, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    client = login("supervisor")
    with broker_down():
        response = client.post(
            reverse("supervision:rule_run", kwargs={"pk": rule.pk}),
            follow=True,
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
        # The page works and says what happened, in plain words.
        assert response.status_code == 200
        shown = [str(m) for m in response.context["messages"]]
        assert any("后台任务暂不可用" in m for m in shown), shown
        kept = OutboxMessage.objects.get()
        assert kept.task_name == "supervision.tasks.evaluate_alert_rule"
        assert kept.args == [rule.pk] and kept.sent_at is None and kept.last_error
        # While it is still down the sweep keeps the message for the next run.
        assert send_outbox() == 0
        assert OutboxMessage.objects.get().sent_at is None
    rule.refresh_from_db()
    assert rule.last_run_at is None  # nothing ran

    from celery.contrib.testing.worker import start_worker

    with start_worker(
        app,
        pool="solo",
        perform_ping_check=False,
        shutdown_timeout=30,
        queues=list(settings.CELERY_QUEUE_NAMES),
    ):
        assert send_outbox() == 1
        wait_for(
            lambda: AlertRule.objects.get(pk=rule.pk).last_run_at is not None,
            timeout=60,
            what="the kept evaluation to run",
        )
    sent = OutboxMessage.objects.get()
    assert sent.sent_at is not None and sent.attempts == 2
    assert send_outbox() == 0  # sent once, never again


def test_other_errors_are_not_swallowed(rule):
    """Only broker errors are kept for later; a programming error still raises."""
    from supervision.tasks import evaluate_alert_rule

    with pytest.raises(TypeError):
        evaluate_alert_rule.apply_async(args=[rule.pk], kwargs={"nonsense": object()})
    assert not OutboxMessage.objects.exists()


def test_work_sent_on_commit_is_kept_too(rule, settings):
    """``delay_on_commit`` (Celery's DjangoTask, the base of every task) sends after
    the commit, through the same outbox; a rolled-back write sends nothing."""
    from django.db import transaction

    from supervision.tasks import evaluate_alert_rule

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    with broker_down():
        with pytest.raises(RuntimeError), transaction.atomic():
            evaluate_alert_rule.delay_on_commit(rule.pk)
            raise RuntimeError("rolled back")
        assert not OutboxMessage.objects.exists()
        with transaction.atomic():
            evaluate_alert_rule.delay_on_commit(rule.pk)
            assert not OutboxMessage.objects.exists()  # not before the commit
        kept = OutboxMessage.objects.get()
    assert kept.task_name == "supervision.tasks.evaluate_alert_rule"
    assert kept.args == [rule.pk] and kept.sent_at is None

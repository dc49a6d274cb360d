"""Reminders that fire (issue 16): the hourly scan's output for seeded overdue,
due-soon and funds items — one notification per person, item and day, to the
case's team, a daily overdue digest to the bureau director — nothing new on a
second run the same day, the next day's reminder replacing the unread one, and
the email/SMS digest. The whole module runs on a set day (Thursday 3 December
2026, Asia/Shanghai)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import CaseNode
from command_center.models import RequeryRound
from command_center.notifications import send_email_digests
from command_center.services.reminders import run_reminder_scan
from haikou_exec.models import Notification
from tests.command_center.conftest import assign_to_xy_team, file_demo_case

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=SHANGHAI)  # a Thursday
TODAY = NOW.date()
D = dt.date


@pytest.fixture(autouse=True)
def _set_day():
    with time_machine.travel(NOW, tick=False):
        yield


def _days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def seeded(org, user):
    """Two cases of the xy team: one node overdue, one due next Monday (within
    3 working days, though 4 calendar days away), one due Wednesday 9th (outside);
    funds held 25 days (due soon), 40 days (overdue) and 3 days (quiet)."""
    from cases.services.ledger import record_receipt

    judge = user("xy_judge")
    cases = [
        assign_to_xy_team(file_demo_case(judge, seed=700 + i, filed_on=TODAY), user)
        for i in range(2)
    ]
    nodes = CaseNode.objects.filter(case__in=cases, status="open").order_by("pk")
    CaseNode.objects.filter(pk__in=nodes.values("pk")).update(due_on=_days(60))
    overdue, soon, later = list(nodes.filter(case=cases[0])[:3])
    CaseNode.objects.filter(pk=overdue.pk).update(due_on=_days(-2))
    CaseNode.objects.filter(pk=soon.pk).update(due_on=D(2026, 12, 7))
    CaseNode.objects.filter(pk=later.pk).update(due_on=D(2026, 12, 9))
    funds = {}
    for name, case, held in (
        ("soon", cases[1], 25),
        ("late", cases[0], 40),
        ("fresh", cases[1], 3),
    ):
        entry, _ = record_receipt(
            user=judge,
            case_id=case.pk,
            amount=Decimal("1000.00"),
            counterparty="李建设",
            occurred_on=TODAY,
            idempotency_key=f"reminder-{name}",
        )
        node = CaseNode.objects.get(case=case, trigger_ref=f"entry:{entry.pk}")
        # The receipt arrived ``held`` days ago: its 30-day limit moves with it.
        CaseNode.objects.filter(pk=node.pk).update(
            triggered_on=_days(-held), due_on=_days(30 - held)
        )
        funds[name] = node
    return {"cases": cases, "overdue": overdue, "soon": soon, "later": later, "funds": funds}


def _keys(user) -> dict[str, str]:
    return dict(Notification.objects.filter(recipient=user).values_list("dedup_key", "level"))


@pytest.mark.django_db
def test_scan_reminds_the_team_of_each_item_once_a_day(seeded, user):
    result = run_reminder_scan(TODAY)
    day = TODAY.isoformat()
    overdue, soon, funds = seeded["overdue"], seeded["soon"], seeded["funds"]
    expected = {
        f"reminder:node:{overdue.pk}:{day}": "danger",
        f"reminder:node:{soon.pk}:{day}": "warning",
        f"reminder:funds:{funds['soon'].pk}:{day}": "warning",
        f"reminder:funds:{funds['late'].pk}:{day}": "danger",
    }
    # Each member of the handling team: one notification per item, nothing for
    # the node due on the 9th (4 working days away) or funds held 3 days.
    for member in ("xy_judge", "xy_assistant"):
        assert _keys(user(member)) == expected, member
    judge = Notification.objects.filter(recipient=user("xy_judge"))
    late = judge.get(dedup_key=f"reminder:node:{overdue.pk}:{day}")
    number = seeded["cases"][0].case_number
    assert number in late.title and overdue.definition.name in late.title
    assert overdue.definition.source in late.body  # the rule that set the deadline
    assert late.link == f"/cases/{seeded['cases'][0].pk}/#nodes"
    held = judge.get(dedup_key=f"reminder:funds:{funds['soon'].pk}:{day}")
    assert "25" in held.title and seeded["cases"][1].case_number in held.title
    # The director: one digest a day of what is overdue in the bureau.
    director = _keys(user("xy_director"))
    assert director == {
        f"reminder:bureau-overdue-nodes:{seeded['cases'][0].court_id}:{day}": "danger",
        f"reminder:bureau-funds-overdue:{seeded['cases'][0].court_id}:{day}": "danger",
    }
    digest = Notification.objects.get(
        recipient=user("xy_director"), dedup_key__contains="bureau-overdue-nodes"
    )
    assert number in digest.body and "overdue=true" in digest.link
    # Another court hears nothing.
    assert not Notification.objects.filter(recipient=user("lh_judge")).exists()
    assert result["deadlines"]["nodes"] == 2 and result["funds"]["receipts"] == 1
    assert result["funds"]["due_soon"] == 1

    # A second run the same day (an hour later): nothing new, no duplicates.
    total = Notification.objects.count()
    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        again = run_reminder_scan(TODAY)
    assert Notification.objects.count() == total
    assert again["deadlines"]["notifications"] == 0 and again["funds"]["notifications"] == 0
    assert _keys(user("xy_judge")) == expected


@pytest.mark.django_db
def test_next_day_replaces_the_unread_reminder_and_keeps_the_read_one(seeded, user):
    run_reminder_scan(TODAY)
    judge, assistant = user("xy_judge"), user("xy_assistant")
    overdue = seeded["overdue"]
    Notification.objects.filter(
        recipient=judge, dedup_key=f"reminder:node:{overdue.pk}:{TODAY}"
    ).update(read_at=NOW)
    tomorrow = TODAY + dt.timedelta(days=1)
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        run_reminder_scan(tomorrow)
    node_keys = sorted(
        Notification.objects.filter(
            recipient=judge, dedup_key__startswith=f"reminder:node:{overdue.pk}:"
        ).values_list("dedup_key", flat=True)
    )
    # The read one stays (it is history); today's is new.
    assert node_keys == [
        f"reminder:node:{overdue.pk}:{TODAY}",
        f"reminder:node:{overdue.pk}:{tomorrow}",
    ]
    # The assistant had not read it: only today's remains, so the unread count
    # is the work outstanding, not a pile of yesterdays.
    assert list(
        Notification.objects.filter(
            recipient=assistant, dedup_key__startswith=f"reminder:node:{overdue.pk}:"
        ).values_list("dedup_key", flat=True)
    ) == [f"reminder:node:{overdue.pk}:{tomorrow}"]
    unread = Notification.objects.filter(recipient=assistant, read_at__isnull=True)
    assert unread.count() == len(_keys(assistant))


@pytest.mark.django_db
def test_done_items_stop_reminding(seeded, user):
    run_reminder_scan(TODAY)
    overdue = seeded["overdue"]
    CaseNode.objects.filter(pk=overdue.pk).update(status="done", completed_on=TODAY)
    tomorrow = TODAY + dt.timedelta(days=1)
    run_reminder_scan(tomorrow)
    assert not Notification.objects.filter(
        dedup_key=f"reminder:node:{overdue.pk}:{tomorrow}"
    ).exists()


@pytest.mark.django_db
def test_measures_and_requeries_are_reminded(org, user):
    from cases.services.measures import add_measure

    judge = user("xy_judge")
    case = assign_to_xy_team(file_demo_case(judge, seed=750, filed_on=TODAY), user)
    expiring = add_measure(
        user=judge,
        case_id=case.pk,
        kind="freeze",
        asset_type="bank_deposit",
        description="中国银行账户存款",
        started_on=TODAY,
        expires_on=_days(10),
    )
    rounds = {
        "late": RequeryRound.objects.create(
            case=case, court=case.court, round_number=1, due_on=_days(-3)
        ),
        "soon": RequeryRound.objects.create(
            case=case, court=case.court, round_number=2, due_on=_days(5)
        ),
        "far": RequeryRound.objects.create(
            case=case, court=case.court, round_number=3, due_on=_days(40)
        ),
        "old": RequeryRound.objects.create(
            case=case, court=case.court, round_number=4, due_on=_days(-40)
        ),
    }
    run_reminder_scan(TODAY)
    keys = _keys(judge)
    assert keys[f"reminder:measure:{expiring.pk}:{TODAY}"] == "warning"
    assert keys[f"reminder:requery:{rounds['late'].pk}:{TODAY}"] == "danger"
    assert keys[f"reminder:requery:{rounds['soon'].pk}:{TODAY}"] == "warning"
    assert f"reminder:requery:{rounds['far'].pk}:{TODAY}" not in keys
    # A round more than a week late joins the team's backlog: one reminder, not one each.
    assert f"reminder:requery:{rounds['old'].pk}:{TODAY}" not in keys
    backlog = Notification.objects.get(
        recipient=judge, dedup_key__startswith="reminder:requery-backlog:"
    )
    assert backlog.level == "danger" and case.case_number in backlog.body
    note = Notification.objects.get(
        recipient=judge, dedup_key=f"reminder:requery:{rounds['late'].pk}:{TODAY}"
    )
    assert note.link == f"/centre/requeries/{rounds['late'].pk}/"


@pytest.mark.django_db
def test_scan_queries_do_not_grow_with_items(org, user):
    judge = user("xy_judge")

    def seed(count, start):
        cases = [
            assign_to_xy_team(file_demo_case(judge, seed=start + i, filed_on=TODAY), user)
            for i in range(count)
        ]
        CaseNode.objects.filter(case__in=cases, status="open").update(due_on=_days(-1))

    seed(1, 800)
    with CaptureQueriesContext(connection) as few:
        run_reminder_scan(TODAY)
    Notification.objects.all().delete()
    seed(6, 820)
    with CaptureQueriesContext(connection) as many:
        result = run_reminder_scan(TODAY)
    assert result["deadlines"]["nodes"] >= 6
    assert len(many.captured_queries) == len(few.captured_queries)


class RecordingSms:
    """An SMS gateway that keeps what it was asked to send (SMS_PROVIDER)."""

    sent: list[tuple[str, str]] = []

    @classmethod
    def from_settings(cls):
        return cls()

    def send(self, *, phone: str, text: str) -> str:
        self.sent.append((phone, text))
        return "TEST"


@pytest.mark.django_db
def test_digest_by_email_and_sms_in_working_hours(seeded, user, settings):
    settings.SMS_PROVIDER = "tests.command_center.test_reminders.RecordingSms"
    RecordingSms.sent = []
    judge = user("xy_judge")
    judge.email = "xy_judge@haikou.court"
    judge.save()
    judge.officer.phone = "13907560099"
    judge.officer.save()
    run_reminder_scan(TODAY)
    # At night nothing is sent: the digest waits for the morning.
    assert send_email_digests(NOW.replace(hour=23)) == 0
    assert mail.outbox == [] and RecordingSms.sent == []
    assert send_email_digests(NOW) == 1
    assert len(mail.outbox) == 1 and seeded["cases"][0].case_number in mail.outbox[0].body
    assert [phone for phone, _ in RecordingSms.sent] == ["13907560099"]
    assert "2" in RecordingSms.sent[0][1]  # two overdue, two due soon
    # Digested once: the next hour sends nothing again.
    assert send_email_digests(NOW + dt.timedelta(hours=1)) == 0
    assert len(RecordingSms.sent) == 1

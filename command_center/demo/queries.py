"""Demo data of online property query and control (``command_center.demo``): one
batch of the centre's run inline against the sandbox, the 终本 re-query rounds as
the daily job leaves them (and the settling of an older seed's rounds for the
bench database), and freezes of the deposits the batch found."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

from django.test.utils import override_settings
from django.utils import timezone

from cases.choices import CaseStatus

# The 终本 re-query rounds the seed leaves due: those of the last week. The daily job
# (services/requery.schedule_due_requeries) queries every round the day it falls
# due, so a court that runs it has only the days' newest rounds due, not every
# round of five years: seeding them all due (442,796 at the design scale) made the
# judges' worklists and the dashboard read a backlog no court has (README "make load").
REQUERY_SEED_DUE_DAYS = 7
REQUERY_SEED_NOTICE = "（演示数据）按期网络查询被执行人财产，未发现新的财产。"
REQUERY_SEED_BATCH = 5000


def _requery_history(today: dt.date) -> int:
    """The re-query rounds due by ``today`` of every 终本 case, as the daily job
    would have left them: due when they fell due in the last
    ``REQUERY_SEED_DUE_DAYS`` days, else done the day after their due date with
    nothing found and the applicant informed (the same rows as
    ``settle_seeded_requery_rounds`` makes of an older seed). Idempotent: a round
    is unique per case and number."""
    from command_center.choices import RequeryStatus
    from command_center.models import RequeryRound
    from command_center.services.requery import due_rounds, terminated_cases

    settled_before = today - dt.timedelta(days=REQUERY_SEED_DUE_DAYS)
    zone = timezone.get_current_timezone()
    before = RequeryRound.objects.count()
    batch: list[RequeryRound] = []
    for case_id, closed_on in terminated_cases(today):
        for number, due_on in due_rounds(closed_on, today):
            row = RequeryRound(case_id=case_id, round_number=number, due_on=due_on)
            if due_on < settled_before:
                row.status = RequeryStatus.DONE
                row.done_on = due_on + dt.timedelta(days=1)
                row.applicant_notice = REQUERY_SEED_NOTICE
                row.applicant_informed_at = dt.datetime.combine(row.done_on, dt.time(10), zone)
                row.notice_reference = _seeded_sms_reference(case_id, number)
            batch.append(row)
        if len(batch) >= REQUERY_SEED_BATCH:
            RequeryRound.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    RequeryRound.objects.bulk_create(batch, ignore_conflicts=True)
    return RequeryRound.objects.count() - before


def _seeded_sms_reference(case_id: int, round_number: int) -> str:
    """A seeded round's SMS receipt, shaped like the sandbox gateway's (SMS + 12 hex
    digits, command_center.providers.sms); the settling SQL below computes the same."""
    digest = hashlib.md5(f"{case_id}|{round_number}".encode()).hexdigest()[:12]
    return "SMS" + digest.upper()


def settle_seeded_requery_rounds(today: dt.date) -> int:
    """Make a database seeded before ``_requery_history`` (every past round left
    due) what a fresh seed gives: the rounds due before the last
    ``REQUERY_SEED_DUE_DAYS`` days and never queried become done the day after
    their due date, the applicant informed. Through the ORM's update, so the audit
    trail records it (and the dashboard's cache key moves). For the bench database
    (``manage.py settle_requery_seed``); never for a court's own data."""
    from django.db.models import CharField, DateField, DateTimeField
    from django.db.models.expressions import RawSQL

    from command_center.choices import RequeryStatus
    from command_center.models import RequeryRound

    # A date plus an integer is a date; a date plus a time is a local timestamp.
    done_on = RawSQL('"due_on" + 1', [], output_field=DateField())
    informed = RawSQL(
        """("due_on" + 1 + time '10:00') AT TIME ZONE %s""",
        [str(timezone.get_current_timezone())],
        output_field=DateTimeField(),
    )
    return RequeryRound.objects.filter(
        status=RequeryStatus.DUE,
        job__isnull=True,
        due_on__lt=today - dt.timedelta(days=REQUERY_SEED_DUE_DAYS),
    ).update(
        status=RequeryStatus.DONE,
        done_on=done_on,
        applicant_notice=REQUERY_SEED_NOTICE,
        applicant_informed_at=informed,
        notice_reference=RawSQL(
            """'SMS' || upper(substr(md5("case_id"::text || '|' || "round_number"::text), 1, 12))""",
            [],
            output_field=CharField(),
        ),
    )


def _queries(cases, users, today) -> dict[str, int]:
    """One batch of 30 cases by the centre, and the 终本 re-query rounds (20 of the
    due ones queried now), inline against the sandbox with no latency."""
    from command_center.models import RequeryRound
    from command_center.services.queries import request_property_query
    from command_center.services.query_chunks import run_job_inline

    with override_settings(
        PROPERTY_QUERY_SANDBOX_LATENCY_MS=0, PROPERTY_QUERY_RETRY_BASE_SECONDS=0
    ):
        job = request_property_query(
            user=users["center_staff"], case_ids=[c.pk for c in cases[:30]], enqueue=False
        )
        run_job_inline(job.pk)
        rounds = _requery_history(today)
        some = list(
            RequeryRound.objects.filter(status="due")
            .order_by("case_id")
            .values_list("case_id", flat=True)[:20]
        )
        if some:
            requery = request_property_query(
                user=None, case_ids=some, kind="termination_requery", note="演示", enqueue=False
            )
            RequeryRound.objects.filter(status="due", case_id__in=some).update(
                status="querying", job=requery
            )
            run_job_inline(requery.pk)
        freezes = _freezes(users)
    return {"query_batches": 1 + bool(some), "requery_rounds": rounds, "freezes": freezes}


def _freezes(users) -> int:
    """Deposits the batch found, frozen online (DOMAIN.md §2 measures: 冻结 with its
    ruling): two sent and answered through the sandbox network as the query worker
    would, a third waiting to be sent, so the freeze list and the cases' measures
    show each state."""
    from cases.models import PropertyFinding
    from command_center.services.freezes import execute_freeze, request_freeze

    found = PropertyFinding.objects.filter(
        asset_type="bank_deposit",
        source="online_query",
        case__status__in=[CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS],
        freeze_requests__isnull=True,
    ).order_by("pk")[:3]
    made = 0
    for number, finding in enumerate(found, start=1):
        freeze = request_freeze(
            user=users["center_staff"],
            finding_id=finding.pk,
            amount=Decimal("50000.00"),
            ruling_number=f"（2026）琼执冻{number}号",
            enqueue=False,
        )
        if number < 3:
            execute_freeze(freeze.pk)
        made += 1
    return made

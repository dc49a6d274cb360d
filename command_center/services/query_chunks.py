"""Running a property-query batch (网络查控, steps 2–5 of
``command_center.services.queries``, which starts and sends it): the chunks of
each lane, one case at a time in its own transaction, the institutions' answers
recorded as findings, the investigation steps per kind of institution, the end of
the batch and its notification, and a whole batch run in this process. The work
that started the batch hears of it through the hooks declared in ``queries``
(``BATCH_FINISHED``, ``CASE_ANSWERED``)."""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import Mod
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import CaseStatus, FindingSource, InvestigationKind, PartyRole
from cases.models import EnforcementCase, Party
from cases.services.measures import record_finding, record_investigation
from command_center.choices import QUERY_TRANSITIONS, InstitutionKind, QueryStatus
from command_center.models import AssetQuery
from command_center.providers import property_network
from command_center.providers.base import (
    PropertyNetwork,
    ProviderRejected,
    ProviderUnavailable,
    Subject,
)
from command_center.services.queries import (
    BATCH_FINISHED,
    CASE_ANSWERED,
    QUERY_JOB_KINDS,
    _send_lanes,
    _setting,
)
from haikou_exec.choices import JOB_TRANSITIONS, JobStatus, NotificationLevel
from haikou_exec.jobs import JobStateError, start_job, touch_job
from haikou_exec.models import BackgroundJob
from haikou_exec.notifications import notify
from haikou_exec.states import move

logger = logging.getLogger(__name__)

# The investigation step each kind of institution answers (终本规定 art. 3).
STEP_OF_KIND = {
    InstitutionKind.BANK: InvestigationKind.ONLINE_DEPOSITS,
    InstitutionKind.REAL_ESTATE: InvestigationKind.ONLINE_REAL_ESTATE,
    InstitutionKind.VEHICLE: InvestigationKind.ONLINE_VEHICLES,
    InstitutionKind.SECURITIES: InvestigationKind.ONLINE_SECURITIES,
}


# --- running a batch ----------------------------------------------------------


@dataclass
class ChunkOutcome:
    """What a chunk did, and when the next chunk of its lane should run
    (``None``: the lane has nothing left)."""

    processed: int = 0
    next_in: float | None = None
    finished: bool = False
    summary: dict = field(default_factory=dict)


def _prepare(job_id: int, task_id: str, network: PropertyNetwork) -> bool:
    """Mark the job running and create its rows, in one transaction.
    Source: DOMAIN.md §2 网络查控."""
    with transaction.atomic():
        job = start_job(job_id, task_id=task_id)
        if job is None:
            return False
        # A redelivered first chunk finds its rows there already: ignored below.
        institutions = network.institutions()
        case_ids = [int(i) for i in job.parameters.get("case_ids", [])]
        for start in range(0, len(case_ids), 2000):
            batch = case_ids[start : start + 2000]
            existing = list(
                EnforcementCase.objects.filter(pk__in=batch).values_list("pk", flat=True)
            )
            AssetQuery.objects.bulk_create(
                [
                    AssetQuery(
                        job_id=job_id,
                        case_id=case_id,
                        institution_code=inst.code,
                        institution_name=inst.name,
                        institution_kind=inst.kind,
                    )
                    for case_id in existing
                    for inst in institutions
                ],
                ignore_conflicts=True,
                batch_size=5000,
            )
        total = AssetQuery.objects.filter(job_id=job_id).count()
        BackgroundJob.objects.filter(pk=job_id).update(total=total)
    return True


def _due(now: dt.datetime) -> Q:
    return Q(status=QueryStatus.PENDING) | Q(status=QueryStatus.RETRYING, next_attempt_at__lte=now)


def run_query_chunk(
    job_id: int,
    *,
    lane: int = 0,
    task_id: str = "",
    now: dt.datetime | None = None,
    send_lanes: bool = True,
) -> ChunkOutcome:
    """One chunk of a batch (called by the task; safe to call again at any time).
    ``send_lanes=False``: the caller runs every lane itself (run_job_inline)."""
    job = BackgroundJob.objects.filter(pk=job_id).first()
    if job is None or job.is_finished or job.kind not in QUERY_JOB_KINDS:
        return ChunkOutcome(finished=True)
    network = property_network()
    if job.status == JobStatus.PENDING and lane > 0:
        # Lane 0 prepares the batch's rows and then sends the other lanes (below), so
        # two lanes never insert the same rows side by side: they deadlocked under
        # load (`make load`, 50 users). A lost lane 0 is sent again by resume_stalled_jobs.
        return ChunkOutcome()
    if job.status == JobStatus.PENDING:
        if not _prepare(job_id, task_id, network):
            return ChunkOutcome(finished=True)
        job.refresh_from_db()
        if send_lanes:
            _send_lanes(job_id, range(1, max(1, int(job.parameters.get("lanes", 1)))))
    else:
        touch_job(job_id, task_id=task_id)
    lanes = max(1, int(job.parameters.get("lanes", 1)))
    chunk = int(_setting("PROPERTY_QUERY_CHUNK_SIZE", 25))
    now = now or timezone.now()
    lane_rows = AssetQuery.objects.filter(job_id=job_id)
    if lanes > 1:
        lane_rows = lane_rows.annotate(lane=Mod("case_id", lanes)).filter(lane=lane)
    candidates = list(
        lane_rows.filter(_due(now))
        .order_by("case_id")
        .values_list("case_id", flat=True)
        .distinct()[: chunk * 2]
    )
    outcome = ChunkOutcome()
    for case_id in candidates:
        if outcome.processed >= chunk:
            break
        try:
            if _process_case(job, case_id, network, timezone.now()):
                outcome.processed += 1
        except DatabaseError:
            raise
        except Exception as exc:  # a bad case must not stop the batch
            logger.exception("query of case %s in job %s failed", case_id, job_id)
            _fail_case_rows(job_id, case_id, f"{type(exc).__name__}: {exc}")
            outcome.processed += 1
    counts = _counts(job_id)
    left = counts.get(QueryStatus.PENDING, 0) + counts.get(QueryStatus.RETRYING, 0)
    if left == 0:
        outcome.finished = finish_batch(job_id)
        outcome.summary = counts
        return outcome
    lane_left = lane_rows.filter(status__in=[QueryStatus.PENDING, QueryStatus.RETRYING])
    if lane_rows.filter(_due(timezone.now())).exists():
        outcome.next_in = 0
    else:
        wake = lane_left.aggregate(at=Min("next_attempt_at"))["at"]
        if wake is not None:
            outcome.next_in = max(0.0, (wake - timezone.now()).total_seconds())
        # else: the lane's remaining rows are held by another worker right now.
    outcome.summary = counts
    return outcome


def _counts(job_id: int) -> dict[str, int]:
    rows = (
        AssetQuery.objects.filter(job_id=job_id).order_by().values("status").annotate(n=Count("id"))
    )
    return {r["status"]: r["n"] for r in rows}


def _subjects(case_id: int) -> list[Subject]:
    return [
        Subject(name=name, id_number=id_number, is_organisation=kind != "natural")
        for name, id_number, kind in Party.objects.filter(
            case_id=case_id, role=PartyRole.RESPONDENT
        )
        .exclude(id_number="")
        .order_by("id")
        .values_list("name", "id_number", "kind")
    ]


def _backoff_seconds(attempts: int) -> float:
    base = float(_setting("PROPERTY_QUERY_RETRY_BASE_SECONDS", 5))
    cap = float(_setting("PROPERTY_QUERY_RETRY_MAX_SECONDS", 300))
    delay = min(cap, base * 2 ** max(0, attempts - 1))
    return delay * (1 + random.random() / 2)  # jitter, so retries do not stampede


def _process_case(job: BackgroundJob, case_id: int, network: PropertyNetwork, now) -> bool:
    """Ask every due institution about one case, in one transaction.
    Source: DOMAIN.md §2 网络查控."""
    max_attempts = int(_setting("PROPERTY_QUERY_MAX_ATTEMPTS", 5))
    institutions = {inst.code: inst for inst in network.institutions()}
    with transaction.atomic():
        rows = list(
            AssetQuery.objects.select_for_update(skip_locked=True)
            .filter(job_id=job.pk, case_id=case_id)
            .filter(_due(now))
            .order_by("institution_code")
        )
        if not rows:
            return False
        subjects = _subjects(case_id)
        finished_now = 0
        for row in rows:
            row.attempts += 1
            try:
                if row.institution_code not in institutions:
                    raise ProviderRejected(_("The institution is no longer on the network."))
                if not subjects:
                    raise ProviderRejected(
                        _("The case has no respondent with an ID number or credit code.")
                    )
                records = []
                for subject in subjects:
                    records += network.query(
                        request_no=f"{job.pk}-{row.pk}-{row.attempts}",
                        institution_code=row.institution_code,
                        subject=subject,
                    )
            except ProviderUnavailable as exc:
                to = QueryStatus.FAILED if row.attempts >= max_attempts else QueryStatus.RETRYING
                _move(row, to)
                row.last_error = str(exc)[:300]
                row.next_attempt_at = (
                    None
                    if to == QueryStatus.FAILED
                    else now + dt.timedelta(seconds=_backoff_seconds(row.attempts))
                )
                finished_now += to == QueryStatus.FAILED
                row.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])
                continue
            except ProviderRejected as exc:
                _move(row, QueryStatus.FAILED)
                row.last_error, row.next_attempt_at = str(exc)[:300], None
                finished_now += 1
                row.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])
                continue
            new = 0
            for record in records:
                _finding, created = record_finding(
                    user=None,
                    case_id=case_id,
                    source=FindingSource.ONLINE_QUERY,
                    asset_type=record.asset_type,
                    description=record.description[:300],
                    found_at=now,
                    estimated_value=record.value,
                    source_reference=f"{row.institution_code}:{record.reference}"[:100],
                )
                new += created
            _move(row, QueryStatus.OK)
            row.records = [r.as_json() for r in records]
            row.records_found, row.new_findings = len(records), new
            row.answered_at, row.last_error, row.next_attempt_at = now, "", None
            finished_now += 1
            row.save(
                update_fields=[
                    "status",
                    "attempts",
                    "records",
                    "records_found",
                    "new_findings",
                    "answered_at",
                    "last_error",
                    "next_attempt_at",
                ]
            )
        if finished_now:
            BackgroundJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
                done=F("done") + finished_now, heartbeat_at=timezone.now()
            )
        _record_investigation_steps(job, case_id, network)
        for hook in CASE_ANSWERED.get(job.kind, ()):
            hook(job, case_id)
    return True


def _move(row: AssetQuery, to: str) -> None:
    # A batch's own bookkeeping: no user can cause it, so the text is not translated.
    move(
        row,
        to,
        QUERY_TRANSITIONS,
        message=lambda r: f"query {r.pk}: {r.status} → {to} is not allowed",
        code=None,
    )


def _fail_case_rows(job_id: int, case_id: int, message: str) -> None:
    """Mark a case's pending query rows of the job failed and count them done, skipping
    rows another worker holds (DOMAIN.md §2 网络查控)."""
    with transaction.atomic():
        rows = AssetQuery.objects.select_for_update(skip_locked=True).filter(
            job_id=job_id, case_id=case_id, status__in=[QueryStatus.PENDING, QueryStatus.RETRYING]
        )
        n = rows.update(status=QueryStatus.FAILED, last_error=message[:300], next_attempt_at=None)
        BackgroundJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(done=F("done") + n)


def _record_investigation_steps(job: BackgroundJob, case_id: int, network) -> None:
    """One investigation step per kind of institution once all of that kind have
    answered or failed (and at least one answered). Not for closed cases: the
    re-queries after 终本 are kept on their own rounds."""
    case = EnforcementCase.objects.only("status", "filed_on").get(pk=case_id)
    today = timezone.localdate()
    if case.status == CaseStatus.CLOSED or today < case.filed_on:
        return
    rows = list(AssetQuery.objects.filter(job_id=job.pk, case_id=case_id))
    by_kind: dict[str, list[AssetQuery]] = defaultdict(list)
    for row in rows:
        by_kind[row.institution_kind].append(row)
    for kind, group in by_kind.items():
        if any(r.investigation_step_id for r in group):
            continue
        if any(r.status not in QueryStatus.terminal() for r in group):
            continue
        answered = [r for r in group if r.status == QueryStatus.OK]
        if not answered:
            continue
        failed = [r.institution_name for r in group if r.status == QueryStatus.FAILED]
        found = sum(r.records_found for r in answered)
        outcome = _(
            "Online query and control (%(network)s): %(answered)d of %(asked)d institutions answered; %(found)d records found."
        ) % {
            "network": _("sandbox") if network.is_sandbox else network.name,
            "answered": len(answered),
            "asked": len(group),
            "found": found,
        }
        if failed:
            outcome += " " + _("No answer from: %(names)s.") % {"names": "、".join(failed)}
        step = record_investigation(
            user=None,
            case_id=case_id,
            kind=STEP_OF_KIND[kind],
            done_on=today,
            outcome=outcome,
            found_property=found > 0,
        )
        AssetQuery.objects.filter(pk__in=[r.pk for r in group]).update(investigation_step=step)


def finish_batch(job_id: int) -> bool:
    """Finish a batch with nothing left to ask (once, whoever gets here first).
    Source: DOMAIN.md §2 网络查控."""
    with transaction.atomic():
        job = BackgroundJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.is_finished:
            return False
        if job.status == JobStatus.PENDING:
            # Not prepared yet: lane 0 has not created its rows, so "nothing left" is not
            # "all answered" (never reached from the callers below, which prepare first).
            return False
        counts = _counts(job_id)
        left = counts.get(QueryStatus.PENDING, 0) + counts.get(QueryStatus.RETRYING, 0)
        if left:
            return False
        totals = AssetQuery.objects.filter(job_id=job_id).aggregate(
            records=Sum("records_found"),
            new=Sum("new_findings"),
            cases=Count("case", distinct=True),
        )
        failed = counts.get(QueryStatus.FAILED, 0)
        result = {
            "cases": totals["cases"] or 0,
            "queries": sum(counts.values()),
            "answered": counts.get(QueryStatus.OK, 0),
            "failed": failed,
            "records": totals["records"] or 0,
            "new_findings": totals["new"] or 0,
        }
        summary = _(
            "%(cases)d cases queried: %(answered)d institution answers, %(records)d records, %(new)d new findings."
        ) % {
            "cases": result["cases"],
            "answered": result["answered"],
            "records": result["records"],
            "new": result["new_findings"],
        }
        if failed:
            summary += " " + _(
                "%(failed)d institution queries failed after every attempt; run the batch again to ask them again."
            ) % {"failed": failed}
        # running → succeeded (JOB_TRANSITIONS); a pending or finished job left above.
        move(
            job,
            JobStatus.SUCCEEDED,
            JOB_TRANSITIONS,
            message=lambda j: f"job {j.pk}: {j.status} → {JobStatus.SUCCEEDED} is not allowed",
            error=JobStateError,
        )
        job.done, job.total = sum(counts.values()), sum(counts.values())
        job.result, job.message, job.finished_at = result, summary, timezone.now()
        job.save(update_fields=["status", "done", "total", "result", "message", "finished_at"])
        for hook in BATCH_FINISHED:
            hook(job, summary)
        creator, link = job.created_by_id, job.get_absolute_url()
        transaction.on_commit(
            lambda: notify(
                [creator],
                title=_("Online query finished: %(job)s") % {"job": job},
                body=summary,
                link=link,
                level=NotificationLevel.WARNING if failed else NotificationLevel.INFO,
                dedup_key=f"job:{job_id}:finished",
            )
        )
    return True


def run_job_inline(job_id: int) -> None:
    """Run a whole batch in this process (demo seeding, tests without a worker).
    Source: DOMAIN.md §2 网络查控; DESIGN.md "Background work"."""
    from haikou_exec.models import BackgroundJob as Job

    job = Job.objects.get(pk=job_id)
    lanes = int(job.parameters.get("lanes", 1))
    for _round in range(10_000):
        pending = False
        for lane in range(lanes):
            outcome = run_query_chunk(job_id, lane=lane, send_lanes=False)
            if outcome.finished:
                return
            pending = pending or outcome.next_in is not None
        if not pending and Job.objects.get(pk=job_id).is_finished:
            return
        if not pending:
            finish_batch(job_id)
            return
        # Retries wait for their backoff; inline runs do not sleep for them.
        AssetQuery.objects.filter(job_id=job_id, status=QueryStatus.RETRYING).update(
            next_attempt_at=timezone.now()
        )

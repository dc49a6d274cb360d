"""After 终本: for five years the court queries the debtor's property online every
six months and informs the applicant; when property turns up, enforcement is
resumed on the court's own motion (DOMAIN.md §2 "After 终本" [rule]). This is a
scheduled job, not a manual list.

Round n of a case closed on day D is due on D + 6n months (n = 1 … 10)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import CaseStatus, ClosingType, PartyRole
from cases.deadlines import add_months
from cases.models import EnforcementCase, Party
from command_center.choices import REQUERY_TRANSITIONS, QueryStatus, RequeryStatus
from command_center.models import AssetQuery, RequeryRound
from haikou_exec.celery import task
from haikou_exec.choices import JobKind, NotificationLevel
from haikou_exec.formats import written_date as _day
from haikou_exec.notifications import notify
from haikou_exec.states import move
from personnel.recipients import directors_by_court, team_members

INTERVAL_MONTHS = 6  # every six months …
YEARS = 5  # … for five years after 终本
ROUNDS = YEARS * 12 // INTERVAL_MONTHS


def requery_schedule(closed_on: dt.date) -> list[dt.date]:
    """The due dates of the ten re-queries of a case closed by 终本 on ``closed_on``."""
    return [add_months(closed_on, INTERVAL_MONTHS * n) for n in range(1, ROUNDS + 1)]


def due_rounds(closed_on: dt.date, today: dt.date) -> list[tuple[int, dt.date]]:
    """Every round due by ``today``: a round the job missed stays owed, overdue
    since its date, and is never skipped for a later one (issue 17, finding 9)."""
    return [(n, d) for n, d in enumerate(requery_schedule(closed_on), start=1) if d <= today]


def terminated_cases(today: dt.date):
    """(case id, closed on) of the cases closed by 终本 that have a round due by
    ``today`` (the last five years and a month), streamed."""
    return (
        EnforcementCase.objects.filter(
            status=CaseStatus.CLOSED,
            closing_type=ClosingType.TERMINATED_PROCEDURE,
            closed_on__gte=add_months(today, -(YEARS * 12 + 1)),
            closed_on__lte=add_months(today, -INTERVAL_MONTHS),
        )
        .order_by()
        .values_list("pk", "closed_on")
        .iterator(chunk_size=2000)
    )


def create_due_rounds(today: dt.date | None = None) -> int:
    """Create the rounds that have come due by ``today``, the missed ones included
    (idempotent: a round is unique per case and number). Streams the candidate
    cases: flat memory."""
    today = today or timezone.localdate()
    created = 0
    batch: list[RequeryRound] = []
    for case_id, closed_on in terminated_cases(today):
        for number, due_on in due_rounds(closed_on, today):
            batch.append(RequeryRound(case_id=case_id, round_number=number, due_on=due_on))
        if len(batch) >= 2000:
            created += _create(batch)
            batch = []
    return created + _create(batch)


def schedule_due_requeries(today: dt.date | None = None, *, enqueue: bool = True) -> dict:
    """Daily: create the rounds that have come due and query their cases in one
    batch. A queued round is not queued again; a round whose query got no answer
    at all is due again and goes into the next batch.
    Source: DOMAIN.md §2 "After 终本": a query every 6 months for 5 years."""
    from command_center.services.queries import request_property_query

    today = today or timezone.localdate()
    created = create_due_rounds(today)
    due_cases = sorted(
        set(
            RequeryRound.objects.filter(status=RequeryStatus.DUE, due_on__lte=today).values_list(
                "case_id", flat=True
            )
        )
    )
    from django.conf import settings

    size = int(getattr(settings, "PROPERTY_QUERY_MAX_BATCH", 20000))
    jobs = []
    for start in range(0, len(due_cases), size):
        part = due_cases[start : start + size]
        with transaction.atomic():
            job = request_property_query(
                user=None,
                case_ids=part,
                kind=JobKind.TERMINATION_REQUERY,
                note=f"终本复查 {today}",
                enqueue=enqueue,
            )
            RequeryRound.objects.filter(
                status=RequeryStatus.DUE, due_on__lte=today, case_id__in=part
            ).update(status=RequeryStatus.QUERYING, job=job)
        jobs.append(job.pk)
    return {"rounds_created": created, "cases_queued": len(due_cases), "jobs": jobs}


def _create(rounds: list[RequeryRound]) -> int:
    if not rounds:
        return 0
    before = RequeryRound.objects.filter(case_id__in=[r.case_id for r in rounds]).count()
    RequeryRound.objects.bulk_create(rounds, ignore_conflicts=True)
    return RequeryRound.objects.filter(case_id__in=[r.case_id for r in rounds]).count() - before


def complete_round_for_case(job, case_id: int) -> None:
    """Called inside the case's query transaction: once every institution has
    answered or failed, the case's rounds in this batch are done; the applicant
    is informed, and resumption is proposed when new property turned up. If no
    institution answered, the rounds are due again (queried in the next batch).
    Source: DOMAIN.md §2 "After 终本"; REQUERY_TRANSITIONS."""
    rows = list(AssetQuery.objects.filter(job_id=job.pk, case_id=case_id))
    if any(r.status not in QueryStatus.terminal() for r in rows):
        return
    rounds = list(
        RequeryRound.objects.select_for_update().filter(
            case_id=case_id, job_id=job.pk, status=RequeryStatus.QUERYING
        )
    )
    if not rounds:
        return
    answered = [r for r in rows if r.status == QueryStatus.OK]
    if not answered:
        for rnd in rounds:
            move(rnd, RequeryStatus.DUE, REQUERY_TRANSITIONS)
            rnd.save(update_fields=["status"])
        return
    case = EnforcementCase.objects.select_related("court").get(pk=case_id)
    records = sum(r.records_found for r in answered)
    new = sum(r.new_findings for r in answered)
    today = timezone.localdate()
    latest = max(rounds, key=lambda r: r.round_number)
    notice = _(
        "%(court)s, case %(case)s: on %(date)s the court queried the respondent's property online (re-query %(n)d of %(total)d after the current procedure was terminated). %(outcome)s"
    ) % {
        "court": case.court.name,
        "case": case.case_number,
        "date": _day(today),
        "n": latest.round_number,
        "total": ROUNDS,
        "outcome": _("New property was found; the court will consider resuming enforcement.")
        if new
        else _("No new property was found."),
    }
    for rnd in rounds:
        move(rnd, RequeryStatus.DONE, REQUERY_TRANSITIONS)
        rnd.done_on, rnd.findings_count, rnd.found_property = today, records, new > 0
        rnd.applicant_notice = notice
        if new:
            rnd.resumption_proposed_at = timezone.now()
        rnd.save()
    round_ids = [r.pk for r in rounds]
    _enqueue_notices(round_ids)
    if new:
        _propose_resumption(case, latest, new)


def _enqueue_notices(round_ids: list[int]) -> None:
    task("command_center.tasks.inform_applicants_task").delay_on_commit(round_ids)


def _propose_resumption(case: EnforcementCase, rnd: RequeryRound, new: int) -> None:
    """Property turned up: propose resumption (恢复执行) to the handling team and
    the bureau director."""
    recipients = list(team_members([case.team_id]).get(case.team_id, [])) if case.team_id else []
    recipients += directors_by_court([case.court_id]).get(case.court_id, [])
    title = _("Property found in 终本 case %(case)s: resume enforcement?") % {
        "case": case.case_number
    }
    body = _(
        "The six-monthly re-query found %(n)d new records. Review them and file the resumption (执恢)."
    ) % {"n": new}
    link = reverse("cases:case_resume_enforcement", kwargs={"case_id": case.pk})
    key = f"requery:{rnd.pk}:resume"
    transaction.on_commit(
        lambda: notify(
            recipients,
            title=title,
            body=body,
            link=link,
            dedup_key=key,
            level=NotificationLevel.WARNING,
        )
    )


def inform_applicants(round_ids: list[int]) -> int:
    """Send each done round's notice to the case's applicants (by text message;
    an applicant without a phone number is written to — the team is told).
    Source: DOMAIN.md §2 "After 终本": the applicant is informed."""
    from command_center.providers import sms_gateway

    gateway = sms_gateway()
    sent = 0
    for rnd in RequeryRound.objects.filter(
        pk__in=round_ids, status=RequeryStatus.DONE, applicant_informed_at__isnull=True
    ).select_related("case"):
        with transaction.atomic():
            locked = (
                RequeryRound.objects.select_for_update(skip_locked=True)
                .filter(pk=rnd.pk, applicant_informed_at__isnull=True)
                .first()
            )
            if locked is None:
                continue
            phones = [
                p
                for p in Party.objects.filter(case_id=rnd.case_id, role=PartyRole.APPLICANT)
                .exclude(phone="")
                .values_list("phone", flat=True)
            ]
            if phones:
                refs = [gateway.send(phone=phone, text=locked.applicant_notice) for phone in phones]
                locked.notice_reference = ",".join(refs)[:60]
                locked.applicant_informed_at = timezone.now()
                locked.save(update_fields=["notice_reference", "applicant_informed_at"])
                sent += 1
            else:
                locked.notice_reference = "letter"
                locked.save(update_fields=["notice_reference"])
                case = rnd.case
                members = team_members([case.team_id]).get(case.team_id, []) if case.team_id else []
                notify(
                    members or directors_by_court([case.court_id]).get(case.court_id, []),
                    title=_(
                        "Send the 终本 re-query notice of %(case)s by post: the applicant has no phone number"
                    )
                    % {"case": case.case_number},
                    body=locked.applicant_notice,
                    link=locked.get_absolute_url(),
                    dedup_key=f"requery:{locked.pk}:letter",
                )
    return sent

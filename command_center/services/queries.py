"""Online property query and control (网络查控) in batches: a team queries one
case, the centre queries thousands (DOMAIN.md §2, §5; DESIGN.md "Background
work", "External integrations").

How a batch runs, and why it survives failures:

1. ``request_property_query`` checks the user's rights on every case and creates
   a ``BackgroundJob`` (the progress bar); the task is enqueued after commit.
2. The first chunk marks the job running and creates one ``AssetQuery`` row per
   case and institution, in the same transaction (unique per batch, case and
   institution: a redelivered message creates nothing twice).
3. Each chunk takes up to ``PROPERTY_QUERY_CHUNK_SIZE`` cases of its lane. A case
   is processed in one transaction holding its rows (``FOR UPDATE SKIP
   LOCKED``): the institutions are asked, findings recorded through
   ``cases.services.measures.record_finding`` (idempotent per fingerprint), the
   rows moved to ``ok`` / ``retrying`` / ``failed`` and the progress advanced.
   A worker killed mid-case rolls that case back; the redelivered chunk does it
   again, and nothing is found twice.
4. A transient provider error leaves the row ``retrying`` with the time of the
   next attempt (exponential backoff with jitter); after
   ``PROPERTY_QUERY_MAX_ATTEMPTS`` it is ``failed`` — a visible state, never a
   lost finding. Running the batch again queries it anew.
5. Each chunk enqueues the next one; when no row is left to answer, the job is
   finished, its creator notified, and online-query tasks waiting on it
   completed. Investigation steps are recorded per case and kind of
   institution, so that the 终本 checklist sees the online queries.

The batch's rights, its start and its sending to the workers are here; its
chunks, answers, investigation steps and end (steps 2–5) are in
``command_center.services.query_chunks``, which calls the hooks below.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import CaseType
from cases.models import EnforcementCase
from cases.services.common import is_implementation
from command_center.providers import property_network
from courts.access import CHANGE, VIEW, scope_for
from courts.choices import CourtTier
from courts.models import Court
from courts.policy import is_centre_staff
from haikou_exec.celery import task
from haikou_exec.choices import JobKind, JobStatus
from haikou_exec.jobs import create_job
from haikou_exec.models import BackgroundJob
from haikou_exec.outbox import BROKER_ERRORS

logger = logging.getLogger(__name__)

QUERY_JOB_KINDS = (JobKind.PROPERTY_QUERY, JobKind.TERMINATION_REQUERY)


def _setting(name: str, default):
    return getattr(settings, name, default)


# --- who hears when a batch's work ends ----------------------------------------
# The services that started work on a batch (the affairs centre's online-query
# tasks, the 终本 re-query rounds) are told through these lists, filled in
# CommandCenterConfig.ready(), instead of this module importing them back: the
# batch is below the work that uses it (issue 19, no import circles). Each hook
# runs inside the batch's transaction.

# hook(job, summary), once, when the batch finishes.
BATCH_FINISHED: list[Callable[[BackgroundJob, str], object]] = []
# hook(job, case_id), for a batch of that kind, when every institution asked about
# the case has answered or failed.
CASE_ANSWERED: dict[str, list[Callable[[BackgroundJob, int], object]]] = defaultdict(list)


# --- starting a batch ---------------------------------------------------------


def queryable_cases(user):
    """Cases the user may query: the affairs centre and the city leadership any
    case they see; everyone else the cases they may change (their team's, their
    bureau's for its leadership)."""
    scope = scope_for(user)
    if user.is_superuser or is_centre_staff(scope):
        return EnforcementCase.objects.restrict(user, VIEW)
    return EnforcementCase.objects.restrict(user, CHANGE)


def may_query(user, case) -> bool:
    """The case page's 网络查控 button (``case.may_change`` is annotated by the case
    page): the case's handlers (change scope) and the affairs centre, which queries
    any case it sees (``queryable_cases``)."""
    if not user.has_perm("command_center.add_assetquery"):
        return False
    if not is_implementation(case):
        return False  # a review case is not queried (request_property_query)
    return bool(case.may_change) or user.is_superuser or is_centre_staff(scope_for(user))


def case_page_context(user, case) -> dict:
    """What the case page shows of the command centre (``cases.hooks.CASE_PAGE_CONTEXT``)."""
    return {"can_query": may_query(user, case)}


def _job_court(user, case_ids: list[int]) -> Court:
    scope = scope_for(user)
    if scope.court_id:
        return Court.objects.get(pk=scope.court_id)
    return (
        Court.objects.filter(tier=CourtTier.INTERMEDIATE).first()
        or EnforcementCase.objects.get(pk=case_ids[0]).court
    )


@transaction.atomic
def request_property_query(
    *, user, case_ids, kind: str = JobKind.PROPERTY_QUERY, note: str = "", enqueue: bool = True
) -> BackgroundJob:
    """Start an online query of the given cases' respondents at every institution
    of the network. Every case must be the user's to query.
    Source: DOMAIN.md §2 node table: 网络查控 within 5 days of filing."""
    ids = sorted({int(i) for i in case_ids})
    if not ids:
        raise ValidationError({"cases": [_("Choose at least one case.")]})
    limit = _setting("PROPERTY_QUERY_MAX_BATCH", 20000)
    if len(ids) > limit:
        raise ValidationError(
            {"cases": [_("At most %(n)d cases can be queried in one batch.") % {"n": limit}]}
        )
    if user is not None:
        allowed = set(queryable_cases(user).filter(pk__in=ids).values_list("pk", flat=True))
        denied = [i for i in ids if i not in allowed]
        if denied:
            raise ValidationError(
                {
                    "cases": [
                        _("%(n)d of the cases are not yours to query (or do not exist).")
                        % {"n": len(denied)}
                    ]
                }
            )
    elif EnforcementCase.objects.filter(pk__in=ids).count() != len(ids):
        raise ValidationError({"cases": [_("Some of the cases do not exist.")]})
    # The network is queried for the case that enforces the title, never for a
    # review case about it (cases.services.common.ensure_implementation).
    reviews = list(
        EnforcementCase.objects.filter(pk__in=ids)
        .exclude(case_type__in=CaseType.implementation_codes())
        .order_by("pk")
        .values_list("case_number", flat=True)[:3]
    )
    if reviews:
        raise ValidationError(
            {
                "cases": [
                    _(
                        "Online queries are made in implementation cases (执, 执恢, 执保); "
                        "review cases cannot be queried: %(cases)s."
                    )
                    % {"cases": "、".join(reviews)}
                ]
            }
        )
    institutions = property_network().institutions()
    lanes = max(1, min(int(_setting("PROPERTY_QUERY_PARALLELISM", 2)), len(ids)))
    job = create_job(
        kind=kind,
        user=user or system_user(),
        court=_job_court(user, ids) if user is not None else _intermediate_court(),
        parameters={"case_ids": ids, "lanes": lanes, "note": note},
        total=len(ids) * len(institutions),
    )
    if enqueue:
        transaction.on_commit(lambda: enqueue_job(job.pk))
    return job


# What a publish raises when the broker (Redis) cannot be reached.


def enqueue_job(job_id: int, *, countdown: float = 0) -> bool:
    """Send the batch's lanes to the workers. The job row is the durable record
    (an outbox): when the broker is down the job stays pending with a message
    saying so, no error reaches the user, and ``resume_stalled_jobs`` sends it
    once the broker is back. A pending job's ``celery_task_id`` is set only
    once its first message is on the broker."""
    job = BackgroundJob.objects.filter(pk=job_id).only("parameters", "status").first()
    if job is None:
        return False
    # A pending batch starts with lane 0, which prepares its rows and then sends the
    # others (run_query_chunk); a running one that stalled gets every lane again.
    lanes = int(job.parameters.get("lanes", 1)) if job.status == JobStatus.RUNNING else 1
    try:
        sent = _send_lanes(job_id, range(lanes), countdown=countdown)
    except BROKER_ERRORS as exc:
        logger.warning("job %s not dispatched, the broker is unavailable: %s", job_id, exc)
        _note_pending(
            job_id,
            message=_(
                "Background processing is unavailable right now. The job is queued and "
                "starts automatically when it is back."
            ),
        )
        return False
    _note_pending(job_id, celery_task_id=sent[0].id, message="")
    return True


def _send_lanes(job_id: int, lanes, *, countdown: float = 0) -> list:
    run_property_query = task("command_center.tasks.run_property_query")
    return [
        run_property_query.apply_async(args=[job_id, lane], countdown=countdown) for lane in lanes
    ]


def _note_pending(job_id: int, **values) -> None:
    """Record on a job that is still pending how it was sent, without waiting: a
    worker that already holds the row has started the job and records its own task.
    (Waiting here queued the web request behind the worker's transaction, and under
    load that wait closed a deadlock cycle: a 503 for a batch that was stored.)"""
    with transaction.atomic():
        pending = BackgroundJob.objects.select_for_update(skip_locked=True).filter(
            pk=job_id, status=JobStatus.PENDING
        )
        BackgroundJob.objects.filter(pk__in=pending.values("pk")).update(**values)


def system_user():
    """The account scheduled jobs run as (inactive: it cannot log in)."""
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        username="system", defaults={"is_active": False, "first_name": "系统"}
    )
    return user


def _intermediate_court() -> Court:
    return Court.objects.filter(tier=CourtTier.INTERMEDIATE).order_by("sort_order").first()


# --- a batch whose worker went away -------------------------------------------


def resume_stalled_jobs(*, stalled_minutes: int | None = None) -> int:
    """Enqueue again the query batches whose worker went away: running with an
    old heartbeat, still pending long after they were created (a lost message),
    or never sent because the broker was down. Chunks are idempotent, so an
    extra chain does no harm.
    Source: DESIGN.md "Background work"."""
    minutes = stalled_minutes or int(_setting("PROPERTY_QUERY_STALL_MINUTES", 15))
    cutoff = timezone.now() - dt.timedelta(minutes=minutes)
    # Never sent (the broker was down when the job was created): send it now.
    undispatched_before = timezone.now() - dt.timedelta(
        seconds=float(_setting("PROPERTY_QUERY_DISPATCH_GRACE_SECONDS", 30))
    )
    stalled = list(
        BackgroundJob.objects.filter(kind__in=QUERY_JOB_KINDS)
        .filter(
            Q(status=JobStatus.RUNNING, heartbeat_at__lt=cutoff)
            | Q(status=JobStatus.RUNNING, heartbeat_at__isnull=True, started_at__lt=cutoff)
            | Q(status=JobStatus.PENDING, created_at__lt=cutoff)
            | Q(status=JobStatus.PENDING, celery_task_id="", created_at__lt=undispatched_before)
        )
        .values_list("pk", flat=True)
    )
    for job_id in stalled:
        BackgroundJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
            heartbeat_at=timezone.now()
        )
        enqueue_job(job_id)
    return len(stalled)

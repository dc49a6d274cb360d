"""Read paths for the home pages and jobs."""

from __future__ import annotations

from django.db.models import Count, Q

from courts.access import VIEW, scope_for
from courts.models import Court
from personnel.choices import OfficerRole
from personnel.models import Officer


def job_list(queryset):
    return queryset.select_related("court", "created_by")


def officers_per_court(user) -> list[dict]:
    """Officers in service per court the user can see, for the leadership chart."""
    # Meta.ordering is not applied to an aggregate query (Django ≥ 3.1): order as
    # every other court table does.
    courts = (
        Court.objects.restrict(user, VIEW)
        .annotate(officers=Count("bureaus__officers", filter=Q(bureaus__officers__is_active=True)))
        .order_by("sort_order", "code")
    )
    return [
        {"court": c.short_name, "code": c.code, "pk": c.pk, "officers": c.officers} for c in courts
    ]


def home_kind(user) -> str:
    """Which home page a user lands on."""
    scope = scope_for(user)
    if scope.superuser or scope.city_leadership:
        return "leadership"
    if scope.role == OfficerRole.SUPERVISOR:
        return "supervision"
    if scope.role == OfficerRole.CENTER_STAFF:
        return "centre"
    if scope.leads_bureau:
        return "bureau"
    if scope.officer_id:
        return "team"
    return "none"


def my_officer(user) -> Officer | None:
    return Officer.objects.select_related("bureau__court").filter(user=user).first()


# --- lists: every relation a row shows, so that the query count does not grow ---


def task_list(queryset):
    return queryset.select_related("case", "court", "claimed_by", "sent_by")


def task_workload(court_ids=None, *, days: int = 30) -> dict:
    """Per member of the centre: tasks in hand, overdue in hand, completed and
    returned in the last ``days`` days, average hours to finish; and per kind:
    waiting and overdue in the queue."""
    import datetime as dt

    from django.db.models import Avg, DurationField, ExpressionWrapper, F
    from django.utils import timezone

    from command_center.choices import AffairsTaskKind, AffairsTaskStatus
    from command_center.models import AffairsTask

    now = timezone.now()
    since = now - dt.timedelta(days=days)
    tasks = AffairsTask.objects.all()
    if court_ids is not None:
        tasks = tasks.filter(court_id__in=court_ids)
    people = (
        tasks.filter(claimed_by__isnull=False)
        .filter(Q(status=AffairsTaskStatus.CLAIMED) | Q(finished_at__gte=since))
        .order_by()
        .values("claimed_by_id", "claimed_by__first_name", "claimed_by__username")
        .annotate(
            in_hand=Count("pk", filter=Q(status=AffairsTaskStatus.CLAIMED)),
            overdue=Count("pk", filter=Q(status=AffairsTaskStatus.CLAIMED, due_at__lt=now)),
            completed=Count(
                "pk", filter=Q(status=AffairsTaskStatus.COMPLETED, finished_at__gte=since)
            ),
            returned=Count(
                "pk", filter=Q(status=AffairsTaskStatus.RETURNED, finished_at__gte=since)
            ),
            late=Count(
                "pk",
                filter=Q(
                    status=AffairsTaskStatus.COMPLETED,
                    finished_at__gte=since,
                    finished_at__gt=F("due_at"),
                ),
            ),
            avg_duration=Avg(
                ExpressionWrapper(F("finished_at") - F("sent_at"), output_field=DurationField()),
                filter=Q(status=AffairsTaskStatus.COMPLETED, finished_at__gte=since),
            ),
        )
        .order_by("-in_hand", "claimed_by__username")
    )
    rows = []
    for p in people:
        hours = p["avg_duration"].total_seconds() / 3600 if p["avg_duration"] else None
        rows.append(
            {
                **p,
                "name": p["claimed_by__first_name"] or p["claimed_by__username"],
                "avg_hours": hours,
            }
        )
    queue = {
        r["kind"]: r
        for r in tasks.filter(status=AffairsTaskStatus.PENDING)
        .order_by()
        .values("kind")
        .annotate(waiting=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=now)))
    }
    kinds = [
        {
            "kind": kind,
            "label": label,
            "waiting": queue.get(kind, {}).get("waiting", 0),
            "overdue": queue.get(kind, {}).get("overdue", 0),
        }
        for kind, label in AffairsTaskKind.choices
    ]
    return {"people": rows, "kinds": kinds, "days": days}


def asset_query_list(queryset):
    return queryset.select_related("case__court", "job")


def freeze_list(queryset):
    return queryset.select_related("case__court")


def requery_list(queryset):
    return queryset.select_related("case__court")


def directive_list(queryset):
    return queryset.select_related("court", "issued_by")


def recipient_list(queryset):
    return queryset.select_related("directive", "bureau__court")


def operation_list(queryset):
    return queryset.select_related("court", "created_by")


def participant_list(queryset):
    return queryset.select_related("operation", "bureau__court")


def consultation_list(queryset):
    return queryset.select_related("court", "case", "recorded_by")


def field_record_list(queryset):
    return queryset.select_related("court", "case", "recorded_by")


def dispatch_list(queryset):
    return queryset.select_related("court", "logged_by")


def opinion_list(queryset):
    return queryset.select_related("court")


def institution_list(queryset):
    return queryset.select_related("court")


def outsourced_list(queryset):
    return queryset.select_related("court", "institution", "case")

"""Read paths for personnel: list and detail querysets (select/prefetch here, so
query counts stay constant as rows grow), rotation standings, staffing against
quotas, and the age and knowledge structure (DOMAIN.md §6)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from dateutil.relativedelta import relativedelta
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from personnel.choices import Education, LegalQualification, Post
from personnel.models import (
    Officer,
    Position,
    PostQuota,
    RotationPolicy,
    StaffingQuota,
    TeamMembership,
)
from personnel.tenure import RotationStanding, Stint, rotation_standing, tenure_in_post


def current_q(prefix: str = "", on: datetime.date | None = None) -> Q:
    """Positions held on ``on`` (today by default)."""
    on = on or timezone.localdate()
    return Q(**{f"{prefix}started_on__lte": on}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": on})
    )


def _current_post_subquery():
    return Subquery(Position.objects.filter(current_q(), officer=OuterRef("pk")).values("post")[:1])


# --- officers and teams ------------------------------------------------------


def officer_list(queryset: QuerySet[Officer]) -> QuerySet[Officer]:
    return queryset.select_related("bureau__court", "user").annotate(
        current_post=_current_post_subquery()
    )


def officer_detail(queryset: QuerySet[Officer]) -> QuerySet[Officer]:
    return officer_list(queryset).prefetch_related(
        Prefetch(
            "positions",
            queryset=Position.objects.select_related("bureau__court").order_by("-started_on"),
        ),
        Prefetch(
            "team_memberships",
            queryset=TeamMembership.objects.select_related("team").order_by("-started_on"),
        ),
        "talent_memberships__specialties",
        "secondments__host_bureau",
        "trial_exchanges",
        "trainings",
        "seminars",
        "research_outputs",
        "duty_reports",
        "handovers",
    )


def team_list(queryset):
    current = TeamMembership.objects.filter(ended_on__isnull=True).select_related("officer")
    return queryset.select_related("bureau__court").prefetch_related(
        Prefetch("memberships", queryset=current, to_attr="current_memberships")
    )


def team_detail(queryset):
    history = TeamMembership.objects.select_related("officer").order_by("-started_on")
    return team_list(queryset).prefetch_related(
        Prefetch("memberships", queryset=history, to_attr="membership_history")
    )


# --- positions, tenure and rotation -----------------------------------------


def position_list(queryset: QuerySet[Position]) -> QuerySet[Position]:
    return queryset.select_related("officer", "bureau__court")


def rotation_watch(queryset: QuerySet[Position], on: datetime.date | None = None):
    """Current director and deputy positions with each officer's whole history
    prefetched, so that each row's rotation standing needs no query."""
    return (
        queryset.filter(current_q(on=on), post__in=Post.leadership_posts())
        .select_related("officer", "bureau__court")
        .prefetch_related(
            Prefetch(
                "officer__positions",
                queryset=Position.objects.order_by("started_on"),
                to_attr="history",
            )
        )
        .order_by("started_on", "pk")
    )


def standing_of(position: Position, on: datetime.date | None = None, policy=None):
    """The rotation standing of the officer holding ``position`` (needs
    ``rotation_watch``'s prefetch)."""
    on = on or timezone.localdate()
    policy = policy or RotationPolicy.current()
    history = getattr(position.officer, "history", None)
    if history is None:
        history = list(position.officer.positions.all())
    return rotation_standing([Stint.of(p) for p in history], on, policy)


def rotation_standings(
    on: datetime.date | None = None, queryset: QuerySet[Position] | None = None
) -> Iterator[tuple[Officer, RotationStanding]]:
    """(officer, standing) for every current leader (the reminder task uses this)."""
    on = on or timezone.localdate()
    policy = RotationPolicy.current()
    base = queryset if queryset is not None else Position.objects.all()
    for position in rotation_watch(base.filter(officer__is_active=True), on=on):
        standing = standing_of(position, on, policy)
        if standing is not None:
            yield position.officer, standing


def position_tenures(positions, on: datetime.date | None = None) -> list[tuple]:
    """(position, time served) for the officer page."""
    on = on or timezone.localdate()
    return [(p, tenure_in_post(Stint.of(p), on)) for p in positions]


def duration_text(delta: relativedelta) -> str:
    return str(_("%(y)d y %(m)d m")) % {"y": delta.years, "m": delta.months}


# --- staffing against headcount and post quotas ------------------------------

STAFFING_POSTS = [
    Post.DIRECTOR,
    Post.DEPUTY_DIRECTOR,
    Post.JUDGE,
    Post.ASSISTANT,
    Post.CLERK,
    Post.JUDICIAL_POLICE,
]


def staffing_list(queryset):
    """Each bureau with its headcount, officers in service, and per post the quota
    and the current holders; all as subqueries, one query for the page."""
    today = timezone.localdate()
    annotations = {
        "headcount": Subquery(
            StaffingQuota.objects.filter(bureau=OuterRef("pk")).values("headcount")[:1]
        ),
        "in_service": Count("officers", filter=Q(officers__is_active=True), distinct=True),
    }
    for post in STAFFING_POSTS:
        annotations[f"quota_{post}"] = Subquery(
            PostQuota.objects.filter(bureau=OuterRef("pk"), post=post).values("quota")[:1]
        )
        annotations[f"actual_{post}"] = Coalesce(
            Subquery(
                Position.objects.filter(current_q(on=today), bureau=OuterRef("pk"), post=post)
                .order_by()
                .values("bureau")
                .annotate(n=Count("pk"))
                .values("n")[:1],
                output_field=IntegerField(),
            ),
            Value(0),
        )
    return (
        queryset.select_related("court")
        .annotate(**annotations)
        .order_by("court__sort_order", "kind")
    )


# --- age and knowledge structure ---------------------------------------------

# Age bands of the structure report [assumed: the usual cadre-statistics bands].
AGE_BANDS = [
    ("under_30", _("Under 30"), None, 29),
    ("30_39", _("30–39"), 30, 39),
    ("40_49", _("40–49"), 40, 49),
    ("50_59", _("50–59"), 50, 59),
    ("60_plus", _("60 and over"), 60, None),
]
AGE_BAND_CHOICES = [(key, label) for key, label, _lo, _hi in AGE_BANDS] + [
    ("unknown", _("Birth date not recorded"))
]


def birth_date_q(band: str, on: datetime.date | None = None) -> Q:
    """Officers whose age on ``on`` falls in ``band``."""
    on = on or timezone.localdate()
    if band == "unknown":
        return Q(birth_date__isnull=True)
    for key, _label, low, high in AGE_BANDS:
        if key == band:
            q = Q(birth_date__isnull=False)
            if low is not None:  # at least ``low`` years old: born on or before on - low
                q &= Q(birth_date__lte=on - relativedelta(years=low))
            if high is not None:  # younger than high + 1
                q &= Q(birth_date__gt=on - relativedelta(years=high + 1))
            return q
    return Q(pk__in=[])


def structure(officers: QuerySet[Officer], on: datetime.date | None = None) -> dict:
    """Age bands, education and legal qualification of the officers in service,
    per bureau and in total: three grouped queries whatever the headcount."""
    on = on or timezone.localdate()
    officers = officers.filter(is_active=True).order_by()
    age_counts = {
        f"age_{key}": Count("pk", filter=birth_date_q(key, on)) for key, _label in AGE_BAND_CHOICES
    }
    per_bureau_age = list(
        officers.values(
            "bureau_id",
            "bureau__name",
            "bureau__court__short_name",
            "bureau__court__sort_order",
            "bureau__kind",
        )
        .annotate(total=Count("pk"), **age_counts)
        .order_by("bureau__court__sort_order", "bureau__kind")
    )
    education = _grouped(officers, "education", Education)
    qualification = _grouped(officers, "legal_qualification", LegalQualification)
    bureaus = [
        {
            "id": row["bureau_id"],
            "name": row["bureau__name"],
            "short": _short_bureau(row),
            "total": row["total"],
            "age": [row[f"age_{key}"] for key, _l in AGE_BAND_CHOICES],
            "education": [education.get((row["bureau_id"], v), 0) for v in _values(Education)],
            "qualification": [
                qualification.get((row["bureau_id"], v), 0) for v in _values(LegalQualification)
            ],
        }
        for row in per_bureau_age
    ]

    def total(field: str, size: int) -> list[int]:
        return [sum(b[field][i] for b in bureaus) for i in range(size)]

    return {
        "age_bands": [(key, str(label)) for key, label in AGE_BAND_CHOICES],
        "education_levels": [(v, str(label)) for v, label in _labels(Education)],
        "qualifications": [(v, str(label)) for v, label in _labels(LegalQualification)],
        "bureaus": bureaus,
        "city": {
            "total": sum(b["total"] for b in bureaus),
            "age": total("age", len(AGE_BAND_CHOICES)),
            "education": total("education", len(Education.choices) + 1),
            "qualification": total("qualification", len(LegalQualification.choices) + 1),
        },
    }


def _short_bureau(row) -> str:
    """海口中院 / 海口中院（刑执） / 秀英法院: short enough for a chart axis."""
    from courts.choices import BureauKind

    suffix = str(_("(criminal)")) if row["bureau__kind"] == BureauKind.CRIMINAL_ENFORCEMENT else ""
    return f"{row['bureau__court__short_name']}{suffix}"


def _values(choices) -> list[str]:
    return [*choices.values, ""]


def _labels(choices) -> list[tuple[str, str]]:
    return [*choices.choices, ("", _("Not recorded"))]


def _grouped(officers, field: str, _choices) -> dict[tuple[int, str], int]:
    return {
        (row["bureau_id"], row[field]): row["n"]
        for row in officers.values("bureau_id", field).annotate(n=Count("pk"))
    }


# --- other lists -------------------------------------------------------------


def rotation_plan_list(queryset):
    return (
        queryset.select_related("court", "created_by")
        .annotate(item_count=Count("items", distinct=True))
        .order_by("-created_at", "-pk")
    )


def rotation_plan_detail(queryset):
    return queryset.select_related("court", "created_by", "decided_by").prefetch_related(
        Prefetch(
            "items",
            queryset=_plan_items(),
        )
    )


def _plan_items():
    from personnel.models import RotationPlanItem

    return RotationPlanItem.objects.select_related(
        "officer", "position__bureau", "destination_bureau"
    ).order_by("effective_on", "pk")


def trial_exchange_list(queryset):
    return queryset.select_related("officer", "bureau__court")


def handover_list(queryset):
    return (
        queryset.select_related("officer", "bureau__court")
        .annotate(
            item_count=Count("items", distinct=True),
            open_count=Count("items", filter=Q(items__moved_at__isnull=True), distinct=True),
        )
        .order_by("-handover_on", "-pk")
    )


def handover_detail(queryset):
    from personnel.models import HandoverItem

    return queryset.select_related("officer", "bureau__court", "created_by").prefetch_related(
        Prefetch("items", queryset=HandoverItem.objects.select_related("successor"))
    )


def appointment_list(queryset):
    return queryset.select_related(
        "bureau__court", "candidate__bureau", "proposed_by", "decided_by", "position"
    )


def talent_list(queryset):
    return queryset.select_related("officer__bureau__court").prefetch_related("specialties")


def seminar_list(queryset):
    return (
        queryset.select_related("court")
        .annotate(participant_count=Count("participants", distinct=True))
        .order_by("-held_on", "-pk")
    )


def seminar_detail(queryset):
    return queryset.select_related("court").prefetch_related(
        Prefetch("participants", queryset=Officer.objects.select_related("bureau__court")),
        "research_outputs",
    )


def research_list(queryset):
    return queryset.select_related("court", "seminar").prefetch_related("authors")


def secondment_list(queryset):
    return queryset.select_related("officer", "home_bureau__court", "host_bureau__court")


def training_list(queryset):
    return (
        queryset.select_related("court")
        .annotate(participant_count=Count("participants", distinct=True))
        .order_by("-starts_on", "-pk")
    )


def training_detail(queryset):
    return queryset.select_related("court").prefetch_related(
        Prefetch("participants", queryset=Officer.objects.select_related("bureau__court"))
    )


def duty_report_list(queryset):
    return (
        queryset.select_related("officer", "bureau__court", "scored_by")
        .annotate(attachment_count=Count("attachments", distinct=True))
        .order_by("-year", "bureau__court__sort_order", "pk")
    )


def duty_report_detail(queryset):
    return queryset.select_related("officer", "bureau__court", "scored_by").prefetch_related(
        "attachments"
    )


def scores_visible_to(user) -> bool:
    """Who sees the scores of reports of duties (they feed cadre selection):
    the intermediate court's leadership, supervision and court leadership. The
    director always sees their own (checked by the page)."""
    from courts.access import scope_for
    from personnel.choices import OfficerRole

    scope = scope_for(user)
    return (
        user.is_superuser
        or scope.city_leadership
        or scope.role in (OfficerRole.SUPERVISOR, OfficerRole.LEADERSHIP)
    )

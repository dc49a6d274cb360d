"""Read paths of supervision: list rows with what each table shows in a constant
number of queries, and the overview's counts (aggregate queries)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from supervision.choices import AlertStatus, OrderStatus, SupervisionStatus
from supervision.models import (
    Alert,
    CaseReview,
    DirectorTalk,
    Inspection,
    InspectionFinding,
    JointInspection,
    SupervisionCase,
    SupervisionOrder,
)


def alert_list(queryset: QuerySet[Alert]) -> QuerySet[Alert]:
    return queryset.select_related("rule", "case", "court").defer("evidence")


def alert_detail(queryset: QuerySet[Alert]) -> QuerySet[Alert]:
    return queryset.select_related("rule", "case__team", "court", "triaged_by", "supervision_case")


def case_list(queryset: QuerySet[SupervisionCase]) -> QuerySet[SupervisionCase]:
    return queryset.select_related("court", "supervised_case", "handler")


def case_detail(queryset: QuerySet[SupervisionCase]) -> QuerySet[SupervisionCase]:
    return queryset.select_related("court", "supervised_case", "filing", "handler", "opened_by")


def order_list(queryset: QuerySet[SupervisionOrder]) -> QuerySet[SupervisionOrder]:
    return queryset.select_related("court", "case", "supervision_case")


def order_detail(queryset: QuerySet[SupervisionOrder]) -> QuerySet[SupervisionOrder]:
    return queryset.select_related("court", "case", "supervision_case", "issued_by", "reviewed_by")


def inspection_list(queryset: QuerySet[Inspection]) -> QuerySet[Inspection]:
    return (
        queryset.select_related("court", "led_by")
        .annotate(finding_count=Count("findings", distinct=True))
        .prefetch_related("courts")
    )


def finding_list(queryset: QuerySet[InspectionFinding]) -> QuerySet[InspectionFinding]:
    return queryset.select_related("court", "inspection", "case")


def review_list(queryset: QuerySet[CaseReview]) -> QuerySet[CaseReview]:
    return queryset.select_related("case__court", "sheet", "reviewer")


def joint_list(queryset: QuerySet[JointInspection]) -> QuerySet[JointInspection]:
    return queryset.select_related("case__court").annotate(
        conduct_count=Count("conduct_findings", distinct=True)
    )


def talk_list(queryset: QuerySet[DirectorTalk]) -> QuerySet[DirectorTalk]:
    return queryset.select_related("court", "director")


def overview(user, today: dt.date) -> dict:
    """The supervision overview of the user's scope: open alerts per rule and
    court, open supervision cases, orders awaiting or overdue, talks pending."""
    alerts = Alert.objects.restrict(user).filter(status=AlertStatus.OPEN)
    by_court = list(
        alerts.order_by()
        .values("court_id", "court__short_name", "court__code", "court__sort_order")
        .annotate(n=Count("pk"))
        .order_by("court__sort_order")
    )
    by_rule = list(
        alerts.order_by()
        .values("rule_id", "rule__name")
        .annotate(n=Count("pk"))
        .order_by("rule__name")
    )
    orders = SupervisionOrder.objects.restrict(user).filter(
        status__in=[OrderStatus.ISSUED, OrderStatus.RETURNED]
    )
    counts = orders.aggregate(
        awaiting=Count("pk"), overdue=Count("pk", filter=Q(respond_by__lt=today))
    )
    return {
        "alerts_by_court": by_court,
        "alerts_by_rule": by_rule,
        "alerts_open": sum(r["n"] for r in by_court),
        "cases_open": SupervisionCase.objects.restrict(user)
        .exclude(status=SupervisionStatus.CONCLUDED)
        .count(),
        "orders_awaiting": counts["awaiting"],
        "orders_overdue": counts["overdue"],
        "findings_open": InspectionFinding.objects.restrict(user).filter(status="open").count(),
        "talks_pending": DirectorTalk.objects.restrict(user)
        .filter(status__in=["scheduled", "held"])
        .count(),
    }

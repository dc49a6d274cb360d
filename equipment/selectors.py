"""Read paths for equipment: list and detail querysets (constant query counts)
and the dashboard figures."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count, Prefetch, QuerySet

from courts.access import VIEW
from courts.choices import CourtTier
from courts.models import Court
from equipment.choices import EquipmentCategory, InspectionStatus, ItemStatus
from equipment.models import (
    ComplianceScore,
    EquipmentAssignment,
    EquipmentInspection,
    EquipmentItem,
    EquipmentStandard,
    InspectionFollowUp,
    InspectionPhoto,
)
from equipment.services.compliance import in_service_counts
from equipment.services.reminders import SERVICE_LIFE_NOTICE_DAYS

# --- lists and details ---------------------------------------------------------


def item_list(queryset: QuerySet[EquipmentItem]) -> QuerySet[EquipmentItem]:
    open_assignments = EquipmentAssignment.objects.filter(returned_at__isnull=True).select_related(
        "officer"
    )
    return queryset.select_related("court", "custodian").prefetch_related(
        Prefetch("assignments", queryset=open_assignments, to_attr="open_assignments")
    )


def item_detail(queryset: QuerySet[EquipmentItem]) -> QuerySet[EquipmentItem]:
    history = EquipmentAssignment.objects.select_related(
        "officer", "assigned_by", "returned_by"
    ).order_by("-assigned_at")
    return item_list(queryset).prefetch_related(
        Prefetch("assignments", queryset=history, to_attr="assignment_history")
    )


def assignment_list(queryset: QuerySet[EquipmentAssignment]) -> QuerySet[EquipmentAssignment]:
    return queryset.select_related("item__court", "officer", "assigned_by")


def standard_list(queryset: QuerySet[EquipmentStandard]) -> QuerySet[EquipmentStandard]:
    return queryset.select_related("issued_by")


def inspection_list(queryset: QuerySet[EquipmentInspection]) -> QuerySet[EquipmentInspection]:
    return queryset.select_related("court", "inspector", "scheduled_by")


def inspection_detail(queryset: QuerySet[EquipmentInspection]) -> QuerySet[EquipmentInspection]:
    return inspection_list(queryset).prefetch_related(
        "check_items",
        Prefetch(
            "photos", queryset=InspectionPhoto.objects.select_related("uploaded_by", "check_item")
        ),
        Prefetch("follow_ups", queryset=InspectionFollowUp.objects.select_related("recorded_by")),
    )


def score_list(queryset: QuerySet[ComplianceScore]) -> QuerySet[ComplianceScore]:
    return queryset.select_related("court", "inspection", "computed_by")


# --- dashboard -------------------------------------------------------------------


def court_figures(user, courts: list[Court], on: datetime.date) -> list[dict]:
    """Per court: live coverage of the standards, status counts, end-of-life
    soon, inspections and the stored compliance score. A fixed number of
    queries whatever the number of courts or items."""
    court_ids = [c.pk for c in courts]
    items = EquipmentItem.objects.restrict(user, VIEW).filter(court_id__in=court_ids)
    status_counts = defaultdict(dict)
    for row in items.values("court_id", "status").annotate(n=Count("id")).order_by():
        status_counts[row["court_id"]][row["status"]] = row["n"]
    horizon = on + datetime.timedelta(days=SERVICE_LIFE_NOTICE_DAYS)
    ending = dict(
        items.filter(
            status__in=[ItemStatus.IN_STOCK, ItemStatus.IN_USE, ItemStatus.UNDER_REPAIR],
            service_end_on__lte=horizon,
        )
        .values("court_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("court_id", "n")
    )
    counts = in_service_counts(court_ids, on)
    standards = defaultdict(list)
    for standard in sorted(
        EquipmentStandard.objects.all(), key=lambda s: EquipmentCategory.order(s.category)
    ):
        standards[standard.tier].append(standard)
    inspections = EquipmentInspection.objects.restrict(user, VIEW).filter(court_id__in=court_ids)
    open_rect = dict(
        inspections.filter(status__in=list(InspectionStatus.open_rectification()))
        .values("court_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("court_id", "n")
    )
    next_inspection = {}
    for inspection in inspections.filter(status=InspectionStatus.SCHEDULED).order_by(
        "scheduled_on", "pk"
    ):
        next_inspection.setdefault(inspection.court_id, inspection)
    scores = {
        s.court_id: s
        for s in ComplianceScore.objects.restrict(user, VIEW).filter(
            court_id__in=court_ids, year=on.year
        )
    }
    figures = []
    for court in courts:
        lines = []
        for standard in standards.get(court.tier, []):
            held = counts.get((court.pk, standard.category), 0)
            lines.append(
                {
                    "category": standard.category,
                    "label": standard.get_category_display(),
                    "required": standard.required_quantity,
                    "specification": standard.specification,
                    "in_service": held,
                    "shortfall": max(standard.required_quantity - held, 0),
                }
            )
        by_status = status_counts.get(court.pk, {})
        figures.append(
            {
                "court": court,
                "lines": lines,
                "by_status": [
                    {"status": s, "label": ItemStatus(s).label, "n": by_status.get(s, 0)}
                    for s in ItemStatus.values
                ],
                "total": sum(by_status.values()),
                "in_service": sum(by_status.get(s, 0) for s in ItemStatus.in_service()),
                "counted": sum(line["in_service"] for line in lines),
                "required": sum(line["required"] for line in lines),
                "short_categories": sum(1 for line in lines if line["shortfall"]),
                "ending_soon": ending.get(court.pk, 0),
                "open_rectifications": open_rect.get(court.pk, 0),
                "next_inspection": next_inspection.get(court.pk),
                "score": scores.get(court.pk),
            }
        )
    return figures


def category_totals(figures: list[dict]) -> list[dict]:
    """City-wide: required and counted per category, summed over the courts."""
    totals = {
        c: {"category": c, "label": EquipmentCategory(c).label, "required": 0, "in_service": 0}
        for c in EquipmentCategory.values
    }
    for figure in figures:
        for line in figure["lines"]:
            totals[line["category"]]["required"] += line["required"]
            totals[line["category"]]["in_service"] += line["in_service"]
    return list(totals.values())


def visible_courts(user) -> list[Court]:
    return list(Court.objects.restrict(user, VIEW).order_by("sort_order", "code"))


def sees_standards_list(user) -> bool:
    """Standards belong to the issuing (intermediate) court, so their list is for
    those who see that court; districts read theirs on their court dashboard."""
    return user.has_perm("equipment.view_equipmentstandard") and (
        Court.objects.restrict(user, VIEW).filter(tier=CourtTier.INTERMEDIATE).exists()
    )

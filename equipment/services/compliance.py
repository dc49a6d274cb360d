"""The equipment compliance score of a court for a year (issue 8 §5; DOMAIN.md
§7: the inspection result counts in the district's separate assessment).

Formula (version ``FORMULA_VERSION``)::

    coverage(category) = min(in service ÷ required, 1)      for each category the
                                                            court's tier has a standard for
    standards part     = mean of the coverages × 100
    inspection part    = score of the court's latest inspection with results
                         conducted in the year (passed checks ÷ applicable checks × 100)
    score              = standards part × w_s + inspection part × w_i
                         (ComplianceWeighting of the year; 0.7 / 0.3 by default)
                         = standards part alone when the year has no inspection yet

"In service" is an item in stock or in use, bought on or before the reference
date, whose service life has not ended by then: equipment past its service life
no longer meets a standard. The whole computation is stored with the score."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from courts.models import Court
from equipment.choices import EquipmentCategory, InspectionStatus, ItemStatus
from equipment.models import (
    ComplianceScore,
    ComplianceWeighting,
    EquipmentInspection,
    EquipmentItem,
    EquipmentStandard,
)
from equipment.policy import inventory_courts
from equipment.services.common import require, today

FORMULA_VERSION = "2026.1"
_CENT = Decimal("0.01")


@dataclass
class CategoryLine:
    category: str
    label: str
    required: int
    in_service: int
    coverage: Decimal
    specification: str = ""

    @property
    def shortfall(self) -> int:
        return max(self.required - self.in_service, 0)

    def as_dict(self) -> dict:
        return {
            "category": self.category,
            "label": self.label,
            "required": self.required,
            "in_service": self.in_service,
            "coverage": str(self.coverage),
            "shortfall": self.shortfall,
            "specification": self.specification,
        }


@dataclass
class Computation:
    court: Court
    year: int
    as_of: datetime.date
    lines: list[CategoryLine] = field(default_factory=list)
    standards_score: Decimal = Decimal("0")
    inspection: EquipmentInspection | None = None
    inspection_score: Decimal | None = None
    standards_weight: Decimal = ComplianceWeighting.DEFAULT_STANDARDS_WEIGHT
    inspection_weight: Decimal = ComplianceWeighting.DEFAULT_INSPECTION_WEIGHT
    score: Decimal = Decimal("0")


def in_service_counts(court_ids, as_of: datetime.date) -> dict[tuple[int, str], int]:
    """(court id, category) → items that count towards the standard on ``as_of``."""
    rows = (
        EquipmentItem.objects.filter(
            court_id__in=court_ids,
            status__in=list(ItemStatus.in_service()),
            purchase_date__lte=as_of,
            service_end_on__gt=as_of,
        )
        .values("court_id", "category")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(r["court_id"], r["category"]): r["n"] for r in rows}


def compute_compliance(court: Court, *, as_of: datetime.date | None = None) -> Computation:
    """Compute (without saving) ``court``'s score for the year of ``as_of``."""
    as_of = as_of or today()
    result = Computation(court=court, year=as_of.year, as_of=as_of)
    counts = in_service_counts([court.pk], as_of)
    standards = EquipmentStandard.objects.filter(tier=court.tier, required_quantity__gt=0)
    for standard in sorted(standards, key=lambda s: EquipmentCategory.order(s.category)):
        held = counts.get((court.pk, standard.category), 0)
        coverage = min(Decimal(held) / Decimal(standard.required_quantity), Decimal(1))
        result.lines.append(
            CategoryLine(
                category=standard.category,
                label=str(standard.get_category_display()),
                required=standard.required_quantity,
                in_service=held,
                coverage=coverage.quantize(Decimal("0.0001"), ROUND_HALF_UP),
                specification=standard.specification,
            )
        )
    if result.lines:
        exact = sum(
            (
                min(Decimal(line.in_service) / Decimal(line.required), Decimal(1))
                for line in result.lines
            ),
            Decimal(0),
        )
        result.standards_score = (exact * 100 / len(result.lines)).quantize(_CENT, ROUND_HALF_UP)
    else:  # nothing is required of this tier yet
        result.standards_score = Decimal("100.00")

    result.inspection = (
        EquipmentInspection.objects.filter(
            court=court,
            status__in=list(InspectionStatus.with_results()),
            conducted_on__year=as_of.year,
            conducted_on__lte=as_of,
        )
        .order_by("-conducted_on", "-pk")
        .first()
    )
    weighting = ComplianceWeighting.objects.filter(year=as_of.year).first()
    if weighting is not None:
        result.standards_weight = weighting.standards_weight
        result.inspection_weight = weighting.inspection_weight
    if result.inspection is not None:
        result.inspection_score = result.inspection.score
        total = (
            result.standards_score * result.standards_weight
            + result.inspection_score * result.inspection_weight
        )
    else:
        total = result.standards_score
    result.score = total.quantize(_CENT, ROUND_HALF_UP)
    return result


@transaction.atomic
def record_compliance_score(
    court: Court, *, as_of: datetime.date | None = None, user=None
) -> ComplianceScore:
    """Compute and store ``court``'s score for the current year (one row per court
    and year, replaced on each run). Past years stay as stored: the inventory is
    only known as it is now, so they cannot be recomputed honestly.
    Source: DOMAIN.md §7: the result counts in the district's assessment."""
    as_of = as_of or today()
    if as_of > today():
        raise ValidationError(_("A compliance score cannot be computed for a future date."))
    if as_of.year != today().year:
        raise ValidationError(
            _("Only the current year's score can be computed; %(year)d is kept as stored.")
            % {"year": as_of.year}
        )
    c = compute_compliance(court, as_of=as_of)
    score, _created = ComplianceScore.objects.update_or_create(
        court=court,
        year=c.year,
        defaults={
            "score": c.score,
            "standards_score": c.standards_score,
            "inspection_score": c.inspection_score,
            "inspection": c.inspection,
            "standards_weight": c.standards_weight,
            "inspection_weight": c.inspection_weight,
            "breakdown": [line.as_dict() for line in c.lines],
            "formula_version": FORMULA_VERSION,
            "as_of": c.as_of,
            "computed_at": timezone.now(),
            "computed_by": user,
        },
    )
    return score


def recompute_for(user, court: Court) -> ComplianceScore:
    """A court's leadership (or the intermediate bureau's) refreshes the score."""
    require(inventory_courts(user).filter(pk=court.pk).exists())
    return record_compliance_score(court, user=user)


def record_all_scores(as_of: datetime.date | None = None) -> int:
    """The nightly run: every court's current-year score."""
    count = 0
    for court in Court.objects.order_by("sort_order"):
        record_compliance_score(court, as_of=as_of)
        count += 1
    return count

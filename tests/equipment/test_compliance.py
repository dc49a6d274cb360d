"""The compliance score on a crafted inventory (issue 8: "Tests must show the
compliance computation on a crafted inventory")."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from courts.choices import CourtTier
from equipment.choices import CheckResult, EquipmentCategory, InspectionStatus, ItemStatus
from equipment.models import (
    ComplianceScore,
    ComplianceWeighting,
    EquipmentInspection,
    InspectionCheckItem,
    add_years,
)
from equipment.services.compliance import compute_compliance, record_compliance_score
from tests.equipment.factories import make_item, make_standard, user

C = EquipmentCategory


def make_inspection(court, conducted_on, results, scheduler="zy_leader"):
    inspection = EquipmentInspection.objects.create(
        court=court,
        scheduled_on=conducted_on,
        scheduled_by=user(scheduler),
        status=InspectionStatus.SCHEDULED,
    )
    InspectionCheckItem.objects.bulk_create(
        [
            InspectionCheckItem(
                inspection=inspection, description=f"检查 {i}", result=r, sort_order=i
            )
            for i, r in enumerate(results)
        ]
    )
    from equipment.services.inspections import score_of

    inspection.status = (
        InspectionStatus.PASSED if CheckResult.FAIL not in results else InspectionStatus.RECTIFYING
    )
    inspection.conducted_on = conducted_on
    inspection.score = score_of(results)
    inspection.rectification_deadline = (
        None
        if inspection.status == InspectionStatus.PASSED
        else conducted_on + datetime.timedelta(days=30)
    )
    inspection.save()
    return inspection


@pytest.fixture
def crafted(courts, today):
    """秀英 against the district standard: vehicles 4, recorders 10, storage 2."""
    xy, lh = courts["琼0105"], courts["琼0106"]
    make_standard(CourtTier.DISTRICT, C.VEHICLE, 4)
    make_standard(CourtTier.DISTRICT, C.RECORDER, 10)
    make_standard(CourtTier.DISTRICT, C.STORAGE, 2)
    make_standard(CourtTier.INTERMEDIATE, C.VEHICLE, 8)  # another tier: not 秀英's
    # Vehicles: five that count (coverage is capped at 1), one scrapped, one past its life.
    for status in [ItemStatus.IN_STOCK] * 3 + [ItemStatus.IN_USE] * 2:
        make_item(xy, C.VEHICLE, status=status, life=8)
    make_item(xy, C.VEHICLE, status=ItemStatus.SCRAPPED, life=8)
    make_item(xy, C.VEHICLE, purchased=add_years(today, -9), life=8)
    # Recorders: six count; two under repair, one lost and one past its life do not.
    for status in [ItemStatus.IN_STOCK] * 3 + [ItemStatus.IN_USE] * 3:
        make_item(xy, C.RECORDER, status=status)
    make_item(xy, C.RECORDER, status=ItemStatus.UNDER_REPAIR)
    make_item(xy, C.RECORDER, status=ItemStatus.UNDER_REPAIR)
    make_item(xy, C.RECORDER, status=ItemStatus.LOST)
    make_item(xy, C.RECORDER, purchased=add_years(today, -6), life=5)
    # Storage: none. Communications: no standard, so they do not count either way.
    make_item(xy, C.COMMUNICATIONS)
    # Another court's recorders never count for 秀英.
    for _ in range(10):
        make_item(lh, C.RECORDER)
    # Inspections: last year's (ignored), an earlier one this year, and the latest.
    make_inspection(xy, today.replace(year=today.year - 1, month=6, day=1), [CheckResult.PASS] * 4)
    make_inspection(xy, datetime.date(today.year, 1, 1), [CheckResult.PASS, CheckResult.FAIL])
    latest = make_inspection(
        xy, today, [CheckResult.PASS] * 6 + [CheckResult.FAIL] * 2 + [CheckResult.NOT_APPLICABLE]
    )
    return xy, latest


@pytest.mark.django_db
def test_compliance_on_a_crafted_inventory(crafted, today):
    xy, latest = crafted
    c = compute_compliance(xy, as_of=today)
    lines = {line.category: line for line in c.lines}
    assert set(lines) == {C.VEHICLE, C.RECORDER, C.STORAGE}
    assert (lines[C.VEHICLE].required, lines[C.VEHICLE].in_service, lines[C.VEHICLE].coverage) == (
        4,
        5,
        Decimal("1.0000"),
    )
    assert (lines[C.RECORDER].in_service, lines[C.RECORDER].coverage) == (6, Decimal("0.6000"))
    assert (lines[C.STORAGE].in_service, lines[C.STORAGE].shortfall) == (0, 2)
    # (1 + 0.6 + 0) / 3 × 100
    assert c.standards_score == Decimal("53.33")
    # The latest inspection: 6 passed of 8 applicable checks (the N/A line is left out).
    assert c.inspection == latest and c.inspection_score == Decimal("75.00")
    # 53.33 × 0.7 + 75 × 0.3 = 59.831
    assert c.score == Decimal("59.83")


@pytest.mark.django_db
def test_weights_come_from_the_year_and_rounding_is_half_up(crafted, today):
    xy, _latest = crafted
    ComplianceWeighting.objects.create(
        year=today.year, standards_weight=Decimal("0.5"), inspection_weight=Decimal("0.5")
    )
    # 53.33 × 0.5 + 75 × 0.5 = 64.165 → 64.17
    assert compute_compliance(xy, as_of=today).score == Decimal("64.17")


@pytest.mark.django_db
def test_score_is_stored_once_per_court_and_year_with_its_computation(crafted, today, login):
    xy, latest = crafted
    first = record_compliance_score(xy)
    assert first.score == Decimal("59.83") and first.inspection == latest
    assert [row["in_service"] for row in first.breakdown] == [5, 6, 0]
    # More recorders: recomputing replaces the row, it does not add one.
    for _ in range(4):
        make_item(xy, C.RECORDER)
    again = record_compliance_score(xy)
    assert again.pk == first.pk and ComplianceScore.objects.filter(court=xy).count() == 1
    # recorders 10/10 → (1 + 1 + 0) / 3 = 66.67; 66.67 × 0.7 + 22.5 = 69.169
    assert again.standards_score == Decimal("66.67") and again.score == Decimal("69.17")
    page = login("xy_director").get(again.get_absolute_url()).content.decode()
    assert (
        "69.17" in page and "66.67" in page and 'class="table table-sm w-auto computation"' in page
    )


@pytest.mark.django_db
def test_a_court_without_inspection_this_year_scores_on_standards_alone(crafted, courts, today):
    qs = courts["琼0107"]
    make_item(qs, C.VEHICLE)
    make_item(qs, C.VEHICLE)
    c = compute_compliance(qs, as_of=today)
    # vehicles 2/4, recorders 0/10, storage 0/2 → 0.5 / 3 × 100
    assert c.inspection is None and c.score == c.standards_score == Decimal("16.67")


@pytest.mark.django_db
def test_past_years_are_not_recomputed(crafted, today):
    xy, _ = crafted
    with pytest.raises(ValidationError):
        record_compliance_score(xy, as_of=today.replace(year=today.year - 1))

"""The demo equipment: realistic, deterministic, idempotent, and wired into
seed_demo."""

import pytest
from django.core.management import call_command

from equipment.choices import InspectionStatus
from equipment.demo import seed_equipment
from equipment.models import (
    ComplianceScore,
    EquipmentAssignment,
    EquipmentInspection,
    EquipmentItem,
    EquipmentStandard,
)


@pytest.mark.django_db
def test_seed_equipment_is_idempotent_and_covers_the_five_courts(org, today):
    first = seed_equipment(seed=7)
    assert first["standards"] == 14 and first["items"] > 300 and first["inspections"] == 8
    counts = (
        EquipmentItem.objects.count(),
        EquipmentAssignment.objects.count(),
        EquipmentInspection.objects.count(),
        EquipmentStandard.objects.count(),
    )
    again = seed_equipment(seed=7)
    assert again == {"standards": 0, "items": 0, "assignments": 0, "inspections": 0}
    assert counts == (
        EquipmentItem.objects.count(),
        EquipmentAssignment.objects.count(),
        EquipmentInspection.objects.count(),
        EquipmentStandard.objects.count(),
    )
    assert set(EquipmentItem.objects.values_list("court__code", flat=True)) == {
        "琼01",
        "琼0105",
        "琼0106",
        "琼0107",
        "琼0108",
    }
    # Every item in use has its open assignment, and only those.
    in_use = set(EquipmentItem.objects.filter(status="in_use").values_list("pk", flat=True))
    open_ = set(
        EquipmentAssignment.objects.filter(returned_at__isnull=True).values_list(
            "item_id", flat=True
        )
    )
    assert in_use == open_
    scores = {s.court.code: s.score for s in ComplianceScore.objects.select_related("court")}
    assert len(scores) == 5 and scores["琼0105"] > scores["琼0108"]
    assert EquipmentInspection.objects.filter(status=InspectionStatus.RECTIFYING).count() == 2


@pytest.mark.django_db
def test_same_seed_same_inventory(org):
    seed_equipment(seed=11)
    serials = list(
        EquipmentItem.objects.order_by("serial_number").values_list("serial_number", "status")
    )
    EquipmentAssignment.objects.all().delete()
    from equipment.models import InspectionCheckItem, InspectionFollowUp

    InspectionFollowUp.objects.all().delete()
    InspectionCheckItem.objects.all().delete()
    ComplianceScore.objects.all().delete()
    EquipmentInspection.objects.all().delete()
    EquipmentItem.objects.all().delete()
    seed_equipment(seed=11)
    assert serials == list(
        EquipmentItem.objects.order_by("serial_number").values_list("serial_number", "status")
    )


@pytest.mark.django_db
def test_seed_demo_loads_equipment_once():
    call_command("seed_demo", "--scale", "small")
    items = EquipmentItem.objects.count()
    assert items > 300 and ComplianceScore.objects.count() == 5
    call_command("seed_demo", "--scale", "small")
    assert EquipmentItem.objects.count() == items

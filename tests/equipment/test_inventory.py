"""Inventory: registration, the duplicate serial number, status transitions and
assignments with their history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from equipment.choices import ItemStatus
from equipment.models import EquipmentAssignment, EquipmentItem
from equipment.services import inventory
from tests.conftest import english
from tests.equipment.factories import make_item, officer, user


def item_form(court, **overrides):
    data = {
        "court": court.pk,
        "category": "recorder",
        "name": "执法记录仪",
        "specification": "DSJ-V9",
        "serial_number": "HK0105-REC-0001",
        "purchase_date": "2025-03-01",
        "service_life_years": "5",
        "custodian": officer("xy_judge").pk,
        "unit_price": "2980.00",
        "notes": "",
    }
    return {**data, **overrides}


@pytest.mark.django_db
def test_register_through_the_page(courts, login):
    response = login("xy_director").post(
        reverse("equipment:item_create"), item_form(courts["琼0105"])
    )
    item = EquipmentItem.objects.get()
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    assert item.service_end_on == datetime.date(2030, 3, 1) and item.status == ItemStatus.IN_STOCK


@pytest.mark.django_db
def test_duplicate_serial_is_refused_on_the_form_with_a_clear_message(courts, login):
    make_item(courts["琼0106"], serial="HK0105-REC-0001")
    # Blanks and case do not make a new serial number.
    response = english(login("xy_director")).post(
        reverse("equipment:item_create"),
        item_form(courts["琼0105"], serial_number=" hk0105-rec-0001 "),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["serial_number"]
    assert errors == [
        "Serial number “HK0105-REC-0001” is already on the inventory; each item is registered once."
    ]
    assert EquipmentItem.objects.count() == 1


@pytest.mark.django_db
def test_duplicate_serial_is_a_400_in_the_api(courts, login):
    make_item(courts["琼0105"], serial="HK0105-REC-0001")
    client = login("xy_director")
    response = client.post(
        "/api/v1/equipment/",
        {
            "court": "琼0105",
            "category": "recorder",
            "name": "执法记录仪",
            "serial_number": "HK0105-REC-0001",
            "purchase_date": "2025-03-01",
            "service_life_years": 5,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "HK0105-REC-0001" in response.json()["serial_number"][0]
    # Renaming another item to a taken serial is refused too.
    other = make_item(courts["琼0105"])
    response = client.patch(
        f"/api/v1/equipment/{other.pk}/",
        {"serial_number": "hk0105-rec-0001"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "serial_number" in response.json()
    assert EquipmentItem.objects.filter(serial_number="HK0105-REC-0001").count() == 1


@pytest.mark.django_db
def test_api_register_carries_the_court_code(courts, login):
    response = login("zy_leader").post(
        "/api/v1/equipment/",
        {
            "court": "琼0108",
            "category": "vehicle",
            "name": "执行专用车",
            "serial_number": "ML-VEH-1",
            "purchase_date": "2024-06-30",
            "service_life_years": 8,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert (
        response.json()["court"] == "琼0108" and response.json()["service_end_on"] == "2032-06-30"
    )


@pytest.mark.django_db
def test_custodian_must_serve_at_the_items_court(courts):
    with pytest.raises(ValidationError) as info:
        inventory.register_item(
            user=user("xy_director"),
            court=courts["琼0105"],
            category="recorder",
            name="执法记录仪",
            serial_number="X-1",
            purchase_date=datetime.date(2025, 1, 1),
            service_life_years=5,
            custodian=officer("lh_judge"),
        )
    assert "custodian" in info.value.message_dict


@pytest.mark.django_db
def test_assignment_history_and_status(courts, login):
    xy = courts["琼0105"]
    item = make_item(xy)
    director = user("xy_director")
    judge = officer("xy_judge")
    first = inventory.assign_item(
        user=director,
        item_id=item.pk,
        officer=judge,
        operation_reference="（2026）琼0105执12号 现场查封",
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_USE
    # Not twice at once, and "in use" is reached only by assigning.
    with pytest.raises(ValidationError):
        inventory.assign_item(user=director, item_id=item.pk, officer=judge)
    inventory.return_item(user=director, item_id=item.pk)
    with pytest.raises(ValidationError) as refused:
        inventory.change_item_status(user=director, item_id=item.pk, status=ItemStatus.IN_USE)
    assert refused.value.message_dict == {"status": ["An item is put in use by assigning it."]}
    # To a field operation only (no officer), then lost while out: the assignment closes.
    second = inventory.assign_item(
        user=director, item_id=item.pk, operation_reference="美兰区强制腾退"
    )
    inventory.change_item_status(
        user=director, item_id=item.pk, status=ItemStatus.LOST, note="现场遗失"
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.LOST and "现场遗失" in item.notes
    history = list(EquipmentAssignment.objects.filter(item=item).order_by("assigned_at"))
    assert [a.pk for a in history] == [first.pk, second.pk]
    assert all(a.returned_at is not None for a in history)
    assert history[1].officer is None and history[1].field_record_id is None
    # Scrapped is final.
    inventory.change_item_status(user=director, item_id=item.pk, status=ItemStatus.SCRAPPED)
    with pytest.raises(ValidationError) as refused:
        inventory.change_item_status(user=director, item_id=item.pk, status=ItemStatus.IN_STOCK)
    # On the status field, where the form and the API show it (haikou_exec.states on_field).
    assert refused.value.message_dict == {
        "status": [
            f"An item cannot go from “{ItemStatus.SCRAPPED.label}” to “{ItemStatus.IN_STOCK.label}”."
        ]
    }
    page = login("xy_judge").get(item.get_absolute_url()).content.decode()
    assert "美兰区强制腾退" in page and "（2026）琼0105执12号 现场查封" in page


@pytest.mark.django_db
def test_assign_through_the_api_and_officer_from_another_court_refused(courts, login):
    item = make_item(courts["琼0105"])
    client = login("xy_director")
    refused = client.post(
        f"/api/v1/equipment/{item.pk}/assign/",
        {"officer": officer("lh_judge").pk},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "officer" in refused.json()
    done = client.post(
        f"/api/v1/equipment/{item.pk}/assign/",
        {"officer": officer("xy_judge").pk, "due_back_on": None},
        content_type="application/json",
    )
    assert done.status_code == 201 and done.json()["court"] == "琼0105"
    row = client.get(f"/api/v1/equipment/{item.pk}/").json()
    assert row["status"] == "in_use" and row["current_assignment"]["officer_name"] == "吴文杰"
    back = client.post(f"/api/v1/equipment/{item.pk}/return/", {}, content_type="application/json")
    assert back.status_code == 200
    assert client.get(f"/api/v1/equipment/{item.pk}/").json()["status"] == "in_stock"
    listing = client.get("/api/v1/equipment-assignments/", {"item": item.pk}).json()
    assert listing["count"] == 1 and listing["results"][0]["returned_at"]


@pytest.mark.django_db
def test_status_page_offers_only_allowed_moves(courts, login):
    item = make_item(courts["琼0105"], status=ItemStatus.UNDER_REPAIR)
    client = login("xy_director")
    url = reverse("equipment:item_status", args=[item.pk])
    choices = [c[0] for c in client.get(url).context["form"].fields["status"].choices]
    assert choices == [ItemStatus.IN_STOCK, ItemStatus.SCRAPPED]
    response = client.post(url, {"status": ItemStatus.LOST})
    assert response.status_code == 200 and response.context["form"].errors
    assert client.post(url, {"status": ItemStatus.IN_STOCK}).status_code == 302

"""Admin for every equipment model, and the audit trail of equipment changes."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from equipment.demo import seed_equipment
from equipment.models import EquipmentItem, EquipmentItemEvent
from tests.equipment.factories import make_item


@pytest.mark.django_db
def test_every_equipment_model_has_a_working_admin(org, login):
    seed_equipment(seed=1)
    client = login("admin")
    models = [
        m for m in apps.get_app_config("equipment").get_models() if not m.__name__.endswith("Event")
    ]
    for model in models:
        assert model in admin.site._registry, model
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        assert client.get(changelist, {"q": "HK"}).status_code == 200, changelist
        obj = model.objects.first()
        if obj is not None:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            assert client.get(change).status_code == 200, change


@pytest.mark.django_db
def test_a_status_change_on_the_page_is_audited_with_its_actor(courts, login):
    item = make_item(courts["琼0105"])
    client = login("xy_director")
    response = client.post(
        reverse("equipment:item_status", args=[item.pk]),
        {"status": "under_repair", "note": "屏幕损坏"},
        HTTP_X_REQUEST_ID="eq-audit-1",
    )
    assert response.status_code == 302
    event = EquipmentItemEvent.objects.filter(pgh_obj=item, pgh_label="update").latest("pgh_id")
    assert event.status == "under_repair"
    meta = event.pgh_context.metadata
    assert meta["user"] == get_user_model().objects.get(username="xy_director").pk
    # The server names the request (a client's X-Request-ID is not taken as it is).
    assert meta["request_id"] == response["X-Request-ID"] != "eq-audit-1"
    page = client.get(item.get_absolute_url()).content.decode()
    # The history reads as people see it: who (name and role) and the status labels.
    from django.utils import translation

    from equipment.choices import ItemStatus

    with translation.override("zh-hans"):
        change = f"{ItemStatus.IN_STOCK.label} → {ItemStatus.UNDER_REPAIR.label}"
    assert change in page and "in_stock" not in page.split("history-table", 1)[1]
    assert "符海燕（" in page
    assert EquipmentItem.objects.get(pk=item.pk).status == "under_repair"

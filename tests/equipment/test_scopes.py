"""Scopes (issue 8: "a district sees its own equipment, the intermediate court
sees all"), on the pages and in the API, and who may change what."""

import re

import pytest
from django.urls import reverse

from equipment.demo import seed_equipment
from equipment.models import EquipmentItem
from tests.equipment.factories import make_item
from tests.platform.test_permission_sweep import DATA_COURT, discover_endpoints

ALL = {"琼01", "琼0105", "琼0106", "琼0107", "琼0108"}


@pytest.fixture
def inventory(courts):
    for code, court in courts.items():
        for _ in range(3 if code == "琼0105" else 2):
            make_item(court)
    return courts


@pytest.mark.django_db
def test_district_sees_only_its_own_equipment_on_the_page_and_in_the_api(inventory, login):
    client = login("xy_judge")
    page = client.get(reverse("equipment:item_list")).content.decode()
    assert DATA_COURT.findall(page) == ["琼0105"] * 3
    body = client.get("/api/v1/equipment/", {"page_size": 200}).json()
    assert body["count"] == 3 and {row["court"] for row in body["results"]} == {"琼0105"}


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["zy_leader", "center_staff", "supervisor"])
def test_intermediate_leadership_centre_and_supervision_see_all(inventory, login, username):
    client = login(username)
    page = client.get(reverse("equipment:item_list")).content.decode()
    assert set(DATA_COURT.findall(page)) == ALL
    body = client.get("/api/v1/equipment/", {"page_size": 200}).json()
    assert body["count"] == EquipmentItem.objects.count() == 11
    assert {row["court"] for row in body["results"]} == ALL


@pytest.mark.django_db
def test_an_intermediate_judge_sees_the_intermediate_court_only(inventory, login):
    body = login("zy_judge").get("/api/v1/equipment/").json()
    assert {row["court"] for row in body["results"]} == {"琼01"}


@pytest.mark.django_db
def test_another_courts_item_answers_404(inventory, login):
    other = EquipmentItem.objects.filter(court__code="琼0106").first()
    own = EquipmentItem.objects.filter(court__code="琼0105").first()
    client = login("xy_judge")
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/equipment/{other.pk}/").status_code == 404
    assert client.get(own.get_absolute_url()).status_code == 200
    assert login("zy_leader").get(other.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_who_may_change_what(inventory, login):
    xy_item = EquipmentItem.objects.filter(court__code="琼0105").first()
    lh_item = EquipmentItem.objects.filter(court__code="琼0106").first()
    director = login("xy_director")
    # A district's leadership manages its own inventory, not another court's.
    assert director.get(reverse("equipment:item_update", args=[xy_item.pk])).status_code == 200
    assert director.get(reverse("equipment:item_update", args=[lh_item.pk])).status_code == 404
    response = director.patch(
        f"/api/v1/equipment/{lh_item.pk}/", {"name": "x"}, content_type="application/json"
    )
    assert response.status_code == 404
    response = director.post(
        "/api/v1/equipment/",
        {
            "court": "琼0106",
            "category": "vehicle",
            "name": "执行车",
            "serial_number": "LH-NEW-1",
            "purchase_date": "2025-01-01",
            "service_life_years": 8,
        },
        content_type="application/json",
    )
    assert response.status_code == 403
    # A judge reads but does not manage.
    assert (
        login("xy_judge").get(reverse("equipment:item_update", args=[xy_item.pk])).status_code
        == 404
    )
    # Standards and inspection scheduling: the intermediate bureau's leadership only.
    for url in (reverse("equipment:standard_create"), reverse("equipment:inspection_schedule")):
        assert director.get(url).status_code == 403
        assert login("zy_leader").get(url).status_code == 200
    assert (
        director.post(
            "/api/v1/equipment-standards/",
            {
                "tier": "district",
                "category": "vehicle",
                "required_quantity": 1,
                "specification": "x",
            },
            content_type="application/json",
        ).status_code
        == 403
    )
    # The intermediate bureau's leadership manages every court's inventory (统一管理).
    assert (
        login("zy_leader").get(reverse("equipment:item_update", args=[lh_item.pk])).status_code
        == 200
    )


@pytest.mark.django_db
def test_dashboards_follow_the_scope(org, login):
    seed_equipment(seed=3)
    city = login("zy_leader").get(reverse("equipment:dashboard"))
    assert city.status_code == 200
    assert set(re.findall(r'<tr data-court="([^"]+)"', city.content.decode())) == ALL
    # A district lands on its own court's dashboard and cannot open another's.
    client = login("xy_judge")
    own = client.get(reverse("equipment:dashboard"))
    assert own.status_code == 302
    assert client.get(own["Location"]).status_code == 200
    from courts.models import Court

    other = Court.objects.get(code="琼0106")
    assert client.get(reverse("equipment:court_dashboard", args=[other.pk])).status_code == 404


def test_every_equipment_view_is_discovered_by_the_sweep():
    """The platform sweep walks these as every role with equipment in place."""
    endpoints = [ep for ep in discover_endpoints()[0] if ep.model._meta.app_label == "equipment"]
    assert {(ep.kind, ep.api) for ep in endpoints} == {
        ("list", False),
        ("detail", False),
        ("list", True),
        ("detail", True),
    }

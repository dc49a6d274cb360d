"""The number of SQL queries of the list pages and API lists does not grow with
the rows (STYLE.md §5, §10)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from equipment.choices import CheckResult, EquipmentCategory
from equipment.services import inventory
from equipment.services.compliance import record_compliance_score
from equipment.services.inspections import record_inspection_results, schedule_inspection
from tests.equipment.factories import make_item, make_standard, officer, png_bytes, user


def add_rows(courts, n, today):
    """n items per district court, every other one assigned, plus inspections."""
    director = user("zy_leader")
    for code in ("琼0105", "琼0106"):
        court = courts[code]
        holder = officer("xy_judge") if code == "琼0105" else officer("lh_judge")
        for i in range(n):
            item = make_item(court, custodian=holder)
            if i % 2:
                inventory.assign_item(user=director, item_id=item.pk, officer=holder)
        inspection = schedule_inspection(
            user=director, court=court, scheduled_on=today + datetime.timedelta(days=n)
        )
        record_compliance_score(court)
        if n > 5:
            results = {line.pk: (CheckResult.PASS, "") for line in inspection.check_items.all()}
            record_inspection_results(
                user=director, inspection_id=inspection.pk, conducted_on=today, results=results
            )
            from django.core.files.uploadedfile import SimpleUploadedFile

            from equipment.services.inspections import add_inspection_photo

            add_inspection_photo(
                user=director,
                inspection_id=inspection.pk,
                uploaded=SimpleUploadedFile("p.png", png_bytes()),
            )


def count(client, url, params=None) -> int:
    client.get(url, params or {})  # warm per-process caches (content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


URLS = [
    ("equipment:item_list", None),
    ("equipment:assignment_list", None),
    ("equipment:inspection_list", None),
    ("equipment:dashboard", None),
]
API = [
    "/api/v1/equipment/",
    "/api/v1/equipment-assignments/",
    "/api/v1/equipment-inspections/",
    "/api/v1/equipment-compliance/",
]


@pytest.mark.django_db
def test_list_pages_and_api_lists_keep_a_constant_query_count(courts, login, today):
    make_standard("district", EquipmentCategory.RECORDER, 10)
    client = login("zy_leader")
    add_rows(courts, 3, today)
    few = {name: count(client, reverse(name)) for name, _ in URLS}
    few_api = {url: count(client, url) for url in API}
    add_rows(courts, 12, today)  # five times the rows, plus results and photos
    many = {name: count(client, reverse(name)) for name, _ in URLS}
    many_api = {url: count(client, url) for url in API}
    assert many == few
    assert many_api == few_api
    assert max(few.values()) <= 20 and max(few_api.values()) <= 12, (few, few_api)


@pytest.mark.django_db
def test_item_detail_query_count_does_not_grow_with_history(
    courts, login, django_assert_max_num_queries
):
    item = make_item(courts["琼0105"])
    director = user("xy_director")
    for _ in range(8):
        inventory.assign_item(user=director, item_id=item.pk, officer=officer("xy_judge"))
        inventory.return_item(user=director, item_id=item.pk)
    client = login("xy_director")
    client.get(item.get_absolute_url())
    with django_assert_max_num_queries(25):
        assert client.get(item.get_absolute_url()).status_code == 200

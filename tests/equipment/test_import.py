"""Excel import: each bad row is named and nothing is imported, unless the user
asks for the valid rows only (issue 8 "Bad input")."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from equipment.models import EquipmentItem
from equipment.services.imports import COLUMNS, build_template_workbook
from tests.conftest import english
from tests.equipment.factories import make_item

HEADERS = [c.key for c in COLUMNS]  # field keys are accepted as headers too


def workbook(rows, headers=HEADERS) -> SimpleUploadedFile:
    wb = Workbook()
    sheet = wb.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(
        "inventory.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def row(
    serial,
    category="执法记录仪",
    purchased=datetime.date(2024, 5, 1),
    years=5,
    badge="D00005",
    **kw,
):
    values = {
        "serial_number": serial,
        "category": category,
        "name": "执法记录仪",
        "specification": "DSJ-V9",
        "purchase_date": purchased,
        "service_life_years": years,
        "custodian": badge,
        "unit_price": "2980",
        "status": "",
        "notes": "",
        **kw,
    }
    return [values[k] for k in HEADERS]


@pytest.fixture
def mixed_rows(courts):
    make_item(courts["琼0106"], serial="TAKEN-1")
    return [
        row("XY-REC-0001"),  # row 2: good (custodian D00005 = xy_judge)
        row("taken-1"),  # row 3: already on the inventory (case and blanks ignored)
        row("XY-REC-0002", category="飞机"),  # row 4: unknown category
        row("XY-VEH-0001", category="vehicle", years=8, badge=""),  # row 5: good
        row("XY-REC-0003", purchased="2024-13-45", years=0),  # row 6: two bad cells
        row("xy-rec-0001"),  # row 7: same serial as row 2
        row("XY-REC-0004", badge="D00008"),  # row 8: lh_judge does not serve at 秀英
        [None] * len(HEADERS),  # blank line: skipped
        row("", name=""),  # row 10: required cells empty
    ]


@pytest.mark.django_db
def test_bad_rows_are_named_and_nothing_is_imported(courts, login, mixed_rows):
    client = login("xy_director")
    response = english(client).post(
        reverse("equipment:item_import"),
        {"court": courts["琼0105"].pk, "file": workbook(mixed_rows)},
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert [e.row for e in result.errors] == [3, 4, 6, 7, 8, 10]
    errors = {e.row: " ".join(e.messages) for e in result.errors}
    assert "TAKEN-1" in errors[3] and "already on the inventory" in errors[3]
    assert "飞机" in errors[4]
    assert "2024-13-45" in errors[6] and "from 1 to 30" in errors[6]
    assert "row 2" in errors[7]
    assert "D00008" in errors[8]
    assert "“Serial number” is empty" in errors[10] and "“Name” is empty" in errors[10]
    assert result.created == 0 and EquipmentItem.objects.filter(court=courts["琼0105"]).count() == 0
    page = response.content.decode()
    for number in (3, 4, 6, 7, 8, 10):
        assert f'data-row="{number}"' in page
    assert "nothing was imported" in page


@pytest.mark.django_db
def test_valid_rows_only_imports_the_good_rows(courts, login, mixed_rows):
    response = login("xy_director").post(
        reverse("equipment:item_import"),
        {"court": courts["琼0105"].pk, "file": workbook(mixed_rows), "valid_rows_only": "on"},
    )
    result = response.context["result"]
    assert result.created == 2 and len(result.errors) == 6
    items = {i.serial_number: i for i in EquipmentItem.objects.filter(court=courts["琼0105"])}
    assert set(items) == {"XY-REC-0001", "XY-VEH-0001"}
    assert items["XY-REC-0001"].custodian.user.username == "xy_judge"
    assert items["XY-VEH-0001"].service_end_on == datetime.date(2032, 5, 1)


@pytest.mark.django_db
def test_api_import_is_400_with_rows_then_200_with_the_flag(courts, login, mixed_rows):
    client = login("xy_director")
    refused = client.post(
        "/api/v1/equipment/import/", {"court": "琼0105", "file": workbook(mixed_rows)}
    )
    assert refused.status_code == 400
    assert [e["row"] for e in refused.json()["errors"]] == [3, 4, 6, 7, 8, 10]
    assert not EquipmentItem.objects.filter(court=courts["琼0105"]).exists()
    partial = client.post(
        "/api/v1/equipment/import/",
        {"court": "琼0105", "file": workbook(mixed_rows), "valid_rows_only": "true"},
    )
    assert partial.status_code == 200 and partial.json()["created"] == 2
    # Another court's inventory is not this director's to import.
    other = client.post(
        "/api/v1/equipment/import/", {"court": "琼0106", "file": workbook([row("LH-1")])}
    )
    assert other.status_code == 403


@pytest.mark.django_db
def test_the_template_round_trips_and_wrong_files_get_a_message(courts, login):
    client = login("xy_director")
    template = client.get(reverse("equipment:import_template"))
    sheet = load_workbook(io.BytesIO(template.content)).active
    headers = [c.value for c in sheet[1]]
    assert len(headers) == len(COLUMNS)
    upload = SimpleUploadedFile("t.xlsx", build_template_workbook())
    response = client.post(
        reverse("equipment:item_import"), {"court": courts["琼0105"].pk, "file": upload}
    )
    assert response.context["result"].created == 1  # the example row
    fake = SimpleUploadedFile("inventory.xlsx", b"%PDF-1.4 not a workbook")
    response = english(client).post(
        reverse("equipment:item_import"),
        {"court": courts["琼0105"].pk, "file": fake},
    )
    assert "not an Excel workbook" in response.content.decode()
    missing = workbook([["X-1", "vehicle"]], headers=["serial_number", "category"])
    response = english(client).post(
        reverse("equipment:item_import"),
        {"court": courts["琼0105"].pk, "file": missing},
    )
    assert "Missing column" in response.content.decode()


@pytest.mark.django_db
def test_a_damaged_workbook_is_a_400_not_a_500(courts, login):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types><broken")
        archive.writestr("xl/workbook.xml", "not xml at all")
    damaged = SimpleUploadedFile("inventory.xlsx", buffer.getvalue())
    response = login("xy_director").post(
        "/api/v1/equipment/import/", {"court": "琼0105", "file": damaged}
    )
    assert response.status_code == 400 and response.json()
    assert not EquipmentItem.objects.exists()

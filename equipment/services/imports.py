"""Excel (.xlsx) import of a court's inventory.

Every row is validated before anything is written. Errors name the row as Excel
numbers it (the header is row 1), and nothing is imported while any row is bad,
unless the user asks for the valid rows only (issue 8 "Bad input")."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from courts.models import Court
from equipment.choices import ASSIGNMENT_STATES, EquipmentCategory, ItemStatus
from equipment.models import EquipmentItem, add_years
from equipment.policy import inventory_courts
from equipment.services.common import require, today
from equipment.services.inventory import normalise_serial, serial_taken_message
from haikou_exec.uploads import XLSX, UploadRule, check_upload
from personnel.models import Officer

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
# What the import reads (haikou_exec.uploads checks it): an Excel workbook by its
# content, at most MAX_IMPORT_BYTES. It is read, never stored.
WORKBOOK = UploadRule(
    types={XLSX: "Excel"},
    max_bytes=MAX_IMPORT_BYTES,
    field=None,
    messages={
        "type": gettext_lazy("The file is not an Excel workbook (.xlsx)."),
        "size": gettext_lazy("The file is larger than %(mb)d MB."),
    },
)


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # lazy; the header in the user's language
    required: bool


COLUMNS = [
    Column("serial_number", gettext_lazy("Serial number"), True),
    Column("category", gettext_lazy("Category"), True),
    Column("name", gettext_lazy("Name"), True),
    Column("specification", gettext_lazy("Model and specification"), False),
    Column("purchase_date", gettext_lazy("Purchase date"), True),
    Column("service_life_years", gettext_lazy("Service life (years)"), True),
    Column("custodian", gettext_lazy("Custodian badge number"), False),
    Column("unit_price", gettext_lazy("Unit price (yuan)"), False),
    Column("status", gettext_lazy("Status"), False),
    Column("notes", gettext_lazy("Notes"), False),
]


@dataclass
class RowError:
    row: int
    messages: list[str]


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    valid_rows_only: bool = False

    @property
    def imported(self) -> bool:
        return self.created > 0

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "valid_rows_only": self.valid_rows_only,
            "errors": [{"row": e.row, "messages": e.messages} for e in self.errors],
        }


def _header_key(text) -> str | None:
    """Headers are matched in Chinese or English, or by the field key."""
    wanted = _norm(text)
    from django.utils import translation

    for column in COLUMNS:
        names = {_norm(column.key)}
        for language in ("zh-hans", "en"):
            with translation.override(language):
                names.add(_norm(str(column.label)))
        if wanted in names:
            return column.key
    return None


def _norm(text) -> str:
    return re.sub(r"[\s（）()]", "", str(text or "")).lower()


def _choice_lookup(choices) -> dict[str, str]:
    """Accept a choice by its value or its label in Chinese or English."""
    from django.utils import translation

    lookup: dict[str, str] = {}
    for value, label in choices.choices:
        lookup[_norm(value)] = value
        for language in ("zh-hans", "en"):
            with translation.override(language):
                lookup[_norm(str(label))] = value
    return lookup


def build_template_workbook() -> bytes:
    """An empty inventory sheet with the expected headers and one example row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Inventory")
    sheet.append([str(c.label) for c in COLUMNS])
    sheet.append(
        [
            "HK-REC-000001",
            str(EquipmentCategory.RECORDER.label),
            _("Body camera"),
            "DSJ-V9 4G",
            datetime.date(2025, 3, 1),
            6,
            "",
            "2980.00",
            str(ItemStatus.IN_STOCK.label),
            "",
        ]
    )
    for index, column in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = 18 if column.required else 14
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _open_sheet(file):
    check_upload(file, WORKBOOK)  # an Excel workbook by its content, within the limit
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
        sheet = workbook.active
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValidationError(_("The file is not an Excel workbook (.xlsx).")) from exc
    except Exception as exc:  # openpyxl raises many kinds on a damaged file: still bad input
        raise ValidationError(_("The file is not an Excel workbook (.xlsx).")) from exc
    if sheet is None:
        raise ValidationError(_("The workbook is empty."))
    return sheet


def _rows(sheet):
    """The sheet's rows as tuples of values. openpyxl parses lazily, so a damaged
    sheet fails while being read: that is bad input, not a server error. Blank
    rows count towards a physical limit so that a sheet of a million empty rows
    is refused quickly."""
    try:
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_IMPORT_ROWS * 4:
                raise ValidationError(
                    _("The file has more than %(n)d rows; split it.") % {"n": MAX_IMPORT_ROWS}
                )
            yield cells
    except ValidationError:
        raise
    except Exception as exc:
        raise ValidationError(_("The file is not an Excel workbook (.xlsx).")) from exc


def _text(value) -> str:
    """A cell as text; Excel stores 10086 typed in a cell as the float 10086.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if not match:
        raise ValueError
    return datetime.date(*(int(g) for g in match.groups()))


def _parse_years(value) -> int:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        if float(value) != int(value):
            raise ValueError
        return int(value)
    text = str(value).strip().removesuffix("年")
    if not text.isdigit():
        raise ValueError
    return int(text)


def _parse_price(value) -> Decimal:
    try:
        price = Decimal(str(value).replace(",", "").replace("，", "").strip())
    except InvalidOperation as exc:
        raise ValueError from exc
    if price < 0 or price != price.quantize(Decimal("0.01")) or price >= Decimal("1e10"):
        raise ValueError
    return price


def _validate_row(
    values: dict, *, court: Court, custodians: dict, categories, statuses
) -> tuple[dict, list[str]]:
    """One row's cleaned values and its error messages (one per bad cell)."""
    errors: list[str] = []
    clean: dict = {"court": court}

    def blank(key):
        v = values.get(key)
        return v is None or str(v).strip() == ""

    for column in COLUMNS:
        if column.required and blank(column.key):
            errors.append(_("“%(column)s” is empty.") % {"column": column.label})

    if not blank("serial_number"):
        serial = normalise_serial(_text(values["serial_number"]))
        if len(serial) > 64:
            errors.append(_("The serial number has more than 64 characters."))
        clean["serial_number"] = serial
    if not blank("category"):
        category = categories.get(_norm(values["category"]))
        if category is None:
            errors.append(
                _("Unknown category “%(value)s”; use one of: %(choices)s.")
                % {
                    "value": values["category"],
                    "choices": "、".join(str(label) for label in EquipmentCategory.labels),
                }
            )
        clean["category"] = category
    if not blank("name"):
        name = str(values["name"]).strip()
        if len(name) > 64:
            errors.append(_("The name has more than 64 characters."))
        clean["name"] = name
    clean["specification"] = (
        "" if blank("specification") else str(values["specification"]).strip()[:128]
    )
    if not blank("purchase_date"):
        try:
            clean["purchase_date"] = _parse_date(values["purchase_date"])
            if clean["purchase_date"] > today():
                errors.append(_("The purchase date cannot be in the future."))
        except ValueError:
            errors.append(
                _("Purchase date “%(value)s” is not a date (use 2024-05-31).")
                % {"value": values["purchase_date"]}
            )
    if not blank("service_life_years"):
        try:
            years = _parse_years(values["service_life_years"])
            if not 1 <= years <= 30:
                raise ValueError
            clean["service_life_years"] = years
        except ValueError:
            errors.append(
                _("Service life “%(value)s” is not a whole number of years from 1 to 30.")
                % {"value": values["service_life_years"]}
            )
    clean["custodian"] = None
    if not blank("custodian"):
        badge = _text(values["custodian"]).upper()
        clean["custodian"] = custodians.get(badge)
        if clean["custodian"] is None:
            errors.append(
                _("No officer in service at %(court)s has badge number “%(badge)s”.")
                % {"court": court, "badge": badge}
            )
    clean["unit_price"] = None
    if not blank("unit_price"):
        try:
            clean["unit_price"] = _parse_price(values["unit_price"])
        except ValueError:
            errors.append(
                _("Unit price “%(value)s” is not an amount in yuan.")
                % {"value": values["unit_price"]}
            )
    clean["status"] = ItemStatus.IN_STOCK
    if not blank("status"):
        status = statuses.get(_norm(values["status"]))
        if status is None or status in ASSIGNMENT_STATES:
            errors.append(
                _(
                    "Status “%(value)s” cannot be imported; use in stock, under repair, lost or scrapped (assign items after the import)."
                )
                % {"value": values["status"]}
            )
        clean["status"] = status
    clean["notes"] = "" if blank("notes") else str(values["notes"]).strip()
    return clean, errors


def import_inventory(*, user, court: Court, file, valid_rows_only: bool = False) -> ImportResult:
    """Validate every row of ``file`` and create the items in one transaction.

    With bad rows, nothing is created unless ``valid_rows_only`` is set; then the
    valid rows are created and the bad ones reported. A file-level problem (not a
    workbook, a missing column, too many rows) raises ValidationError.
    Source: DOMAIN.md §7 "Standards"."""
    require(inventory_courts(user).filter(pk=court.pk).exists())
    sheet = _open_sheet(file)
    rows = _rows(sheet)
    header = next(rows, None)
    if header is None:
        raise ValidationError(_("The workbook is empty."))
    keys = [_header_key(cell) for cell in header]
    missing = [str(c.label) for c in COLUMNS if c.required and c.key not in keys]
    if missing:
        raise ValidationError(
            _("Missing column(s): %(columns)s. Download the template for the expected headers.")
            % {"columns": "、".join(missing)}
        )

    parsed: list[tuple[int, dict]] = []
    for number, cells in enumerate(rows, start=2):
        if cells is None or all(c is None or str(c).strip() == "" for c in cells):
            continue
        if len(parsed) >= MAX_IMPORT_ROWS:
            raise ValidationError(
                _("The file has more than %(n)d rows; split it.") % {"n": MAX_IMPORT_ROWS}
            )
        values = {key: cells[i] for i, key in enumerate(keys) if key and i < len(cells)}
        parsed.append((number, values))

    badges = {
        _text(v["custodian"]).upper() for _n, v in parsed if v.get("custodian") not in (None, "")
    }
    custodians = {
        o.badge_number.upper(): o
        for o in Officer.objects.filter(
            badge_number__in=badges, bureau__court=court, is_active=True
        ).select_related("bureau")
    }
    categories = _choice_lookup(EquipmentCategory)
    statuses = _choice_lookup(ItemStatus)

    serials = {
        normalise_serial(_text(v["serial_number"]))
        for _n, v in parsed
        if v.get("serial_number") not in (None, "")
    }
    taken = set(
        EquipmentItem.objects.filter(serial_number__in=serials).values_list(
            "serial_number", flat=True
        )
    )

    result = ImportResult(rows=len(parsed), valid_rows_only=valid_rows_only)
    cleaned: list[tuple[int, dict]] = []
    first_row_of_serial: dict[str, int] = {}
    for number, values in parsed:
        clean, errors = _validate_row(
            values, court=court, custodians=custodians, categories=categories, statuses=statuses
        )
        serial = clean.get("serial_number")
        if serial in taken:
            errors.append(serial_taken_message(serial))
        elif serial and serial in first_row_of_serial:
            errors.append(
                _("Serial number “%(serial)s” also appears in row %(row)d.")
                % {"serial": serial, "row": first_row_of_serial[serial]}
            )
        elif serial:
            first_row_of_serial[serial] = number
        if errors:
            result.errors.append(RowError(number, errors))
        else:
            cleaned.append((number, clean))
    result.errors.sort(key=lambda e: e.row)

    if result.errors and not valid_rows_only:
        return result
    try:
        with transaction.atomic():
            EquipmentItem.objects.bulk_create(
                [
                    EquipmentItem(
                        **clean,
                        service_end_on=add_years(
                            clean["purchase_date"], clean["service_life_years"]
                        ),
                    )
                    for _number, clean in cleaned
                ],
                batch_size=500,
            )
    except IntegrityError as exc:  # a serial registered meanwhile by someone else
        raise ValidationError(
            _(
                "The inventory changed while importing (a serial number was registered meanwhile); nothing was imported. Try again."
            )
        ) from exc
    result.created = len(cleaned)
    return result

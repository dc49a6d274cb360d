"""Writes on standards, inventory items and assignments (DOMAIN.md §7)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courts.access import lock_for, scope_for
from courts.choices import CourtTier
from courts.models import Court
from equipment.choices import ASSIGNMENT_STATES, ITEM_TRANSITIONS, ItemStatus
from equipment.models import EquipmentAssignment, EquipmentItem, EquipmentStandard
from equipment.policy import can_set_standards, inventory_courts
from equipment.services.common import require, today
from haikou_exec.states import move
from personnel.models import Officer

# Fields an edit may change; the court and the status have their own paths.
EDITABLE_ITEM_FIELDS = (
    "category",
    "name",
    "specification",
    "serial_number",
    "purchase_date",
    "service_life_years",
    "custodian",
    "unit_price",
    "notes",
)
_SPACES = re.compile(r"\s+")


def normalise_serial(value) -> str:
    """Serial numbers compare without surrounding or inner blanks and case."""
    return _SPACES.sub("", str(value or "")).upper()


def serial_taken_message(serial: str) -> str:
    """Each item is registered once: the message for a serial number already on the inventory."""
    return _(
        "Serial number “%(serial)s” is already on the inventory; each item is registered once."
    ) % {"serial": serial}


def item_field_errors(
    *,
    court: Court,
    serial_number: str,
    purchase_date: datetime.date | None,
    service_life_years: int | None,
    custodian: Officer | None,
    unit_price: Decimal | None = None,
    exclude_pk: int | None = None,
) -> dict[str, list[str]]:
    """The rules every item obeys, whoever enters it (form, API or import)."""
    errors: dict[str, list[str]] = {}
    if not serial_number:
        errors["serial_number"] = [_("A serial number is required.")]
    elif len(serial_number) > 64:
        errors["serial_number"] = [_("A serial number has at most 64 characters.")]
    else:
        taken = EquipmentItem.objects.filter(serial_number=serial_number)
        if exclude_pk:
            taken = taken.exclude(pk=exclude_pk)
        if taken.exists():
            errors["serial_number"] = [serial_taken_message(serial_number)]
    if purchase_date is None:
        errors["purchase_date"] = [_("A purchase date is required.")]
    elif purchase_date > today():
        errors["purchase_date"] = [_("The purchase date cannot be in the future.")]
    if service_life_years is None or not 1 <= service_life_years <= 30:
        errors["service_life_years"] = [
            _("The service life is a whole number of years from 1 to 30.")
        ]
    if custodian is not None and (custodian.bureau.court_id != court.pk or not custodian.is_active):
        errors["custodian"] = [
            _("The custodian must be an officer in service at %(court)s.") % {"court": court}
        ]
    if unit_price is not None and unit_price < 0:
        errors["unit_price"] = [_("The unit price cannot be negative.")]
    return errors


@transaction.atomic
def register_item(
    *,
    user,
    court: Court,
    category: str,
    name: str,
    serial_number: str,
    purchase_date: datetime.date,
    service_life_years: int,
    custodian: Officer | None = None,
    specification: str = "",
    unit_price: Decimal | None = None,
    notes: str = "",
    status: str = ItemStatus.IN_STOCK,
) -> EquipmentItem:
    """Put an item on a court's inventory. A bureau's leadership manages its own
    court's inventory, the intermediate bureau's leadership every court's; a
    serial number is registered once (issue 8 "Bad input").
    Source: DOMAIN.md §7 "Equipment"."""
    require(inventory_courts(user).filter(pk=court.pk).exists())
    serial = normalise_serial(serial_number)
    errors = item_field_errors(
        court=court,
        serial_number=serial,
        purchase_date=purchase_date,
        service_life_years=service_life_years,
        custodian=custodian,
        unit_price=unit_price,
    )
    if status in ASSIGNMENT_STATES:
        errors["status"] = [_("An item is put in use by assigning it, after it is registered.")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return EquipmentItem.objects.create(
                court=court,
                category=category,
                name=name.strip(),
                specification=specification.strip(),
                serial_number=serial,
                purchase_date=purchase_date,
                service_life_years=service_life_years,
                custodian=custodian,
                unit_price=unit_price,
                notes=notes,
                status=status,
            )
    except IntegrityError as exc:  # a concurrent registration of the same serial
        raise ValidationError({"serial_number": [serial_taken_message(serial)]}) from exc


@transaction.atomic
def update_item(*, user, item_id: int, **changes) -> EquipmentItem:
    """Correct an item's particulars (not its court or status: those have their
    own steps). Same rules as registering.
    Source: DOMAIN.md §7 "Equipment"."""
    item = lock_for(EquipmentItem, item_id, user)
    unknown = set(changes) - set(EDITABLE_ITEM_FIELDS)
    if unknown:
        raise ValidationError(
            {field: [_("This field cannot be changed here.")] for field in sorted(unknown)}
        )
    for field, value in changes.items():
        if field == "serial_number":
            value = normalise_serial(value)
        setattr(item, field, value)
    errors = item_field_errors(
        court=item.court,
        serial_number=item.serial_number,
        purchase_date=item.purchase_date,
        service_life_years=item.service_life_years,
        custodian=item.custodian,
        unit_price=item.unit_price,
        exclude_pk=item.pk,
    )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"serial_number": [serial_taken_message(item.serial_number)]}
        ) from exc
    return item


def allowed_status_targets(item: EquipmentItem) -> list[str]:
    """The states an item may be moved to directly (not through an assignment)."""
    return [s for s in ItemStatus.values if s in ITEM_TRANSITIONS[item.status] - ASSIGNMENT_STATES]


@transaction.atomic
def change_item_status(*, user, item_id: int, status: str, note: str = "") -> EquipmentItem:
    """Move an item along ``ITEM_TRANSITIONS`` (repair, loss, scrapping, return to
    stock). An item in use that goes to repair or is lost comes back from its
    holder first, so its assignment history stays closed and true."""
    item = lock_for(EquipmentItem, item_id, user)
    if status in ASSIGNMENT_STATES:
        # In use only through an assignment (ItemStatus), whatever the table says.
        raise ValidationError({"status": [_("An item is put in use by assigning it.")]})
    was_assigned = item.status in ASSIGNMENT_STATES
    move(
        item,
        status,
        ITEM_TRANSITIONS,
        message=_("An item cannot go from “%(from)s” to “%(to)s”."),
        code=None,
        on_field="status",
    )
    if was_assigned:
        _close_open_assignment(item, user, note=note or ItemStatus(status).label)
    if note:
        stamp = today().isoformat()
        item.notes = f"{item.notes}\n{stamp} {item.get_status_display()}：{note}".strip()
    item.save(update_fields=["status", "notes", "updated_at"])
    return item


def _close_open_assignment(
    item: EquipmentItem, user, *, note: str = ""
) -> EquipmentAssignment | None:
    assignment = (
        EquipmentAssignment.objects.select_for_update()
        .filter(item=item, returned_at__isnull=True)
        .first()
    )
    if assignment is None:
        return None
    assignment.returned_at = max(timezone.now(), assignment.assigned_at)
    assignment.returned_by = user
    if note:
        assignment.note = (f"{assignment.note}；{note}" if assignment.note else note)[:200]
    assignment.save(update_fields=["returned_at", "returned_by", "note"])
    return assignment


@transaction.atomic
def assign_item(
    *,
    user,
    item_id: int,
    officer: Officer | None = None,
    operation_reference: str = "",
    field_record=None,
    due_back_on: datetime.date | None = None,
    note: str = "",
) -> EquipmentAssignment:
    """Hand an item in stock to an officer of its court and/or to a field
    operation, named in free text or by its field execution record; the record then
    lists the item among the equipment used (DOMAIN.md §7)."""
    item = lock_for(EquipmentItem, item_id, user)
    operation_reference = operation_reference.strip()
    if field_record is not None and not operation_reference:
        operation_reference = str(field_record)[:128]
    # Only from stock (ITEM_TRANSITIONS: in_stock is the one state that goes to in_use).
    move(
        item,
        ItemStatus.IN_USE,
        ITEM_TRANSITIONS,
        message=_("Only an item in stock can be assigned; this one is “%(status)s”."),
        code=None,
    )
    errors: dict[str, list[str]] = {}
    if officer is None and not operation_reference:
        errors["officer"] = [_("Name an officer, a field operation, or both.")]
    if officer is not None and (officer.bureau.court_id != item.court_id or not officer.is_active):
        errors["officer"] = [
            _("The officer must be in service at %(court)s.") % {"court": item.court}
        ]
    if field_record is not None and field_record.court_id != item.court_id:
        errors["field_record"] = [
            _("The field record must be one of %(court)s.") % {"court": item.court}
        ]
    if due_back_on is not None and due_back_on < today():
        errors["due_back_on"] = [_("The return date cannot be in the past.")]
    if errors:
        raise ValidationError(errors)
    assignment = EquipmentAssignment.objects.create(
        item=item,
        officer=officer,
        operation_reference=operation_reference,
        field_record=field_record,
        due_back_on=due_back_on,
        assigned_by=user,
        note=note,
    )
    if field_record is not None:
        field_record.equipment.add(item)
    item.save(update_fields=["status", "updated_at"])
    return assignment


@transaction.atomic
def return_item(*, user, item_id: int, note: str = "") -> EquipmentAssignment:
    """Record that an assigned item came back; it is in stock again.
    Source: DOMAIN.md §7: each court's equipment is accounted for."""
    item = lock_for(EquipmentItem, item_id, user)
    # By hand: the table also lets a repaired or found item back to stock, which is
    # change_item_status's step, not a return.
    if item.status != ItemStatus.IN_USE:
        raise ValidationError(_("This item is not assigned to anyone."))
    assignment = _close_open_assignment(item, user, note=note)
    move(item, ItemStatus.IN_STOCK, ITEM_TRANSITIONS)
    item.save(update_fields=["status", "updated_at"])
    return assignment


@transaction.atomic
def save_standard(
    *,
    user,
    tier: str,
    category: str,
    required_quantity: int,
    specification: str,
    inspection_points: str = "",
    standard_id: int | None = None,
) -> EquipmentStandard:
    """Set what every court of a tier must hold in one category. Only the
    intermediate bureau's leadership sets standards (DOMAIN.md §7)."""
    require(can_set_standards(user))
    if standard_id is not None:
        standard = lock_for(EquipmentStandard, standard_id, user)
    else:
        standard = EquipmentStandard(issued_by=_issuing_court(user))
    clash = EquipmentStandard.objects.filter(tier=tier, category=category)
    if standard.pk:
        clash = clash.exclude(pk=standard.pk)
    if clash.exists():
        raise ValidationError(
            {"category": [_("This tier already has a standard for this category; edit that one.")]}
        )
    if not specification.strip():
        raise ValidationError({"specification": [_("Describe the required specification.")]})
    standard.tier = tier
    standard.category = category
    standard.required_quantity = required_quantity
    standard.specification = specification.strip()
    standard.inspection_points = inspection_points.strip()
    standard.save()
    return standard


def _issuing_court(user) -> Court:
    scope = scope_for(user)
    if scope.court_id:
        return Court.objects.get(pk=scope.court_id)
    return Court.objects.get(tier=CourtTier.INTERMEDIATE)

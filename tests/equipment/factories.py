"""Builders for crafted equipment data (tests call them directly)."""

from __future__ import annotations

import datetime
import io

from django.contrib.auth import get_user_model
from django.utils import timezone

from courts.choices import CourtTier
from courts.models import Court
from equipment.choices import EquipmentCategory, ItemStatus
from equipment.models import EquipmentItem, EquipmentStandard
from personnel.models import Officer


def user(username: str):
    return get_user_model().objects.get(username=username)


def officer(username: str) -> Officer:
    return Officer.objects.select_related("bureau__court").get(user__username=username)


def make_standard(tier, category, n, spec="符合标准") -> EquipmentStandard:
    return EquipmentStandard.objects.create(
        issued_by=Court.objects.get(tier=CourtTier.INTERMEDIATE),
        tier=tier,
        category=category,
        required_quantity=n,
        specification=spec,
    )


_serial = iter(range(1, 10**6))


def make_item(
    court,
    category=EquipmentCategory.RECORDER,
    *,
    status=ItemStatus.IN_STOCK,
    purchased=None,
    life=5,
    custodian=None,
    serial=None,
) -> EquipmentItem:
    purchased = purchased or (timezone.localdate() - datetime.timedelta(days=365))
    return EquipmentItem.objects.create(
        court=court,
        category=category,
        name="执法记录仪" if category == EquipmentCategory.RECORDER else "装备",
        serial_number=serial or f"T-{court.code[1:]}-{next(_serial):06d}",
        status=status,
        purchase_date=purchased,
        service_life_years=life,
        custodian=custodian,
    )


def png_bytes(size=(8, 6), fmt="PNG") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (139, 26, 26)).save(buffer, format=fmt)
    return buffer.getvalue()

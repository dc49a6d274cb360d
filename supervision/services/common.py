"""Helpers shared by the supervision services."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from courts.choices import BureauKind
from courts.policy import supervises
from haikou_exec import states
from personnel.choices import OfficerRole
from supervision.models import ReferenceSequence

# Reference prefixes: （2026）监督3号 etc.
PREFIXES = {
    "case": "监督",
    "order": "督办",
    "inspection": "巡查",
    "joint": "双查",
    "talk": "约谈",
}


def today() -> dt.date:
    """Today in the court's time zone."""
    return timezone.localdate()


def allocate_reference(kind: str, year: int) -> str:
    """The next reference of a kind and year, gap-free: the counter row is locked
    (SELECT … FOR UPDATE) until the caller's transaction ends.
    Source: DOMAIN.md §8 (its records), numbered gap-free as case numbers are (§2 "Case numbers")."""
    sequence, _created = ReferenceSequence.objects.select_for_update().get_or_create(
        kind=kind, year=year
    )
    sequence.last_value += 1
    sequence.save(update_fields=["last_value"])
    return f"（{year}）{PREFIXES[kind]}{sequence.last_value}号"


def move(obj, to: str, transitions: dict, field: str = "status") -> None:
    """The kernel's transition helper (haikou_exec.states) in supervision's words."""
    message = _("This step is not possible from the state “%(state)s”.")
    states.move(obj, to, transitions, field=field, message=message, code=None)


def ensure_supervises(user) -> None:
    """Only the intermediate court's supervision (DOMAIN.md §8)."""
    if not supervises(user):
        raise PermissionDenied(_("Only the intermediate court's supervision may do this."))


def require_text(field: str, value: str, message: str) -> None:
    """Refuse a blank text on ``field`` with ``message``."""
    if not (value or "").strip():
        raise ValidationError({field: [message]})


def supervisor_user_ids() -> list[int]:
    """The supervision officers and the intermediate bureau's leadership."""
    from courts.choices import CourtTier
    from personnel.models import Officer

    return list(
        Officer.objects.filter(
            is_active=True,
            bureau__kind=BureauKind.ENFORCEMENT,
            bureau__court__tier=CourtTier.INTERMEDIATE,
            role__in=[OfficerRole.SUPERVISOR, OfficerRole.DIRECTOR],
        ).values_list("user_id", flat=True)
    )

"""Helpers shared by the supervision services."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from courts.choices import BureauKind
from courts.policy import leads_court, supervises
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
    return timezone.localdate()


def allocate_reference(kind: str, year: int) -> str:
    """The next reference of a kind and year, gap-free: the counter row is locked
    (SELECT … FOR UPDATE) until the caller's transaction ends."""
    sequence, _created = ReferenceSequence.objects.select_for_update().get_or_create(
        kind=kind, year=year
    )
    sequence.last_value += 1
    sequence.save(update_fields=["last_value"])
    return f"（{year}）{PREFIXES[kind]}{sequence.last_value}号"


def move(obj, to: str, transitions: dict, field: str = "status") -> None:
    """Check a state change against the transition table (choices.py)."""
    current = getattr(obj, field)
    if to not in transitions.get(current, ()):
        raise ValidationError(
            _("This step is not possible from the state “%(state)s”.")
            % {"state": getattr(obj, f"get_{field}_display")()}
        )
    setattr(obj, field, to)


def ensure_supervises(user) -> None:
    if not supervises(user):
        raise PermissionDenied(_("Only the intermediate court's supervision may do this."))


def ensure_leads_or_supervises(user, court_id: int) -> None:
    if not (supervises(user) or leads_court(user, court_id)):
        raise PermissionDenied(_("Only the court's bureau leadership or supervision may do this."))


def require_text(field: str, value: str, message: str) -> None:
    if not (value or "").strip():
        raise ValidationError({field: [message]})


def leadership_by_court(court_ids) -> dict[int, list[int]]:
    """User ids of the enforcement bureau leadership (director, else deputies) per court."""
    from personnel.models import Officer

    rows = Officer.objects.filter(
        bureau__court_id__in=list(court_ids),
        bureau__kind=BureauKind.ENFORCEMENT,
        role__in=[OfficerRole.DIRECTOR, OfficerRole.DEPUTY_DIRECTOR],
        is_active=True,
    ).values_list("bureau__court_id", "role", "user_id")
    directors: dict[int, list[int]] = defaultdict(list)
    deputies: dict[int, list[int]] = defaultdict(list)
    for court_id, role, user_id in rows:
        (directors if role == OfficerRole.DIRECTOR else deputies)[court_id].append(user_id)
    return {
        cid: directors.get(cid) or deputies.get(cid, []) for cid in set(directors) | set(deputies)
    }


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

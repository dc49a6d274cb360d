"""Parties: natural persons identified by resident ID (GB 11643), organisations by
unified social credit code (GB 32100); a bad checksum is refused naming the
character (DOMAIN.md §2 "Parties")."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from cases.choices import PartyKind, PartyRole, RespondentNature
from cases.models import EnforcementCase, Party
from cases.services.common import bump_version, ensure_can_change, ensure_open, lock_case
from haikou_exec.identifiers import validate_resident_id, validate_uscc


@dataclass
class PartyData:
    role: str
    kind: str
    name: str
    id_number: str = ""
    nature: str = RespondentNature.PRIVATE
    district: str = ""
    phone: str = ""
    address: str = ""


def clean_party(data: PartyData) -> PartyData:
    errors = {}
    if data.role not in PartyRole.values:
        errors["role"] = [f"{data.role!r}"]
    if data.kind not in PartyKind.values:
        errors["kind"] = [f"{data.kind!r}"]
    if not data.name.strip():
        errors["name"] = ["—"]
    if data.id_number:
        try:
            validator = (
                validate_resident_id if data.kind == PartyKind.NATURAL_PERSON else validate_uscc
            )
            data.id_number = validator(data.id_number)
        except ValidationError as exc:
            errors["id_number"] = exc.messages
    if errors:
        raise ValidationError(errors)
    data.name = data.name.strip()
    return data


def add_parties(case: EnforcementCase, parties: list[PartyData]) -> list[Party]:
    cleaned = [clean_party(p) for p in parties]
    return Party.objects.bulk_create([Party(case=case, **vars(p)) for p in cleaned])


@transaction.atomic
def add_party(*, user, case_id: int, data: PartyData) -> Party:
    case = lock_case(case_id)
    ensure_can_change(user, case)
    ensure_open(case)
    party = add_parties(case, [data])[0]
    bump_version(case)
    case.save(update_fields=["version", "updated_at"])
    return party

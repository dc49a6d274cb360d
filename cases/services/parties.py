"""Parties: natural persons identified by resident ID (GB 11643), organisations by
unified social credit code (GB 32100); a bad checksum is refused naming the
character (DOMAIN.md §2 "Parties")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import PartyKind, PartyRole, RespondentNature
from cases.models import EnforcementCase, Party
from cases.services.common import (
    bump_version,
    check_version,
    ensure_can_change,
    ensure_open,
    lock_case,
)
from haikou_exec.formats import written_date as _day
from haikou_exec.identifiers import mask_identifier, validate_resident_id, validate_uscc


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

    @classmethod
    def of(cls, party) -> PartyData:
        """The same party again, for a case that continues another (执恢, a transfer)."""
        return cls(
            role=party.role,
            kind=party.kind,
            name=party.name,
            id_number=party.id_number,
            nature=party.nature,
            district=party.district,
            phone=party.phone,
            address=party.address,
        )


# First two digits of the administrative division code (GB/T 2260): the provinces,
# autonomous regions and municipalities, Taiwan, Hong Kong and Macao.
PROVINCE_CODES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)


def check_resident_id_contents(value: str, today: dt.date | None = None) -> None:
    """A checksum can match by chance: the region code must be well-formed and the
    birth date (characters 7–14) a real day, not in the future (issue 17,
    finding 10; GB 11643)."""
    today = today or timezone.localdate()
    if value[:2] not in PROVINCE_CODES or value[2:6] == "0000":
        raise ValidationError(
            _(
                "Characters 1–6 of the resident ID number (%(code)s) are not a region code "
                "(GB/T 2260)."
            )
            % {"code": value[:6]},
            code="region",
        )
    try:
        born = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        born = None
    if born is None or born.year < 1900:
        raise ValidationError(
            _("Characters 7–14 of the resident ID number (%(digits)s) are not a real birth date.")
            % {"digits": value[6:14]},
            code="birth_date",
        )
    if born > today:
        raise ValidationError(
            _("The birth date in the resident ID number (%(date)s) is in the future.")
            % {"date": _day(born)},
            code="birth_date",
        )


def clean_party(data: PartyData) -> PartyData:
    """A party checked and normalised: role, kind, a name, a valid ID (GB 11643 / GB 32100;
    DOMAIN.md §2 "Parties")."""
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
            if data.kind == PartyKind.NATURAL_PERSON:
                check_resident_id_contents(data.id_number)
        except ValidationError as exc:
            errors["id_number"] = exc.messages
    if errors:
        raise ValidationError(errors)
    data.name = data.name.strip()
    return data


def check_no_one_on_both_sides(rows: list[tuple[str, str, str]]) -> None:
    """The same person or organisation cannot be both applicant and respondent of
    a case (DOMAIN.md §2 "Parties"; issue 17). ``rows`` are (role, id, name)."""
    applicants = {i for role, i, _n in rows if role == PartyRole.APPLICANT and i}
    for role, id_number, name in rows:
        if role == PartyRole.RESPONDENT and id_number in applicants:
            raise ValidationError(
                {
                    "id_number": [
                        _(
                            "%(name)s (%(id)s) is already an applicant of this case: the same "
                            "identifier cannot be both applicant and respondent."
                        )
                        % {"name": name, "id": mask_identifier(id_number)}
                    ]
                },
                code="both_sides",
            )


def add_parties(case: EnforcementCase, parties: list[PartyData]) -> list[Party]:
    """Add checked parties to a case; no one may be both applicant and respondent (DOMAIN.md §2
    "Parties"); the caller holds the case's lock."""
    cleaned = [clean_party(p) for p in parties]
    existing = list(case.parties.values_list("role", "id_number", "name")) if case.pk else []
    check_no_one_on_both_sides(existing + [(p.role, p.id_number, p.name) for p in cleaned])
    return Party.objects.bulk_create([Party(case=case, **vars(p)) for p in cleaned])


@transaction.atomic
def add_party(*, user, case_id: int, data: PartyData) -> Party:
    """Add a party to an open case, its ID checked by GB 11643 or GB 32100 (DOMAIN.md §2
    "Parties")."""
    case = lock_case(case_id)
    ensure_can_change(user, case)
    ensure_open(case)
    party = add_parties(case, [data])[0]
    bump_version(case)
    case.save(update_fields=["version", "updated_at"])
    return party


CORRECTABLE_FIELDS = ("kind", "name", "id_number", "nature", "district", "phone", "address")


@transaction.atomic
def correct_party(
    *, user, party_id: int, data: PartyData, reason: str, expected_version: int | None = None
) -> Party:
    """Correct a party's particulars (a misspelt name, a wrong identifier, a new
    address) on an open case. The role stays: a party does not change sides; one
    filed on the wrong side is a new party. The same identifier still cannot be on
    both sides (DOMAIN.md §2 "Parties"). The change and its reason are written to
    the audit trail (the party's history)."""
    party = Party.objects.filter(pk=party_id).only("pk", "case_id").first()
    if party is None:
        raise Http404
    case = lock_case(party.case_id)
    ensure_can_change(user, case)
    ensure_open(case)
    check_version(case, expected_version)
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Say why the party's particulars are corrected.")]})
    party = Party.objects.select_for_update().get(pk=party_id)
    data.role = party.role
    cleaned = clean_party(data)
    others = list(case.parties.exclude(pk=party.pk).values_list("role", "id_number", "name"))
    check_no_one_on_both_sides(others + [(party.role, cleaned.id_number, cleaned.name)])
    changed = [f for f in CORRECTABLE_FIELDS if getattr(party, f) != getattr(cleaned, f)]
    if not changed:
        return party
    for name in changed:
        setattr(party, name, getattr(cleaned, name))
    with pghistory.context(reason=reason.strip()):
        party.save(update_fields=changed)
    bump_version(case)
    case.save(update_fields=["version", "updated_at"])
    return party

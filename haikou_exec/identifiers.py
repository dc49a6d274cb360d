"""Chinese identifiers: resident ID numbers (GB 11643) and unified social credit
codes (GB 32100). Validation names the wrong character; masking hides what lists
and exports do not need (DOMAIN.md §2 "Parties")."""

from __future__ import annotations

import random
import re

from django.core.exceptions import ValidationError
from django.db.models import CharField, Func
from django.utils.translation import gettext as _

# GB 11643-1999: weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, 10 → X.
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")

# GB 32100-2015: 31-character alphabet without I, O, Z, S, V.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_USCC_RE = re.compile(rf"^[{USCC_ALPHABET}]{{18}}$")


def resident_id_check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def validate_resident_id(value: str) -> str:
    """Return the normalised ID (upper-case X) or raise a ValidationError that
    says which character is wrong."""
    value = (value or "").strip().upper()
    if len(value) != 18:
        raise ValidationError(
            _("A resident ID number has 18 characters; %(n)d were given.") % {"n": len(value)},
            code="length",
        )
    for pos, ch in enumerate(value[:17], start=1):
        if not ch.isdigit():
            raise ValidationError(
                _("Character %(pos)d of the resident ID number must be a digit, not “%(ch)s”.")
                % {"pos": pos, "ch": ch},
                code="character",
            )
    if not _ID_RE.match(value):
        raise ValidationError(
            _("Character 18 of the resident ID number must be a digit or X, not “%(ch)s”.")
            % {"ch": value[17]},
            code="character",
        )
    expected = resident_id_check_char(value[:17])
    if value[17] != expected:
        raise ValidationError(
            _(
                "Check character 18 of the resident ID number is wrong: “%(got)s” given, “%(want)s” expected (GB 11643)."
            )
            % {"got": value[17], "want": expected},
            code="checksum",
        )
    return value


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> str:
    """Validate a unified social credit code; the message names the wrong character."""
    value = (value or "").strip().upper()
    if len(value) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; %(n)d were given.")
            % {"n": len(value)},
            code="length",
        )
    for pos, ch in enumerate(value, start=1):
        if ch not in USCC_ALPHABET:
            raise ValidationError(
                _(
                    "Character %(pos)d of the unified social credit code, “%(ch)s”, is not allowed (I, O, Z, S and V are never used)."
                )
                % {"pos": pos, "ch": ch},
                code="character",
            )
    if not _USCC_RE.match(value):  # pragma: no cover - covered by the loop above
        raise ValidationError(_("Invalid unified social credit code."), code="invalid")
    expected = uscc_check_char(value[:17])
    if value[17] != expected:
        raise ValidationError(
            _(
                "Check character 18 of the unified social credit code is wrong: “%(got)s” given, “%(want)s” expected (GB 32100)."
            )
            % {"got": value[17], "want": expected},
            code="checksum",
        )
    return value


def mask_identifier(value: str) -> str:
    """460102********123X: region and last four kept, birth date hidden."""
    if not value or len(value) < 10:
        return value
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


class MaskedIdentifier(Func):
    """``mask_identifier`` in SQL, for rows PostgreSQL writes out whole (the case
    list API); tests/personnel/test_identifiers.py holds the two to the same
    output."""

    output_field = CharField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"(CASE WHEN LENGTH({sql}) < 10 THEN {sql} ELSE LEFT({sql}, 6) "
            f"|| REPEAT('*', LENGTH({sql}) - 10) || RIGHT({sql}, 4) END)",
            (*params,) * 5,
        )


# Haikou districts' administrative division codes, for realistic IDs.
HAIKOU_DIVISIONS = ["460105", "460106", "460107", "460108", "460100"]


def make_resident_id(
    rng: random.Random, *, birth_year_range=(1955, 2003), division: str | None = None
) -> str:
    division = division or rng.choice(HAIKOU_DIVISIONS)
    year = rng.randint(*birth_year_range)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    seq = rng.randint(0, 999)
    first17 = f"{division}{year:04d}{month:02d}{day:02d}{seq:03d}"
    return first17 + resident_id_check_char(first17)


def make_uscc(rng: random.Random, *, division: str | None = None) -> str:
    """A well-formed code: registration authority 9 (market regulation), type 1
    (enterprise), the division, a 9-character organisation code, check char."""
    division = division or rng.choice(HAIKOU_DIVISIONS)
    org = "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    first17 = f"91{division}{org}"
    return first17 + uscc_check_char(first17)

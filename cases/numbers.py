"""Case numbers (案号): （收案年度）法院代字 + 类型代字 + 序号 + 号 (DOMAIN.md §2).

The canonical form uses full-width parentheses; input may use ASCII ones."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.choices import CaseType

# Longest type codes first so that 执恢 is not read as 执 + 恢.
_TYPE_ALTERNATION = "|".join(sorted((re.escape(c) for c in CaseType.values), key=len, reverse=True))
CASE_NUMBER_RE = re.compile(
    rf"^[（(]\s*(?P<year>\d{{4}})\s*[）)]\s*(?P<court>[\u4e00-\u9fff]\d{{2,4}})\s*(?P<type>{_TYPE_ALTERNATION})\s*(?P<seq>\d{{1,6}})\s*号?$"
)


@dataclass(frozen=True)
class CaseNumber:
    year: int
    court_code: str
    case_type: str
    sequence: int

    def __str__(self) -> str:
        return format_case_number(self.year, self.court_code, self.case_type, self.sequence)


def format_case_number(year: int, court_code: str, case_type: str, sequence: int) -> str:
    return f"（{year}）{court_code}{case_type}{sequence}号"


def normalise_parentheses(text: str) -> str:
    """Search input: ASCII parentheses become the canonical full-width ones."""
    return text.strip().replace("(", "（").replace(")", "）")


def parse_case_number(text: str) -> CaseNumber:
    """Parse a case number written with either parenthesis form, or raise a
    ValidationError that says what is wrong."""
    match = CASE_NUMBER_RE.match((text or "").strip())
    if not match:
        raise ValidationError(
            _("“%(value)s” is not a case number of the form （2026）琼0106执1234号.")
            % {"value": text},
            code="case_number",
        )
    return CaseNumber(
        year=int(match["year"]),
        court_code=match["court"],
        case_type=match["type"],
        sequence=int(match["seq"]),
    )

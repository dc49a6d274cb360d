"""Search as people search (issue 16): a case by any distinctive part of its number,
a party by part of a name or by the last characters of an ID number or credit code.

How a query is read (one reading, never an OR across two tables, so each runs on
its own index):

- **A case number, whole or in part** — ``（2026）琼0105执70号``, ``2026琼0105执70``,
  ``琼0105执70号``, ``0105执70号``, ``执70号``, ``70号``: split into its parts (DOMAIN.md
  §2: 收案年度、法院代字、类型代字、序号) and matched on the parts, which the unique
  (court, year, type, sequence) index serves. The parts not given match any value;
  the reader's own court and the latest year come first.
- **Digits (and X) only**, four or more: the end of an ID number or credit code
  (“身份证后四位”), matched on ``reverse(id_number)`` by prefix.
- **Anything else**: part of a party's name, matched through an index of the name's
  character pairs (``haikou_grams``, cases migration 0010). Chinese names are two to
  four characters, so pairs, not trigrams: pg_trgm finds nothing it can index in a
  two-character query like ``椰城``, and the embedded PostgreSQL of ``make run``
  does not ship pg_trgm (as with btree_gist, personnel/db.py). The pairs narrow the
  candidates; ``LIKE`` on those few rows confirms the substring.

Exact matches rank first: the whole number, the whole name, the whole ID number.
Every read goes through ``restrict(user, "view")``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Case, F, Func, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Reverse

from cases.choices import CaseType
from cases.numbers import normalise_parentheses

# Longest type codes first so that 执恢 is not read as 执 + 恢.
_TYPES = "|".join(sorted((re.escape(c) for c in CaseType.values), key=len, reverse=True))
# （2026）琼0105执70号 and its distinctive tails. The court code is a character and
# two to four digits (琼01, 琼0105); the character may be left out (0105执70号).
_NUMBER_RE = re.compile(
    rf"""^
    (?:[（(]?\s*(?P<year>(?:19|20)\d{{2}})\s*[）)]?\s*(?=[\u4e00-\u9fff]))?  # year, before a character
    (?P<court>[\u4e00-\u9fff]?\d{{2,4}}(?=\s*(?:{_TYPES})))?         # court code, before a type
    \s*(?P<type>{_TYPES})?
    \s*(?P<seq>\d{{1,7}})
    \s*(?P<hao>号)?
    $""",
    re.X,
)
_ID_TAIL_RE = re.compile(r"^[0-9A-Z]{4,18}$")
MIN_NAME_LENGTH = 2


@dataclass(frozen=True)
class NumberParts:
    """The parts of a case number a query names (None: not named)."""

    sequence: int
    case_type: str | None = None
    court_code: str | None = None  # whole (琼0105) or the digits only (0105)
    year: int | None = None


@dataclass(frozen=True)
class Query:
    text: str  # normalised: trimmed, full-width parentheses
    number: NumberParts | None = None
    id_tail: str | None = None
    name: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.number or self.id_tail or self.name)


def parse_query(raw: str | None) -> Query:
    text = normalise_parentheses(raw or "")
    text = re.sub(r"\s+", "", text)
    if not text:
        return Query(text="")
    match = _NUMBER_RE.match(text)
    # A bare number (“70”) is read as the end of an ID number, not a sequence: a
    # sequence is named with its 号, its type code or its court.
    if match and (match["hao"] or match["type"] or match["court"]):
        return Query(
            text=text,
            number=NumberParts(
                sequence=int(match["seq"]),
                case_type=match["type"],
                court_code=match["court"],
                year=int(match["year"]) if match["year"] else None,
            ),
        )
    upper = text.upper()
    if _ID_TAIL_RE.match(upper) and any(ch.isdigit() for ch in upper):
        return Query(text=text, id_tail=upper)
    if _ID_TAIL_RE.match(upper):
        # Letters only (“KBUR”): the end of a credit code, or a name in Latin letters.
        return Query(text=text, id_tail=upper, name=text)
    if len(text) >= MIN_NAME_LENGTH:
        return Query(text=text, name=text)
    return Query(text=text)


class Grams(Func):
    """``haikou_grams(text)``: the distinct character pairs of a text, without
    spaces and brackets (the SQL function of cases migration 0010; its GIN index
    serves ``@>``)."""

    function = "haikou_grams"
    output_field = ArrayField(models.TextField())


def _grams_contain(column: str, text: str) -> Q:
    # Written as a lookup on an alias so the left side is exactly the indexed
    # expression haikou_grams(<column>).
    return Q(**{f"_grams_{column}__contains": Grams(Value(text))})


def filter_cases(queryset: QuerySet, query: Query, *, own_court_id: int | None = None):
    """The cases of ``queryset`` the query names, exact matches first (annotated
    ``search_rank``: 0 is best). Unranked querysets keep their own order."""
    if query.is_empty:
        return queryset.none()
    if query.number:
        return _filter_by_number(queryset, query, own_court_id)
    parties = filter_parties_plain(query)
    return queryset.filter(pk__in=parties.values("case_id"))


def _filter_by_number(queryset: QuerySet, query: Query, own_court_id: int | None):
    n = query.number
    q = Q(sequence=n.sequence)
    if n.case_type:
        q &= Q(case_type=n.case_type)
    if n.year:
        q &= Q(year=n.year)
    if n.court_code:
        from courts.models import Court

        code = n.court_code
        if code[0].isdigit():
            courts = Court.objects.filter(code__endswith=code)
        else:
            courts = Court.objects.filter(code=code)
        q &= Q(court_id__in=courts.values("pk"))
    whens = [When(case_number=query.text, then=Value(0))]
    if own_court_id:
        whens.append(When(court_id=own_court_id, then=Value(1)))
    rank = Case(*whens, default=Value(2), output_field=IntegerField())
    # The whole number first, then the reader's own court, the latest year.
    return (
        queryset.filter(q)
        .annotate(search_rank=rank)
        .order_by("search_rank", "-year", "court__sort_order", "case_type", "-id")
    )


def filter_parties_plain(query: Query) -> QuerySet:
    """Parties named by the query, unrestricted: only for a semi-join into a
    queryset that is itself restricted (the case list)."""
    from cases.models import Party

    return _party_match(Party.objects.all(), query)


def _party_match(queryset: QuerySet, query: Query) -> QuerySet:
    matches = Q(pk__in=[])
    if query.id_tail:
        tail = query.id_tail
        if len(tail) == 18:
            matches |= Q(id_number=tail)
        else:
            queryset = queryset.alias(_rid=Reverse("id_number"))
            matches |= Q(_rid__startswith=tail[::-1])
    if query.name:
        queryset = queryset.alias(_grams_name=Grams(F("name")))
        matches |= _grams_contain("name", query.name) & Q(name__contains=query.name)
    return queryset.filter(matches)


def search_parties(queryset: QuerySet, query: Query) -> QuerySet:
    """Parties of a (restricted) queryset the query names, exact matches first."""
    if query.is_empty or query.number:
        return queryset.none()
    matched = _party_match(queryset, query)
    exact = Q(pk__in=[])
    if query.id_tail:
        exact |= Q(id_number=query.id_tail)
    if query.name:
        exact |= Q(name=query.name)
    starts = (
        Q(name__startswith=query.name)
        if query.name
        else Q(pk__in=[])  # an ID tail has no “starts with”
    )
    rank = Case(
        When(exact, then=Value(0)),
        When(starts, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return matched.annotate(search_rank=rank)


RESULTS_PER_SECTION = 50


def search_everything(user, raw: str) -> dict:
    """The /search/ page: the cases and the parties the user may see that the
    query names, exact matches first, at most RESULTS_PER_SECTION of each (one
    query each, whatever the number of results)."""
    from cases.models import EnforcementCase, Party
    from courts.access import scope_for

    query = parse_query(raw)
    result = {
        "query": query,
        "cases": [],
        "parties": [],
        "more_cases": False,
        "more_parties": False,
    }
    if query.is_empty:
        return result
    if query.number:
        cases = filter_cases(
            EnforcementCase.objects.restrict(user, "view"),
            query,
            own_court_id=scope_for(user).court_id,
        ).select_related("court", "team")
        cases = cases.prefetch_related(
            Prefetch("parties", queryset=Party.objects.order_by("role", "id"), to_attr="party_list")
        )
        rows = list(cases[: RESULTS_PER_SECTION + 1])
        result["cases"], result["more_cases"] = (
            rows[:RESULTS_PER_SECTION],
            len(rows) > RESULTS_PER_SECTION,
        )
    else:
        parties = (
            search_parties(Party.objects.restrict(user, "view"), query)
            .select_related("case__court")
            .order_by("search_rank", "-case__filed_on", "-case_id", "role", "id")
        )
        rows = list(parties[: RESULTS_PER_SECTION + 1])
        result["parties"] = rows[:RESULTS_PER_SECTION]
        result["more_parties"] = len(rows) > RESULTS_PER_SECTION
    return result

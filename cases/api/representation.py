"""``GET /api/v1/cases/``'s rows as PostgreSQL writes them: one JSON object per
case, its parties and their agents nested, in the list's one statement.

Through the serializer the list read three statements (cases, parties, agents)
and made some 250 model instances a page, then walked them field by field: four
fifths of the request's time beside 5 ms of SQL at the design scale (README,
"Close to the database"). Here the database builds the same representation and
psycopg2 hands it over parsed, so the Python around the SQL is the request's
own, not the rows'.

The expression is derived from ``EnforcementCaseSerializer``'s declared fields
(the serializer still writes a single case, after filing and on
``/api/v1/cases/<id>/``), so a field added there appears here or fails to
build; tests/cases/test_api_representation.py holds the two to the same output
on every kind of case."""

from __future__ import annotations

from functools import cache

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef, QuerySet, Subquery, TextField
from django.db.models.functions import Cast
from rest_framework import serializers

from cases.api.serializers import (
    EnforcementCaseSerializer,
    PartyAgentSerializer,
    PartySerializer,
)
from cases.models import EnforcementCase, Party, PartyAgent
from haikou_exec.compiled import CompiledExpression
from haikou_exec.expressions import JSONRow
from haikou_exec.identifiers import MaskedIdentifier

# Model properties the serializers read, as SQL over the columns they derive from.
_PROPERTIES = {"masked_id_number": lambda: MaskedIdentifier(F("id_number"))}


def case_representations(queryset: QuerySet[EnforcementCase]) -> QuerySet:
    """The cases of ``queryset`` (filtered and ordered) as the API's dicts."""
    return queryset.values_list(_case_row(), flat=True)


@cache
def _case_row() -> CompiledExpression:
    """Built and compiled once per process: the expression is the same for every
    request (building its ~100 nested expressions was itself a millisecond, and
    resolving and compiling them two more, haikou_exec.compiled)."""
    party_rows = (
        Party.objects.filter(case=OuterRef("pk"))
        .order_by("role", "id")  # as cases.selectors.case_list prefetches them
        .values(row=_row(PartySerializer().fields, nested={"agents": _agent_rows}))
    )
    return CompiledExpression(
        EnforcementCase,
        _row(
            EnforcementCaseSerializer().fields,
            nested={"parties": lambda: ArraySubquery(party_rows)},
        ),
    )


def _agent_rows() -> ArraySubquery:
    agents = (
        PartyAgent.objects.filter(party=OuterRef("pk"))
        .order_by("id")
        .values(row=_row(PartyAgentSerializer().fields))
    )
    return ArraySubquery(agents)


def _row(fields, nested=None) -> JSONRow:
    nested = nested or {}
    columns = {}
    for name, field in fields.items():
        if field.write_only:
            continue
        if name in nested:
            columns[name] = nested[name]()
        else:
            columns[name] = _column(name, field)
    return JSONRow(**columns)


def _column(name: str, field):
    source = field.source
    if source in _PROPERTIES:
        return _PROPERTIES[source]()
    if isinstance(field, serializers.SlugRelatedField):
        # A scalar subquery, not a join: the paginator counts this queryset, and
        # a join would stay in its COUNT (and take the court filter's plan away).
        related = field.parent.Meta.model._meta.get_field(source).related_model
        return Subquery(
            related.objects.filter(pk=OuterRef(f"{source}_id")).values(field.slug_field)
        )
    if isinstance(field, serializers.PrimaryKeyRelatedField):
        return F(f"{source}_id")
    if isinstance(field, serializers.DecimalField):
        # DRF gives a decimal as a string with the field's places ("50000.00"),
        # as numeric(16, 2)::text does.
        return Cast(F(source), TextField())
    if isinstance(
        field,
        serializers.CharField
        | serializers.ChoiceField
        | serializers.IntegerField
        | serializers.DateField,
    ) and not isinstance(field, serializers.DateTimeField):
        return F(source)
    raise TypeError(f"{name}: no SQL for a {type(field).__name__}; add it here")

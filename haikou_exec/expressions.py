"""Query expressions: what PostgreSQL plans better than the ORM's defaults, and
date arithmetic in SQL."""

import json

from django.db.models import (
    BooleanField,
    DateField,
    F,
    Func,
    IntegerField,
    JSONField,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast


class InArray(Func):
    """``field = ANY(ARRAY(SELECT …))``: membership in a small set that a
    subquery computes once.

    ``field__in=<subquery>`` becomes a semi-join, and the planner sizes it from
    column statistics. For "cases with an overdue node" those say tens of
    thousands (most of the 5M nodes have past due dates; only the open ones
    count, and it cannot see the two together), so it hashes all 500k cases.
    With ``ANY(ARRAY(…))`` the set is computed first (an InitPlan, from the
    partial index of open nodes) and the cases are probed by primary key:
    ~700 ms → ~25 ms at design scale (bench/results)."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY(ARRAY"
    output_field = BooleanField()

    def __init__(self, field: str, queryset: QuerySet):
        super().__init__(F(field), Subquery(queryset.order_by()))


# Date arithmetic in SQL, for rules checked over many rows in one query (the 终本
# conditions, the quality indicators).


class AddMonths(Func):
    """``date + n months`` (the last day of the month when the day does not exist,
    as ``cases.deadlines.add_months``)."""

    output_field = DateField()

    def __init__(self, expression, months: int, **extra):
        super().__init__(expression, Value(int(months)), **extra)

    def as_sql(self, compiler, connection, **extra):
        date_sql, date_params = compiler.compile(self.source_expressions[0])
        months_sql, months_params = compiler.compile(self.source_expressions[1])
        return (
            f"(({date_sql}) + make_interval(months => {months_sql}))::date",
            [*date_params, *months_params],
        )


class DaysBetween(Func):
    """``later - earlier`` in days (PostgreSQL date subtraction gives an integer)."""

    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = IntegerField()


# Rows written as JSON by PostgreSQL, for a representation read as it is sent
# (the case list API: cases.selectors.representation).


class ParsedJSON(JSONField):
    """A ``json`` value as psycopg2 hands it over: already parsed by its own
    typecaster (Django's JSONField would parse it a second time; it expects the
    text that Django asks psycopg2 to leave ``jsonb`` as)."""

    def from_db_value(self, value, expression, connection):
        return json.loads(value) if isinstance(value, str) else value


class JSONRow(Func):
    """``JSON_BUILD_OBJECT(key, value, …)``: a row as a JSON object whose keys
    keep the order given. Django's ``JSONObject`` builds ``jsonb`` on
    PostgreSQL, which sorts the keys (by length, then bytes); an API's fields
    are read in their documented order. Values are converted by PostgreSQL's
    ``to_json``: dates as ``YYYY-MM-DD``, arrays as JSON arrays, numbers as
    numbers (cast to text where the API gives a string)."""

    function = "JSON_BUILD_OBJECT"
    output_field = ParsedJSON()

    def __init__(self, **fields):
        expressions = []
        for key, value in fields.items():
            expressions.extend((Cast(Value(key), TextField()), value))
        super().__init__(*expressions)

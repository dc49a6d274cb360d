"""Statements and expressions that every request repeats, compiled by the ORM
once per process.

The ORM turns a queryset into SQL each time it is evaluated. For most reads that
is a small part of the request; for the few statements every signed-in request
runs before its view (who is asking: ``courts.access`` reads the officer, their
bureau and court, their object grants and model permissions in one statement) it
was the largest part of the request's fixed cost: ~2.5 ms of Python per request
on the bench machine to build SQL that never changes but for the user's id, which
PostgreSQL answers in ~0.5 ms (README "Close to the database"). The session's
read is another (``haikou_exec.sessions``).

``CompiledRow`` asks the ORM for that SQL once per database alias, with marker
values in the parameters' places, and afterwards runs it with them bound: the same
statement, the same database the router picks, on Django's own cursor (so it is
counted, logged and wrapped like any other query). Only ``values()`` querysets
whose columns the driver already returns as Python values qualify (no field
converters); anything else is refused when compiled, not mis-read later.

``CompiledExpression`` does the same for a large select expression that a list
repeats on every request (the API's case rows, ``cases.api.representation``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router
from django.db.models import Expression, QuerySet
from django.db.models.sql import Query

# What stands in for each parameter while the ORM compiles, by its type: values no
# row here holds. The integer stays inside a 32-bit column's range (beyond it the
# ORM finds no rows and writes no SQL at all).
MARKERS: dict[type, Any] = {
    int: -2_046_201_337,
    str: "\x1fhaikou-compiled-parameter\x1f",
    datetime: datetime(1901, 12, 14, 3, 5, 7, 246_801, tzinfo=UTC),
}


class _PerAlias:
    """What ``compile(alias)`` returns, computed once per database alias (under a
    lock, so that a worker's threads do not compile it side by side)."""

    def __init__(self, compile: Callable[[str], Any]):
        self._compile = compile
        self._done: dict[str, Any] = {}
        self._lock = threading.Lock()

    def __call__(self, alias: str) -> Any:
        done = self._done.get(alias)
        if done is None:
            with self._lock:
                done = self._done.get(alias)
                if done is None:
                    done = self._done[alias] = self._compile(alias)
        return done


class CompiledRow:
    """``build(**parameters)`` → a ``values()`` queryset of ``model`` for at most
    one row; ``first(**parameters)`` runs its SQL, compiled once per database
    alias, and returns the row as a dict (``None`` when there is none), as
    ``build(**parameters).first()`` would. ``types`` names each parameter's type
    (``user_id=int``)."""

    def __init__(self, model, build: Callable[..., QuerySet], **types: type):
        # The model the router is asked about, as the queryset's own read would.
        self.model = model
        self._build = build
        self._markers = {name: MARKERS[kind] for name, kind in types.items()}
        self._compiled = _PerAlias(self._compile)

    def sql(self, alias: str) -> tuple[str, tuple, dict[str, int]]:
        """The statement for ``alias``: SQL, its parameters with the markers, and
        each named parameter's position among them."""
        return self._compiled(alias)

    def _compile(self, alias: str) -> tuple[str, tuple, dict[str, int]]:
        queryset = self._build(**self._markers)
        if queryset._fields is None:
            raise ImproperlyConfigured("CompiledRow needs a values() queryset.")
        compiler = queryset[:1].query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        if compiler.get_converters([column for column, _sql, _alias in compiler.select]):
            raise ImproperlyConfigured(
                "CompiledRow reads the driver's values as they are; a column of this "
                "query needs the ORM's converters."
            )
        positions = {}
        for name, marker in self._markers.items():
            found = [i for i, value in enumerate(params) if value == marker]
            if len(found) != 1:
                raise ImproperlyConfigured(
                    f"The parameter {name!r} must appear exactly once in the statement."
                )
            positions[name] = found[0]
        return sql, tuple(params), positions

    def first(self, **parameters: Any) -> dict[str, Any] | None:
        alias = router.db_for_read(self.model)
        sql, params, positions = self.sql(alias)
        bound = list(params)
        for name, position in positions.items():
            bound[position] = parameters[name]
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, bound)
            row = cursor.fetchone()
            if row is None:
                return None
            return dict(zip([column.name for column in cursor.description], row, strict=True))


class CompiledExpression(Expression):
    """``expression`` over ``model``'s own row (its columns and subqueries that
    refer to them; no joins), resolved and compiled by the ORM once per database
    alias and then placed in any query on ``model`` as that SQL.

    For a large select expression that every request of a list repeats: the
    API's case rows (``cases.api.representation``) are ~100 nested expressions,
    which the ORM resolved and compiled again for each request (~2.4 ms of CPU,
    bench machine). The SQL names the model's table as the outer query's own
    table; a query that names it otherwise (this query relabelled as someone
    else's subquery) is refused rather than given SQL about another table."""

    def __init__(self, model, expression):
        super().__init__(output_field=expression.output_field)
        self.model = model
        self.expression = expression
        self._compiled = _PerAlias(self._compile)

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        if query is None or query.model is not self.model:
            raise ImproperlyConfigured(
                f"This expression is compiled for {self.model._meta.label} queries only."
            )
        return self  # resolved when compiled, against the model's own table

    def as_sql(self, compiler, connection):
        if compiler.query.base_table != self.model._meta.db_table:
            raise ImproperlyConfigured(
                f"The compiled expression names {self.model._meta.db_table}; this query "
                f"calls it {compiler.query.base_table}."
            )
        sql, params = self._compiled(connection.alias)
        return sql, list(params)

    def _compile(self, alias: str) -> tuple[str, tuple]:
        query = Query(self.model)
        query.get_initial_alias()
        resolved = self.expression.resolve_expression(query, allow_joins=False)
        sql, params = query.get_compiler(using=alias).compile(resolved)
        return sql, tuple(params)

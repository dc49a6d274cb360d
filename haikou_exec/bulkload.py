"""Bulk loading by PostgreSQL COPY, for the design-scale demo and benchmark data.

``CopyBuffer(Model, [attnames])`` takes rows as tuples in that order and fills
every other concrete column with the field's default (``auto_now`` fields with
the current time), so a model change that adds a column with a default needs no
change here. ``flush()`` streams the buffer with ``copy_expert``; callers flush
per chunk so memory stays flat however many rows are loaded.

``bulk_load_session()`` sets ``session_replication_role = replica`` for the
current transaction: ordinary triggers do not fire, which is how PostgreSQL
itself loads replicated rows. That skips the django-pghistory audit triggers
(benchmark rows are not audited events: nobody did anything) and the foreign-key
triggers (the loader writes ids it has just reserved). Constraints that are not
triggers — NOT NULL, CHECK, UNIQUE, exclusion — still hold. It needs a superuser
or, from PostgreSQL 15, a role granted SET on the parameter; never use it for
data entered by people.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from decimal import Decimal

from django.db import connection, models
from django.utils import timezone

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


class Raw(str):
    """A value already in COPY text form (e.g. a memoised JSON document)."""


_SPECIAL = re.compile(r"[\\\t\n\r]")


def _str(value: str) -> str:
    return value.translate(_ESCAPES) if _SPECIAL.search(value) else value


_BY_TYPE = {
    str: _str,
    int: str,
    Decimal: str,
    dt.date: dt.date.isoformat,
    dt.datetime: dt.datetime.isoformat,
    type(None): lambda value: "\\N",
    bool: lambda value: "t" if value else "f",
}


def copy_text(value) -> str:
    """One value in COPY's text format (dispatch on the exact type first: this
    runs tens of millions of times for the design data set)."""
    convert = _BY_TYPE.get(type(value))
    if convert is not None:
        return convert(value)
    if type(value) is Raw:
        return value
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return _str(str(value))
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return _str(json.dumps(value, ensure_ascii=False))
    return _str(str(value))


class CopyBuffer:
    def __init__(self, model: type[models.Model], attnames: Sequence[str]):
        self.model = model
        self.attnames = list(attnames)
        now = timezone.now()
        fields = [f for f in model._meta.concrete_fields if f.attname not in self.attnames]
        constant = []
        for field in fields:
            if field.primary_key:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            else:
                # The field's default; "" for text fields, None (NULL) otherwise.
                value = field.get_default()
                if value is None and not field.null:
                    raise ValueError(f"{model.__name__}.{field.name} has no default: pass it")
            constant.append((field.column, copy_text(value)))
        columns = [model._meta.get_field(a).column for a in self.attnames]
        columns += [c for c, _ in constant]
        self.suffix = "".join("\t" + v for _, v in constant)
        self.sql = 'COPY "{}" ({}) FROM STDIN'.format(
            model._meta.db_table, ", ".join(f'"{c}"' for c in columns)
        )
        self.buffer = io.StringIO()
        self.rows = 0
        self.total = 0

    def add(self, row: Iterable) -> None:
        self.buffer.write("\t".join(map(copy_text, row)) + self.suffix + "\n")
        self.rows += 1

    def flush(self) -> int:
        n = self.rows
        if n:
            self.buffer.seek(0)
            with connection.cursor() as cursor:
                cursor.copy_expert(self.sql, self.buffer)
            self.total += n
        self.buffer = io.StringIO()
        self.rows = 0
        return n


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh primary keys from the table's identity sequence."""
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [r[0] for r in cursor.fetchall()]


@contextmanager
def bulk_load_session():
    """Inside ``transaction.atomic()``: no ordinary triggers for this transaction
    (see the module docstring for why and what still holds)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
    yield

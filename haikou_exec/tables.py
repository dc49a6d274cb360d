"""Table columns every app's lists share (django-tables2)."""

import django_tables2 as tables
from django.db import models
from django_tables2.columns import library

# Fields whose values are a few characters or figures: a state, a date, a count.
SHORT_FIELDS = (models.DateField, models.IntegerField, models.DecimalField, models.BooleanField)


class MoneyColumn(tables.Column):
    """An amount in yuan as the courts write it (1,366,180.35), right-aligned; the
    column's heading comes from the model field (…（元）)."""

    attrs = {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}}

    def render(self, value):
        return f"{value:,.2f}"


@library.register
class OneLineColumn(tables.Column):
    """Any list's column of short values kept on one line. Beside long names in a
    many-column list the browser gave a state one character a line (已/反/馈);
    registered last, this asks the other columns which one a field gets (a date
    column for a date) and keeps its cells unbroken. Its heading may wrap: the
    cells already give the column its width, and a long heading held on one line
    (申请执行标的（元）) took it from the party names. Columns a table declares
    itself are its own (MoneyColumn nowraps already)."""

    @classmethod
    def from_field(cls, field, **kwargs):
        if not (getattr(field, "choices", None) or isinstance(field, SHORT_FIELDS)):
            return None
        for candidate in reversed(library.columns):
            if candidate is cls:
                continue
            column = candidate.from_field(field, **kwargs)
            if column is not None:
                column.attrs = _one_line(column.attrs)
                return column
        return None


def _one_line(attrs: dict) -> dict:
    cells = {**attrs.get("td", {})}
    cells["class"] = " ".join(filter(None, [cells.get("class", ""), "text-nowrap"]))
    return {**attrs, "td": cells}

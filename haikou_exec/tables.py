"""Table columns every app's lists share (django-tables2)."""

import django_tables2 as tables


class MoneyColumn(tables.Column):
    """An amount in yuan as the courts write it (1,366,180.35), right-aligned; the
    column's heading comes from the model field (…（元）)."""

    attrs = {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}}

    def render(self, value):
        return f"{value:,.2f}"

"""The columns every list shares (haikou_exec/tables.py)."""

from __future__ import annotations

import django_tables2 as tables
import pytest

from command_center.models import AffairsTask, AssetQuery


def test_short_values_stay_on_one_line_in_every_list():
    """A state, a date, a count: their cells unbroken (a state beside long names
    read 已/反/馈, one character a line); names, free text and headings wrap."""

    class Queries(tables.Table):
        class Meta:
            model = AssetQuery
            fields = ("institution_name", "status", "attempts", "answered_at")

    table = Queries([])
    for name in ("status", "attempts", "answered_at"):
        attrs = table.columns[name].column.attrs
        assert "text-nowrap" in attrs["td"]["class"], name
        # Its heading may wrap over the figures (申请执行标的（元）).
        assert "text-nowrap" not in attrs.get("th", {}).get("class", ""), name
    assert "text-nowrap" not in str(table.columns["institution_name"].column.attrs)


def test_the_date_column_stays_a_date_column():
    """The library's own column for a field is kept (a date reads as a date)."""

    class Tasks(tables.Table):
        class Meta:
            model = AffairsTask
            fields = ("due_at", "status")

    assert isinstance(Tasks.base_columns["due_at"], tables.DateTimeColumn)


@pytest.mark.django_db
def test_a_list_page_renders_its_states_on_one_line(city, login):
    page = login("xy_judge").get("/centre/tasks/").content.decode()
    assert '<td class="text-nowrap">' in page

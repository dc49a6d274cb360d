"""JSON fields on the admin's read-only pages.

The admin would show a JSON field (a monthly report's figures, an assessment's
inputs, a query's records) as the JSON text, keys in English. The record's page
shows the same in words, so a reader is sent there; an admin that can say it in
words itself defines ``<field>_in_words(obj)`` (the monthly report's figures). The
data stays one click away, folded, for whoever keeps the system."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _


def json_fields(model) -> list[str]:
    return [f.name for f in model._meta.fields if isinstance(f, models.JSONField)]


def in_words_name(name: str) -> str:
    return f"{name}_in_words"


def shown_on_page(field):
    """The admin's display of ``field`` for readers: a link to the record's page,
    which shows it in words, and the data folded beneath."""

    def display(obj):
        value = getattr(obj, field.name)
        if value in (None, {}, []):
            return "—"
        data = json.dumps(value, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)
        folded = format_html(
            '<details class="json-data"><summary>{}</summary><pre>{}</pre></details>',
            _("Data as stored"),
            data,
        )
        url = getattr(obj, "get_absolute_url", None)
        if url is None:
            return folded
        return format_html(
            '<a href="{}">{}</a>{}', url(), _("Shown in words on the record's page"), folded
        )

    display.short_description = field.verbose_name
    return display


def in_words_rows(rows) -> str:
    """``(label, value)`` rows as a small table (what an admin's ``*_in_words`` says)."""
    body = format_html_join(
        "",
        "<tr><th>{}</th><td>{}</td></tr>",
        ((label, "—" if v is None else v) for label, v in rows),
    )
    return format_html('<table class="in-words">{}</table>', body)

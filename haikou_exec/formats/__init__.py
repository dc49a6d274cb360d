"""The project's formats: per language in the modules below (FORMAT_MODULE_PATH),
and ``written_date``, a date as every page and message writes it."""

from __future__ import annotations

from django.utils.formats import date_format


def written_date(value) -> str:
    """2026年12月3日 in Chinese (the language's DATE_FORMAT), as the pages'
    ``cn_date`` shows it: for the messages services write with a date in them
    (str() of a date would give 2026-12-03)."""
    return date_format(value, "DATE_FORMAT") if value else ""

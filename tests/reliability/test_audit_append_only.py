"""No code path deletes audit rows (DESIGN.md "Audit": append-only).

Enforced in the database, not by convention: every pghistory event table has a
BEFORE UPDATE OR DELETE trigger that refuses the change, so neither the ORM, a
bulk ``delete()``, a cascade nor raw SQL can remove an event. The application
code never switches those triggers off."""

from __future__ import annotations

import re
from pathlib import Path

import pghistory.models
import pytest
from django.apps import apps
from django.db import InternalError, ProgrammingError, connection, transaction

ROOT = Path(__file__).resolve().parents[2]
TRIGGER_ROW, TRIGGER_BEFORE, TRIGGER_DELETE, TRIGGER_UPDATE = 1, 2, 8, 16


def event_models() -> list:
    return [
        m
        for m in apps.get_models()
        if issubclass(m, pghistory.models.Event) and not m._meta.abstract
    ]


@pytest.mark.django_db
def test_every_event_table_refuses_update_and_delete():
    models = event_models()
    assert len(models) >= 20  # cases, ledger, personnel, assessment, equipment, …
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgtype, t.tgenabled FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE %s",
            ["pgtrigger_append_only_%"],
        )
        guarded = {}
        for table, tgtype, enabled in cursor.fetchall():
            if enabled != "D":
                guarded[table] = tgtype
    unguarded = []
    for model in models:
        tgtype = guarded.get(model._meta.db_table)
        wanted = TRIGGER_ROW | TRIGGER_BEFORE | TRIGGER_DELETE | TRIGGER_UPDATE
        if tgtype is None or tgtype & wanted != wanted:
            unguarded.append(model._meta.label)
    assert unguarded == []


@pytest.mark.django_db
def test_raw_sql_cannot_delete_an_event_either(org):
    from personnel.models import Officer

    Officer.objects.filter(pk=Officer.objects.first().pk).update(phone="13800000000")
    table = apps.get_model("personnel", "OfficerEvent")._meta.db_table
    with (
        pytest.raises((InternalError, ProgrammingError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f'DELETE FROM "{table}"')


def test_application_code_never_switches_the_audit_triggers_off():
    offending = []
    pattern = re.compile(r"pgtrigger\.(ignore|uninstall|disable|prune)|DISABLE TRIGGER")
    skipped = {"tests", "bench", "static", "node_modules"}
    top = [d for d in ROOT.iterdir() if d.is_dir() and d.name[0] not in "._"]
    for path in (p for d in top if d.name not in skipped for p in d.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        if pattern.search(path.read_text(encoding="utf-8", errors="ignore")):
            offending.append(str(path.relative_to(ROOT)))
    assert offending == []

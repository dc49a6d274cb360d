"""The schema snapshot (haikou_exec/schema_snapshot.py) says what the migrations say.

`make run`, the test template and the bench set up an empty database from
haikou_exec/schema/snapshot.sql and then `migrate` only what is newer. These tests
keep that honest: the snapshot was made from today's migration files, and a database
set up from it has the same tables, columns, indexes, constraints, triggers and
functions, and the same rows, as one migrated from empty (a reference database
built by `migrate` alone, cached per set of migrations like the test template).
"""

from __future__ import annotations

import re
import subprocess

import psycopg2

from haikou_exec import schema_snapshot
from haikou_exec.pgtools import dsn, pg_tool
from tests import dbtemplate


def test_the_snapshot_was_made_from_the_migrations_of_this_checkout():
    stale = schema_snapshot.stale_files()
    assert stale is not None, "haikou_exec/schema/snapshot.sql is missing: run make schema-snapshot"
    assert stale == [], f"changed since the snapshot was made (run make schema-snapshot): {stale}"


def _dump_schema(name: str, pg_dump: str) -> list[str]:
    out = subprocess.run(
        [pg_dump, "--schema-only", "--no-owner", "--no-privileges", "--dbname", dsn(name)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    # Comments name the pg_dump version; \restrict carries a random key per dump.
    return [
        line
        for line in out.splitlines()
        if line.strip() and not line.startswith("--") and not re.match(r"\\(un)?restrict ", line)
    ]


def _schema(name: str, pg_dump: str, admin) -> list[str]:
    """The schema of ``name`` as it reads after one dump and reload: PostgreSQL
    prints a reloaded CHECK with its casts in another (equivalent) place, so both
    sides are compared after the same round trip the snapshot made."""
    copy = f"{name}_rt"
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{copy}"')
    try:
        with psycopg2.connect(dsn(copy)) as conn, conn.cursor() as cur:
            cur.execute("\n".join(_dump_schema(name, pg_dump)))
        conn.close()
        return _dump_schema(copy, pg_dump)
    finally:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')


def _rows(name: str) -> dict[str, int]:
    with psycopg2.connect(dsn(name)) as conn, conn.cursor() as cur:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        tables = [t for (t,) in cur.fetchall()]
        counts = {}
        for table in tables:
            cur.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cur.fetchone()[0]
    conn.close()
    return counts


def test_a_database_set_up_from_the_snapshot_equals_one_migrated_from_empty(
    django_db_setup, django_db_blocker
):
    with django_db_blocker.unblock():
        reference = dbtemplate.ensure_template(dbtemplate.REFERENCE_PREFIX)
        scratch = f"{dbtemplate.connection_params()['dbname']}_snap"
        admin = dbtemplate._admin_connection()
        try:
            with admin.cursor() as cur:
                cur.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
                cur.execute(f'CREATE DATABASE "{scratch}"')
            dbtemplate._migrate(scratch, "setup_database")
            with admin.cursor() as cur:
                cur.execute("SHOW server_version_num")
                pg_dump = pg_tool("pg_dump", int(cur.fetchone()[0]) // 10000)
            assert _schema(scratch, pg_dump, admin) == _schema(reference, pg_dump, admin)
            assert _rows(scratch) == _rows(reference)
        finally:
            with admin.cursor() as cur:
                cur.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
            admin.close()

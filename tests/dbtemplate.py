"""The test database, cloned from a migrated template keyed on the migrations.

Migrating an empty database takes minutes here: Django re-renders the related model
states for every operation, and the audit triggers add several hundred operations.
The result depends only on the migration files (and the reference data they load),
so it is built once per set of migrations as `haikou_tmpl_<key>` on the same server,
and every run (every xdist worker) clones it with CREATE DATABASE … TEMPLATE, which
takes about a second. A changed migration gives a new key and a new template; old
templates are dropped when a new one is built.

After the clone, Django's own create_test_db(keepdb=True) runs `migrate` (nothing to
apply) and its post_migrate hooks, so the role groups always follow the code.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import psycopg2
from django.apps import apps
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_PREFIX = "haikou_tmpl_"


def migrations_key() -> str:
    """A digest of every installed app's migration files and of the reference data
    the data migrations load."""
    digest = hashlib.sha256()
    files: list[Path] = []
    for app_config in apps.get_app_configs():
        folder = Path(app_config.path) / "migrations"
        files += sorted(folder.glob("*.py"))
        files += sorted(Path(app_config.path).glob("reference_data*.py"))
    for path in files:
        digest.update(str(path.relative_to(path.parent.parent.parent)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def connection_params(dbname: str | None = None) -> dict:
    """psycopg2 parameters of Django's default connection (a unix socket given as
    ``?host=/dir`` included), for a connection of our own."""
    params = dict(connection.get_connection_params())
    params.pop("cursor_factory", None)
    if dbname:
        params["dbname"] = dbname
    return params


def _admin_connection():
    """A connection to the server's maintenance database (CREATE/DROP DATABASE)."""
    conn = psycopg2.connect(**connection_params("postgres"))
    conn.autocommit = True
    return conn


def _exists(cursor, name: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


def _build_template(cursor, template: str) -> None:
    building = template + "_build"
    cursor.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
    cursor.execute(f'CREATE DATABASE "{building}"')
    saved = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = building
    try:
        call_command("migrate", verbosity=0, interactive=False)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = saved
    cursor.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s",
        [TEMPLATE_PREFIX + "%", building],
    )
    for (old,) in cursor.fetchall():
        cursor.execute(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
    # Published by a rename, so no run ever clones a half-migrated template.
    cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')


def create_test_database() -> str:
    """Clone (building first if needed) the template into this run's test database,
    point the default connection at it and return its name."""
    template = TEMPLATE_PREFIX + migrations_key()
    test_name = connection.creation._get_test_db_name()
    admin = _admin_connection()
    try:
        with admin.cursor() as cursor:
            # xdist workers start together: one builds, the others wait and clone.
            cursor.execute("SELECT pg_advisory_lock(hashtext('haikou test template'))")
            try:
                if not _exists(cursor, template):
                    _build_template(cursor, template)
                cursor.execute(f'DROP DATABASE IF EXISTS "{test_name}" WITH (FORCE)')
                cursor.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')
            finally:
                cursor.execute("SELECT pg_advisory_unlock(hashtext('haikou test template'))")
    finally:
        admin.close()
    connection.close()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=True)
    return test_name


def drop_test_database(name: str) -> None:
    connection.close()
    admin = _admin_connection()
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.close()

"""The test database, cloned from a migrated template keyed on the migrations.

Migrating an empty database takes minutes here: Django re-renders the related model
states for every operation, and the audit triggers add several hundred operations.
A template is therefore built from the schema snapshot (haikou_exec/schema_snapshot.py)
when it is current, by `migrate` alone otherwise. The result depends only on the
migration files (and the reference data they load),
so it is built once per set of migrations as `haikou_tmpl_<key>` on the same server,
and every run (every xdist worker) clones it with CREATE DATABASE … TEMPLATE, which
takes about a second. A changed migration gives a new key and a new template; old
templates are dropped when a new one is built. Each template records the files it
was built from (a database comment), so when migrations are only added, the new
template is the newest old one migrated forward (seconds), not a build from empty.

After the clone, Django's own create_test_db(keepdb=True) runs `migrate` (nothing to
apply) and its post_migrate hooks, so the role groups always follow the code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

import psycopg2
from django.core.management import call_command
from django.db import connection, connections

from haikou_exec.pgtools import connection_params  # noqa: F401 (tests import it from here)
from haikou_exec.schema_snapshot import manifest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_PREFIX = "haikou_tmpl_"
# Databases migrated from empty, never from the snapshot: what the snapshot is
# compared with (tests/platform/test_schema_snapshot.py).
REFERENCE_PREFIX = "haikou_ref_"
KEEP_TEMPLATES = 8


def migrations_key() -> str:
    """A digest of every installed app's migration files and of the reference data
    the data migrations load."""
    digest = hashlib.sha256()
    for name, file_digest in sorted(manifest().items()):
        digest.update(name.encode())
        digest.update(file_digest.encode())
    return digest.hexdigest()[:16]


def _is_reference(name: str) -> bool:
    return "/migrations/" not in name


def _base_for(cursor, wanted: dict[str, str], prefix: str) -> str | None:
    """An existing template this one can be migrated forward from: every migration
    it applied is still here unchanged, and its reference data is the same. A new
    migration then costs seconds, not the minutes of a build from empty."""
    cursor.execute(
        "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database "
        "WHERE datname LIKE %s AND datname NOT LIKE %s",
        [prefix + "%", "%\\_build"],
    )
    best, best_size = None, -1
    for name, comment in cursor.fetchall():
        try:
            built = json.loads(comment or "")
        except ValueError:
            continue
        same_migrations = all(wanted.get(k) == v for k, v in built.items())
        same_reference = all(built.get(k) == v for k, v in wanted.items() if _is_reference(k))
        if same_migrations and same_reference and len(built) > best_size:
            best, best_size = name, len(built)
    return best


def _admin_connection():
    """A connection to the server's maintenance database (CREATE/DROP DATABASE)."""
    conn = psycopg2.connect(**connection_params("postgres"))
    conn.autocommit = True
    return conn


def _exists(cursor, name: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


def _migrate(database: str, command: str = "migrate") -> None:
    saved = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = database
    try:
        call_command(
            command, verbosity=0, **({"interactive": False} if command == "migrate" else {})
        )
    finally:
        connection.close()
        connection.settings_dict["NAME"] = saved


def _build_template(cursor, template: str, prefix: str = TEMPLATE_PREFIX) -> None:
    """Build ``template``: an older one of the same prefix migrated forward, else
    from empty: a template from the schema snapshot (`setup_database`, seconds), a
    reference database by `migrate` alone (minutes)."""
    building = template + "_build"
    wanted = manifest()
    cursor.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
    base = _base_for(cursor, wanted, prefix)
    built = False
    if base is not None:
        cursor.execute(f'CREATE DATABASE "{building}" TEMPLATE "{base}"')
        try:
            _migrate(building)  # only the new migrations
            built = True
        except Exception:  # e.g. an inconsistent history: build from empty instead
            cursor.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
    if not built:
        cursor.execute(f'CREATE DATABASE "{building}"')
        _migrate(building, "setup_database" if prefix == TEMPLATE_PREFIX else "migrate")
    cursor.execute(f'COMMENT ON DATABASE "{building}" IS %s', [json.dumps(wanted)])
    # Several branches are tested side by side on one server (worktrees, CI): keep
    # the newest templates, so they do not rebuild each other's from empty.
    cursor.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname NOT LIKE %s "
        "ORDER BY oid DESC OFFSET %s",
        [prefix + "%", "%\\_build", KEEP_TEMPLATES - 1],
    )
    for (old,) in cursor.fetchall():
        # One being cloned by another run right now goes next time.
        with contextlib.suppress(psycopg2.Error):
            cursor.execute(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
    # Published by a rename, so no run ever clones a half-migrated template.
    cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')


def ensure_template(prefix: str = TEMPLATE_PREFIX, clone_into: str | None = None) -> str:
    """The name of the migrated database of ``prefix`` for these migrations, built if
    missing; cloned into ``clone_into`` under the same lock when given."""
    template = prefix + migrations_key()
    admin = _admin_connection()
    try:
        with admin.cursor() as cursor:
            # xdist workers start together: one builds, the others wait and clone.
            # The lock is per template: runs of other branches build theirs meanwhile.
            cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [template])
            try:
                if not _exists(cursor, template):
                    _build_template(cursor, template, prefix)
                if clone_into:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{clone_into}" WITH (FORCE)')
                    cursor.execute(f'CREATE DATABASE "{clone_into}" TEMPLATE "{template}"')
            finally:
                cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [template])
    finally:
        admin.close()
    return template


def create_test_database() -> str:
    """Clone (building first if needed) the template into this run's test database,
    point the default connection at it and return its name."""
    test_name = connection.creation._get_test_db_name()
    ensure_template(TEMPLATE_PREFIX, clone_into=test_name)
    connection.close()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=True)
    # Test mirrors (the replica alias, tests/settings.py) read the same database.
    for alias in connections:
        mirror = connections[alias].settings_dict["TEST"].get("MIRROR")
        if mirror:
            connections[alias].close()
            connections[alias].creation.set_as_test_mirror(connections[mirror].settings_dict)
    return test_name


def drop_test_database(name: str) -> None:
    connections.close_all()
    admin = _admin_connection()
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.close()

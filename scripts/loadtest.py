#!/usr/bin/env python
"""`make load`: the locust scenario (loadtest/locustfile.py) against gunicorn with
2 workers on a freshly seeded database, then a check that the database holds
exactly the writes the server acknowledged.

    python scripts/devstack.py exec .venv/bin/python scripts/loadtest.py [--users 12] [--duration 60]

It creates (drops first) the database ``<name>_load`` next to DATABASE_URL's, so
the development data is never touched, migrates it, seeds the demo data
(``seed_demo --scale small``) and starts gunicorn on a spare port. The figures
(requests per second, p50/p95, errors) are printed and written to
loadtest/results/. Exit status 1 if any request failed or the writes differ.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ACCOUNTS = ["xy_judge", "lh_judge", "qs_judge", "ml_judge", "xy_director"]


def load_database_url(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_load"
    return urlunsplit(parts._replace(path="/" + name)), name


def recreate_database(url: str, name: str) -> None:
    import psycopg2

    parts = urlsplit(url)
    query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
    conn = psycopg2.connect(
        dbname="postgres",
        user=parts.username or "postgres",
        password=parts.password,
        host=query.get("host", parts.hostname),
        port=parts.port,
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_inputs(path: Path) -> dict:
    """The cases each account may write to and valid identity numbers."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from cases.choices import CaseOrigin, DossierCategory
    from cases.models import EnforcementCase
    from haikou_exec.identifiers import make_resident_id
    from personnel.demo import DEMO_PASSWORD

    rng = random.Random(2026)
    accounts = []
    for username in ACCOUNTS:
        user = get_user_model().objects.get(username=username)
        writable = list(
            EnforcementCase.objects.restrict(user, "change")
            .exclude(status="closed")
            .order_by("pk")
            .values_list("pk", flat=True)[:40]
        )
        assert writable, f"{username} may change no case in the demo data"
        accounts.append(
            {
                "username": username,
                "writable_case_ids": writable,
                "identities": [make_resident_id(rng) for _ in range(40)],
            }
        )
    inputs = {
        "password": DEMO_PASSWORD,
        "today": str(timezone.localdate()),
        "origin": CaseOrigin.CIVIL.value,
        "dossier_category": DossierCategory.OTHER.value,
        "accounts": accounts,
    }
    path.write_text(json.dumps(inputs, ensure_ascii=False))
    return inputs


def check_writes(ack_path: Path, run: str) -> dict:
    """Compare the acknowledged writes with what the database holds (the writes
    of this run carry its id in their marker, key or title)."""
    from cases.models import DossierFile, EnforcementCase, LedgerEntry

    acks = [json.loads(line) for line in ack_path.read_text().splitlines() if line.strip()]
    acked_cases = {a["id"] for a in acks if a["kind"] == "case"}
    acked_keys = {a["key"] for a in acks if a["kind"] == "ledger"}
    acked_titles = {a["title"] for a in acks if a["kind"] == "dossier"}
    db_cases = set(
        EnforcementCase.objects.filter(title_document_number__contains=f"LOAD-{run}-").values_list(
            "pk", flat=True
        )
    )
    db_keys = list(
        LedgerEntry.objects.filter(idempotency_key__startswith=f"load-{run}-").values_list(
            "idempotency_key", flat=True
        )
    )
    db_titles = list(
        DossierFile.objects.filter(title__startswith=f"LOAD-{run}-").values_list("title", flat=True)
    )
    result = {
        "cases": (len(acked_cases), len(db_cases)),
        "ledger entries": (len(acked_keys), len(db_keys)),
        "dossier files": (len(acked_titles), len(db_titles)),
    }
    problems = []
    if db_cases != acked_cases:
        problems.append(
            f"cases: {len(db_cases - acked_cases)} unacknowledged in the database, "
            f"{len(acked_cases - db_cases)} acknowledged but missing"
        )
    if sorted(db_keys) != sorted(acked_keys):
        problems.append(f"ledger: database {len(db_keys)} entries, acknowledged {len(acked_keys)}")
    if sorted(db_titles) != sorted(acked_titles):
        problems.append(
            f"dossier: database {len(db_titles)} files, acknowledged {len(acked_titles)}"
        )
    result["problems"] = problems
    return result


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=int(os.environ.get("LOAD_USERS", 12)))
    parser.add_argument("--duration", type=int, default=int(os.environ.get("LOAD_SECONDS", 60)))
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="keep the <name>_load database of an earlier run (faster; the check "
        "still counts only this run's writes)",
    )
    args = parser.parse_args()
    run = f"{dt.datetime.now():%H%M%S}"

    base_url = os.environ.get("DATABASE_URL")
    if not base_url:
        raise SystemExit("DATABASE_URL is not set (run through scripts/devstack.py exec)")
    url, name = load_database_url(base_url)
    if not args.reuse_database:
        print(f"fresh database {name} …", flush=True)
        recreate_database(base_url, name)
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="haikou_exec.settings",
        HAIKOU_ENV="test",
        DEBUG="False",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CACHE_KEY_PREFIX=f"load-{os.getpid()}",
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(ROOT))
    manage = [sys.executable, str(ROOT / "manage.py")]
    if not args.reuse_database:
        started = time.monotonic()
        subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], check=True, cwd=ROOT)
        subprocess.run([*manage, "seed_demo", "--scale", "small"], check=True, cwd=ROOT)
        print(f"migrated and seeded in {time.monotonic() - started:.0f} s", flush=True)

    work = Path(tempfile.mkdtemp(prefix="haikou-load-"))
    inputs_path, ack_path = work / "inputs.json", work / "acks.jsonl"
    ack_path.touch()
    prepare_inputs(inputs_path)
    media = work / "media"
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    env = {**os.environ, "MEDIA_ROOT": str(media)}
    web = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "haikou_exec.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(host + "/accounts/login/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not answer")
        prefix = work / "locust"
        print(f"locust: {args.users} users for {args.duration} s against {host} …", flush=True)
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "loadtest" / "locustfile.py"),
                "--headless",
                "--host",
                host,
                "--users",
                str(args.users),
                "--spawn-rate",
                str(max(1, args.users // 4)),
                "--run-time",
                f"{args.duration}s",
                # Let requests in flight at the end finish and be acknowledged
                # (a write the server made but the client never heard of would
                # otherwise count as a mismatch).
                "--stop-timeout",
                "60",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={
                **env,
                "LOAD_INPUT_FILE": str(inputs_path),
                "LOAD_ACK_FILE": str(ack_path),
                "LOAD_RUN_ID": run,
            },
            check=False,
        )
    finally:
        os.killpg(web.pid, signal.SIGTERM)
        web.wait(timeout=30)

    rows = read_stats(prefix)
    total = next(r for r in rows if r["Name"] == "Aggregated")
    writes = check_writes(ack_path, run)
    summary = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "users": args.users,
        "duration_s": args.duration,
        "gunicorn_workers": 2,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "rps": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "per_endpoint": [
            {
                "name": f"{r['Type']} {r['Name']}",
                "requests": int(r["Request Count"]),
                "failures": int(r["Failure Count"]),
                "p50_ms": float(r["50%"]),
                "p95_ms": float(r["95%"]),
            }
            for r in rows
            if r["Name"] != "Aggregated"
        ],
        "writes_acknowledged_vs_in_database": {
            k: list(v) for k, v in writes.items() if k != "problems"
        },
        "problems": writes["problems"],
    }
    results = ROOT / "loadtest" / "results"
    results.mkdir(exist_ok=True)
    out = results / f"load-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(summary, ensure_ascii=False, indent=2))

    print(f"\n{'endpoint':<48} {'requests':>8} {'fail':>5} {'p50 ms':>7} {'p95 ms':>7}")
    for r in summary["per_endpoint"]:
        print(
            f"{r['name']:<48} {r['requests']:>8} {r['failures']:>5} "
            f"{r['p50_ms']:>7.0f} {r['p95_ms']:>7.0f}"
        )
    print(
        f"\ntotal {summary['requests']} requests, {summary['rps']} req/s, "
        f"p50 {summary['p50_ms']:.0f} ms, p95 {summary['p95_ms']:.0f} ms, "
        f"errors {summary['failures']}"
    )
    for kind, (acked, stored) in summary["writes_acknowledged_vs_in_database"].items():
        print(f"{kind}: acknowledged {acked}, in the database {stored}")
    print(f"results: {out.relative_to(ROOT)}")
    ok = summary["failures"] == 0 and not writes["problems"] and summary["requests"] > 0
    for problem in writes["problems"]:
        print("MISMATCH:", problem)
    print("OK: zero errors, the database holds exactly the acknowledged writes" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

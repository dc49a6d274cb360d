#!/usr/bin/env python
"""`make load [SCALE=small|medium|design] [USERS=n] [DURATION=s]`: a working day's
mix (loadtest/locustfile.py) against gunicorn and a Celery worker on the bench
database of that scale, then a check that the database holds exactly the writes
the server acknowledged.

    python scripts/devstack.py exec .venv/bin/python scripts/loadtest.py \
        [--scale small] [--users 20] [--duration 120] \
        [--worker-class gthread] [--workers 2] [--threads 4]

The database is the bench's (bench/run.py: ``BENCH_DATABASE_URL``, else
DATABASE_URL's name + ``_bench_<scale>``), created, migrated and seeded
(``seed_demo --scale <scale>``) on the first run and reused afterwards, so
`make bench` and `make load` measure the same rows. Each run's writes carry its
id and stay in that database (a few hundred rows a run; `make bench
BENCH_ARGS=--drop` starts afresh).

The figures go to loadtest/results/<timestamp>.json (bench/loadrun.py says what
is in it): requests, errors, acknowledged vs stored writes, per-endpoint p50/p95/p99
with login apart, the sustained request rate, the CPU time of gunicorn, Celery and
PostgreSQL, and the load average. Exit status 1 if any request failed or the
writes differ.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import random
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

# Who the simulated people log in as (personnel.demo), by role.
ACCOUNTS = {
    "judge": ["xy_judge", "lh_judge", "qs_judge", "ml_judge"],
    "assistant": ["xy_assistant"],
    "clerk": ["xy_clerk"],
    "director": ["xy_director"],
    "centre": ["center_staff"],
    "leader": ["zy_leader"],
    "batch": ["lh_judge"],
}
# The gunicorn worker model chosen by measurement (README "make load").
DEFAULT_WORKER_CLASS = "gthread"
DEFAULT_WORKERS = 2
DEFAULT_THREADS = 4
BATCH_SIZE = {"small": 20, "medium": 40, "design": 40}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def prepare_inputs(path: Path, scale: str) -> dict:
    """The accounts by role, the cases each may write to, payees for
    disbursements, valid identity numbers, and cases for the public portal."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from cases.choices import CaseOrigin, CaseStatus, CaseType, DossierCategory, PartyRole
    from cases.models import EnforcementCase, Party
    from courts.access import CHANGE, VIEW
    from haikou_exec.identifiers import make_resident_id
    from personnel.demo import DEMO_PASSWORD

    users = get_user_model().objects
    rng = random.Random(2026)
    today = timezone.localdate()
    open_states = [CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS]

    def writable(user, n=40):
        return list(
            EnforcementCase.objects.restrict(user, CHANGE)
            .filter(status__in=open_states, is_criminal_property=False)
            # Receipts and measures are recorded in implementation cases only.
            .filter(case_type__in=CaseType.implementation_codes())
            .order_by("-pk")
            .values_list("pk", flat=True)[:n]
        )

    centre = users.get(username=ACCOUNTS["centre"][0])
    director_courts = {
        users.select_related("officer__bureau").get(username=u).officer.bureau.court_id
        for u in ACCOUNTS["director"]
    }
    accounts: dict[str, list[dict]] = {}
    for role, usernames in ACCOUNTS.items():
        accounts[role] = []
        for username in usernames:
            user = users.get(username=username)
            entry: dict = {"username": username}
            if role in ("judge", "assistant", "clerk", "batch"):
                ids = writable(user, BATCH_SIZE[scale] * 3 if role == "batch" else 40)
                if role in ("judge", "assistant", "batch"):
                    assert ids, f"{username} may change no open case at scale {scale}"
                cases = EnforcementCase.objects.filter(pk__in=ids)
                entry["writable_case_ids"] = ids
                entry["may_file"] = user.has_perm("cases.add_enforcementcase")
                entry["identities"] = [make_resident_id(rng) for _ in range(60)]
                # Tasks go to the centre where it sees the case (DOMAIN.md §5).
                entry["centre_serves"] = bool(
                    ids
                    and EnforcementCase.objects.restrict(centre, VIEW).filter(pk=ids[0]).exists()
                )
                # Disbursements only where a simulated director decides them.
                entry["payees"] = {
                    str(case_id): party_id
                    for case_id, party_id in Party.objects.filter(
                        case__in=cases.filter(court_id__in=director_courts),
                        role=PartyRole.APPLICANT,
                    )
                    .order_by("case_id", "pk")
                    .values_list("case_id", "pk")
                }
                numbers = list(cases.values_list("case_number", flat=True)[:5])
                names = list(
                    Party.objects.filter(case__in=cases).values_list("name", flat=True)[:3]
                )
                # A case-number prefix (the year and court) and party names.
                prefixes = [n[: n.index("执") + 1] for n in numbers if "执" in n]
                entry["searches"] = list(dict.fromkeys(prefixes + numbers[:2] + names))
            accounts[role].append(entry)
    portal = list(
        EnforcementCase.objects.exclude(public_query_code="")
        .order_by("-pk")
        .values_list("case_number", "public_query_code")[:200]
    )
    assert portal, "no case has a public query code"
    inputs = {
        "password": DEMO_PASSWORD,
        "today": str(today),
        "year_start": f"{today.year}-01-01",
        "title_effective_on": str(today - dt.timedelta(days=30)),
        "origin": CaseOrigin.CIVIL.value,
        "dossier_category": DossierCategory.OTHER.value,
        "batch_size": BATCH_SIZE[scale],
        "accounts": accounts,
        "portal_cases": portal,
    }
    path.write_text(json.dumps(inputs, ensure_ascii=False))
    return inputs


def celery_queues() -> list[str]:
    """Every queue the settings route tasks to (one worker takes them all)."""
    from django.conf import settings

    names = {getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "celery")}
    for queue in getattr(settings, "CELERY_TASK_QUEUES", None) or []:
        names.add(getattr(queue, "name", queue))
    routes = getattr(settings, "CELERY_TASK_ROUTES", None) or {}
    if isinstance(routes, dict):
        for route in routes.values():
            if isinstance(route, dict) and route.get("queue"):
                names.add(route["queue"])
    return sorted(str(n) for n in names)


def _marked(model, field: str, prefix: str, **extra):
    return set(
        model.objects.filter(**{f"{field}__startswith": prefix}, **extra).values_list(
            "pk", flat=True
        )
    )


def check_writes(ack_path: Path, run: str) -> dict:
    """Compare the acknowledged writes with what the database holds (the writes
    of this run carry its id in their marker, key, title or text)."""
    from cases.choices import ApprovalStatus
    from cases.models import DisbursementRequest, DossierFile, EnforcementCase, LedgerEntry, Measure
    from command_center.choices import AffairsTaskStatus
    from command_center.models import AffairsTask
    from haikou_exec.models import BackgroundJob

    acks: dict[str, list[dict]] = {}
    for line in ack_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            a = json.loads(line)
            acks.setdefault(a["kind"], []).append(a)

    def ids(kind):
        return {a["id"] for a in acks.get(kind, [])}

    mark = f"LOAD-{run}-"
    compared = {
        "cases": (
            ids("case"),
            set(
                EnforcementCase.objects.filter(title_document_number__contains=mark).values_list(
                    "pk", flat=True
                )
            ),
        ),
        "ledger entries": (
            {a["key"] for a in acks.get("ledger", [])},
            set(
                LedgerEntry.objects.filter(idempotency_key__startswith=f"load-{run}-").values_list(
                    "idempotency_key", flat=True
                )
            ),
        ),
        "dossier files": (
            {a["title"] for a in acks.get("dossier", [])},
            set(DossierFile.objects.filter(title__startswith=mark).values_list("title", flat=True)),
        ),
        "measures": (
            {a["description"] for a in acks.get("measure", [])},
            set(
                Measure.objects.filter(description__startswith=mark).values_list(
                    "description", flat=True
                )
            ),
        ),
        "tasks sent": (ids("task"), _marked(AffairsTask, "instructions", mark)),
        "tasks completed": (
            ids("completion"),
            _marked(AffairsTask, "result", mark, status=AffairsTaskStatus.COMPLETED),
        ),
        "disbursement requests": (
            ids("disbursement"),
            _marked(DisbursementRequest, "idempotency_key", f"loadd-{run}-"),
        ),
        "disbursements approved": (
            ids("approval"),
            _marked(
                DisbursementRequest,
                "idempotency_key",
                f"loadd-{run}-",
                status=ApprovalStatus.APPROVED,
            ),
        ),
        "query batches": (
            ids("batch"),
            set(BackgroundJob.objects.filter(pk__in=ids("batch")).values_list("pk", flat=True)),
        ),
    }
    result: dict = {}
    problems = []
    for kind, (acked, stored) in compared.items():
        result[kind] = {"acknowledged": len(acked), "stored": len(stored)}
        if acked != stored:
            problems.append(
                f"{kind}: {len(stored - acked)} in the database unacknowledged, "
                f"{len(acked - stored)} acknowledged but missing"
            )
    result["problems"] = problems
    return result


def wait_for_batches(ack_path: Path, timeout: float) -> dict:
    """Let the worker finish the batches the run started; their final states."""
    from haikou_exec.models import BackgroundJob

    jobs = [
        json.loads(line)["id"]
        for line in ack_path.read_text(encoding="utf-8").splitlines()
        if '"kind": "batch"' in line
    ]
    deadline = time.monotonic() + timeout
    while True:
        states = dict(
            BackgroundJob.objects.filter(pk__in=jobs).values_list("pk", "status").order_by()
        )
        unfinished = [j for j, s in states.items() if s not in ("succeeded", "failed")]
        if not unfinished or time.monotonic() > deadline:
            break
        time.sleep(2)
    counts: dict[str, int] = {}
    for state in states.values():
        counts[state] = counts.get(state, 0) + 1
    return {"started": len(jobs), **counts}


def start_web(args, port: int, env: dict) -> subprocess.Popen:
    cmd = [
        str(BIN / "gunicorn"),
        "haikou_exec.wsgi",
        "--config",
        "python:haikou_exec.gunicorn_conf",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--timeout",
        "60",
        # Longer than any think time: a kept-alive connection the server closes
        # just as the client reuses it is reset (gthread and gevent keep them 2 s
        # by default; sync workers close every connection anyway).
        "--keep-alive",
        "75",
    ]
    if args.worker_class == "gthread":
        cmd += ["--threads", str(args.threads)]
    if args.worker_class == "gevent":
        cmd += ["--worker-connections", str(args.threads * 25)]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)


def start_worker(queues: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "haikou_exec",
            "worker",
            "--loglevel",
            "WARNING",
            "--concurrency",
            "2",
            "-Q",
            ",".join(queues),
            "-n",
            f"load-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def parse_args(argv=None):
    env = os.environ.get
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", choices=["small", "medium", "design"], default=env("LOAD_SCALE", "small")
    )
    parser.add_argument("--users", type=int, default=int(env("LOAD_USERS", 20)))
    parser.add_argument("--duration", type=int, default=int(env("LOAD_SECONDS", 120)))
    parser.add_argument("--worker-class", default=DEFAULT_WORKER_CLASS)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS)
    parser.add_argument("--label", default="", help="a word for the results file")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    # Stopped with SIGTERM (a kill of the make): still stop gunicorn and Celery,
    # which run in their own sessions (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    run = f"{dt.datetime.now():%H%M%S}"
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("DATABASE_URL is not set (run through scripts/devstack.py exec)")
    from bench.run import bench_database_url, ensure_database, prepare_database

    url = bench_database_url(args.scale)
    ensure_database(url)
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="haikou_exec.settings",
        HAIKOU_ENV="test",
        DEBUG="False",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CACHE_KEY_PREFIX=f"load-{os.getpid()}",
        LOG_LEVEL="WARNING",
        # The public portal's visitors each come from their own address, through
        # one trusted proxy hop (the locustfile sends X-Forwarded-For).
        TRUSTED_PROXY_COUNT="1",
    )
    import django

    django.setup()
    from django.db import connection

    from bench.loadrun import (
        BackendMeter,
        machine_busy_seconds,
        postgres_server_cpu_seconds,
        summarise,
        tree_cpu_seconds,
    )
    from bench.seed import counts

    print(f"database {url.rsplit('/', 1)[-1]} (scale {args.scale}) …", flush=True)
    seeding = prepare_database(args.scale)
    if not seeding["reused"]:
        print(f"seeded in {seeding['seconds']} s", flush=True)

    work = Path(tempfile.mkdtemp(prefix="haikou-load-"))
    inputs_path, ack_path = work / "inputs.json", work / "acks.jsonl"
    ack_path.touch()
    prepare_inputs(inputs_path, args.scale)
    rows = counts()
    queues = celery_queues()
    connection.close()

    port = free_port()
    host = f"http://127.0.0.1:{port}"
    env = {**os.environ, "MEDIA_ROOT": str(work / "media")}
    web = start_web(args, port, env)
    worker = start_worker(queues, env)
    prefix = work / "locust"
    started = time.time()
    load_start = [round(x, 2) for x in os.getloadavg()]
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(host + "/accounts/login/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not answer")
        import psycopg2

        pg = BackendMeter(
            lambda: psycopg2.connect(**connection.get_connection_params()),
            connection.settings_dict["NAME"],
        )
        before = {
            "gunicorn": tree_cpu_seconds(web.pid),
            "celery": tree_cpu_seconds(worker.pid),
            "postgresql_server_all_databases": postgres_server_cpu_seconds(),
            "machine_busy": machine_busy_seconds(),
        }
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        pg.start()
        print(
            f"locust: {args.users} users for {args.duration} s against {host} "
            f"(gunicorn {args.worker_class} × {args.workers}"
            + (f", {args.threads} threads" if args.worker_class == "gthread" else "")
            + f"; Celery on {', '.join(queues)}) …",
            flush=True,
        )
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
                # People arrive over the first half minute or so, not all at once
                # (each login hashes a password: a second of CPU).
                "--spawn-rate",
                str(round(max(1.0, args.users / 30), 2)),
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
        postgres = pg.stop()
        children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = {
            "gunicorn": tree_cpu_seconds(web.pid) - before["gunicorn"],
            "celery": tree_cpu_seconds(worker.pid) - before["celery"],
            "postgresql": postgres,
            "postgresql_server_all_databases": postgres_server_cpu_seconds()
            - before["postgresql_server_all_databases"],
            # locust itself, on the same two cores
            "load_generator": (children_after.ru_utime + children_after.ru_stime)
            - (children_before.ru_utime + children_before.ru_stime),
            "machine_busy": machine_busy_seconds() - before["machine_busy"],
        }
        load_end = [round(x, 2) for x in os.getloadavg()]
        batches = wait_for_batches(ack_path, timeout=180)
    finally:
        stop(web)
        stop(worker)

    writes = check_writes(ack_path, run)
    summary = summarise(
        stats=_read_csv(Path(f"{prefix}_stats.csv")),
        history=_read_csv(Path(f"{prefix}_stats_history.csv")),
        users=args.users,
        duration_s=args.duration,
        writes=writes,
        cpu=cpu,
        when=dt.datetime.now().isoformat(timespec="seconds"),
        scale=args.scale,
        rows=rows,
        seeding=seeding,
        think_time_s=[1, 5],
        spawn_rate_per_s=round(max(1.0, args.users / 30), 2),
        gunicorn={
            "worker_class": args.worker_class,
            "workers": args.workers,
            "threads": args.threads if args.worker_class == "gthread" else 1,
        },
        celery={"concurrency": 2, "queues": queues},
        machine={"cpus": os.cpu_count(), "shared": True},
        load_average={
            "start": load_start,
            "end": load_end,
            "max_1min_during": round(max(pg.load_samples, default=0), 2),
        },
        property_query_batches=batches,
        wall_s=round(time.time() - started, 1),
    )
    summary["failures_by_endpoint"] = {
        row["Name"]: row.get("Error") or row.get("Message", "")
        for row in _read_csv(Path(f"{prefix}_failures.csv"))
    }
    results = ROOT / "loadtest" / "results"
    results.mkdir(exist_ok=True)
    stem = f"{dt.datetime.now():%Y%m%d-%H%M%S}" + (f"-{args.label}" if args.label else "")
    out = results / f"{stem}.json"
    out.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    print_summary(summary)
    print(f"results: {out.relative_to(ROOT)}")
    ok = summary["errors"] == 0 and summary["writes_ok"] and summary["requests"] > 0
    for problem in summary["write_problems"]:
        print("MISMATCH:", problem)
    for name, error in summary["failures_by_endpoint"].items():
        print("FAILED:", name, error)
    print("OK: zero errors, the database holds exactly the acknowledged writes" if ok else "FAILED")
    return 0 if ok else 1


def print_summary(s: dict) -> None:
    print(f"\n{'endpoint':<52} {'count':>6} {'err':>4} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    for group in ("endpoints", "login"):
        for name, f in sorted(s[group].items()):
            print(
                f"{name:<52} {f['count']:>6} {f['errors']:>4} {f['p50_ms'] or 0:>6.0f} "
                f"{f['p95_ms'] or 0:>6.0f} {f['p99_ms'] or 0:>6.0f}"
                + ("  (login)" if group == "login" else "")
            )
    cpu = s["cpu_s"]
    print(
        f"\n{s['requests']} requests (login apart), {s['errors']} errors; "
        f"{s['rate']['sustained_rps']} req/s sustained ({s['rate']['overall_rps']} overall); "
        f"over target: {', '.join(s['targets']['endpoints_over']) or 'none'}"
    )
    print(
        f"CPU s: gunicorn {cpu['gunicorn']}, Celery {cpu['celery']}, PostgreSQL {cpu['postgresql']} "
        f"(server, all databases {cpu['postgresql_server_all_databases']}), locust "
        f"{cpu['load_generator']}, machine busy {cpu['machine_busy']}; split "
        + ", ".join(f"{k} {v} %" for k, v in s["cpu_split_pct"].items())
    )
    print(f"load average {s['load_average']}; batches {s['property_query_batches']}")
    for kind, w in s["writes"].items():
        print(f"{kind}: acknowledged {w['acknowledged']}, in the database {w['stored']}")


if __name__ == "__main__":
    sys.exit(main())

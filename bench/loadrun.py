"""The figures of a `make load` run (scripts/loadtest.py): the CPU time the run cost
each part of the system, and the results document built from locust's statistics.

CPU time is read from the processes themselves (psutil, i.e. /proc), before and
after the run:

- gunicorn and Celery: the whole process tree of the master (its own time, every
  live child's, and what finished children left in ``children_user/system``);
- PostgreSQL: the backends serving the run's database (``pg_stat_activity``),
  sampled every second: a backend that ends between two samples loses at most
  its last second, so the figure is a slight lower bound. The whole server's time
  (every database: on a shared machine, other people's too) is reported beside it.
"""

from __future__ import annotations

import os
import statistics
import threading
import time

import psutil

LOGIN_NAMES = ("POST /accounts/login/", "POST /api/v1/auth/token/", "GET /accounts/login/")
TARGET_P95_MS = 500
TARGET_P99_MS = 1000


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) of a process and all its descendants, the
    finished ones included (as far as their parents waited for them)."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for proc in procs:
        try:
            t = proc.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += t.user + t.system + t.children_user + t.children_system
    return total


def _proc_cpu(pid: int) -> tuple[float, float] | None:
    """(cpu seconds, create time) of one process, None if it is gone."""
    try:
        proc = psutil.Process(pid)
        t = proc.cpu_times()
        return t.user + t.system, proc.create_time()
    except psutil.NoSuchProcess:
        return None


def postgres_server_cpu_seconds() -> float:
    """Every PostgreSQL process on the machine, plus what its ended backends left
    in the postmaster's children times."""
    total = 0.0
    for proc in psutil.process_iter(["name", "ppid"]):
        if proc.info["name"] not in ("postgres", "postmaster"):
            continue
        try:
            t = proc.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += t.user + t.system
        if proc.info["ppid"] == 1 or not _is_postgres(proc.info["ppid"]):
            total += t.children_user + t.children_system
    return total


def _is_postgres(pid: int) -> bool:
    try:
        return psutil.Process(pid).name() in ("postgres", "postmaster")
    except psutil.NoSuchProcess:
        return False


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine spent not idle (all cores), from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class BackendMeter:
    """The CPU time of the PostgreSQL backends serving one database, sampled once a
    second in a thread (backends come and go with the web workers' connections)."""

    def __init__(self, connect, database: str, interval: float = 1.0):
        self.connect, self.database, self.interval = connect, database, interval
        self.baseline: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.load_samples: list[float] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.started_at = 0.0

    def _sample(self, cursor) -> None:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [self.database],
        )
        for (pid,) in cursor.fetchall():
            seen = _proc_cpu(pid)
            if seen is None:
                continue
            cpu, created = seen
            if pid not in self.baseline:
                # Born during the run: all of its time is the run's.
                self.baseline[pid] = 0.0 if created >= self.started_at else cpu
            self.last[pid] = cpu
        self.load_samples.append(os.getloadavg()[0])

    def start(self) -> None:
        self.started_at = time.time()
        conn = self.connect()
        conn.autocommit = True

        def loop():
            with conn.cursor() as cursor:
                while True:
                    self._sample(cursor)
                    if self._stop.wait(self.interval):
                        break
                self._sample(cursor)
            conn.close()

        self._thread = threading.Thread(target=loop, daemon=True)
        self._thread.start()

    def stop(self) -> float:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=30)
        return sum(self.last[pid] - self.baseline[pid] for pid in self.last)


def _number(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def endpoint_figures(rows: list[dict]) -> tuple[dict, dict]:
    """Locust's ``*_stats.csv`` rows → ({name: figures}, {login name: figures}).
    Names carry their method ("GET /cases/"); login is reported apart."""
    endpoints, login = {}, {}
    for row in rows:
        if row["Name"] == "Aggregated":
            continue
        figures = {
            "count": int(row["Request Count"]),
            "errors": int(row["Failure Count"]),
            "p50_ms": _number(row["50%"]),
            "p95_ms": _number(row["95%"]),
            "p99_ms": _number(row["99%"]),
            "max_ms": _number(row["Max Response Time"]),
        }
        (login if row["Name"] in LOGIN_NAMES else endpoints)[row["Name"]] = figures
    return endpoints, login


def sustained_rate(history: list[dict], users: int) -> float | None:
    """Mean requests per second over the seconds when every user was running
    (locust's ``*_stats_history.csv``, aggregated rows)."""
    rates = [
        float(r["Requests/s"])
        for r in history
        if r.get("Name") == "Aggregated" and int(r.get("User Count") or 0) >= users
    ]
    return round(statistics.fmean(rates), 2) if rates else None


def over_targets(endpoints: dict) -> list[str]:
    out = []
    for name, f in sorted(endpoints.items()):
        if (f["p95_ms"] or 0) > TARGET_P95_MS or (f["p99_ms"] or 0) > TARGET_P99_MS:
            out.append(name)
    return out


def cpu_split(cpu: dict[str, float]) -> dict[str, float]:
    """Each of gunicorn, Celery and PostgreSQL as a share of the three."""
    parts = {k: cpu[k] for k in ("gunicorn", "celery", "postgresql")}
    total = sum(parts.values()) or 1.0
    return {k: round(100 * v / total, 1) for k, v in parts.items()}


def summarise(
    *,
    stats: list[dict],
    history: list[dict],
    users: int,
    duration_s: int,
    writes: dict,
    cpu: dict[str, float],
    **context,
) -> dict:
    """The results document (loadtest/results/<timestamp>.json)."""
    endpoints, login = endpoint_figures(stats)
    requests = sum(f["count"] for f in endpoints.values())
    errors = sum(f["errors"] for f in endpoints.values()) + sum(f["errors"] for f in login.values())
    return {
        **context,
        "users": users,
        "duration_s": duration_s,
        "requests": requests,
        "errors": errors,
        "writes_ok": not writes["problems"],
        "writes": {k: v for k, v in writes.items() if k != "problems"},
        "write_problems": writes["problems"],
        "rate": {
            "overall_rps": round(requests / duration_s, 2) if duration_s else None,
            "sustained_rps": sustained_rate(history, users),
        },
        "endpoints": endpoints,
        "login": login,
        "targets": {
            "p95_ms": TARGET_P95_MS,
            "p99_ms": TARGET_P99_MS,
            "endpoints_over": over_targets(endpoints),
        },
        "cpu_s": {k: round(v, 1) for k, v in cpu.items()},
        "cpu_split_pct": cpu_split(cpu),
    }

#!/usr/bin/env python
"""The web tier's CPU cost per request of the endpoints of `make load`'s mix
(loadtest/locustfile.py), in-process with Django's test Client on a seeded
database: the process CPU time (``time.process_time``) of each request, which a
shared machine does not inflate the way it inflates the wall clock.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_perf_demo \\
        .venv/bin/python bench/cpu_per_request.py            # every endpoint, 50 requests each
    … bench/cpu_per_request.py -n 20 --only "GET /cases/"    # some of them
    … bench/cpu_per_request.py --profile "GET /cases/[id]/"  # cProfile of one, by own time
    … bench/cpu_per_request.py --sql "GET / (worklist, judge)" [--explain 3]
                                     # its statements by time; EXPLAIN ANALYZE the slowest

The database is seeded with ``manage.py seed_demo`` (the demo scale). Each
endpoint is requested once to warm it, then ``-n`` times; the table gives the
median and mean CPU ms, the wall p50, the SQL ms (the wall time of the request's
statements as the client saw them, median) and the queries of the last request.
The dashboard is measured warm (its figures cached, as between two leaders'
visits) and cold (``?refresh=1``)."""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def endpoints():
    """[(name, username, method, url, params or data, headers)] in the load mix's words."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from cases.models import EnforcementCase
    from courts.access import CHANGE

    judge = get_user_model().objects.get(username="lh_judge")
    case_id = (
        EnforcementCase.objects.restrict(judge, CHANGE)
        .filter(status__in=["assigned", "in_progress"], is_criminal_property=False)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    number, code = (
        EnforcementCase.objects.exclude(public_query_code="")
        .order_by("-pk")
        .values_list("case_number", "public_query_code")
        .first()
    )
    prefix = number[: number.index("执") + 1]
    year = timezone.localdate().year
    api = {"HTTP_AUTHORIZATION": "token"}  # replaced by the user's token
    public = {"HTTP_X_FORWARDED_FOR": "10.1.2.3"}
    return [
        ("GET /cases/ (open)", "lh_judge", "get", "/cases/", {"is_open": "true"}, {}),
        ("GET /cases/ (status)", "lh_judge", "get", "/cases/", {"status": "in_progress"}, {}),
        (
            "GET /cases/ (type + closed)",
            "lh_judge",
            "get",
            "/cases/",
            {"case_type": "执", "status": "closed"},
            {},
        ),
        (
            "GET /cases/ (filed this year)",
            "lh_judge",
            "get",
            "/cases/",
            {"filed_from": f"{year}-01-01"},
            {},
        ),
        ("GET /cases/ (no filter)", "lh_judge", "get", "/cases/", {}, {}),
        ("GET /cases/ (overdue, leader)", "zy_leader", "get", "/cases/", {"overdue": "true"}, {}),
        ("GET /search/", "lh_judge", "get", "/search/", {"q": prefix}, {}),
        ("GET /cases/[id]/", "lh_judge", "get", f"/cases/{case_id}/", {}, {}),
        ("GET / (worklist, judge)", "lh_judge", "get", "/", {}, {}),
        ("GET / (worklist, director)", "xy_director", "get", "/", {}, {}),
        ("GET / (home, leader)", "zy_leader", "get", "/", {}, {}),
        ("GET /centre/dashboard/ (warm)", "zy_leader", "get", "/centre/dashboard/", {}, {}),
        (
            "GET /centre/dashboard/ (cold)",
            "zy_leader",
            "get",
            "/centre/dashboard/",
            {"refresh": "1"},
            {},
        ),
        (
            "GET /centre/dashboard/ (director, warm)",
            "xy_director",
            "get",
            "/centre/dashboard/",
            {},
            {},
        ),
        ("GET /centre/dashboard/screen/", "zy_leader", "get", "/centre/dashboard/screen/", {}, {}),
        ("GET /centre/tasks/", "center_staff", "get", "/centre/tasks/", {"status": "pending"}, {}),
        ("GET /centre/tasks/workload/", "center_staff", "get", "/centre/tasks/workload/", {}, {}),
        ("GET /cases/funds/", "xy_director", "get", "/cases/funds/", {}, {}),
        ("GET /cases/funds/entries/", "lh_judge", "get", "/cases/funds/entries/", {}, {}),
        ("GET /cases/funds/accounts/", "lh_judge", "get", "/cases/funds/accounts/", {}, {}),
        (
            "GET /cases/funds/undisbursed/",
            "xy_director",
            "get",
            "/cases/funds/undisbursed/",
            {},
            {},
        ),
        (
            "GET /cases/[id]/measures/add/",
            "lh_judge",
            "get",
            f"/cases/{case_id}/measures/add/",
            {},
            {},
        ),
        (
            "GET /cases/[id]/dossier/upload/",
            "lh_judge",
            "get",
            f"/cases/{case_id}/dossier/upload/",
            {},
            {},
        ),
        ("GET /api/v1/cases/", "lh_judge", "get", "/api/v1/cases/", {}, api),
        (
            "GET /api/v1/cases/ (open)",
            "lh_judge",
            "get",
            "/api/v1/cases/",
            {"is_open": "true"},
            api,
        ),
        (
            "GET /api/v1/cases/ (overdue)",
            "lh_judge",
            "get",
            "/api/v1/cases/",
            {"overdue": "true"},
            api,
        ),
        ("GET /api/v1/cases/[id]/", "lh_judge", "get", f"/api/v1/cases/{case_id}/", {}, api),
        (
            "GET /api/v1/cases/[id]/ledger/",
            "lh_judge",
            "get",
            f"/api/v1/cases/{case_id}/ledger/",
            {},
            api,
        ),
        (
            "GET /api/v1/disbursement-requests/",
            "xy_director",
            "get",
            "/api/v1/disbursement-requests/",
            {"status": "pending"},
            api,
        ),
        ("GET /api/v1/tasks/", "center_staff", "get", "/api/v1/tasks/", {"status": "pending"}, api),
        ("GET /public/", None, "get", "/public/", {}, public),
        (
            "POST /public/ (lookup)",
            None,
            "post",
            "/public/",
            {"case_number": number, "query_code": code},
            public,
        ),
    ]


def _client(username, cache):
    from django.contrib.auth import get_user_model
    from django.test import Client
    from rest_framework.authtoken.models import Token

    if username in cache:
        return cache[username]
    if username is None:
        client, token = Client(), None
    else:
        user = get_user_model().objects.get(username=username)
        client = Client()
        client.force_login(user)
        token = Token.objects.get_or_create(user=user)[0].key
    cache[username] = (client, token)
    return cache[username]


def _request(client, token, method, url, data, headers):
    headers = dict(headers)
    if "HTTP_AUTHORIZATION" in headers:
        headers["HTTP_AUTHORIZATION"] = f"Token {token}"
    return getattr(client, method)(url, data, **headers)


def measure(selected, n: int) -> list[dict]:
    from django.core.cache import cache as django_cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clients: dict = {}
    rows = []
    for name, username, method, url, data, headers in selected:
        client, token = _client(username, clients)
        response = _request(client, token, method, url, data, headers)  # warm
        assert response.status_code == 200, (name, response.status_code)
        cpu, wall, sql = [], [], []
        for _ in range(n):
            if method == "post":  # the portal limits lookups per address
                django_cache.clear()
            with CaptureQueriesContext(connection) as ctx:
                c0, t0 = time.process_time(), time.perf_counter()
                response = _request(client, token, method, url, data, headers)
                cpu.append((time.process_time() - c0) * 1000)
                wall.append((time.perf_counter() - t0) * 1000)
            sql.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
            assert response.status_code == 200, (name, response.status_code)
        rows.append(
            {
                "name": name,
                "cpu_p50_ms": round(statistics.median(cpu), 1),
                "cpu_mean_ms": round(statistics.fmean(cpu), 1),
                "wall_p50_ms": round(statistics.median(wall), 1),
                "sql_p50_ms": round(statistics.median(sql), 1),
                "queries": len(ctx.captured_queries),
                "bytes": len(response.content),
            }
        )
        print(
            f"{name:40} cpu p50 {rows[-1]['cpu_p50_ms']:6.1f}  mean {rows[-1]['cpu_mean_ms']:6.1f}"
            f"  wall p50 {rows[-1]['wall_p50_ms']:6.1f}  sql p50 {rows[-1]['sql_p50_ms']:6.1f}"
            f"  queries {rows[-1]['queries']:3}",
            flush=True,
        )
    return rows


def statements(spec, n: int, explain: int) -> None:
    """The request's statements, slowest first (median of ``n`` requests), and
    EXPLAIN (ANALYZE, BUFFERS) of the ``explain`` slowest, run as sent."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    name, username, method, url, data, headers = spec
    client, token = _client(username, {})
    _request(client, token, method, url, data, headers)
    times: dict[int, list[float]] = {}
    sqls: list[str] = []
    for _ in range(n):
        with CaptureQueriesContext(connection) as ctx:
            _request(client, token, method, url, data, headers)
        sqls = [q["sql"] for q in ctx.captured_queries]
        for i, q in enumerate(ctx.captured_queries):
            times.setdefault(i, []).append(float(q["time"]) * 1000)
    order = sorted(times, key=lambda i: -statistics.median(times[i]))
    print(
        f"{name}: {len(sqls)} statements, {sum(statistics.median(times[i]) for i in times):.1f} ms"
    )
    for i in order:
        print(f"{statistics.median(times[i]):8.2f} ms  #{i:<3} {sqls[i][:300]}")
    for i in order[:explain]:
        print(f"\n--- #{i} ({statistics.median(times[i]):.2f} ms)\n{sqls[i]}\n")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sqls[i])
            print("\n".join(row[0] for row in cursor.fetchall()))


def profile(spec, n: int, limit: int) -> None:
    name, username, method, url, data, headers = spec
    client, token = _client(username, {})
    _request(client, token, method, url, data, headers)
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(n):
        _request(client, token, method, url, data, headers)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(limit)
    stats.sort_stats("cumulative").print_stats(limit)
    print(out.getvalue())
    # By part of the stack, each function's own time (bench/profiling.py's parts).
    from bench.profiling import _part

    parts: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        parts[_part(filename)] = parts.get(_part(filename), 0.0) + tottime
    total = sum(parts.values()) or 1.0
    for part, seconds in sorted(parts.items(), key=lambda kv: -kv[1]):
        print(f"{seconds / n * 1000:6.1f} ms/request {seconds / total:5.0%}  {part}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=50, help="requests per endpoint")
    parser.add_argument("--only", action="append", help="endpoint names starting with this")
    parser.add_argument("--profile", help="cProfile this endpoint (its exact name)")
    parser.add_argument("--limit", type=int, default=45, help="profile rows shown")
    parser.add_argument("--sql", help="list this endpoint's statements by time (its exact name)")
    parser.add_argument("--explain", type=int, default=0, help="with --sql: EXPLAIN the N slowest")
    args = parser.parse_args()

    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wt_perf_demo")
    os.environ["DEBUG"] = "false"  # measured as in production
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haikou_exec.settings")
    import django

    django.setup()
    from django.conf import settings

    # The test client's host; the portal trusts one proxy hop as behind nginx.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    specs = endpoints()
    if args.sql:
        statements(next(s for s in specs if s[0] == args.sql), args.n, args.explain)
        return 0
    if args.profile:
        profile(next(s for s in specs if s[0] == args.profile), args.n, args.limit)
        return 0
    if args.only:
        specs = [s for s in specs if any(s[0].startswith(o) for o in args.only)]
    rows = measure(specs, args.n)
    print("\n| endpoint | CPU ms p50 | CPU ms mean | SQL ms p50 | queries |\n|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['name']} | {row['cpu_p50_ms']} | {row['cpu_mean_ms']}"
            f" | {row['sql_p50_ms']} | {row['queries']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

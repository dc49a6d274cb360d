"""The measurements of DESIGN.md "Performance targets", in-process: Django's test
Client drives the real URLconf, middleware, templates and serializers; the time
is the server time of one request (no network), the queries are counted with
``CaptureQueriesContext``."""

from __future__ import annotations

import statistics
import time
import tracemalloc

from django.contrib.auth import get_user_model
from django.db import connection, reset_queries
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

REPEAT = {"small": 15, "medium": 20, "design": 20}
COURT = "琼0106"  # 龙华, the largest district court (30 % of the cases)


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(q * (len(values) - 1))))
    return values[k]


def _summary(url, params, times, cpu, queries, response) -> dict:
    if response.get("Content-Type", "").startswith("application/json"):
        rows = len(response.json().get("results", []))
    else:
        rows = response.content.count(b"data-court=")
    return {
        "url": url,
        "params": params,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(_pct(times, 0.95), 1),
        # The Django process's own CPU time (not the database's): what the request
        # costs when the machine is shared, as it was here.
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "queries": queries,
        "rows": rows,
        "n": len(times),
    }


def timed_together(client: Client, specs: dict[str, tuple[str, dict]], *, n: int, before=None):
    """Warm each once, then ``n`` rounds of one request to each URL in turn
    (interleaved, so that a slower minute of the machine falls on all of them
    alike): p50/p95 ms and the queries of the last request, per name."""
    for url, params in specs.values():
        response = client.get(url, params)
        assert response.status_code == 200, (url, params, response.status_code)
    samples = {name: ([], [], 0, None) for name in specs}
    for _ in range(n):
        for name, (url, params) in specs.items():
            if before:
                before()
            times, cpu, _queries, _response = samples[name]
            with CaptureQueriesContext(connection) as ctx:
                t0, c0 = time.perf_counter(), time.thread_time()
                response = client.get(url, params)
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.thread_time() - c0) * 1000)
            assert response.status_code == 200, (url, params, response.status_code)
            samples[name] = (times, cpu, len(ctx.captured_queries), response)
    reset_queries()
    return {name: _summary(url, params, *samples[name]) for name, (url, params) in specs.items()}


def timed(client: Client, url: str, params: dict | None = None, *, n: int, before=None) -> dict:
    """Warm once, then ``n`` requests: p50/p95 ms and queries of the last one."""
    params = params or {}
    return timed_together(client, {"one": (url, params)}, n=n, before=before)["one"]


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _court_id(code: str) -> int:
    from courts.models import Court

    return Court.objects.get(code=code).pk


def case_list(n: int) -> dict:
    year = timezone.localdate().year
    client = _client("zy_leader")
    filters = {
        "court + status": {"court": COURT, "status": "in_progress"},
        "court + type + closed": {"court": COURT, "case_type": "执", "status": "closed"},
        "court + filed in H1": {
            "court": COURT,
            "filed_from": f"{year - 1}-01-01",
            "filed_to": f"{year - 1}-06-30",
        },
        "case-number prefix": {"q": f"（{year - 1}）琼0106执1"},
        "overdue, city-wide": {"overdue": "true"},
        "no filter": {},
    }
    out = {name: timed(client, "/cases/", params, n=n) for name, params in filters.items()}
    out["court + status, 200 rows a page"] = timed(
        client, "/cases/", {**filters["court + status"], "per_page": 200}, n=max(5, n // 2)
    )
    return out


def case_detail(n: int) -> dict:
    from cases.models import CaseNode, EnforcementCase

    # The case with the most nodes among the newest open ones: the heaviest page.
    recent = EnforcementCase.objects.exclude(status="closed").order_by("-id").values("pk")[:2000]
    busiest = (
        CaseNode.objects.filter(case_id__in=recent)
        .values("case_id")
        .order_by()
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    pk = busiest["case_id"] if busiest else EnforcementCase.objects.order_by("-id").first().pk
    return {"busiest open case": timed(_client("zy_leader"), f"/cases/{pk}/", n=n)}


def dashboard(n: int) -> dict:
    from django.core.cache import cache

    from command_center.dashboard import cache_key, visible_court_ids

    user = get_user_model().objects.get(username="zy_leader")
    client = _client("zy_leader")
    today = timezone.localdate()

    def evict():
        cache.delete(cache_key(visible_court_ids(user), today.year, today))

    return {
        "cold": timed(client, "/centre/dashboard/", n=max(3, n // 4), before=evict),
        "warm": timed(client, "/centre/dashboard/", n=n),
    }


def side_by_side(n: int) -> dict:
    """Case list page, API and Django admin's changelist, same user, same filter,
    same rows (50 a page), request by request in turn."""
    client = _client("admin")
    court_id = _court_id(COURT)
    filters = {
        "court + status": (
            {"court": COURT, "status": "in_progress"},
            {"court__id__exact": court_id, "status__exact": "in_progress"},
        ),
        "court + type + closed": (
            {"court": COURT, "case_type": "执", "status": "closed"},
            {"court__id__exact": court_id, "case_type__exact": "执", "status__exact": "closed"},
        ),
        "no filter": ({}, {}),
    }
    out = {}
    for name, (ours, admin) in filters.items():
        three = timed_together(
            client,
            {
                "page": ("/cases/", ours),
                "api": ("/api/v1/cases/", {**ours, "page_size": 50}),
                "admin": ("/admin/cases/enforcementcase/", admin),
            },
            n=n,
        )
        page, api, changelist = three["page"], three["api"], three["admin"]
        out[name] = {
            "page": page,
            "api": api,
            "admin": changelist,
            "page_speedup": round(changelist["p50_ms"] / page["p50_ms"], 1),
            "api_speedup": round(changelist["p50_ms"] / api["p50_ms"], 1),
            # The same ratio on the Django process's CPU time (steadier on a shared machine).
            "page_cpu_speedup": round(changelist["cpu_p50_ms"] / page["cpu_p50_ms"], 1),
            "api_cpu_speedup": round(changelist["cpu_p50_ms"] / api["cpu_p50_ms"], 1),
        }
    return out


def api_list(n: int) -> dict:
    client = _client("zy_leader")
    return {
        "court + status": timed(
            client, "/api/v1/cases/", {"court": COURT, "status": "in_progress"}, n=n
        ),
        "no filter": timed(client, "/api/v1/cases/", {}, n=n),
        "court + status, 200 a page": timed(
            client,
            "/api/v1/cases/",
            {"court": COURT, "status": "in_progress", "page_size": 200},
            n=max(5, n // 2),
        ),
    }


def _raw_connection():
    """A psycopg2 connection with Django's own parameters (the same server, database
    and session options, e.g. ``jit=off``), outside Django."""
    import psycopg2

    conn = psycopg2.connect(**connection.get_connection_params())
    conn.autocommit = True
    return conn


def captured_statements(client: Client, url: str, params: dict) -> list[str]:
    """The SQL one request runs, as sent to the server (parameters in place)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    return [q["sql"] for q in ctx.captured_queries]


def run_raw(cursor, statements: list[str]) -> int:
    """Run the statements one after another as the request did, fetching every
    row (as the request's cursor does); the rows fetched."""
    rows = 0
    for sql in statements:
        cursor.execute(sql)
        if cursor.description is not None:
            rows += len(cursor.fetchall())
    return rows


def raw_sql(n: int, filters: dict[str, dict] | None = None, username: str = "zy_leader") -> dict:
    """The case list page and ``GET /api/v1/cases/`` beside the same statements run
    directly through psycopg2 (same rows, same session settings), request by
    request in turn; the ratio of the p50s is what Django adds around the SQL.

    ``floor``: the same for two requests with nothing to list (the API's root, a
    page of the base layout with one small form): what any signed-in request costs
    around its session, user and permission statements, whatever it shows."""
    client = _client(username)
    filters = filters or {
        "court + status": {"court": COURT, "status": "in_progress"},
        "no filter": {},
    }
    out = {}
    conn = _raw_connection()
    try:
        with conn.cursor() as cursor:
            for name, params in filters.items():
                specs = {
                    "page": ("/cases/", params),
                    "api": ("/api/v1/cases/", {**params, "page_size": 50}),
                }
                out[name] = _beside_raw(client, cursor, specs, n)
            floor = {"page": ("/accounts/password/", {}), "api": ("/api/v1/", {})}
            out["floor"] = _beside_raw(client, cursor, floor, n)
    finally:
        conn.close()
    return out


def _beside_raw(client: Client, cursor, specs: dict[str, tuple[str, dict]], n: int) -> dict:
    # Captured once warm: the statements are the same on every request.
    for url, p in specs.values():
        client.get(url, p)
    statements = {k: captured_statements(client, *spec) for k, spec in specs.items()}
    raw_times = {k: [] for k in specs}
    times = {k: [] for k in specs}
    cpu = {k: [] for k in specs}
    raw_rows, last = {}, {}
    for k in specs:
        run_raw(cursor, statements[k])  # warm, like the requests
    # Each round: the request, then its statements raw, for each in turn.
    for _ in range(n):
        for k, (url, p) in specs.items():
            t0, c0 = time.perf_counter(), time.thread_time()
            last[k] = client.get(url, p)
            times[k].append((time.perf_counter() - t0) * 1000)
            cpu[k].append((time.thread_time() - c0) * 1000)
            t0 = time.perf_counter()
            raw_rows[k] = run_raw(cursor, statements[k])
            raw_times[k].append((time.perf_counter() - t0) * 1000)
    entry = {}
    for k, (url, p) in specs.items():
        django = _summary(url, p, times[k], cpu[k], len(statements[k]), last[k])
        raw = {
            "p50_ms": round(statistics.median(raw_times[k]), 2),
            "p95_ms": round(_pct(raw_times[k], 0.95), 2),
            "statements": len(statements[k]),
            "rows_fetched": raw_rows[k],
            "sql": [s[:300] for s in statements[k]],
        }
        entry[k] = {
            "django": django,
            "raw": raw,
            "ratio": round(django["p50_ms"] / raw["p50_ms"], 2) if raw["p50_ms"] else None,
        }
    return entry


def deadline_scan() -> dict:
    from cases.models import CaseNode
    from command_center.services.reminders import scan_deadlines

    open_nodes = CaseNode.objects.filter(status="open").count()
    t0 = time.perf_counter()
    result = scan_deadlines()
    seconds = time.perf_counter() - t0
    tracemalloc.start()
    scan_deadlines()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(peak / 2**20, 2),
        "open_nodes": open_nodes,
        "nodes_due_or_overdue": result["nodes"],
    }


def annual_assessment() -> dict:
    from assessment.models import AssessmentScheme, BureauAssessment
    from assessment.services.bureau import compute_assessment, verify_assessment

    year = timezone.localdate().year
    user = get_user_model().objects.get(username="zy_leader")
    scheme = AssessmentScheme.objects.filter(year=year).order_by("-pk").first()
    draft = BureauAssessment.objects.filter(scheme=scheme, status="draft").order_by("-pk").first()
    t0 = time.perf_counter()
    assessment = compute_assessment(
        user=user, scheme_id=scheme.pk, year=year, assessment_id=draft.pk if draft else None
    )
    seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    check = verify_assessment(assessment)
    return {
        "seconds": round(seconds, 2),
        "bureaus": assessment.results.count(),
        "verify_seconds": round(time.perf_counter() - t0, 2),
        "reproducible": bool(check["reproduced"]),
    }


def run_all(scale: str, repeat: int | None = None) -> dict:
    n = repeat or REPEAT[scale]
    from bench import profiling
    from bench.search import global_search
    from bench.seed import counts

    results = {"scale": scale, "rows": counts()}
    # As a served worker is after its first requests (haikou_exec/gunicorn_conf.py):
    # its long-lived heap frozen, out of every full garbage collection's walk.
    from haikou_exec.gunicorn_conf import freeze_long_lived

    warm = _client("zy_leader")
    for url in ("/", "/cases/", "/api/v1/cases/", "/centre/dashboard/"):
        warm.get(url)
    results["frozen_objects"] = freeze_long_lived()
    for name, fn in [
        ("case_list", lambda: case_list(n)),
        ("case_detail", lambda: case_detail(n)),
        ("dashboard", lambda: dashboard(n)),
        ("api_list", lambda: api_list(n)),
        ("search", lambda: global_search(n)),
        ("side_by_side", lambda: side_by_side(n)),
        ("raw_sql", lambda: raw_sql(n)),
        ("profile", lambda: profiling.run(max(10, n))),
        ("deadline_scan", deadline_scan),
        ("annual_assessment", annual_assessment),
    ]:
        print(f"measuring {name}…", flush=True)
        results[name] = fn()
    return results

"""Where a request's time goes besides its SQL: cProfile over a few requests of the
case list page and ``GET /api/v1/cases/``, each function's own time (tottime)
summed by the part of the stack it belongs to.

The clock is the thread's CPU time, not the wall clock: on a shared machine a
process waiting for a core would otherwise charge the wait to whichever function
it was in (a builtin, mostly). So the driver's part is the client's own CPU for
sending and fetching, not the server's work (the raw-SQL rows time that).
cProfile slows Python code more than C, so the Python shares come out somewhat
larger than without the profiler; the order of the parts is what to read."""

from __future__ import annotations

import cProfile
import pstats
import time

from bench.measure import COURT, _client

# (part, test on the function's file name); the first that matches wins.
PARTS = [
    ("the driver (psycopg2: send, fetch, convert)", lambda f: "psycopg2" in f),
    ("the ORM (building SQL, making rows)", lambda f: "/django/db/" in f),
    (
        "templates and widgets",
        lambda f: (
            "/django/template" in f
            or "/django_tables2/" in f
            or "/django/forms/" in f
            or "templatetags" in f
        ),
    ),
    (
        "serialisation (DRF serializers, fields, JSON)",
        lambda f: (
            "/rest_framework/serializers" in f
            or "/rest_framework/fields" in f
            or "/rest_framework/relations" in f
            or "/rest_framework/renderers" in f
            or "/json/" in f
        ),
    ),
    (
        "the rest of DRF (views, filters, pagination, auth)",
        lambda f: "/rest_framework/" in f or "/django_filters/" in f,
    ),
    (
        "middleware, sessions, auth, request and response",
        lambda f: (
            "/django/middleware/" in f
            or "/django/contrib/" in f
            or "/django/core/handlers" in f
            or "/django/http/" in f
            or "/django/test/" in f
            or "/csp/" in f
            or "/whitenoise/" in f
            or "/django_htmx/" in f
            or "/redis/" in f
            or "/pghistory/" in f
        ),
    ),
    ("translations and URL resolving", lambda f: "/django/utils/translation" in f or "/urls/" in f),
    ("other Django and libraries", lambda f: "site-packages" in f or "/django/" in f),
    ("this project's code", lambda f: f.startswith("/") and "python3" not in f),
    ("Python itself (builtins, stdlib)", lambda f: True),
]


def _part(filename: str) -> str:
    for name, test in PARTS:
        if test(filename):
            return name
    return PARTS[-1][0]


def profile_request(client, url: str, params: dict, n: int) -> dict:
    client.get(url, params)  # warm
    profiler = cProfile.Profile(time.thread_time)
    profiler.enable()
    for _ in range(n):
        response = client.get(url, params)
    profiler.disable()
    assert response.status_code == 200, (url, response.status_code)
    stats = pstats.Stats(profiler)
    parts: dict[str, float] = {}
    top: list[tuple[float, str]] = []
    for (filename, line, func), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        part = _part(filename if filename != "~" else func)
        parts[part] = parts.get(part, 0.0) + tottime
        top.append((tottime, f"{filename.split('site-packages/')[-1]}:{line} {func}"))
    total = sum(parts.values()) or 1.0
    top.sort(reverse=True)
    return {
        "url": url,
        "params": params,
        "requests": n,
        "cpu_ms_per_request_profiled": round(1000 * total / n, 1),
        "parts_pct": {
            k: round(100 * v / total, 1) for k, v in sorted(parts.items(), key=lambda kv: -kv[1])
        },
        "top_functions": [
            {"ms_per_request": round(1000 * t / n, 2), "function": name} for t, name in top[:12]
        ],
    }


def run(n: int = 20) -> dict:
    client = _client("zy_leader")
    params = {"court": COURT, "status": "in_progress"}
    return {
        "page": profile_request(client, "/cases/", params, n),
        "api": profile_request(client, "/api/v1/cases/", {**params, "page_size": 50}, n),
    }

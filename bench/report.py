"""The bench's table (markdown, printed and written) and its machine description."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict:
    from django.db import connection

    mem_kb = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    return {
        "cpus": os.cpu_count(),
        "ram_gb": round(mem_kb / 2**20, 1),
        "postgresql": pg,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _ok(value, limit) -> str:
    return "✅" if value is not None and value <= limit else "❌"


def _times(m: dict) -> str:
    cpu = f" (CPU {m['cpu_p50_ms']})" if "cpu_p50_ms" in m else ""
    return f"p50 {m['p50_ms']}{cpu} / p95 {m['p95_ms']} ms"


def rows(r: dict) -> list[tuple[str, str, str, str, str]]:
    """(what, target, measured, queries, holds)."""
    out = []
    for name, m in r["case_list"].items():
        q_limit = 12
        out.append(
            (
                f"case list: {name} ({m['rows']} rows)",
                "p95 ≤ 150 ms, ≤ 12 queries",
                _times(m),
                str(m["queries"]),
                _ok(m["p95_ms"], 150) if m["queries"] <= q_limit else "❌",
            )
        )
    for name, m in r["case_detail"].items():
        out.append(
            (
                f"case detail: {name}",
                "p95 ≤ 150 ms, ≤ 25 queries",
                _times(m),
                str(m["queries"]),
                _ok(m["p95_ms"], 150) if m["queries"] <= 25 else "❌",
            )
        )
    for name, limit in (("cold", 300), ("warm", 50)):
        m = r["dashboard"][name]
        out.append(
            (
                f"leadership dashboard, city-wide, {name}",
                f"≤ {limit} ms",
                _times(m),
                str(m["queries"]),
                _ok(m["p95_ms"], limit),
            )
        )
    for name, m in r["api_list"].items():
        out.append(
            (
                f"GET /api/v1/cases/: {name} ({m['rows']} rows)",
                "≤ 12 queries",
                _times(m),
                str(m["queries"]),
                "✅" if m["queries"] <= 12 else "❌",
            )
        )
    for name, m in r.get("search", {}).items():
        out.append(
            (
                f"global search: {name}",
                "p95 ≤ 150 ms",
                _times(m),
                str(m["queries"]),
                _ok(m["p95_ms"], 150),
            )
        )
    for name, s in r["side_by_side"].items():
        out.append(
            (
                f"vs admin changelist: {name}",
                "page and API each ≥ 3× faster",
                f"admin {s['admin']['p50_ms']} · page {s['page']['p50_ms']} · API "
                f"{s['api']['p50_ms']} ms → page {s['page_speedup']}×, API {s['api_speedup']}×"
                + (
                    f" (CPU: page {s['page_cpu_speedup']}×, API {s['api_cpu_speedup']}×)"
                    if "page_cpu_speedup" in s
                    else ""
                ),
                f"{s['admin']['queries']} · {s['page']['queries']} · {s['api']['queries']}",
                "✅" if min(s["page_speedup"], s["api_speedup"]) >= 3 else "❌",
            )
        )
    limits = {"page": (2.0, "case list page"), "api": (1.5, "GET /api/v1/cases/")}
    floors = {"page": "a page with nothing to list", "api": "GET /api/v1/ (the API's root)"}
    for name, entry in r.get("raw_sql", {}).items():
        for kind, (limit, label) in limits.items():
            e = entry[kind]
            if name == "floor":  # no target: what any signed-in request costs
                out.append(
                    (
                        f"raw SQL floor: {floors[kind]}, {e['django']['url']}",
                        "— (the fixed cost of a signed-in request)",
                        f"Django p50 {e['django']['p50_ms']} (CPU {e['django']['cpu_p50_ms']}) · "
                        f"raw SQL p50 {e['raw']['p50_ms']} ms → {e['ratio']}×",
                        str(e["raw"]["statements"]),
                        "",
                    )
                )
                continue
            out.append(
                (
                    f"raw SQL: {label}, {name} ({e['django']['rows']} rows)",
                    f"≤ {limit}× the same SQL through psycopg2",
                    f"Django p50 {e['django']['p50_ms']} (CPU {e['django']['cpu_p50_ms']}) · "
                    f"raw SQL p50 {e['raw']['p50_ms']} ms → {e['ratio']}×",
                    str(e["raw"]["statements"]),
                    _ok(e["ratio"], limit),
                )
            )
    d = r["deadline_scan"]
    out.append(
        (
            f"nightly deadline scan ({d['open_nodes']} open nodes)",
            "≤ 60 s, memory flat",
            f"{d['seconds']} s, peak {d['peak_mb']} MiB (tracemalloc)",
            "",
            _ok(d["seconds"], 60),
        )
    )
    a = r["annual_assessment"]
    out.append(
        (
            f"annual assessment of all bureaus ({a['bureaus']})",
            "≤ 30 s, reproducible",
            f"{a['seconds']} s; verified in {a['verify_seconds']} s",
            "",
            _ok(a["seconds"], 30) if a["reproducible"] else "❌",
        )
    )
    s = r["seeding"]
    if s["reused"]:
        out.append(("seeding", "≤ 10 min (design)", "reused the seeded database", "", ""))
    else:
        out.append(
            (
                "seeding (seed_demo --scale " + r["scale"] + ")",
                "≤ 10 min (design)",
                f"{s['seconds']} s, peak RSS {s['peak_rss_mb']} MiB",
                "",
                _ok(s["seconds"], 600),
            )
        )
    return out


def table(r: dict) -> str:
    m = r["machine"]
    rows_ = r["rows"]
    head = [
        f"Scale **{r['scale']}**: "
        + ", ".join(f"{v:,} {k}" for k, v in rows_.items())
        + f". Machine: {m['cpus']} CPUs, {m['ram_gb']} GB RAM, PostgreSQL {m['postgresql']}, "
        f"Python {m['python']}, load average at start {m['load_average']}."
        + (
            f" Measured as a served worker: {r['frozen_objects']:,} long-lived objects"
            " frozen after warming (haikou_exec/gunicorn_conf.py)."
            if r.get("frozen_objects")
            else ""
        ),
        "",
        "| what | target | measured | queries | holds |",
        "|---|---|---|---|---|",
    ]
    lines = head + ["| " + " | ".join(row) + " |" for row in rows(r)]
    return "\n".join(lines + profile_table(r.get("profile")))


def profile_table(p: dict | None) -> list[str]:
    """Where the time of the page and the API goes (bench/profiling.py)."""
    if not p:
        return []
    page, api = p["page"], p["api"]
    parts = list(dict.fromkeys([*page["parts_pct"], *api["parts_pct"]]))
    out = [
        "",
        f"Where the Django process's CPU goes (cProfile on thread CPU time, own time by part; "
        f"{page['requests']} requests each, {page['cpu_ms_per_request_profiled']} and "
        f"{api['cpu_ms_per_request_profiled']} ms of CPU a request under the profiler):",
        "",
        "| part of the CPU time | case list page | GET /api/v1/cases/ |",
        "|---|---|---|",
    ]
    for part in parts:
        out.append(
            f"| {part} | {page['parts_pct'].get(part, 0)} % | {api['parts_pct'].get(part, 0)} % |"
        )
    return out


def write(scale: str, results: dict, *, label: str = "") -> list[Path]:
    RESULTS.mkdir(parents=True, exist_ok=True)
    results.setdefault("machine", machine())
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    stem = f"{stamp}-{scale}" + (f"-{label}" if label else "")
    md = RESULTS / f"{stem}.md"
    js = RESULTS / f"{stem}.json"
    md.write_text(f"# make bench — {stem}\n\n{table(results)}\n", encoding="utf-8")
    js.write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return [md, js]

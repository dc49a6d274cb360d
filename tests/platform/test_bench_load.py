"""What `make bench` and `make load` compute from what they measure (no timing is
asserted): the raw-SQL rows run the very statements of the request, the load
run's results document has its shape, login apart, and the CPU meters count the
processes they are pointed at."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from django.db import connection

from tests.reliability.infra import ROOT

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
)


def _rows(text: str) -> list[dict]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(HEADER + "\n" + textwrap.dedent(text).strip())))


STATS = """\
GET,GET /cases/,120,0,80,95.2,20,900,30000,1.0,0,80,90,100,110,200,350,600,800,900,900,900
POST,POST /api/v1/cases/[id]/ledger/,40,1,60,70,30,1500,500,0.3,0,60,70,80,90,120,600,1200,1400,1500,1500,1500
POST,POST /accounts/login/,20,0,2500,2600,900,5000,0,0.2,0,2500,2600,2700,3000,4000,4800,5000,5000,5000,5000,5000
GET,GET /public/,10,0,15,16,10,30,2000,0.1,0,15,15,16,17,20,25,30,30,30,30,30
,Aggregated,190,1,70,300,10,5000,0,1.6,0,70,90,100,110,300,2500,4800,5000,5000,5000,5000
"""

HISTORY = """\
Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,95%
1,5,,Aggregated,0.5,0,70,90
2,10,,Aggregated,2.0,0,70,90
3,10,,Aggregated,4.0,0,70,90
"""


def test_load_results_have_the_documented_shape_with_login_apart():
    import csv
    import io

    from bench.loadrun import summarise

    history = list(csv.DictReader(io.StringIO(textwrap.dedent(HISTORY))))
    writes = {"cases": {"acknowledged": 3, "stored": 3}, "problems": []}
    cpu = {"gunicorn": 30.0, "celery": 10.0, "postgresql": 10.0, "machine_busy": 80.0}
    s = summarise(
        stats=_rows(STATS), history=history, users=10, duration_s=100, writes=writes, cpu=cpu
    )

    for key in ("users", "duration_s", "requests", "errors", "writes_ok", "endpoints"):
        assert key in s
    assert s["users"] == 10 and s["duration_s"] == 100
    # Login is reported apart and not in the endpoints nor their request count.
    assert set(s["login"]) == {"POST /accounts/login/"}
    assert "POST /accounts/login/" not in s["endpoints"]
    assert s["requests"] == 120 + 40 + 10
    assert s["errors"] == 1
    assert s["endpoints"]["GET /cases/"] == {
        "count": 120,
        "errors": 0,
        "p50_ms": 80.0,
        "p95_ms": 350.0,
        "p99_ms": 800.0,
        "max_ms": 900.0,
    }
    # Over p95 500 ms or p99 1 s: the ledger POST only (login does not count).
    assert s["targets"]["endpoints_over"] == ["POST /api/v1/cases/[id]/ledger/"]
    # The sustained rate is over the seconds when every user was running.
    assert s["rate"]["sustained_rps"] == 3.0
    assert s["rate"]["overall_rps"] == 1.7
    assert s["writes_ok"] is True
    assert s["cpu_split_pct"] == {"gunicorn": 60.0, "celery": 20.0, "postgresql": 20.0}


def test_a_write_problem_makes_the_run_not_ok():
    from bench.loadrun import summarise

    writes = {"cases": {"acknowledged": 3, "stored": 2}, "problems": ["cases: 1 missing"]}
    cpu = {"gunicorn": 1.0, "celery": 0.0, "postgresql": 1.0}
    s = summarise(stats=_rows(STATS), history=[], users=1, duration_s=10, writes=writes, cpu=cpu)
    assert s["writes_ok"] is False
    assert s["write_problems"] == ["cases: 1 missing"]
    assert s["rate"]["sustained_rps"] is None


def test_tree_cpu_counts_finished_children():
    """A child that burnt CPU and ended is still counted on its parent's tree."""
    from bench.loadrun import tree_cpu_seconds

    burn = "import time\nwhile time.process_time() < 0.5: pass"
    parent = subprocess.Popen(
        ["sh", "-c", f'{sys.executable} -c "{burn}"; echo done; sleep 30'],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert parent.stdout.readline().strip() == "done"  # the child has ended
        # /proc counts user and system time apart, each in whole clock ticks: the
        # child's 0.5 s can read a tick or two short, never near 0 (not counted).
        assert tree_cpu_seconds(parent.pid) >= 0.4
    finally:
        parent.kill()
        parent.wait()


@pytest.mark.django_db(transaction=True)
def test_backend_meter_counts_the_backends_of_its_database():
    import psycopg2

    from bench.loadrun import BackendMeter

    params = connection.get_connection_params()
    meter = BackendMeter(lambda: psycopg2.connect(**params), params["dbname"], interval=0.1)
    other = psycopg2.connect(**params)
    try:
        meter.start()
        with other.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM generate_series(1, 3000000)")
            pid = other.get_backend_pid()
        seconds = meter.stop()
    finally:
        other.close()
    assert pid in meter.last
    assert seconds > 0
    assert meter.load_samples


# Committed rows: the raw connection is another session.
@pytest.mark.django_db(transaction=True)
def test_raw_sql_runs_the_requests_own_statements(org):
    from bench import measure
    from tests.supervision.helpers import make_case

    for _ in range(3):
        make_case("琼0106")
    filters = {"court + status": {"court": "琼0106", "status": "in_progress"}}
    measured = measure.raw_sql(2, filters=filters)
    out = measured["court + status"]

    # The floor: two requests with nothing to list, measured the same way.
    floor = measured["floor"]
    assert floor["page"]["django"]["url"] == "/accounts/password/"
    assert floor["api"]["django"]["url"] == "/api/v1/"
    for kind in ("page", "api"):
        assert floor[kind]["raw"]["statements"] == floor[kind]["django"]["queries"] > 0
        assert not any("cases_enforcementcase" in sql for sql in floor[kind]["raw"]["sql"])
    for kind in ("page", "api"):
        entry = out[kind]
        # The same statements as the request, every one of them run.
        assert entry["raw"]["statements"] == entry["django"]["queries"] > 0
        assert len(entry["raw"]["sql"]) == entry["raw"]["statements"]
        # The same rows: the list's own rows are among those fetched.
        assert entry["django"]["rows"] == 3
        assert entry["raw"]["rows_fetched"] >= 3
        assert entry["ratio"] == round(entry["django"]["p50_ms"] / entry["raw"]["p50_ms"], 2)
    assert any("cases_enforcementcase" in sql for sql in out["api"]["raw"]["sql"])


@pytest.mark.django_db
def test_run_raw_fetches_every_row():
    from bench.measure import _raw_connection, run_raw

    conn = _raw_connection()
    try:
        with conn.cursor() as cursor:
            rows = run_raw(
                cursor, ["SELECT generate_series(1, 7)", "SET LOCAL work_mem = '8MB'", "SELECT 1"]
            )
    finally:
        conn.close()
    assert rows == 8


@pytest.mark.django_db
def test_profile_splits_the_time_by_part(org):
    from bench import profiling

    result = profiling.run(n=2)
    for kind in ("page", "api"):
        parts = result[kind]["parts_pct"]
        assert 99 <= sum(parts.values()) <= 101
        assert parts.get("the driver (psycopg2: send, fetch, convert)", 0) > 0
        assert result[kind]["top_functions"]


@pytest.mark.django_db
def test_search_rows_query_what_exists_and_find_it(org, client):
    """The bench's search rows are made from rows that exist, and each finds them."""
    from bench import search
    from cases.models import Party
    from tests.supervision.helpers import make_case

    case = make_case("琼0106")
    Party.objects.create(
        case=case,
        role="respondent",
        kind="legal",
        name="海南椰城贸易有限公司",
        id_number="91460100MA5T2L8Q3X",
    )
    queries = search.samples()
    assert queries["whole case number"] == case.case_number
    client.force_login(case.court.bureaus.first().officers.get(user__username="lh_judge").user)
    for label, q in queries.items():
        page = client.get("/search/", {"q": q}).content.decode()
        # The case is found by each reading (the query itself is echoed in the box).
        assert case.case_number in page, (label, q)
    out = search.global_search(1)
    assert len(out) == 2 * len(queries)
    assert all(m["queries"] > 0 for m in out.values())

"""Query counts of every list and detail page and API endpoint found in the URL
configuration (as the permission sweep finds them), so that an N+1 fails CI
(DESIGN.md "Performance targets": tests assert query counts, not times).

Each list is read once on a small data set and again after rows were added: the
count must not grow. Lists stay within 12 queries (the case list's target), the
case page within 25, every other detail page within a generous ceiling."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.platform.test_permission_sweep import discover_endpoints

TODAY = dt.date(2026, 11, 27)
LIST_LIMIT = 12
CASE_DETAIL_LIMIT = 25
DETAIL_LIMIT = 40
# Lists that show more than one table (a list plus summary panels) may use more.
LIST_LIMIT_EXCEPTIONS: dict[str, int] = {}


def _count(client, url: str, params: dict) -> int:
    return _count_and_rows(client, url, params)[0]


def _count_and_rows(client, url: str, params: dict) -> tuple[int, int]:
    """Queries of the second request, and the rows it shows (an empty page skips
    the page's own queries, so only non-empty pages are compared)."""
    client.get(url, params)  # warm: session, per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    if response.get("Content-Type", "").startswith("application/json"):
        body = response.json()
        rows = len(body.get("results", [])) if isinstance(body, dict) else len(body)
    else:
        rows = response.content.count(b"data-court=")
    return len(ctx.captured_queries), rows


def _measure(client, endpoints) -> dict[str, tuple[int, int]]:
    counts = {}
    for ep in endpoints:
        if ep.kind == "list":
            params = {"page_size": 50} if ep.api else {}
            counts[ep.name] = _count_and_rows(client, reverse(ep.name), params)
        else:
            obj = ep.model._default_manager.order_by("pk").first()
            if obj is not None:
                counts[ep.name] = (_count(client, reverse(ep.name, kwargs={"pk": obj.pk}), {}), 1)
    return counts


def _add_rows(seed: int, cases: int) -> None:
    from cases.demo import seed_cases

    seed_cases(count=cases, seed=seed, today=TODAY)


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_rows(login, org):
    from personnel.demo import seed_officers, seed_teams

    seed_officers(per_bureau=6, seed=11)
    seed_teams()
    _add_rows(1, 30)
    client = login("zy_leader")
    endpoints, _ = discover_endpoints()
    small = _measure(client, endpoints)
    _add_rows(2, 60)
    big = _measure(client, endpoints)

    grown = {
        name: (small[name][0], big[name][0])
        for name in small
        if small[name][1] and big[name][0] > small[name][0]
    }
    assert not grown, f"query count grows with rows (before, after): {grown}"
    for ep in endpoints:
        if ep.name not in big:
            continue
        n = big[ep.name][0]
        if ep.kind == "list":
            limit = LIST_LIMIT_EXCEPTIONS.get(ep.name, LIST_LIMIT)
        elif ep.name == "cases:case_detail":
            limit = CASE_DETAIL_LIMIT
        else:
            limit = DETAIL_LIMIT
        assert n <= limit, (ep.name, n, limit)
    assert small["cases:case_list"][1] and big["cases:case_list"][0] <= LIST_LIMIT
    assert big["cases:case_detail"][0] <= CASE_DETAIL_LIMIT


@pytest.mark.django_db
def test_case_list_queries_do_not_depend_on_page_size(login, org):
    from personnel.demo import seed_officers, seed_teams

    seed_officers(per_bureau=6, seed=11)
    seed_teams()
    _add_rows(3, 120)
    client = login("zy_leader")
    page_50 = _count(client, "/cases/", {"per_page": 50})
    page_100 = _count(client, "/cases/", {"per_page": 100})
    api_50 = _count(client, "/api/v1/cases/", {"page_size": 50})
    api_100 = _count(client, "/api/v1/cases/", {"page_size": 100})
    assert page_50 == page_100 <= LIST_LIMIT
    assert api_50 == api_100 <= LIST_LIMIT


@pytest.mark.django_db
def test_estimated_count_past_the_cap(login, org, monkeypatch):
    """Past the cap the paginator reads the planner's estimate, not every row."""
    from haikou_exec.pagination import EstimatedCountPaginator
    from personnel.demo import seed_officers, seed_teams

    seed_officers(per_bureau=6, seed=11)
    seed_teams()
    _add_rows(4, 30)
    monkeypatch.setattr(EstimatedCountPaginator, "exact_up_to", 10)
    client = login("zy_leader")
    body = client.get("/api/v1/cases/", {"page_size": 5}).json()
    assert body["count_is_estimate"] is True and body["count"] >= 11
    assert len(body["results"]) == 5
    monkeypatch.setattr(EstimatedCountPaginator, "exact_up_to", 10_000)
    body = client.get("/api/v1/cases/", {"page_size": 5}).json()
    assert body["count_is_estimate"] is False and body["count"] == 30

"""Every command-centre list and detail page and API endpoint, with demo data in
every court, as every demo role: rows only from the role's scope, objects out
of scope answer 404; list query counts do not grow with the rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.platform.test_permission_sweep import (
    DATA_COURT,
    discover_endpoints,
)

API_BASENAMES = ("affairs-task", "asset-query", "freeze-request")


def _mine(endpoint) -> bool:
    return (
        endpoint.name.startswith("command_center:")
        or endpoint.name.split("-list")[0].split("-detail")[0] in API_BASENAMES
    )


@pytest.fixture
def centre_data(org, settings):
    from cases.demo import seed_cases
    from command_center.demo import seed_command_centre
    from personnel.demo import seed_officers, seed_teams

    settings.PROPERTY_QUERY_SANDBOX_LATENCY_MS = 0
    settings.PROPERTY_QUERY_SANDBOX_FAILURE_RATE = 0
    seed_officers(per_bureau=6, seed=7)
    seed_teams()
    seed_cases(count=120, seed=9, today=timezone.localdate())
    added = seed_command_centre(seed=3)
    # Tasks, query batches and freezes (sent and waiting) come with the demo.
    assert added["tasks"] and added["query_batches"] and added["freezes"]


def test_every_command_centre_view_is_discovered_by_the_sweep():
    """The platform sweep (tests/platform/test_permission_sweep.py) walks these as
    every role with the command centre's data in place."""
    endpoints = [e for e in discover_endpoints()[0] if _mine(e)]
    kinds = {(e.kind, e.api) for e in endpoints}
    assert kinds == {("list", False), ("detail", False), ("list", True), ("detail", True)}
    assert len([e for e in endpoints if e.kind == "detail"]) >= 17


def _queries(client, url, params):
    client.get(url, params)  # warm up: session and per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries), response


@pytest.mark.django_db
def test_list_query_counts_do_not_grow_with_rows(centre_data, login):
    client = login("zy_leader")
    lists = [e for e in discover_endpoints()[0] if _mine(e) and e.kind == "list"]
    compared = 0
    for ep in lists:
        url = reverse(ep.name)
        params = {"page_size": 200} if ep.api else {}

        def rows(response, api=ep.api):
            if api:
                return len(response.json()["results"])
            return len(DATA_COURT.findall(response.content.decode()))

        many, response = _queries(client, url, params)
        assert many <= 14, (ep.name, many)
        # The same list narrowed to one court with fewer rows (but some).
        for code in ["琼0105", "琼0106", "琼0107", "琼0108", "琼01"]:
            few, response_few = _queries(client, url, {**params, "court": code})
            if 0 < rows(response_few) < rows(response):
                assert many == few, (ep.name, code, many, few)
                compared += 1
                break
    assert compared >= 8

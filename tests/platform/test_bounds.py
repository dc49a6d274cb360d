"""Bounded, well-formed requests (issue 15, items 4 and 7): ids in API URLs are
digits (anything else is a 404, never a 500) and no page holds more than 200 rows
whatever `?per_page=` or `?page_size=` asks."""

import pytest

from haikou_exec.pagination import MAX_PAGE_SIZE, EstimatedCountPaginator


def test_every_api_route_with_an_id_takes_digits_only():
    from wiring.urls import api_router

    with_ids = [u for u in api_router.urls if "pk" in u.pattern.regex.groupindex]
    assert len(with_ids) > 50
    for url in with_ids:
        assert "(?P<pk>[0-9]+)" in url.pattern.regex.pattern, url.pattern


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/api/v1/equipment/abc/status/"),
        ("post", "/api/v1/director-appointments/null,null/decide/"),
        ("get", "/api/v1/cases/1.5/"),
        ("get", "/api/v1/cases/-1/"),
        ("get", "/api/v1/transfers/%E7%90%BC/"),
    ],
)
def test_a_malformed_id_is_a_404(login, method, url):
    response = getattr(login("zy_leader"), method)(url, {}, content_type="application/json")
    assert response.status_code == 404, (url, response.status_code)


def test_the_page_paginator_caps_the_page_size():
    assert EstimatedCountPaginator(list(range(1000)), 1_000_000).per_page == MAX_PAGE_SIZE
    assert EstimatedCountPaginator(list(range(1000)), 0).per_page == 1


@pytest.mark.django_db
def test_pages_and_api_hold_at_most_200_rows(login):
    from personnel.demo import seed_officers

    seed_officers(per_bureau=60, seed=3)  # 360 officers and more
    client = login("zy_leader")
    page = client.get("/people/officers/", {"per_page": 1_000_000})
    assert page.status_code == 200
    assert page.content.decode().count('<tr data-court="') == MAX_PAGE_SIZE
    api = client.get("/api/v1/officers/", {"page_size": 1_000_000}).json()
    assert api["count"] > MAX_PAGE_SIZE and len(api["results"]) == MAX_PAGE_SIZE
    assert client.get("/people/officers/", {"per_page": "abc"}).status_code == 200


@pytest.mark.django_db
def test_a_yes_no_filter_refuses_what_is_neither(login):
    """Junk in a yes/no filter is a 400 with a message, not read as "all" (found by
    the negative fuzz: ?in_service=abc listed every item)."""
    client = login("xy_director")
    refused = client.get("/api/v1/equipment/", {"in_service": "abc"})
    assert refused.status_code == 400 and "in_service" in refused.json()
    for value in ("true", "false", "unknown", ""):
        assert client.get("/api/v1/equipment/", {"in_service": value}).status_code == 200
    # The page keeps working and shows the list with the filter's message.
    assert client.get("/cases/", {"overdue": "abc"}).status_code == 200

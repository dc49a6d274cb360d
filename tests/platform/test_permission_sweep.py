"""Walk every list and detail page and API endpoint found in the URL configuration,
as every demo role, and fail on any row outside that role's scope (DESIGN.md
"Access"). New views are covered without touching this file."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.generic import DetailView, ListView
from rest_framework.viewsets import GenericViewSet

from haikou_exec.api import RestrictedViewSetMixin
from haikou_exec.views import RestrictedDetailView, RestrictedListView
from tests.conftest import DEMO_LOGINS

ALL = {"琼01", "琼0105", "琼0106", "琼0107", "琼0108"}
COURT_SCOPE = {
    "admin": ALL,
    "zy_leader": ALL,
    "center_staff": ALL,
    "supervisor": ALL,
    "zy_judge": {"琼01"},
    "xs_judge": {"琼01"},  # plus criminal rows city-wide (checked per row)
    "xy_director": {"琼0105"},
    "xy_judge": {"琼0105"},
    "xy_assistant": {"琼0105"},
    "xy_clerk": {"琼0105"},
    "lh_judge": {"琼0106"},
    "qs_judge": {"琼0107"},
    "ml_judge": {"琼0108"},
}
DATA_COURT = re.compile(r'data-court="([^"]+)"')


@dataclass
class Endpoint:
    name: str
    kind: str  # "list" | "detail"
    api: bool
    model: type


def _walk(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern):
            yield namespace, p


def discover_endpoints() -> tuple[list[Endpoint], list[str]]:
    endpoints, unrestricted = [], []
    for namespace, pattern in _walk(get_resolver().url_patterns):
        callback = pattern.callback
        if "format" in pattern.pattern.regex.groupindex or not pattern.name:
            continue
        name = f"{namespace}{pattern.name}"
        view_class = getattr(callback, "view_class", None)
        viewset = getattr(callback, "cls", None)
        actions = getattr(callback, "actions", None) or {}
        if view_class is not None and issubclass(
            view_class, (ListView, DetailView, RestrictedListView)
        ):
            if issubclass(view_class, RestrictedListView):
                endpoints.append(Endpoint(name, "list", False, view_class.model))
            elif issubclass(view_class, RestrictedDetailView):
                endpoints.append(Endpoint(name, "detail", False, view_class.model))
            else:
                unrestricted.append(name)
        elif viewset is not None and issubclass(viewset, GenericViewSet):
            if not issubclass(viewset, RestrictedViewSetMixin):
                unrestricted.append(name)
                continue
            model = viewset.queryset.model
            if actions.get("get") == "list":
                endpoints.append(Endpoint(name, "list", True, model))
            elif actions.get("get") == "retrieve":
                endpoints.append(Endpoint(name, "detail", True, model))
    return endpoints, unrestricted


def allowed(role: str, obj) -> bool:
    if obj.scope_court.code in COURT_SCOPE[role]:
        return True
    if role == "xs_judge":
        model = type(obj)
        return model.objects.filter(model.criminal_q(), pk=obj.pk).exists()
    return False


def test_every_list_and_detail_view_is_restricted():
    endpoints, unrestricted = discover_endpoints()
    assert not unrestricted, f"views that bypass the restriction point: {unrestricted}"
    kinds = {(e.kind, e.api) for e in endpoints}
    assert kinds == {("list", False), ("detail", False), ("list", True), ("detail", True)}


@pytest.mark.django_db
@pytest.mark.parametrize("role", DEMO_LOGINS)
def test_sweep_lists_and_details_as_role(role, login, org):
    from django.contrib.auth import get_user_model

    from personnel.demo import seed_officers, seed_teams

    seed_officers(per_bureau=8, seed=7)
    seed_teams()
    client = login(role)
    user = get_user_model().objects.get(username=role)
    endpoints, _ = discover_endpoints()
    checked_rows = 0
    for ep in endpoints:
        if ep.kind == "list":
            response = client.get(reverse(ep.name), {"page_size": 200} if ep.api else {})
            assert response.status_code == 200, (ep.name, response.status_code)
            if ep.api:
                courts = [row["court"] for row in response.json()["results"]]
            else:
                courts = DATA_COURT.findall(response.content.decode())
            for code in courts:
                checked_rows += 1
                assert code in COURT_SCOPE[role] or role == "xs_judge", (role, ep.name, code)
        else:
            # One object per court: in scope → 200, out of scope → 404 (never 403).
            seen_courts = set()
            for obj in ep.model._default_manager.all().order_by("pk"):
                code = obj.scope_court.code
                if code in seen_courts:
                    continue
                seen_courts.add(code)
                response = client.get(reverse(ep.name, kwargs={"pk": obj.pk}))
                expected = 200 if allowed(role, obj) else 404
                assert response.status_code == expected, (
                    role,
                    ep.name,
                    obj.pk,
                    code,
                    response.status_code,
                )
    assert checked_rows > 0 or user.officer is None


@pytest.mark.django_db
def test_anonymous_gets_login_or_401(org):
    from django.test import Client

    client = Client()
    endpoints, _ = discover_endpoints()
    for ep in endpoints:
        if ep.kind != "list":
            continue
        response = client.get(reverse(ep.name))
        assert response.status_code in ((401, 403) if ep.api else (302,)), ep.name

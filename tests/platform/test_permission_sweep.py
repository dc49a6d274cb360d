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
from tests.platform.sweep import ALL, COURT_SCOPE, allowed, first_object_per_court

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


def test_every_list_and_detail_view_is_restricted():
    endpoints, unrestricted = discover_endpoints()
    assert not unrestricted, f"views that bypass the restriction point: {unrestricted}"
    kinds = {(e.kind, e.api) for e in endpoints}
    assert kinds == {("list", False), ("detail", False), ("list", True), ("detail", True)}


# Every app whose pages and API the sweep must reach with rows in them.
SWEPT_APPS = {"cases", "command_center", "equipment", "personnel", "supervision", "assessment"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", DEMO_LOGINS)
def test_sweep_lists_and_details_as_role(role, city, login):
    """As each demo role, over every restricted list and detail (pages and API) with
    the city's data in place: list rows only from the role's scope; for each detail,
    a row inside the role's courts and one outside them opened: 200 when in scope and
    readable by the role's permissions, 404 otherwise (never 403)."""
    from django.contrib.auth import get_user_model

    client = login(role)
    user = get_user_model().objects.get(username=role)
    endpoints, _ = discover_endpoints()
    rows_by_app: dict[str, int] = {}
    opened_by_app: dict[str, int] = {}
    for ep in endpoints:
        app = ep.model._meta.app_label
        if ep.kind == "list":
            response = client.get(reverse(ep.name), {"page_size": 200} if ep.api else {})
            assert response.status_code == 200, (ep.name, response.status_code)
            if getattr(ep.model, "access_owner_field", None):
                # Personal rows carry no court: each must be the caller's own.
                owner = ep.model.access_owner_field
                pks = [row["id"] for row in response.json()["results"]] if ep.api else []
                others = ep.model._default_manager.filter(pk__in=pks).exclude(
                    **{f"{owner}_id": user.pk}
                )
                assert not others.exists(), (role, ep.name)
                continue
            if ep.api:
                courts = [row["court"] for row in response.json()["results"]]
            else:
                courts = DATA_COURT.findall(response.content.decode())
            for code in courts:
                assert code in COURT_SCOPE[role] or role == "xs_judge", (role, ep.name, code)
            rows_by_app[app] = rows_by_app.get(app, 0) + len(courts)
        else:
            # One object per court: in scope → 200, out of scope → 404 (never 403).
            opts = ep.model._meta
            readable = user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
            # One row of the role's scope and one from outside it, where there are.
            inside, outside = {}, {}
            for obj in first_object_per_court(ep.model):
                (inside if allowed(role, obj) else outside).setdefault("first", obj)
            for obj in (*inside.values(), *outside.values()):
                code = obj.scope_court.code
                response = client.get(reverse(ep.name, kwargs={"pk": obj.pk}))
                expected = 200 if allowed(role, obj) and readable else 404
                assert response.status_code == expected, (
                    role,
                    ep.name,
                    obj.pk,
                    code,
                    response.status_code,
                )
                opened_by_app[app] = opened_by_app.get(app, 0) + 1
    # The data reaches every app's details, so the rule is checked on real rows.
    assert set(opened_by_app) >= SWEPT_APPS, set(opened_by_app)
    if COURT_SCOPE[role] == ALL:  # the city-wide roles see rows in every app
        assert SWEPT_APPS - {"assessment"} <= {a for a, n in rows_by_app.items() if n}, rows_by_app
    elif user.officer is not None:
        assert sum(rows_by_app.values()) > 0


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

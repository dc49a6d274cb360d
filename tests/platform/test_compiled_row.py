"""A statement compiled once per process (haikou_exec.compiled) reads what the
ORM's own evaluation of the same queryset reads, on the same database, counted
like any query; querysets it cannot run faithfully are refused when compiled.
Its one user: the officer's statement that every signed-in request runs
(courts.access)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import connection
from django.db.models import F, OuterRef, Q, Subquery
from django.test.utils import CaptureQueriesContext
from guardian.shortcuts import assign_perm

from courts import access
from courts.access import _compute_scope, _officer_statement
from haikou_exec.compiled import MARKERS, CompiledExpression, CompiledRow
from haikou_exec.expressions import JSONRow
from haikou_exec.models import BackgroundJob
from tests.supervision.helpers import make_case

User = get_user_model()


@pytest.mark.django_db
def test_the_officers_statement_reads_what_the_orm_reads_for_every_account(org):
    other = make_case("琼0106")
    assign_perm("cases.view_enforcementcase", User.objects.get(username="xy_judge"), other)
    assign_perm("cases.change_enforcementcase", User.objects.get(username="xy_judge"), other)
    nobody = User.objects.create_user("no_officer", password="x")  # an account, no officer
    statement = _officer_statement()
    users = list(User.objects.filter(is_superuser=False).order_by("pk"))
    assert len(users) > 10 and nobody in users
    for user in users:
        compiled = statement.first(user_id=user.pk)
        assert compiled == statement._build(user_id=user.pk).first(), user.username
    judge = statement.first(user_id=User.objects.get(username="xy_judge").pk)
    assert sorted(judge["object_grants"]) == [
        "cases.change_enforcementcase",
        "cases.view_enforcementcase",
    ]
    assert statement.first(user_id=nobody.pk)["officer__id"] is None
    assert statement.first(user_id=MARKERS[int]) is None  # no such user: no row


@pytest.mark.django_db
def test_a_scope_reads_one_statement_and_the_sql_is_compiled_once(org, monkeypatch):
    built = []
    statement = CompiledRow(
        User, lambda user_id: built.append(user_id) or _build_like_access(user_id), user_id=int
    )
    monkeypatch.setattr(access, "_officer_statement", lambda: statement)
    for username in ("xy_judge", "xy_director", "zy_leader"):
        user = User.objects.get(username=username)
        with CaptureQueriesContext(connection) as ctx:
            scope = _compute_scope(user)
        assert len(ctx.captured_queries) == 1  # counted like any query
        assert "personnel_officer" in ctx.captured_queries[0]["sql"]
        assert scope.officer_id == user.officer.pk
    assert built == [MARKERS[int]]  # compiled once, for the first user, then reused


def _build_like_access(user_id):
    return _officer_statement()._build(user_id=user_id)


@pytest.mark.django_db
def test_it_refuses_what_it_could_not_run_faithfully(org):
    def first(build):
        return CompiledRow(BackgroundJob, build, pk=int).first(pk=1)

    with pytest.raises(ImproperlyConfigured, match="values"):
        first(lambda pk: BackgroundJob.objects.filter(pk=pk))  # model instances
    with pytest.raises(ImproperlyConfigured, match="converters"):
        first(lambda pk: BackgroundJob.objects.filter(pk=pk).values("parameters"))  # JSON
    with pytest.raises(ImproperlyConfigured, match="exactly once"):
        first(lambda pk: BackgroundJob.objects.filter(Q(pk=pk) | Q(created_by_id=pk)).values("pk"))
    with pytest.raises(ImproperlyConfigured, match="exactly once"):
        first(lambda pk: BackgroundJob.objects.filter(pk=1).values("pk"))  # key unused


@pytest.mark.django_db
def test_it_reads_from_the_database_the_router_names(org, monkeypatch):
    from django.db import router

    asked = []

    def db_for_read(model, **hints):
        asked.append(model)
        return "default"

    user = User.objects.get(username="xy_judge")
    officer_id = user.officer.pk
    monkeypatch.setattr(router, "db_for_read", db_for_read)
    assert (
        CompiledRow(User, _build_like_access, user_id=int).first(user_id=user.pk)["officer__id"]
        == officer_id
    )
    assert asked == [User]


# CompiledExpression: the API's case rows (cases.api.representation) -------------


def _sql(queryset) -> tuple[str, list]:
    sql, params = queryset.query.get_compiler("default").as_sql()
    return sql, list(params)


@pytest.mark.django_db
def test_a_compiled_expression_writes_the_sql_the_orm_writes(org):
    from cases.models import EnforcementCase

    expression = JSONRow(number=F("case_number"), court=F("court_id"), cause=F("cause"))
    base = EnforcementCase.objects.filter(court__code="琼0105", status="in_progress")
    ordered = base.order_by("-filed_on", "-id")[:50]
    compiled = CompiledExpression(EnforcementCase, expression)
    assert _sql(ordered.values(row=compiled)) == _sql(ordered.values(row=expression))
    # Compiled once, then the same SQL in any query on the model.
    other = EnforcementCase.objects.filter(pk__gt=10).order_by("pk")
    assert _sql(other.values(row=compiled)) == _sql(other.values(row=expression))
    make_case("琼0105")
    rows = list(EnforcementCase.objects.values_list(compiled, flat=True))
    assert rows == list(EnforcementCase.objects.values_list(expression, flat=True))
    assert rows and set(rows[0]) == {"number", "court", "cause"}


@pytest.mark.django_db
def test_a_compiled_expression_refuses_joins_other_models_and_relabelling(org):
    from cases.models import EnforcementCase, Party

    joined = CompiledExpression(EnforcementCase, JSONRow(court=F("court__code")))
    with pytest.raises(FieldError):
        list(EnforcementCase.objects.values_list(joined, flat=True))
    own = CompiledExpression(EnforcementCase, JSONRow(number=F("case_number")))
    with pytest.raises(ImproperlyConfigured, match="cases.EnforcementCase"):
        Party.objects.values_list(own, flat=True)
    # Inside another query on the same table the subquery's table is relabelled.
    inner = EnforcementCase.objects.filter(pk=OuterRef("pk")).values_list(own, flat=True)
    with pytest.raises(ImproperlyConfigured, match="this query calls it"):
        list(EnforcementCase.objects.annotate(row=Subquery(inner)))

"""The officer's statement (courts.access) also reads the user's model
permissions and hands them to Django's ModelBackend for the request, so a page
does not read them again: the same permissions as the backend's own reads, for
every account, and a change counts from the next request as before."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courts.access import scope_for
from tests.supervision.helpers import make_case

User = get_user_model()


def _fresh(username):
    return User.objects.get(username=username)


def _backend_reads(user) -> set[str]:
    """ModelBackend's own answer, from its own statements (no cache on the object)."""
    return ModelBackend().get_all_permissions(user)


@pytest.mark.django_db
def test_the_permissions_held_are_the_backends_own_for_every_account(org):
    extra = Permission.objects.get(codename="view_court")
    held_directly = User.objects.create_user("direct_holder", password="x")
    held_directly.user_permissions.add(extra)
    users = list(User.objects.filter(is_superuser=False).order_by("pk"))
    assert len(users) > 10
    for user in users:
        seeded = _fresh(user.username)
        scope_for(seeded)
        with CaptureQueriesContext(connection) as ctx:
            held = seeded.get_all_permissions()
        assert ctx.captured_queries == [], user.username  # read with the officer
        assert held == _backend_reads(_fresh(user.username)), user.username
    assert "courts.view_court" in _fresh("direct_holder").get_all_permissions()
    judge = _fresh("xy_judge")
    scope_for(judge)
    assert judge.has_perm("cases.view_enforcementcase")
    assert not judge.has_perm("auth.delete_user")


@pytest.mark.django_db
def test_a_page_reads_no_permission_statement_and_a_revocation_counts_next_request(org, client):
    make_case("琼0105")  # a case of the judge's court
    judge = _fresh("xy_judge")
    client.force_login(judge)
    client.get("/cases/")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/cases/").status_code == 200
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert 'FROM "auth_permission"' not in sql.split("ARRAY(")[0]
    assert sum('"auth_permission"' in q["sql"] for q in ctx.captured_queries) == 1
    # Take the judge out of every group: the next request has no case permission.
    groups = list(judge.groups.all())
    assert groups
    assert _rows(client) == 1
    judge.groups.clear()
    assert _rows(client) == 0
    judge.groups.set(groups)
    assert _rows(client) == 1


def _rows(client) -> int:
    response = client.get("/cases/")
    assert response.status_code == 200
    return response.content.count(b"data-court=")


@pytest.mark.django_db
def test_an_inactive_or_super_user_is_answered_by_the_backend_as_before(org):
    judge = _fresh("xy_judge")
    judge.is_active = False
    scope_for(judge)
    assert judge.get_all_permissions() == set()
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "root_check", password="x"
    )
    admin = _fresh(admin.username)
    scope_for(admin)
    assert not hasattr(admin, "_group_perm_cache")  # the backend reads all, itself
    assert admin.get_all_permissions() == _backend_reads(_fresh(admin.username))
    assert Group.objects.exists()

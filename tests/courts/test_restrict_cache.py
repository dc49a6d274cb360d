"""``Model.objects.restrict(user, action)`` is built once per thread for the same
user, scope and permission (courts/access.py, RestrictedManager): what it filters
on is read by the database when the query runs, so a grant, a team change or a
new request's user object sees the same rows as a queryset built anew."""

import pytest
from django.contrib.auth import get_user_model
from guardian.shortcuts import assign_perm

from cases.models import EnforcementCase
from courts.access import CHANGE, VIEW, scope_for
from tests.supervision.helpers import make_case


def _user(username):
    # A fresh object each time, as each request loads its own.
    return get_user_model().objects.get(username=username)


def _ids(user, action=VIEW):
    return set(EnforcementCase.objects.restrict(user, action).values_list("pk", flat=True))


def _fresh(user, action=VIEW):
    """The same restriction built anew (the queryset's own method, no cache)."""
    return set(
        EnforcementCase.objects.get_queryset().restrict(user, action).values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_a_cached_restriction_sees_what_a_new_one_sees(org):
    own = make_case("琼0105")
    other = make_case("琼0106")
    judge = _user("xy_judge")
    assert own.pk in _ids(judge) and other.pk not in _ids(judge)
    # A grant made after the restriction was built counts at once.
    assign_perm("cases.view_enforcementcase", _user("xy_judge"), other)
    judge = _user("xy_judge")
    assert other.pk in _ids(judge)
    assert _ids(judge) == _fresh(judge)
    # The change scope (the team's cases) is its own entry, and matches too.
    assert _ids(judge, CHANGE) == _fresh(judge, CHANGE)
    # Another user with another scope gets theirs, not the judge's.
    lh = _user("lh_judge")
    assert other.pk in _ids(lh) and own.pk not in _ids(lh)
    assert _ids(lh) == _fresh(lh)


@pytest.mark.django_db
def test_a_related_manager_is_not_cached(org):
    case = make_case("琼0105")
    judge = _user("xy_judge")
    # case.parties filters by its case: restricting it twice on two cases gives each its own.
    other = make_case("琼0105")
    assert list(case.parties.restrict(judge)) == list(case.parties.all())
    assert list(other.parties.restrict(judge)) == list(other.parties.all())
    q1 = str(case.parties.restrict(judge).query)
    q2 = str(other.parties.restrict(judge).query)
    assert q1 != q2


@pytest.mark.django_db
def test_the_grants_branch_is_there_only_for_a_user_holding_grants_of_that_kind(org):
    """A restriction ORs the per-object grants in only for a user who holds such a
    grant (Scope.object_grants, read with the officer): for the others the OR kept
    the planner from the court's index (a judge's case count read the whole court)."""
    other = make_case("琼0106")
    judge = _user("xy_judge")
    assert "guardian_userobjectpermission" not in str(EnforcementCase.objects.restrict(judge).query)
    assert other.pk not in _ids(judge)
    assign_perm("cases.view_enforcementcase", _user("xy_judge"), other)
    judge = _user("xy_judge")  # the next request's user object
    assert "cases.view_enforcementcase" in scope_for(judge).object_grants
    assert "guardian_userobjectpermission" in str(EnforcementCase.objects.restrict(judge).query)
    assert other.pk in _ids(judge) and _ids(judge) == _fresh(judge)
    # Only the granted action: changing the case is not granted.
    assert other.pk not in _ids(judge, CHANGE)
    assert "guardian_userobjectpermission" not in str(
        EnforcementCase.objects.restrict(judge, CHANGE).query
    )

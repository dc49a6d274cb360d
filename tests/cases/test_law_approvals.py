"""Approvals by the right person (issue 17, finding 7; DOMAIN.md §2 "Who
approves"): the court president (院长) or the delegated vice-president decides an
extension of the closing term, of their own court; nobody decides their own."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import CaseNode, DeadlineExtension
from cases.services import nodes
from personnel.choices import OfficerRole
from personnel.models import Officer


def _request(case, username, user):
    closing = CaseNode.objects.get(case=case, definition__code="closing")
    return nodes.request_extension(
        user=user(username),
        node_id=closing.pk,
        days=30,
        reason="房产评估未完成",
        today=dt.date(2026, 8, 1),
    )


@pytest.mark.django_db
def test_the_demo_has_a_president_per_court_that_approves(org):
    users = get_user_model().objects.filter(username__in=["zy_president", "xy_president"])
    assert {u.officer.role for u in users} == {OfficerRole.PRESIDENT}
    assert {u.officer.bureau.court.short_name for u in users} == {"海口中院", "秀英法院"}


@pytest.mark.django_db
def test_the_director_no_longer_approves_and_the_president_does_on_the_page(xy_case, user, login):
    extension = _request(xy_case, "xy_judge", user)
    url = reverse(
        "cases:extension_decide", kwargs={"case_id": xy_case.pk, "extension_id": extension.pk}
    )
    response = login("xy_director").post(url, {"approve": "1", "opinion": "同意"})
    assert response.status_code == 200
    assert "院长" in response.content.decode()
    extension.refresh_from_db()
    assert extension.status == "pending"
    response = login("xy_president").post(url, {"approve": "1", "opinion": "同意延长"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    extension.refresh_from_db()
    assert (extension.status, extension.decided_by.username) == ("approved", "xy_president")


@pytest.mark.django_db
def test_another_court_s_president_cannot_decide(xy_case, user):
    extension = _request(xy_case, "xy_judge", user)
    with pytest.raises(ValidationError, match="president of"):
        nodes.decide_extension(
            user=user("zy_president"), extension_id=extension.pk, approve=True, opinion=""
        )


@pytest.mark.django_db
def test_nobody_approves_their_own_request(xy_case, user):
    # The delegated vice-president of 秀英 asked for it: he may not decide it
    # himself; the president may.
    president = user("xy_president")
    vice = Officer.objects.get(user__username="xy_director")
    vice.role = OfficerRole.VICE_PRESIDENT
    vice.save(update_fields=["role"])
    delegate = get_user_model().objects.get(username="xy_director")
    extension = DeadlineExtension.objects.create(
        node=CaseNode.objects.get(case=xy_case, definition__code="closing"),
        days=30,
        reason="评估",
        requested_by=delegate,
        requested_on=dt.date(2026, 8, 1),
    )
    with pytest.raises(ValidationError, match="own request"):
        nodes.decide_extension(user=delegate, extension_id=extension.pk, approve=True, opinion="")
    nodes.decide_extension(
        user=president, extension_id=extension.pk, approve=False, opinion="不同意"
    )
    extension.refresh_from_db()
    assert extension.status == "rejected"

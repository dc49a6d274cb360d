"""Rotation plans: a plan that rotates a bureau's director and a deputy director
at the same time is refused, naming the rule (DOMAIN.md §6); carrying a plan out
writes the history and opens the handovers."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from personnel.choices import HandoverStatus, RotationPlanStatus
from personnel.models import Handover, Position, RotationPlan, RotationPolicy, TrialExchange
from personnel.services import (
    add_rotation_item,
    carry_out_rotation_plan,
    create_rotation_plan,
    decide_rotation_plan,
    submit_rotation_plan,
)
from tests.conftest import english
from tests.personnel.helpers import D, bureau, leader

pytestmark = pytest.mark.django_db


def user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def xiuying(org):
    """秀英's leadership: a director and two deputies."""
    return {
        "director": leader("琼0105", "director", D(2020, 3, 1), name="局长甲"),
        "deputy": leader("琼0105", "deputy_director", D(2021, 5, 1), name="副局长乙"),
        "deputy2": leader("琼0105", "deputy_director", D(2022, 5, 1), name="副局长丙"),
    }


def plan(by="xy_director", court="秀英法院", org=None):
    from courts.models import Court

    return create_rotation_plan(
        by=user(by), court=Court.objects.get(short_name=court), title="2026年轮岗交流"
    )


def move(p, officer, on, by="xy_director", **dest):
    dest = dest or {"destination_department": "民事审判第一庭"}
    return add_rotation_item(by=user(by), plan=p, officer=officer, effective_on=on, **dest)


def test_director_and_deputy_on_the_same_day_is_refused_naming_the_rule(xiuying):
    p = plan()
    move(p, xiuying["director"], D(2026, 7, 1))
    with translation.override("en"), pytest.raises(ValidationError) as err:
        move(p, xiuying["deputy"], D(2026, 7, 1))
    message = " ".join(err.value.messages)
    assert "局长甲" in message and "副局长乙" in message
    assert "not rotated at the same time" in message and "轮岗交流" in message
    assert p.items.count() == 1  # the refused item was not saved


def test_the_refusal_is_in_chinese_for_chinese_users(xiuying):
    p = plan()
    move(p, xiuying["deputy"], D(2026, 7, 1))
    with translation.override("zh-hans"), pytest.raises(ValidationError) as err:
        move(p, xiuying["director"], D(2026, 7, 15))
    assert "不得同时轮岗" in " ".join(err.value.messages)


def test_staggered_rotation_is_accepted(xiuying):
    stagger = RotationPolicy.current().min_leadership_stagger_days
    p = plan()
    move(p, xiuying["director"], D(2026, 7, 1))
    move(p, xiuying["deputy"], D(2026, 7, 1) + datetime.timedelta(days=stagger))
    assert p.items.count() == 2


def test_a_plan_emptying_the_leadership_is_refused(org):
    # A bureau led by two deputies (no director): both leaving at once empties it.
    a = leader("琼0107", "deputy_director", D(2020, 1, 1), name="副局长丁")
    b = leader("琼0107", "deputy_director", D(2020, 1, 1), name="副局长戊")
    from courts.models import Court

    p = create_rotation_plan(
        by=user("zy_leader"), court=Court.objects.get(code="琼01"), title="城区轮岗"
    )
    move(p, a, D(2026, 9, 1), by="zy_leader")
    with translation.override("en"), pytest.raises(ValidationError) as err:
        move(p, b, D(2026, 9, 1), by="zy_leader")
    assert "whole leadership at once" in " ".join(err.value.messages)


def test_two_plans_that_together_rotate_director_and_deputy_cannot_both_pass(xiuying):
    first = plan()
    move(first, xiuying["director"], D(2026, 7, 1))
    submit_rotation_plan(by=user("xy_director"), plan=first)
    second = plan(by="zy_leader", court="海口中院")
    with pytest.raises(ValidationError):
        move(second, xiuying["deputy"], D(2026, 7, 10), by="zy_leader")
    # A rejected plan no longer blocks.
    decide_rotation_plan(by=user("zy_leader"), plan=first, approve=False, note="暂缓")
    move(second, xiuying["deputy"], D(2026, 7, 10), by="zy_leader")


def test_only_the_intermediate_court_approves(xiuying):
    from django.core.exceptions import PermissionDenied

    p = plan()
    move(p, xiuying["deputy"], D(2026, 7, 1))
    submit_rotation_plan(by=user("xy_director"), plan=p)
    with pytest.raises(PermissionDenied):
        decide_rotation_plan(by=user("xy_director"), plan=p, approve=True)
    decide_rotation_plan(by=user("zy_leader"), plan=p, approve=True, note="同意")
    assert RotationPlan.objects.get(pk=p.pk).status == RotationPlanStatus.APPROVED


def test_carrying_out_writes_the_history_and_opens_handovers(xiuying):
    today = timezone.localdate()
    p = plan()
    move(p, xiuying["deputy"], today)  # to a trial department
    move(
        p,
        xiuying["deputy2"],
        today,
        destination_bureau=bureau("琼0106"),
        destination_post="deputy_director",
    )
    submit_rotation_plan(by=user("xy_director"), plan=p)
    decide_rotation_plan(by=user("zy_leader"), plan=p, approve=True, note="同意")
    carry_out_rotation_plan(by=user("xy_director"), plan=p)
    left = Position.objects.get(officer=xiuying["deputy"], post="deputy_director")
    assert left.ended_on == today - datetime.timedelta(days=1) and left.end_reason == "rotation"
    assert TrialExchange.objects.get(officer=xiuying["deputy"]).department == "民事审判第一庭"
    gone = xiuying["deputy"]
    gone.refresh_from_db()
    assert not gone.is_active and not gone.user.is_active  # left the enforcement staff
    moved = xiuying["deputy2"]
    moved.refresh_from_db()
    assert moved.bureau == bureau("琼0106")
    assert Position.objects.filter(officer=moved, bureau=bureau("琼0106"), ended_on=None).exists()
    assert Handover.objects.filter(status=HandoverStatus.OPEN).count() == 2


def test_the_page_shows_the_refusal(login, xiuying):
    p = plan()
    move(p, xiuying["director"], D(2026, 7, 1))
    response = english(login("xy_director")).post(
        f"/people/rotation-plans/{p.pk}/items/new/",
        {
            "officer": xiuying["deputy"].pk,
            "effective_on": "2026-07-01",
            "destination_department": "立案庭",
        },
    )
    assert response.status_code == 200
    assert "not rotated at the same time" in response.content.decode()

"""The menu fits the role (issue 16 item 7): entries show by permission and by the
audience each app names for them, so a clerk does not get the director's menu."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from haikou_exec.navigation import navigation


def _menu(username: str) -> set[str]:
    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(username=username)
    groups = navigation(request)["nav_groups"]
    return {item["url"] for group in groups for item in group["items"]}


@pytest.mark.django_db
def test_each_role_gets_its_own_menu(org):
    from django.urls import reverse

    menus = {
        name: _menu(name)
        for name in (
            "xy_clerk",
            "xy_judge",
            "xy_director",
            "zy_leader",
            "supervisor",
            "center_staff",
            "xs_judge",
            "xy_admin",
            "admin",
        )
    }
    url = reverse
    # Everyone who works cases finds them.
    for name in ("xy_clerk", "xy_judge", "xy_director", "zy_leader", "xs_judge"):
        assert url("cases:case_list") in menus[name], name
    # The clerk and the judge: case work, not the bureau's management.
    for name in ("xy_clerk", "xy_judge"):
        for hidden in (
            "command_center:dispatch_list",
            "personnel:staffing",
            "supervision:rule_list",
            "assessment:scheme_list",
            "command_center:directive_list",
        ):
            assert url(hidden) not in menus[name], (name, hidden)
    assert url("command_center:query_list") in menus["xy_judge"]
    # Leadership manages; supervision supervises; the centre works its queues.
    for shown in ("personnel:staffing", "command_center:dashboard", "supervision:order_list"):
        assert url(shown) in menus["zy_leader"], shown
    assert url("supervision:rule_list") in menus["supervisor"]
    assert url("personnel:staffing") not in menus["supervisor"]
    assert url("command_center:dispatch_list") in menus["center_staff"]
    assert url("supervision:case_list") not in menus["center_staff"]
    assert url("cases:criminal_judgment_list") in menus["xs_judge"]
    assert url("cases:criminal_judgment_list") not in menus["xy_judge"]
    # The superuser sees every entry; a clerk far fewer than the leadership.
    assert menus["admin"] >= menus["zy_leader"]
    assert len(menus["xy_clerk"]) + 20 <= len(menus["zy_leader"])

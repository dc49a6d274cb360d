"""In real Chromium (issue 16): a judge logs in, sees an overdue step on the home
page's worklist, follows it to the case, completes the step there, and it
leaves the list. Runs on a set day (Thursday 3 December 2026, Asia/Shanghai)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model

from cases.models import CaseNode
from personnel.demo import DEMO_PASSWORD
from tests.command_center.conftest import assign_to_xy_team, file_demo_case

NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
TODAY = NOW.date()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_judge_follows_an_overdue_step_from_home_and_it_leaves_the_list(browser, live_server, org):
    with time_machine.travel(NOW, tick=True):
        User = get_user_model()

        def user(name):
            return User.objects.get(username=name)

        case = assign_to_xy_team(file_demo_case(user("xy_judge"), seed=611, filed_on=TODAY), user)
        nodes = CaseNode.objects.filter(case=case, status="open")
        nodes.update(due_on=TODAY + dt.timedelta(days=60))
        node = nodes.exclude(definition__code="funds_disbursement").order_by("pk").first()
        CaseNode.objects.filter(pk=node.pk).update(due_on=TODAY - dt.timedelta(days=3))

        context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.set_default_timeout(20000)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", "xy_judge")
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("#login-form button[type=submit]")
        page.wait_for_selector("#worklist")

        deadlines = page.locator("#wl-deadlines")
        item = deadlines.locator("a.wl-item", has_text=case.case_number)
        assert item.count() == 1
        assert "超期 3 天" in deadlines.inner_text()
        item.click()
        page.wait_for_selector("#case-number")
        assert page.inner_text("#case-number") == case.case_number
        assert page.url.endswith(f"/cases/{case.pk}/#nodes")

        page.click(f'#nodes tr[data-node="{node.definition.code}"] a[href$="/complete/"]')
        page.fill("input[name=completed_on]", TODAY.isoformat())
        page.click("form.action-form button[type=submit]")
        page.wait_for_selector("#case-number")
        assert CaseNode.objects.get(pk=node.pk).status == "done"

        page.goto(f"{live_server.url}/")
        page.wait_for_selector("#worklist")
        assert case.case_number not in page.inner_text("#wl-deadlines")
        context.close()

"""The release after performance in real Chromium (issue 17, finding 2): the judge
opens a case closed 执行完毕, sees the releases due, releases the dishonest listing
and reads 已撤销. A screenshot of the case page is kept for review
(/tmp/lawa-release-case-page.png)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cases.services import closing, ledger, measures
from tests.browser.test_case_journey import log_in, submit
from tests.cases.conftest import filing_data

# A set working day (the live server runs in this process, so it shares the clock).
NOW = dt.datetime(2026, 11, 19, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@time_machine.travel(NOW, tick=True)
def test_the_judge_releases_a_listing_on_the_closed_case(browser, live_server, org):
    from django.contrib.auth import get_user_model

    from cases.services.assignment import assign_case
    from cases.services.filing import file_case
    from personnel.models import Team

    users = get_user_model().objects
    judge, director = users.get(username="xy_judge"), users.get(username="xy_director")
    today = NOW.date()  # filing is dated the day it happens: the set day
    case = file_case(user=judge, data=filing_data(filed_on=today, amount="20000.00"))
    team = Team.objects.get(
        bureau__court__code="琼0105", memberships__officer__user__username="xy_judge"
    )
    assign_case(user=director, case_id=case.pk, team_id=team.pk, reason="承办法官专业对口")
    listing = measures.add_measure(
        user=judge,
        case_id=case.pk,
        kind="dishonest_listing",
        description="纳入失信被执行人名单",
        started_on=today,
    )
    measures.add_measure(
        user=judge,
        case_id=case.pk,
        kind="consumption_restriction",
        description="限制高消费",
        started_on=today,
    )
    ledger.record_receipt(
        user=judge,
        case_id=case.pk,
        amount="20000.00",
        counterparty="海南椰城贸易有限公司",
        occurred_on=today,
        idempotency_key=f"browser-release-{case.pk}",
    )
    closing.close_case(
        user=judge,
        case_id=case.pk,
        closing_type="fully_executed",
        closed_on=today,
        allow_balance=True,
    )

    page = log_in(browser, live_server, "xy_judge")
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.wait_for_selector("#releases-due")
    assert "3个工作日内删除失信信息" in page.inner_text("#releases-due")
    page.click(f"a.measure-release[href$='/measures/{listing.pk}/release/']")
    submit(page)
    page.wait_for_selector("#measures")
    table = page.inner_text("#measures")
    assert "已撤销" in table and "删除失信信息决定书" in table
    page.screenshot(path="/tmp/lawa-release-case-page.png", full_page=True)

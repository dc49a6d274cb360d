"""The pages field officers open on a phone (issue 16 item 8), in real Chromium at
390 px: the home page, the case page and the field-record pages have no
horizontal overflow, and no party name is squeezed to a character per line.
With HAIKOU_SCREENSHOT_DIR set, each page is also saved as a PNG to look at."""

from __future__ import annotations

import datetime as dt
import os
import random
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model

from cases.services.agents import AgentData
from cases.services.filing import FilingData
from cases.services.measures import add_measure, record_finding
from cases.services.parties import PartyData
from haikou_exec.identifiers import make_resident_id, make_uscc
from personnel.demo import DEMO_PASSWORD
from tests.cases.conftest import file_on_its_day
from tests.command_center.conftest import assign_to_xy_team

NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
TODAY = NOW.date()
WIDTH = 390

# Elements whose text is squeezed narrower than three characters while it has more.
SQUEEZED = """(selector) => [...document.querySelectorAll(selector)].filter(e => {
    if (!e.offsetParent) return false;
    const text = e.textContent.trim();
    const size = parseFloat(getComputedStyle(e).fontSize);
    return text.length > 3 && e.getBoundingClientRect().width < size * 3;
}).map(e => e.textContent.trim())"""

OVERFLOW = """() => [document.documentElement.scrollWidth,
    [...document.querySelectorAll('main *')].filter(e => {
        const r = e.getBoundingClientRect();
        return e.offsetParent && r.right > window.innerWidth + 1
            && !e.closest('.table-responsive, .overflow-auto, table');
    }).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + e.textContent.trim().slice(0, 30))]"""


def a_case_with_much_on_it(user):
    rng = random.Random(912)
    case = file_on_its_day(
        user("xy_judge"),
        FilingData(
            case_type="执",
            title_issuer="海口市秀英区人民法院",
            title_document_number="（2026）琼0105民初912号",
            title_effective_on=TODAY - dt.timedelta(days=90),
            amount_claimed=Decimal("13661803.50"),
            filed_on=TODAY - dt.timedelta(days=40),
            cause="建设工程施工合同纠纷",
            parties=[
                PartyData(
                    role="applicant",
                    kind="legal",
                    name="海南省海口市秀英区长流镇某某建筑工程劳务有限责任公司",
                    id_number=make_uscc(rng),
                    phone="0898-68000000",
                ),
                PartyData(
                    role="applicant", kind="natural", name="王海生", id_number=make_resident_id(rng)
                ),
                PartyData(
                    role="respondent",
                    kind="legal",
                    name="海口南港国际物流供应链管理有限公司",
                    id_number=make_uscc(rng),
                    address="海南省海口市秀英区港澳大道88号南港物流园A区3栋",
                ),
                PartyData(role="respondent", kind="natural", name="欧阳建设", phone="13907550000"),
            ],
            agents=[
                (
                    0,
                    AgentData(
                        kind="lawyer",
                        name="周晓明",
                        organisation="海南椰风海韵律师事务所",
                        licence_number="14601201910123456",
                        authority="special",
                    ),
                )
            ],
        ),
    )
    case = assign_to_xy_team(case, user)
    judge = user("xy_judge")
    add_measure(
        user=judge,
        case_id=case.pk,
        kind="seizure",
        asset_type="real_estate",
        description="海口市秀英区滨海大道某小区5栋2单元1801房（不动产权证号琼（2024）海口市不动产权第0012345号）",
        amount=Decimal("2860000.00"),
        started_on=TODAY - dt.timedelta(days=20),
        expires_on=TODAY + dt.timedelta(days=3 * 365 - 20),
        reference="（2026）琼0105执912号之一",
    )
    record_finding(
        user=judge,
        case_id=case.pk,
        source="online",
        asset_type="bank_deposit",
        description="中国工商银行海口秀英支行 账号6222********1234 余额",
        estimated_value=Decimal("15230.27"),
        source_reference="icbc:demo-1",
    )
    return case


def _check(page, name: str, shots: Path | None) -> None:
    width, culprits = page.evaluate(OVERFLOW)
    if shots:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    assert width <= WIDTH, (name, width, culprits)
    assert page.evaluate(SQUEEZED, ".party-name, main h1, main h2, .wl-item") == [], name


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_home_case_and_field_record_pages_fit_a_phone(browser, live_server, org):
    shots = os.environ.get("HAIKOU_SCREENSHOT_DIR")
    shots = Path(shots) if shots else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    with time_machine.travel(NOW, tick=True):
        User = get_user_model()

        def user(name):
            return User.objects.get(username=name)

        case = a_case_with_much_on_it(user)
        context = browser.new_context(locale="zh-CN", viewport={"width": WIDTH, "height": 844})
        page = context.new_page()
        page.set_default_timeout(20000)
        try:
            page.goto(f"{live_server.url}/accounts/login/")
            page.fill("input[name=username]", "xy_judge")
            page.fill("input[name=password]", DEMO_PASSWORD)
            page.click("#login-form button[type=submit]")
            page.wait_for_selector("#worklist")
            _check(page, "judge-home", shots)

            page.goto(f"{live_server.url}{case.get_absolute_url()}")
            page.wait_for_selector("#case-number")
            _check(page, "case", shots)

            page.click("#act-field")
            page.wait_for_selector("form.action-form")
            _check(page, "field-record-new", shots)
            page.fill("input[name=started_at]", "2026-12-03T08:30")
            page.fill("input[name=place]", "海口市秀英区滨海大道某小区5栋")
            page.fill("input[name=activity]", "张贴查封公告")
            page.fill("textarea[name=account]", "执行人员到达现场，张贴查封公告并拍照留存。")
            page.locator("select[name=officers] option").first.click()
            page.click("form.action-form button[type=submit]")
            page.wait_for_selector("main h1")
            _check(page, "field-record", shots)

            page.goto(f"{live_server.url}/centre/field-records/")
            page.wait_for_selector("main h1")
            _check(page, "field-records", shots)
        finally:
            context.close()

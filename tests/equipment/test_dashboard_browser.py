"""The equipment dashboard in real Chromium: the ECharts charts draw (served
locally) and a figure leads to the list behind it.

Chromium is driven from a child process: the browser tests of tests/browser keep
their session-wide Playwright open in this process, and a second sync
Playwright cannot run beside it."""

import json
import subprocess
import sys

import pytest

from equipment.demo import seed_equipment
from personnel.demo import DEMO_PASSWORD
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import require_tool

pytestmark = pytest.mark.browser

SCRIPT = r"""
import json, sys
from playwright.sync_api import sync_playwright

base, password, chromium, args = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
with sync_playwright() as pw:
    browser = pw.chromium.launch(executable_path=chromium, headless=True, args=args)
    page = browser.new_page(locale="zh-CN")
    page.set_default_timeout(20000)
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", "zy_leader")
    page.fill("input[name=password]", password)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(base + "/")
    page.goto(base + "/equipment/")
    page.wait_for_selector("#score-chart canvas")
    page.wait_for_selector("#category-chart canvas")
    result = {"echarts": page.evaluate("typeof echarts"), "title": page.locator("h1").inner_text()}
    figure = page.locator('tr[data-court="琼0108"] td').nth(3).locator("a")
    result["figure"] = int(figure.inner_text())
    figure.click()
    page.wait_for_url("**/equipment/items/**")
    result["courts"] = page.eval_on_selector_all("tr[data-court]", "rows => rows.map(r => r.dataset.court)")
    browser.close()
print(json.dumps(result))
"""


@pytest.mark.django_db(transaction=True)
def test_city_dashboard_draws_charts_and_figures_open_their_lists(live_server, org):
    require_tool(CHROMIUM)
    seed_equipment(seed=5)
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            SCRIPT,
            live_server.url,
            DEMO_PASSWORD,
            CHROMIUM,
            json.dumps(CHROMIUM_ARGS),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["echarts"] == "object"
    assert result["title"] == "全市装备"
    # 美兰's "in service" figure opens 美兰's in-service items, and only those.
    assert result["courts"] and set(result["courts"]) == {"琼0108"}
    assert len(result["courts"]) == min(result["figure"], 50)

"""The equipment dashboard in real Chromium: the ECharts charts draw (served
locally) and a figure leads to the list behind it."""

import pytest

from equipment.demo import seed_equipment
from personnel.demo import DEMO_PASSWORD
from tests.browser.conftest import browser, page  # noqa: F401  (the Chromium fixtures)

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_city_dashboard_draws_charts_and_figures_open_their_lists(live_server, page, org):  # noqa: F811
    seed_equipment(seed=5)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "zy_leader")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("#login-form button[type=submit]")
    page.goto(live_server.url + "/equipment/")
    page.wait_for_selector("#score-chart canvas")
    page.wait_for_selector("#category-chart canvas")
    assert page.evaluate("typeof echarts") == "object"
    # 美兰's "in service" figure opens 美兰's in-service items, and only those.
    row = page.locator('tr[data-court="琼0108"]')
    figure = row.locator("td").nth(3).locator("a")
    shown = int(figure.inner_text())
    figure.click()
    page.wait_for_url("**/equipment/items/**")
    courts = page.eval_on_selector_all("tr[data-court]", "rows => rows.map(r => r.dataset.court)")
    assert courts and set(courts) == {"琼0108"}
    total = min(shown, 50)  # one page of the list
    assert len(courts) == total

"""The structure charts render in real Chromium from the locally served ECharts,
and a click on a bar opens the officers behind it."""

import pytest

from personnel.demo import DEMO_PASSWORD, seed_officers, seed_people


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_structure_charts_render_and_bars_link_to_officers(page, live_server, org):
    seed_officers(per_bureau=8, seed=3)
    seed_people(seed=3)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_server.url}/accounts/login/?next=/people/structure/")
    page.fill("input[name=username]", "zy_leader")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#chart-age canvas")
    assert page.locator("#chart-education canvas").count() == 1
    assert page.locator("#chart-qualification-city canvas").count() == 1
    assert all(url.startswith(live_server.url) for url in requests), requests
    # The city-wide total of the age table opens the officer list with that many rows.
    total = page.locator("#table-age tr.fw-bold td:last-child a")
    expected = int(total.inner_text())
    total.click()
    page.wait_for_selector("table")
    assert page.locator("tr[data-court]").count() == min(expected, 50)

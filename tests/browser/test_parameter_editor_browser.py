"""In real Chromium (issue 16): a scheme row shows the parameter fields of the kind
chosen, and switches them when the kind changes (static/js/app.js); the page
never asks for JSON."""

from __future__ import annotations

import pytest

from personnel.demo import DEMO_PASSWORD


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_scheme_row_shows_the_fields_of_its_kind(browser, live_server, org):
    from assessment.reference_data import seed_reference_data

    seed_reference_data()  # a transactional test's flush wipes the migration's rows
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "zy_leader")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("#login-form button[type=submit]")
    page.goto(f"{live_server.url}/assessment/schemes/new/")
    page.wait_for_selector("#components")
    assert "JSON" not in page.content()

    rows = page.locator("tr[data-param-row]")
    first = rows.nth(0)  # the default scheme's first row: an indicator with its target
    assert first.locator('[data-param-kind="indicator"]').is_visible()
    assert not first.locator('[data-param-kind="supervision"]').is_visible()

    row = rows.nth(rows.count() - 1)  # an empty row: no kind, no fields
    supervision = row.locator('[data-param-kind="supervision"]')
    indicator = row.locator('[data-param-kind="indicator"]')
    assert not supervision.is_visible() and not indicator.is_visible()
    row.locator('select[name$="-kind"]').select_option("supervision")
    assert supervision.is_visible() and not indicator.is_visible()
    assert "巡查发现轻微问题每项扣分（分）" in supervision.inner_text()
    row.locator('select[name$="-kind"]').select_option("indicator")
    assert indicator.is_visible() and not supervision.is_visible()
    row.locator('select[name$="-kind"]').select_option("equipment")
    assert not indicator.is_visible() and not supervision.is_visible()
    context.close()

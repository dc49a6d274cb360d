"""The leadership dashboard in real Chromium: the figures and charts render, and
a number drills down to the list of exactly the cases it counts (the table and
the chart both)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from personnel.demo import DEMO_PASSWORD


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("#login-form button[type=submit]")


def _rows_on_list(page) -> int:
    return page.locator("table tbody tr[data-court]").count()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_numbers_drill_down_to_their_cases(page, live_server, org):
    from cases.demo import seed_cases
    from cases.models import EnforcementCase

    seed_cases(count=60, seed=4, years=(timezone.localdate().year,), today=timezone.localdate())
    log_in(page, live_server, "zy_leader")
    page.wait_for_selector("#dashboard-figures")
    # The charts are drawn (ECharts served locally).
    page.wait_for_function(
        "window.echarts && echarts.getInstanceByDom(document.getElementById('chart-cases'))"
    )
    assert page.locator("#chart-cases canvas").count() >= 1

    # Table: the 龙华 "pending" figure → the case list of exactly those cases.
    row = page.locator('#dashboard-table tr[data-court-code="琼0106"]')
    figure = row.locator('a[data-figure="pending"]')
    shown = int(figure.inner_text())
    expected = EnforcementCase.objects.filter(court__code="琼0106").exclude(status="closed").count()
    assert shown == expected > 0
    figure.click()
    page.wait_for_url("**/cases/?**")
    assert "is_open=true" in page.url
    assert _rows_on_list(page) == shown
    assert set(
        page.locator("table tbody tr[data-court]").evaluate_all(
            "rs => rs.map(r => r.dataset.court)"
        )
    ) == {"琼0106"}

    # Headline: new cases this year, city-wide.
    page.goto(f"{live_server.url}/")
    page.wait_for_selector("#total-new")
    total_new = int(page.inner_text("#total-new").replace(",", ""))
    assert (
        total_new
        == EnforcementCase.objects.filter(filed_on__year=timezone.localdate().year).count()
    )

    # Chart: click the bar of 秀英's new cases; the same list opens.
    page.wait_for_function("echarts.getInstanceByDom(document.getElementById('chart-cases'))")
    # The leader's home lists decisions waiting above the figures: the chart may start
    # below the fold, and a click there would land outside the window.
    page.locator("#chart-cases").scroll_into_view_if_needed()
    page.wait_for_timeout(1500)  # the bars grow in (ECharts' 1 s animation) before they take clicks
    point = page.evaluate(
        """() => {
            const chart = echarts.getInstanceByDom(document.getElementById('chart-cases'));
            const rows = JSON.parse(document.getElementById('dashboard-data').textContent);
            const index = rows.findIndex(r => r.code === '琼0105');
            // The bar of series 0 ("new") of that court: its laid-out rectangle.
            const bar = chart.getModel().getSeriesByIndex(0).getData().getItemLayout(index);
            const box = document.getElementById('chart-cases').getBoundingClientRect();
            return {x: box.left + bar.x + bar.width / 2, y: box.top + bar.y + bar.height / 2, value: rows[index].new};
        }"""
    )
    page.mouse.move(point["x"], point["y"])
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url("**/cases/?**")
    assert "filed_from=" in page.url and "%E7%90%BC0105" in page.url
    assert (
        _rows_on_list(page)
        == point["value"]
        == EnforcementCase.objects.filter(
            court__code="琼0105", filed_on__year=timezone.localdate().year
        ).count()
    )

    # The command-room screen: full screen, no navigation, the same figures.
    page.goto(f"{live_server.url}/centre/dashboard/screen/")
    page.wait_for_selector("#go-fullscreen")
    assert page.locator("nav").count() == 0
    assert int(page.inner_text("#total-new").replace(",", "")) == total_new

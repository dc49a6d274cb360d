"""The pages work under the Content-Security-Policy in real Chromium: no
violation reported on the pages with charts, htmx and the API docs."""

from __future__ import annotations

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_work_under_the_policy_in_chromium(page, live_server, org):
    """No CSP violation on the pages with charts, htmx and the API docs; the
    charts draw and the language switch (formerly an inline handler) works."""
    from django.utils import timezone

    from cases.demo import seed_cases
    from personnel.demo import DEMO_PASSWORD

    seed_cases(count=20, seed=5, years=(timezone.localdate().year,), today=timezone.localdate())
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text
            else None
        ),
    )
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", "zy_leader")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#dashboard-figures")
    page.wait_for_function(
        "window.echarts && echarts.getInstanceByDom(document.getElementById('chart-cases'))"
    )
    for path in ["/centre/dashboard/", "/centre/dashboard/screen/", "/cases/", "/api/docs/"]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    assert page.locator(".swagger-ui").count() == 1  # Swagger UI started (split init script)
    page.goto(f"{live_server.url}/cases/")
    page.select_option("select[name=language]", "en")
    page.wait_for_load_state("load")
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert violations == []

"""The structure charts render in real Chromium from the locally served ECharts,
and a figure opens the officers behind it.

Driven with Playwright's async API in a thread of its own: the browser tests'
session-wide sync Playwright (tests/browser) may already own this thread's event
loop, and a second sync instance cannot start beside it."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from personnel.demo import DEMO_PASSWORD, seed_officers, seed_people
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import require_tool


async def _scenario(base_url: str) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = await (await browser.new_context(locale="zh-CN")).new_page()
            page.set_default_timeout(15000)
            requests = []
            page.on("request", lambda r: requests.append(r.url))
            await page.goto(f"{base_url}/accounts/login/?next=/people/structure/")
            await page.fill("input[name=username]", "zy_leader")
            await page.fill("input[name=password]", DEMO_PASSWORD)
            await page.click("#login-form button[type=submit]")
            await page.wait_for_selector("#chart-age canvas")
            result = {
                "canvases": [
                    await page.locator(f"#chart-{key} canvas").count()
                    for key in ("age", "age-city", "education", "qualification-city")
                ],
                "requests": requests,
            }
            total = page.locator("#table-age tr.fw-bold td:last-child a")
            result["expected"] = int(await total.inner_text())
            await total.click()
            await page.wait_for_selector("h1")
            result["rows"] = await page.locator("tr[data-court]").count()
            result["url"] = page.url
            return result
        finally:
            await browser.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_structure_charts_render_and_figures_link_to_officers(live_server, org):
    require_tool(CHROMIUM)
    seed_officers(per_bureau=8, seed=3)
    seed_people(seed=3)
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(asyncio.run, _scenario(live_server.url)).result(timeout=180)
    assert result["canvases"] == [1, 1, 1, 1]
    assert all(url.startswith(live_server.url) for url in result["requests"]), result["requests"]
    assert "/people/officers/" in result["url"]
    assert result["rows"] == min(result["expected"], 50)

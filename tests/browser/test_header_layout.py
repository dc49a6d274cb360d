"""The header at a desktop width and on a phone (issue 16): no menu label is broken
inside a word (首页 on one line, not 首/页), and the tools stay usable."""

import pytest

from tests.browser.test_login_and_language import log_in

WRAPPED = """() => [...document.querySelectorAll(
    '#mainnav .nav-link, #mainnav .btn, .navbar-brand')].filter(e => e.offsetParent).map(e => {
    const style = getComputedStyle(e);
    const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
    const inner = e.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    return [e.textContent.trim(), inner > line * 1.5];
}).filter(([, wrapped]) => wrapped).map(([label]) => label)"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1200, 1024, 390])
def test_menu_labels_never_wrap_inside_a_word(browser, live_server, org, width):
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        log_in(page, live_server, "zy_leader")  # the longest menu
        page.wait_for_selector("#home-title")
        page.goto(f"{live_server.url}/cases/")
        page.wait_for_selector("h1")
        if width < 992:
            page.click(".navbar-toggler")
            page.wait_for_selector("#mainnav.show")
        labels = page.eval_on_selector_all("#mainnav .nav-link", "els => els.length")
        assert labels >= 5
        assert page.evaluate(WRAPPED) == []
        search = page.locator("#header-search input[name=q]").bounding_box()
        assert search and search["width"] >= 150, search
        # The list page's title is not squeezed to one character per line either.
        title = page.locator("main h1").first.bounding_box()
        assert title and title["height"] < 50, title
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()

import pytest
from playwright.sync_api import expect

from personnel.demo import DEMO_PASSWORD


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("#login-form button[type=submit]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("username", "zh_title", "en_title"),
    [
        ("xy_judge", "我的工作", "My work"),
        ("zy_leader", "全市执行指挥看板", "City-wide command dashboard"),
    ],
)
def test_login_lands_on_role_home_in_chinese_then_english(
    page, live_server, org, username, zh_title, en_title
):
    log_in(page, live_server, username)
    page.wait_for_selector("#home-title")
    assert page.inner_text("#home-title") == zh_title
    assert page.get_attribute("html", "lang") == "zh-hans"
    # The select submits itself through app.js, loaded at the end of the page: wait
    # for it (the dashboard's charts make that page the slowest to finish loading).
    page.wait_for_load_state("load")
    page.select_option("#language-form select[name=language]", "en")
    # Playwright's own wait (no string evaluated in the page: the CSP forbids eval).
    expect(page.locator("#home-title")).to_have_text(en_title, timeout=15_000)
    assert page.get_attribute("html", "lang") == "en"
    # The language sticks across pages.
    page.click("nav >> text=People")
    page.click("nav >> text=Officers")
    page.wait_for_selector("h1")
    assert page.inner_text("h1") == "Officers"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_wrong_password_says_so(page, live_server, org):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "xy_judge")
    page.fill("input[name=password]", "wrong-password")
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#login-form .text-danger")
    assert "请输入一个正确的用户名和密码" in page.inner_text("#login-form .text-danger")

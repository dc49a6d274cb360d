"""The monthly report workflow in real Chromium: the district director edits
(a changed figure needs a reason), submits; the intermediate court returns it
with remarks; the director corrects and resubmits; the intermediate court accepts.

Chromium is driven from a thread of its own: Playwright's sync API may run only
once per thread, and the session-wide browser of tests/browser may be open."""

import datetime as dt
import threading

import pytest
from django.utils import timezone

from personnel.demo import DEMO_PASSWORD
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import require_tool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def in_chromium(steps):
    """Run ``steps(page)`` in Chromium on a separate thread; re-raise its failure."""
    errors = []

    def run():
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
                )
                context = browser.new_context(locale="zh-CN")
                page = context.new_page()
                page.set_default_timeout(20000)
                try:
                    steps(page)
                finally:
                    context.close()
                    browser.close()
        except BaseException as exc:  # handed back to the test thread
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=300)
    assert not thread.is_alive(), "Chromium did not finish"
    if errors:
        raise errors[0]


def test_monthly_report_workflow(live_server, org):
    from assessment.models import MonthlyReport
    from assessment.reference_data import seed_reference_data
    from assessment.services.reports import prepare_report
    from courts.models import Court

    require_tool(CHROMIUM)
    seed_reference_data()
    report = prepare_report(court=Court.objects.get(code="琼0105"), year=2026, month=10)
    MonthlyReport.objects.filter(pk=report.pk).update(
        due_on=timezone.localdate() + dt.timedelta(days=3)
    )
    url = f"{live_server.url}/assessment/reports/{report.pk}/"

    def log_in(page, username):
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("#login-form button[type=submit]")
        page.wait_for_load_state()

    def steps(page):
        log_in(page, "xy_director")
        page.goto(url)
        assert page.inner_text("#report-status") == "草稿"
        page.click("#edit-report")
        page.fill("input[name=fig_received]", "12")
        page.fill("textarea[name=summary]", "本月新收案件增加，结案平稳。")
        page.click("#report-form button[type=submit]")
        page.wait_for_selector(".invalid-feedback, .text-danger")
        assert "请说明数据与系统数据不一致的理由" in page.content()
        page.fill("textarea[name=reason]", "补录系统外收案")
        page.click("#report-form button[type=submit]")
        page.wait_for_selector("#report-status")
        assert page.inner_text("tr[data-figure=received] .reported") == "12"
        edits = page.inner_text("#edits")
        # The figure by its name, the reason and who changed it.
        assert "补录系统外收案" in edits and "新收案件数" in edits and "received" not in edits
        page.click("#submit-report")
        page.wait_for_selector("#report-status")
        assert page.inner_text("#report-status") == "已报送"

        log_in(page, "supervisor")
        page.goto(url)
        page.click("#review-report")
        page.check("input[name=decision][value=return]")
        page.fill("textarea[name=remarks]", "新收案件数与系统不符，请附说明")
        page.click("form.assessment-form button[type=submit]")
        page.wait_for_selector("#report-status")
        assert page.inner_text("#report-status") == "退回修改"

        log_in(page, "xy_director")
        page.goto(url)
        assert "新收案件数与系统不符" in page.inner_text("#review-remarks")
        page.click("#submit-report")
        page.wait_for_selector("#report-status")
        assert page.inner_text("#report-status") == "已报送"

        log_in(page, "zy_leader")
        page.goto(url)
        page.click("#review-report")
        page.check("input[name=decision][value=accept]")
        page.click("form.assessment-form button[type=submit]")
        page.wait_for_selector("#report-status")
        assert page.inner_text("#report-status") == "已认可"
        assert (
            page.locator("#edit-report").count() == 0
            and page.locator("#submit-report").count() == 0
        )

    in_chromium(steps)
    report.refresh_from_db()
    assert (
        report.status == "accepted"
        and report.submissions.count() == 2
        and not report.submitted_late
    )
    assert report.edits.get().reason == "补录系统外收案"

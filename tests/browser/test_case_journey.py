"""A case's whole life in real Chromium: file → assign → notice PDF → seizure →
receipt → approved disbursement → close as 执行完毕."""

import datetime as dt

import pytest

from cases.models import EnforcementCase
from personnel.demo import DEMO_PASSWORD


def log_in(browser, live_server, username):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#home-title")
    return page


def submit(page):
    page.click("form.action-form button[type=submit]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_case_from_filing_to_fully_executed(browser, live_server, org):
    today = dt.date.today()
    judge = log_in(browser, live_server, "xy_judge")
    judge.goto(f"{live_server.url}/cases/file/")
    judge.fill("input[name=title_issuer]", "海口市秀英区人民法院")
    judge.fill("input[name=title_document_number]", "（2026）琼0105民初321号")
    judge.fill("input[name=title_effective_on]", (today - dt.timedelta(days=60)).isoformat())
    judge.fill("input[name=cause]", "买卖合同纠纷")
    judge.fill("input[name=amount_claimed]", "20000")
    judge.fill("input[name=parties-0-name]", "吴海峰")
    judge.select_option("select[name=parties-1-kind]", "legal")
    judge.fill("input[name=parties-1-name]", "海口南港物流有限公司")
    # A second respondent and an agent, added on the same screen (issue 16 item 5).
    judge.click("#add-respondent")
    judge.select_option("select[name=parties-2-kind]", "natural")
    judge.fill("input[name=parties-2-name]", "欧阳建设")
    judge.click("#add-agent")
    judge.select_option("select[name=agents-0-represents]", "1")
    judge.select_option("select[name=agents-0-kind]", "relative_or_staff")
    judge.fill("input[name=agents-0-name]", "吴海燕")
    judge.click("#filing-form button[type=submit]")
    judge.wait_for_selector("#case-number")
    case = EnforcementCase.objects.get()
    assert judge.inner_text("#case-number") == case.case_number == f"（{today.year}）琼0105执1号"
    assert sorted(case.parties.values_list("role", "name")) == [
        ("applicant", "吴海峰"),
        ("respondent", "欧阳建设"),
        ("respondent", "海口南港物流有限公司"),
    ]
    assert case.agents.get().party.name == "吴海峰"

    director = log_in(browser, live_server, "xy_director")
    director.goto(f"{live_server.url}/cases/{case.pk}/assign/")
    director.select_option("select[name=team]", index=1)
    director.fill("textarea[name=reason]", "承办团队案件量较少")
    submit(director)
    director.wait_for_selector("#case-team")
    assert "吴文杰" in director.inner_text("#case-team")

    judge.goto(f"{live_server.url}/cases/{case.pk}/")
    judge.click("#document-generate button.dropdown-toggle")
    judge.click("button[name=kind][value=enforcement_notice]")
    judge.wait_for_selector(".dossier-download")
    assert "执行通知书" in judge.inner_text("#dossier")

    judge.goto(f"{live_server.url}/cases/{case.pk}/measures/add/")
    judge.select_option("select[name=kind]", "seizure")
    judge.select_option("select[name=asset_type]", "real_estate")
    judge.fill("input[name=description]", "海口市秀英区滨海大道88号房产")
    judge.fill("input[name=expires_on]", (today + dt.timedelta(days=700)).isoformat())
    submit(judge)
    judge.wait_for_selector("#measures")
    assert "滨海大道88号" in judge.inner_text("#measures")

    judge.click("#record-receipt")
    judge.fill("input[name=amount]", "20000")
    judge.fill("input[name=counterparty]", "海口南港物流有限公司")
    submit(judge)
    judge.wait_for_selector("#account-balance")
    assert judge.inner_text("#account-balance").replace(",", "").startswith("20000")

    judge.click("#request-disbursement")
    judge.select_option("select[name=payee]", index=1)
    judge.fill("input[name=payee_account]", "6222021234567890")
    judge.fill("input[name=amount]", "20000")
    submit(judge)

    director.goto(f"{live_server.url}/cases/{case.pk}/")
    director.click(".decide-disbursement")
    director.check("input[name=approve][value='1']")
    director.fill("textarea[name=opinion]", "同意发放")
    submit(director)
    director.wait_for_selector("#account-balance")
    assert director.inner_text("#account-balance").replace(",", "").startswith("0")

    judge.goto(f"{live_server.url}/cases/{case.pk}/close/")
    judge.select_option("select[name=closing_type]", "fully_executed")
    submit(judge)
    judge.wait_for_selector("#closing-type")
    assert judge.inner_text("#closing-type") == "执行完毕"
    case.refresh_from_db()
    assert (case.status, case.closing_type, case.amount_recovered) == (
        "closed",
        "fully_executed",
        20000,
    )

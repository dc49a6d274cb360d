"""A whole cross-execution flow in real Chromium (DOMAIN.md §3): 秀英's director
raises the request, the intermediate bureau's director approves it with a written
opinion, and 龙华's judge finds the new case, which links back to the original."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from cases.models import EnforcementCase, TransferRequest
from courts.models import Court
from tests.browser.test_login_and_language import log_in


def log_out(page):
    page.context.clear_cookies()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_cross_execution_from_request_to_the_receiving_court(page, live_server, org):
    from cases.services.assignment import assign_case
    from personnel.models import Team
    from tests.cases.conftest import file_on_its_day, filing_data

    User = get_user_model()
    original = file_on_its_day(User.objects.get(username="xy_judge"), filing_data())
    assign_case(
        user=User.objects.get(username="xy_director"),
        case_id=original.pk,
        team_id=Team.objects.get(memberships__officer__user__username="xy_judge").pk,
        reason="分案",
    )
    longhua = Court.objects.get(code="琼0106")

    # 1. 秀英's director raises a cross-execution request.
    log_in(page, live_server, "xy_director")
    page.wait_for_selector("#home-title")
    page.goto(f"{live_server.url}/cases/transfers/")
    page.click("#new-transfer")
    page.fill("input[name=case_number]", original.case_number.replace("（", "(").replace("）", ")"))
    page.check("input[name=kind][value=cross]")
    page.select_option("select[name=target_court]", str(longhua.pk))
    page.select_option("select[name=reason_category]", "local_protection")
    page.fill("textarea[name=reason]", "被执行人系秀英区国有企业，本院执行受到干扰，请求交叉执行。")
    page.click("#action-form button[type=submit]")
    page.wait_for_selector("#transfer-status")
    request = TransferRequest.objects.get()
    assert page.url.endswith(request.get_absolute_url())
    assert request.status == "pending" and request.source == "district"
    assert page.locator("#decide-form").count() == 0  # a district director does not decide
    log_out(page)

    # 2. The intermediate bureau's director approves with a written opinion.
    log_in(page, live_server, "zy_leader")
    page.wait_for_selector("#home-title")
    page.goto(f"{live_server.url}/cases/transfers/?status=pending")
    page.click(f"a[href='{request.get_absolute_url()}']")
    page.check("#decide-form input[name=approve][value='1']")
    page.fill("#decide-form textarea[name=opinion]", "同意交叉执行，指定龙华区人民法院执行。")
    page.click("#decide-submit")
    page.wait_for_selector("#new-case a")
    new_case = EnforcementCase.objects.get(origin_case=original)
    assert page.inner_text("#new-case a") == new_case.case_number
    # Filed on the day of the decision, the first of 龙华's in that year.
    request.refresh_from_db()
    assert new_case.filed_on == timezone.localtime(request.decided_at).date()
    assert new_case.case_number == f"（{new_case.filed_on.year}）琼0106执1号"
    original.refresh_from_db()
    assert (original.status, original.termination_reason) == ("closed", "transferred")
    log_out(page)

    # 3. 龙华's judge finds the new case; it links back to the original.
    log_in(page, live_server, "lh_judge")
    page.wait_for_selector("#home-title")
    page.goto(f"{live_server.url}/cases/")
    page.click(f"text={new_case.case_number}")
    page.wait_for_selector("#case-number")
    assert page.inner_text("#case-number") == new_case.case_number
    back = page.locator(f"a[href='{original.get_absolute_url()}']")
    assert back.count() == 1 and back.inner_text() == original.case_number
    # The original stays with 秀英: 龙华's judge cannot open it.
    response = page.goto(f"{live_server.url}{original.get_absolute_url()}")
    assert response.status == 404

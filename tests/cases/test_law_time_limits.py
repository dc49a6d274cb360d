"""Four time limits that never opened (issue 17, finding 8; DOMAIN.md §2 node
table): the enforcement notice 3 days after the handler receives the file, the
verification of the applicant's clues in 7 days (3 if urgent), the online price
inquiry and the appraisal report in 3 and 30 days. Each opens on the event that
starts it, through the page of the person who records it, with the "期限如何计算？"
explanation naming its source. (Commissioned execution's 15 / 30 days open when a
commission is received: the 委托执行 workflow, issue 17 finding 11.)"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cases.models import CaseNode
from cases.services import measures
from personnel.models import Team
from tests.cases.conftest import file_on_its_day, filing_data

DAY = dt.datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
TODAY = DAY.date()


@pytest.fixture(autouse=True)
def _on_a_set_day():
    with time_machine.travel(DAY, tick=True):
        yield


def _node(case, code):
    return CaseNode.objects.get(case=case, definition__code=code)


@pytest.mark.django_db
def test_the_enforcement_notice_is_due_3_days_after_the_file_is_received(org, user, login):
    case = file_on_its_day(user("xy_judge"), filing_data(filed_on=dt.date(2026, 11, 20)))
    assert not CaseNode.objects.filter(case=case, definition__code="enforcement_notice").exists()
    team = Team.objects.get(
        bureau__court__code="琼0105", memberships__officer__user__username="xy_judge"
    )
    response = login("xy_director").post(
        reverse("cases:case_assign", kwargs={"case_id": case.pk}),
        {"team": team.pk, "reason": "承办法官专业对口", "version": case.version},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    case.refresh_from_db()
    assert case.file_received_on == TODAY
    node = _node(case, "enforcement_notice")
    assert (node.status, node.triggered_on, node.due_on) == (
        "open",
        TODAY,
        TODAY + dt.timedelta(days=3),
    )
    page = login("xy_judge").get(case.get_absolute_url()).content.decode()
    assert "收到案卷后3日内发出执行通知书" in page  # the explanation names its source
    # Issuing the notice meets it.
    from cases.services.documents import generate_document

    generate_document(user=user("xy_judge"), case_id=case.pk, kind="enforcement_notice")
    node.refresh_from_db()
    assert (node.status, node.completed_on) == ("done", TODAY)


@pytest.mark.django_db
@pytest.mark.parametrize(("urgent", "days"), [(False, 7), (True, 3)])
def test_an_applicant_clue_is_verified_in_7_days_or_3_if_urgent(xy_case, login, user, urgent, days):
    data = {
        "source": "applicant_clue",
        "asset_type": "vehicle",
        "description": "被执行人名下小型轿车琼A12345",
        "source_reference": f"线索-{int(urgent)}",
    }
    if urgent:
        data["urgent"] = "on"
    response = login("xy_judge").post(
        reverse("cases:finding_add", kwargs={"case_id": xy_case.pk}), data
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    node = _node(xy_case, "clue_verification")
    assert (node.triggered_on, node.due_on, node.is_urgent) == (
        TODAY,
        TODAY + dt.timedelta(days=days),
        urgent,
    )
    measures.record_investigation(
        user=user("xy_judge"), case_id=xy_case.pk, kind="clue_check", done_on=TODAY, outcome="核实"
    )
    node.refresh_from_db()
    assert node.status == "done"


@pytest.mark.django_db
def test_the_appraisal_report_is_due_30_days_after_it_is_requested(xy_case, login, user):
    seizure = measures.add_measure(
        user=user("xy_judge"),
        case_id=xy_case.pk,
        kind="seizure",
        asset_type="real_estate",
        description="龙华区滨海大道某号房产",
        started_on=dt.date(2026, 11, 2),
        expires_on=dt.date(2029, 11, 1),
    )
    client = login("xy_judge")
    url = reverse("cases:valuation_request", args=[xy_case.pk, seizure.pk])
    assert (
        client.post(url, {"method": "appraisal", "requested_on": "2026-11-20"}).status_code == 302
    )
    appraisal = _node(xy_case, "appraisal_report")
    assert (appraisal.triggered_on, appraisal.due_on) == (
        dt.date(2026, 11, 20),
        dt.date(2026, 12, 20),
    )
    assert any("委托评估报告30日内" in s.get("text", "") for s in appraisal.computation)
    # Requesting it starts the reference-price procedure (30 days after the seizure).
    assert _node(xy_case, "reference_price").status == "done"
    # Only the appraisal opened, not the 3-day online inquiry.
    assert not CaseNode.objects.filter(case=xy_case, definition__code="online_price_inquiry")
    report = reverse("cases:valuation_report", args=[xy_case.pk, seizure.pk])
    assert (
        client.post(report, {"method": "appraisal", "reported_on": "2026-11-26"}).status_code == 302
    )
    appraisal.refresh_from_db()
    assert (appraisal.status, appraisal.completed_on) == ("done", dt.date(2026, 11, 26))


@pytest.mark.django_db
def test_the_online_price_inquiry_reports_in_3_days(xy_case, login, user):
    freeze = measures.add_measure(
        user=user("xy_judge"),
        case_id=xy_case.pk,
        kind="freeze",
        asset_type="securities",
        description="证券账户",
        started_on=dt.date(2026, 11, 2),
        expires_on=dt.date(2029, 11, 1),
    )
    response = login("xy_judge").post(
        reverse("cases:valuation_request", args=[xy_case.pk, freeze.pk]),
        {"method": "online_inquiry", "requested_on": "2026-11-25"},
    )
    assert response.status_code == 302
    node = _node(xy_case, "online_price_inquiry")
    assert node.due_on == dt.date(2026, 11, 28) and node.status == "open"

"""Releases after performance (issue 17, finding 2; DOMAIN.md §2 "Releases after
performance"): the award paid, or the case closed 执行完毕, proposes the release
of every 失信 listing and 限高 order within 3 working days (失信名单规定 第十条);
the judge releases them on the closed case's page with their documents; a late
release alerts the team and the director and shows on the director's home page;
lists read 已撤销 / 已解除."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import CaseNode, Measure
from cases.services import closing, ledger, measures
from command_center.services.reminders import remind_releases_late
from haikou_exec.choices import NotificationLevel
from haikou_exec.models import Notification

DAY = dt.datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
PAID_ON = dt.date(2026, 5, 6)  # a Wednesday
# Three working days after 6 May 2026: Thu 7, Fri 8 and Saturday 9 May, a
# make-up working day after 劳动节 (the holiday calendar).
RELEASE_DUE = dt.date(2026, 5, 9)


@pytest.fixture(autouse=True)
def _on_a_set_day():
    with time_machine.travel(DAY, tick=True):
        yield


def _restrict(case, user):
    judge = user("xy_judge")
    listing = measures.add_measure(
        user=judge,
        case_id=case.pk,
        kind="dishonest_listing",
        description="纳入失信被执行人名单",
        started_on=dt.date(2026, 4, 1),
        reference="（2026）琼0105执1号之一",
    )
    restriction = measures.add_measure(
        user=judge,
        case_id=case.pk,
        kind="consumption_restriction",
        description="限制高消费",
        started_on=dt.date(2026, 4, 1),
    )
    return listing, restriction


def _pay_in_full(case, user):
    judge, director = user("xy_judge"), user("xy_director")
    ledger.record_receipt(
        user=judge,
        case_id=case.pk,
        amount="250000.00",
        counterparty="海南椰城贸易有限公司",
        occurred_on=PAID_ON,
        idempotency_key=f"release-{case.pk}",
    )
    applicant = case.parties.get(role="applicant")
    request, _created = ledger.request_disbursement(
        user=judge,
        case_id=case.pk,
        amount="250000.00",
        payee_id=applicant.pk,
        payee_account="6222021234567890",
        idempotency_key=f"release-pay-{case.pk}",
    )
    ledger.decide_disbursement(user=director, request_id=request.pk, approve=True, opinion="同意")


def _release_nodes(case):
    return CaseNode.objects.filter(case=case, definition__code="measure_release")


@pytest.mark.django_db
def test_the_award_paid_proposes_the_release_of_every_listing_and_restriction(xy_case, user):
    listing, restriction = _restrict(xy_case, user)
    _pay_in_full(xy_case, user)
    nodes = {n.trigger_ref: n for n in _release_nodes(xy_case)}
    assert set(nodes) == {f"measure:{listing.pk}", f"measure:{restriction.pk}"}
    for node in nodes.values():
        assert (node.status, node.triggered_on, node.due_on) == ("open", PAID_ON, RELEASE_DUE)
        assert any("第十条" in step.get("text", "") for step in node.computation)


@pytest.mark.django_db
def test_closing_fully_executed_keeps_the_releases_open_and_the_page_offers_them(
    xy_case, user, login
):
    listing, restriction = _restrict(xy_case, user)
    _pay_in_full(xy_case, user)
    closing.close_case(
        user=user("xy_judge"),
        case_id=xy_case.pk,
        closing_type="fully_executed",
        closed_on=dt.date(2026, 5, 8),
    )
    assert set(_release_nodes(xy_case).values_list("status", flat=True)) == {"open"}
    page = login("xy_judge").get(xy_case.get_absolute_url()).content.decode()
    assert 'id="releases-due"' in page and "3个工作日内删除失信信息" in page
    for measure in (listing, restriction):
        assert reverse("cases:measure_release", args=[xy_case.pk, measure.pk]) in page


@pytest.mark.django_db
def test_the_judge_releases_on_the_closed_case_with_its_document(xy_case, user, login):
    listing, restriction = _restrict(xy_case, user)
    _pay_in_full(xy_case, user)
    closing.close_case(
        user=user("xy_judge"),
        case_id=xy_case.pk,
        closing_type="fully_executed",
        closed_on=dt.date(2026, 5, 8),
    )
    client = login("xy_judge")
    for measure in (listing, restriction):
        response = client.post(
            reverse("cases:measure_release", args=[xy_case.pk, measure.pk]),
            {"released_on": "2026-05-08"},
        )
        assert response.status_code == 302, response.content.decode()[-2000:]
    listing.refresh_from_db()
    restriction.refresh_from_db()
    assert (listing.status, listing.ended_on) == ("released", dt.date(2026, 5, 8))
    assert listing.release_document.kind == "dishonest_removal"
    assert restriction.release_document.kind == "restriction_lifted"
    pdf = restriction.release_document.dossier_file
    assert pdf.content_type == "application/pdf" and pdf.title.startswith("解除限制消费令")
    assert set(_release_nodes(xy_case).values_list("status", "completed_on")) == {
        ("done", dt.date(2026, 5, 8))
    }
    page = client.get(xy_case.get_absolute_url()).content.decode()
    assert 'id="releases-due"' not in page
    assert "已撤销" in page and "已解除" in page and "删除失信信息决定书" in page
    register = client.get(
        reverse("cases:measure_register") + "?court=琼0105&status=released"
    ).content.decode()
    assert "已撤销" in register and "已解除" in register


@pytest.mark.django_db
def test_a_clerk_does_not_release_a_listing(xy_case, user):
    listing, _restriction = _restrict(xy_case, user)
    _pay_in_full(xy_case, user)
    with pytest.raises(ValidationError) as err:
        measures.release_measure(
            user=user("xy_clerk"), measure_id=listing.pk, released_on=dt.date(2026, 5, 7)
        )
    assert err.value.code == "release_role"
    assert Measure.objects.get(pk=listing.pk).status == "active"


@pytest.mark.django_db
def test_a_performed_settlement_closing_proposes_the_releases(xy_case, user):
    from tests.cases.test_law_closing import _evidence

    _restrict(xy_case, user)
    closing.close_case(
        user=user("xy_judge"),
        case_id=xy_case.pk,
        closing_type="fully_executed",
        closed_on=dt.date(2026, 7, 1),
        performance_basis="settlement_performed",
        performance_evidence_id=_evidence(xy_case).pk,
    )
    assert _release_nodes(xy_case).filter(status="open", triggered_on="2026-07-01").count() == 2


@pytest.mark.django_db
def test_a_late_release_alerts_the_director_and_shows_on_his_home_page(xy_case, user, login):
    _restrict(xy_case, user)
    _pay_in_full(xy_case, user)
    assert remind_releases_late(RELEASE_DUE)["late"] == 0  # due that day: not late yet
    result = remind_releases_late(RELEASE_DUE + dt.timedelta(days=2))
    assert result["late"] == 2
    director = user("xy_director")
    alerts = Notification.objects.filter(recipient=director, dedup_key__contains="release-late")
    assert alerts.count() == 2 and all(a.level == NotificationLevel.DANGER for a in alerts)
    assert xy_case.case_number in alerts.first().title
    assert Notification.objects.filter(
        recipient=user("xy_judge"), dedup_key__contains="release-late"
    ).exists()
    home = login("xy_director").get("/").content.decode()
    section = home.split('id="wl-releases"', 1)[1].split("</section>", 1)[0]
    assert xy_case.case_number in section and "超期" in section

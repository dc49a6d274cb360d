"""The pages for moving cases between courts (DOMAIN.md §3): raising and deciding
a request on the forms (a second decision changes nothing; the same form sent
twice raises one request), the case panel's transfer and petition forms, and the
transfer and suggestion pages' constant number of queries."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.urls import reverse

from cases.models import EnforcementCase, LedgerEntry, TransferRequest
from cases.services.suggestions import refresh_suggestions
from tests.cases.conftest import file_on_its_day, filing_data
from tests.cases.helpers import _media_root as _media_root  # noqa: F401 (fixture)
from tests.cases.helpers import court, raise_cross
from tests.conftest import english


@pytest.mark.django_db
def test_pages_raise_and_decide_and_a_second_decision_changes_nothing(xy_case, login):
    director = login("xy_director")
    response = director.post(
        reverse("cases:transfer_create"),
        {
            "case_number": xy_case.case_number.replace("（", "(").replace("）", ")"),
            "kind": "cross",
            "target_court": court("琼0106").pk,
            "reason_category": "conflict_of_interest",
            "reason": "承办法院与被执行人存在利害关系。",
        },
    )
    request = TransferRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    assert request.source == "district" and request.reason_category == "conflict_of_interest"
    same = english(director).post(
        reverse("cases:case_transfer", kwargs={"case_id": xy_case.pk}),
        {
            "kind": "designated",
            "target_court": court("琼0105").pk,
            "reason_category": "other",
            "reason": "—",
        },
    )
    assert (
        same.status_code == 200 and "a transfer must go to another court" in same.content.decode()
    )

    leader = login("zy_leader")
    decide_url = reverse("cases:transfer_decide", kwargs={"pk": request.pk})
    form = {"approve": "1", "opinion": "同意交叉执行。", "effective_on": "2026-11-20"}
    assert leader.post(decide_url, form).status_code == 302
    # A double submit returns the first decision; another decision is refused.
    assert leader.post(decide_url, form).status_code == 302
    refuse = {"approve": "0", "opinion": "不同意。", "effective_on": "2026-11-20"}
    again = english(leader).post(decide_url, refuse, follow=True)
    assert "already decided" in again.content.decode()
    assert EnforcementCase.objects.filter(origin_case=xy_case).count() == 1
    assert LedgerEntry.objects.filter(kind="transfer_in").count() == 0  # no balance to move
    listing = leader.get(reverse("cases:transfer_list")).content.decode()
    assert 'data-court="琼0105"' in listing


@pytest.mark.django_db
def test_the_transfer_form_sent_twice_raises_one_request(xy_case, login):
    director = login("xy_director")
    page = director.get(reverse("cases:case_transfer", kwargs={"case_id": xy_case.pk}))
    key = re.search(r'name="form_key" value="([0-9a-f]+)"', page.content.decode()).group(1)
    data = {
        "kind": "cross",
        "target_court": court("琼0106").pk,
        "reason_category": "conflict_of_interest",
        "reason": "承办法院与被执行人存在利害关系。",
        "form_key": key,
    }
    url = reverse("cases:case_transfer", kwargs={"case_id": xy_case.pk})
    first = director.post(url, data)
    second = director.post(url, data)
    request = TransferRequest.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == request.get_absolute_url()


def _queries(client, url, **params) -> int:
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)  # warm up: session and per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_transfer_and_suggestion_pages_use_a_constant_number_of_queries(org, user, login):

    def add(n, start):
        for seed in range(start, start + n):
            case = file_on_its_day(user("xy_judge"), filing_data(seed=seed))
            raise_cross(user, case)
        refresh_suggestions(today=dt.date(2026, 11, 27))

    leader = login("zy_leader")
    add(2, 100)
    first = TransferRequest.objects.order_by("pk").first()
    small = [
        _queries(leader, reverse("cases:transfer_list")),
        _queries(leader, "/api/v1/transfers/"),
        _queries(leader, reverse("cases:suggestion_list")),
    ]
    small_detail = _queries(leader, first.get_absolute_url())
    add(6, 200)
    big = [
        _queries(leader, reverse("cases:transfer_list")),
        _queries(leader, "/api/v1/transfers/"),
        _queries(leader, reverse("cases:suggestion_list")),
    ]
    assert big == small and max(big) <= 12, (small, big)
    last = TransferRequest.objects.order_by("pk").last()
    assert _queries(leader, last.get_absolute_url()) == small_detail <= 25


@pytest.mark.django_db
def test_case_panel_offers_the_transfer_and_petition_forms(xy_case, user, login):
    from django.template import Context, Template
    from django.test import RequestFactory

    director = login("xy_director")
    response = director.post(
        reverse("cases:petition_add", kwargs={"case_id": xy_case.pk}),
        {"received_on": "2026-11-25", "petitioner": "王海生", "summary": "反映被执行人转移财产。"},
    )
    assert response.status_code == 302
    assert xy_case.petitions.get().petitioner == "王海生"
    assert xy_case.nodes.filter(definition__code="petition_registration").exists()
    assert (
        login("lh_judge")
        .get(reverse("cases:petition_add", kwargs={"case_id": xy_case.pk}))
        .status_code
        == 404
    )

    def panel(username):
        request = RequestFactory().get("/")
        request.user = user(username)
        template = Template("{% load cases_transfers %}{% case_transfers_panel case %}")
        return template.render(Context({"request": request, "case": xy_case}))

    html = panel("xy_director")
    assert 'id="request-transfer"' in html and "反映被执行人转移财产" in html
    assert 'id="request-transfer"' not in panel("xy_judge")  # a judge does not raise transfers

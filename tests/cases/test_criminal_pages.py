"""The criminal property and 刑更 pages (DOMAIN.md §4): the forms take the
transfer form with its items, the review, the link by hand and the "able but not
paying" fact; the lists use a constant number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from cases.models import CriminalJudgment
from cases.services.criminal import CommutationData, open_commutation_review, receive_transfer_form
from tests.cases.helpers import CONVICT_ID, assign_to_team, court, form
from tests.cases.helpers import _media_root as _media_root  # noqa: F401 (fixture)
from tests.conftest import english


def _queries(client, url, **params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_criminal_pages_use_a_constant_number_of_queries(criminal, user, login):
    def add(n, start):
        for k in range(start, start + n):
            judgment = receive_transfer_form(
                user=user("xs_judge"),
                data=form(number=f"（2026）琼0106刑初{k}号", received_on=dt.date(2026, 11, 16)),
            )
            open_commutation_review(
                user=user("xs_judge"),
                data=CommutationData(
                    kind="parole",
                    convict_name="符某强",
                    convict_id_number=CONVICT_ID,
                    prison="海南省美兰监狱",
                    requested_on=dt.date(2026, 11, 24),
                ),
            )
        return judgment

    client = login("xs_judge")
    add(1, 1)
    small = [
        _queries(client, reverse("cases:criminal_judgment_list")),
        _queries(client, reverse("cases:commutation_list")),
    ]
    add(5, 10)
    big = [
        _queries(client, reverse("cases:criminal_judgment_list")),
        _queries(client, reverse("cases:commutation_list")),
    ]
    assert big == small and max(big) <= 12, (small, big)


@pytest.mark.django_db
def test_the_pages_take_the_form_the_review_the_link_and_the_fact(criminal, user, login):
    client = login("xs_judge")
    items = {
        "items-TOTAL_FORMS": "3",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "30",
        "items-0-kind": "fine",
        "items-0-amount": "3000.00",
        "items-1-kind": "restitution",
        "items-1-amount": "7000.00",
        "items-1-beneficiary_name": "王某",
        "items-2-kind": "",
    }
    base = {
        "judging_court": court("琼0107").pk,
        "judgment_number": "(2026)琼0107刑初21号",
        "judgment_effective_on": "2026-10-20",
        "convict_name": "吴某",
        "convict_id_number": CONVICT_ID,
        "received_on": "2026-11-25",
        "file_now": "on",
        "filed_on": "2026-11-26",
    }
    # A restitution without the victim's name is refused, nothing is saved.
    refused = english(client).post(
        reverse("cases:criminal_intake"),
        {**base, **items, "items-1-beneficiary_name": ""},
    )
    assert refused.status_code == 200 and "name the victim or creditor" in refused.content.decode()
    assert not CriminalJudgment.objects.exists()
    response = client.post(reverse("cases:criminal_intake"), {**base, **items})
    judgment = CriminalJudgment.objects.get()
    assert response.status_code == 302 and response["Location"] == judgment.get_absolute_url()
    assert (
        judgment.judgment_number == "（2026）琼0107刑初21号" and judgment.case.court.code == "琼01"
    )
    assert sorted(judgment.items.values_list("kind", "amount")) == [
        ("fine", Decimal("3000.00")),
        ("restitution", Decimal("7000.00")),
    ]

    response = client.post(
        reverse("cases:commutation_create"),
        {
            "kind": "parole",
            "convict_name": "吴某",
            "convict_id_number": CONVICT_ID,
            "prison": "海南省三亚监狱",
            "requested_on": "2026-11-26",
            "filed_on": "2026-11-26",
        },
    )
    review = judgment.case.commutation_links.get().review
    assert response.status_code == 302 and response["Location"] == review.get_absolute_url()
    assign_to_team(review.case, criminal, user)
    other = receive_transfer_form(
        user=user("xs_judge"),
        data=form(
            number="（2026）琼0106刑初77号", received_on=dt.date(2026, 11, 25), convict_id=""
        ),
    )
    link = client.post(
        reverse("cases:commutation_link", kwargs={"pk": review.pk}),
        {"case_number": other.case.case_number},
    )
    assert link.status_code == 302 and review.links.count() == 2
    fact = client.post(
        reverse("cases:ability_fact_add", kwargs={"pk": review.pk}),
        {
            "kind": "false_declaration",
            "description": "申报无财产，但查明其名下有车辆一辆",
            "evidence": "车辆登记信息",
            "found_on": "2026-11-26",
        },
    )
    assert fact.status_code == 302
    page = client.get(review.get_absolute_url()).content.decode()
    assert "申报无财产，但查明其名下有车辆一辆" in page and other.case.case_number in page

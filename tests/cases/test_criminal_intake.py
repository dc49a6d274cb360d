"""Criminal property judgments (DOMAIN.md §4): intake routed to the criminal
enforcement bureau whichever court judged, the 7-day filing limit and 6-month term,
and a form waiting to be filed (its limit shown, late filing recorded)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import CaseNode, CriminalJudgmentItem
from cases.services.criminal import file_criminal_judgment, receive_transfer_form
from tests.cases.helpers import _media_root as _media_root  # noqa: F401 (fixture)
from tests.cases.helpers import form


@pytest.mark.django_db
def test_intake_files_to_the_criminal_bureau_whichever_court_judged(criminal, user, login):
    judgment = receive_transfer_form(
        user=user("xs_judge"),
        data=form(received_on=dt.date(2026, 11, 16)),
        filed_on=dt.date(2026, 11, 20),
    )
    case = judgment.case
    assert judgment.status == "filed"
    assert (case.court.code, case.bureau.kind, case.is_criminal_property) == (
        "琼01",
        "criminal_enforcement",
        True,
    )
    assert case.case_number == "（2026）琼01执1号" and case.origin == "criminal_property"
    assert case.title_issuer == "海口市龙华区人民法院"
    assert case.amount_claimed == Decimal("123000.00")
    roles = sorted(case.parties.values_list("role", "name"))
    assert ("respondent", "符某强") in roles
    assert {("applicant", "李阿婆"), ("applicant", "陈先生")} <= set(roles)
    # The 7-day filing limit counts from the form's receipt; the 6-month term from filing.
    filing = CaseNode.objects.get(case=case, definition__code="criminal_filing")
    assert (filing.triggered_on, filing.due_on, filing.status, filing.completed_on) == (
        dt.date(2026, 11, 16),
        dt.date(2026, 11, 23),
        "done",
        dt.date(2026, 11, 20),
    )
    assert CaseNode.objects.get(case=case, definition__code="closing").due_on == dt.date(
        2027, 5, 20
    )
    # Victims become parties the items point at (payees of disbursements).
    item = CriminalJudgmentItem.objects.get(judgment=judgment, kind="medical_costs")
    assert item.beneficiary.name == "李阿婆" and item.beneficiary.case_id == case.pk

    # A judgment of 美兰 goes to the same bureau, in the same sequence.
    other = receive_transfer_form(
        user=user("xs_judge"),
        data=form(
            judged_by="琼0108", number="（2026）琼0108刑初5号", received_on=dt.date(2026, 11, 20)
        ),
        filed_on=dt.date(2026, 11, 20),
    )
    assert other.case.case_number == "（2026）琼01执2号" and other.case.court.code == "琼01"

    # Only the criminal enforcement bureau receives forms; the same form twice is refused.
    with pytest.raises(ValidationError):
        receive_transfer_form(
            user=user("lh_judge"),
            data=form(number="（2026）琼0106刑初1号", received_on=dt.date(2026, 11, 20)),
        )
    with pytest.raises(ValidationError) as exc:
        receive_transfer_form(user=user("xs_judge"), data=form(received_on=dt.date(2026, 11, 20)))
    assert "already received" in exc.value.messages[0]

    # Who sees it: the criminal bureau, the intermediate court; not a district judge.
    url = reverse("cases:criminal_judgment_detail", kwargs={"pk": judgment.pk})
    assert login("xs_judge").get(url).status_code == 200
    assert login("zy_leader").get(url).status_code == 200
    assert login("lh_judge").get(url).status_code == 404
    assert login("lh_judge").get(case.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_form_waiting_to_be_filed_shows_its_limit_and_late_filing_is_recorded(
    criminal, user, login
):
    judgment = receive_transfer_form(
        user=user("xs_judge"), data=form(received_on=dt.date(2026, 11, 10)), file_now=False
    )
    assert judgment.status == "received" and judgment.case is None
    client = login("xs_judge")
    listing = client.get(reverse("cases:criminal_judgment_list"), {"status": "received"})
    assert judgment.judgment_number in listing.content.decode()
    assert 'data-court="琼01"' in listing.content.decode()
    detail = client.get(judgment.get_absolute_url()).content.decode()
    assert "2026年11月17日" in detail and "text-bg-danger" in detail  # overdue
    response = client.post(
        reverse("cases:criminal_file", kwargs={"pk": judgment.pk}), {"filed_on": "2026-11-26"}
    )
    assert response.status_code == 302
    judgment.refresh_from_db()
    node = CaseNode.objects.get(case=judgment.case, definition__code="criminal_filing")
    assert node.due_on == dt.date(2026, 11, 17) and node.completed_on == dt.date(2026, 11, 26)
    assert "text-bg-danger" in client.get(judgment.get_absolute_url()).content.decode()  # late
    with pytest.raises(ValidationError):
        file_criminal_judgment(
            user=user("xs_judge"), judgment_id=judgment.pk, filed_on=dt.date(2026, 11, 26)
        )

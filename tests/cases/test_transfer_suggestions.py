"""Transfer suggestions (DOMAIN.md §3): proposed with their reasons by an
idempotent refresh, accepted (raising a request) or dismissed by leadership with
the decision kept, and the nightly refresh as a declared periodic task. The
``candidates`` fixture is in tests/cases/conftest.py."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import TransferSuggestion
from cases.services.suggestions import accept_suggestion, dismiss_suggestion, refresh_suggestions
from tests.cases.helpers import _media_root as _media_root  # noqa: F401 (fixture)
from tests.cases.helpers import court
from tests.conftest import english

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.django_db
def test_suggestions_are_proposed_with_their_reasons_and_refresh_is_idempotent(candidates, login):
    counts = refresh_suggestions(today=dt.date(2026, 11, 27))
    found = {(s.case_id, s.kind): s for s in TransferSuggestion.objects.select_related("case")}
    local = found[(candidates["local"].pk, "cross")]
    assert local.reason_codes == ["local_respondent"]
    assert (
        "海口市秀英区某街道办事处" in local.reason_labels[0] and "秀英区" in local.reason_labels[0]
    )
    old = found[(candidates["old"].pk, "elevated")]
    assert {"long_pending_high_value", "overdue_nodes"} <= set(old.reason_codes)
    assert "2,500,000.00" in " ".join(old.reason_labels)
    petitioned = found[(candidates["petitioned"].pk, "elevated")]
    assert petitioned.reason_codes == ["repeated_petitions"]
    assert not any(case_id == candidates["ordinary"].pk for case_id, _ in found)
    assert counts["proposed"] == len(found) == 3

    assert refresh_suggestions(today=dt.date(2026, 11, 27)) == {
        "proposed": 0,
        "updated": 0,
        "lapsed": 0,
    }
    page = english(login("zy_leader")).get(reverse("cases:suggestion_list"))
    assert (
        "Repeated petitions" in page.content.decode()
        and page.content.decode().count("data-court") == 3
    )
    # A district judge does not see suggestions.
    assert (
        "data-court" not in login("xy_judge").get(reverse("cases:suggestion_list")).content.decode()
    )


@pytest.mark.django_db
def test_leadership_accepts_or_dismisses_and_the_decision_is_kept(candidates, user, login):
    from cases.services.transfers import decide_transfer as decide

    refresh_suggestions(today=dt.date(2026, 11, 27))
    local = TransferSuggestion.objects.get(case=candidates["local"])
    old = TransferSuggestion.objects.get(case=candidates["old"])
    petitioned = TransferSuggestion.objects.get(case=candidates["petitioned"])

    with pytest.raises(ValidationError) as exc:
        dismiss_suggestion(user=user("zy_leader"), suggestion_id=old.pk, reason="  ")
    assert "reason" in exc.value.message_dict
    dismiss_suggestion(
        user=user("zy_leader"), suggestion_id=old.pk, reason="龙华法院已有效推进，暂不提级。"
    )
    # 秀英's director may decide for a 秀英 case: a cross request to a named court.
    with pytest.raises(ValidationError):
        accept_suggestion(user=user("xy_director"), suggestion_id=local.pk, reason="同意")
    accepted = accept_suggestion(
        user=user("xy_director"),
        suggestion_id=local.pk,
        reason="同意，建议交叉执行。",
        target_court_id=court("琼0107").pk,
    )
    request = accepted.transfer_request
    assert (request.kind, request.reason_category, request.target_court.code, request.source) == (
        "cross",
        "local_protection",
        "琼0107",
        "district",
    )
    assert "海口市秀英区某街道办事处" in request.reason
    with pytest.raises(ValidationError) as exc:
        dismiss_suggestion(user=user("zy_leader"), suggestion_id=local.pk, reason="x")
    assert exc.value.code == "decided"
    # The page: 秀英's director cannot see 美兰's suggestion.
    assert (
        login("xy_director")
        .get(reverse("cases:suggestion_detail", kwargs={"pk": petitioned.pk}))
        .status_code
        == 404
    )

    # Decisions survive the nightly refresh; what no longer applies lapses.
    decide(
        user=user("zy_leader"),
        request_id=request.pk,
        approve=True,
        opinion="同意",
        effective_on=dt.date(2026, 11, 26),
    )
    refresh_suggestions(today=dt.date(2026, 11, 27))
    old.refresh_from_db()
    local.refresh_from_db()
    assert (old.status, old.decision_reason, old.decided_by.username) == (
        "dismissed",
        "龙华法院已有效推进，暂不提级。",
        "zy_leader",
    )
    assert local.status == "accepted" and local.transfer_request_id == request.pk
    assert TransferSuggestion.objects.filter(case=candidates["old"]).count() == 1
    petitioned.refresh_from_db()
    assert petitioned.status == "open"
    from cases.services.closing import close_case

    close_case(
        user=user("zy_leader"),
        case_id=candidates["petitioned"].pk,
        closing_type="cancelled",
        closed_on=dt.date(2026, 11, 26),
    )
    refresh_suggestions(today=dt.date(2026, 11, 27))
    petitioned.refresh_from_db()
    assert petitioned.status == "lapsed"


@pytest.mark.django_db
def test_the_nightly_refresh_is_a_declared_periodic_task(candidates):
    from cases.tasks import refresh_transfer_suggestions
    from command_center.schedules import declared_periodic_tasks

    assert "cases.tasks.refresh_transfer_suggestions" in {
        t["task"] for t in declared_periodic_tasks()
    }
    # The task reads today's date itself: the clock is set to the fixture's day, so
    # the thresholds (months pending) are the same whatever day the suite runs.
    with time_machine.travel(dt.datetime(2026, 11, 27, 9, tzinfo=SHANGHAI), tick=False):
        result = refresh_transfer_suggestions.apply().get()
    assert result["proposed"] == 3

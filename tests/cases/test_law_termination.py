"""The 终本 gate from recorded facts (issue 17, finding 9; DOMAIN.md §2 "终本
requires" and "Who approves"): the president's approval is the president's own
record, not a tick; online queries count when the 网络查控 system ran them;
restrictions count while in force; a same-day confirmation clears an unconfirmed
record; review cases have no 终本; the 执行结案 node is done only by closing;
re-query rounds missed after 终本 are owed, overdue, not skipped."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import ApplicantInterview, CaseNode, EnforcementCase
from cases.services import closing, measures
from command_center.models import RequeryRound
from command_center.services.requery import create_due_rounds
from tests.cases.conftest import file_on_its_day, filing_data
from tests.cases.test_closing import satisfy_everything

DAY = dt.datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
CLOSED_ON = dt.date(2026, 7, 1)


@pytest.fixture(autouse=True)
def _on_a_set_day():
    with time_machine.travel(DAY, tick=True):
        yield


def _close_terminated(case, user_name, user):
    return closing.close_case(
        user=user(user_name),
        case_id=case.pk,
        closing_type="terminated_procedure",
        closed_on=CLOSED_ON,
    )


def _interview(client, case, **flags):
    return client.post(
        reverse("cases:interview_add", kwargs={"case_id": case.pk}),
        {"held_on": "2026-06-10", "record": "告知终本后果，申请人不同意，合议庭评议", **flags},
    )


@pytest.mark.django_db
def test_a_clerk_cannot_tick_the_presidents_approval(xy_case, user, login):
    satisfy_everything(xy_case, user("xy_judge"), skip="interview")
    response = _interview(
        login("xy_clerk"), xy_case, collegial_review="on", president_approved="on"
    )
    assert response.status_code == 302
    interview = ApplicantInterview.objects.get(case=xy_case)
    assert not interview.president_approved and not interview.satisfies_rule
    with pytest.raises(ValidationError) as err:
        _close_terminated(xy_case, "xy_judge", user)
    assert "尚待院长决定" in " ".join(err.value.messages) or "president" in " ".join(
        err.value.messages
    )
    with pytest.raises(ValidationError) as err:
        closing.record_applicant_interview(
            user=user("xy_clerk"),
            case_id=xy_case.pk,
            held_on=dt.date(2026, 6, 10),
            record="院长已批准",
            applicant_confirmed=False,
            collegial_review=True,
            president_approved=True,
        )
    assert "president_approved" in err.value.message_dict


@pytest.mark.django_db
def test_the_president_decides_the_collegial_review_then_terminate(xy_case, user, login):
    satisfy_everything(xy_case, user("xy_judge"), skip="interview")
    _interview(login("xy_judge"), xy_case, collegial_review="on")
    interview = ApplicantInterview.objects.get(case=xy_case)
    decide = reverse("cases:interview_decide", args=[xy_case.pk, interview.pk])
    # Not the director, not the judge who recorded it.
    for name in ("xy_director", "xy_judge"):
        response = login(name).post(decide, {"approve": "1", "opinion": "同意"})
        assert response.status_code in (200, 403, 404)
        interview.refresh_from_db()
        assert interview.decided_by is None
    page = login("xy_president").get(xy_case.get_absolute_url()).content.decode()
    assert decide in page and "待院长决定" in page
    response = login("xy_president").post(decide, {"approve": "1", "opinion": "同意终本"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    interview.refresh_from_db()
    assert interview.president_approved and interview.decided_by.username == "xy_president"
    assert interview.satisfies_rule
    closed = _close_terminated(xy_case, "xy_judge", user)
    assert closed.closing_type == "terminated_procedure"


@pytest.mark.django_db
def test_a_same_day_confirmation_clears_an_unconfirmed_record(xy_case, user):
    judge = user("xy_judge")
    satisfy_everything(xy_case, judge, skip="interview")
    for confirmed in (False, True):
        closing.record_applicant_interview(
            user=judge,
            case_id=xy_case.pk,
            held_on=dt.date(2026, 6, 10),
            record="约谈申请人" + ("，申请人签字确认" if confirmed else ""),
            applicant_confirmed=confirmed,
        )
    checklist = closing.termination_checklist(xy_case, on=CLOSED_ON)
    assert next(c for c in checklist if c.code == "interview").satisfied
    assert _close_terminated(xy_case, "xy_judge", user).status == "closed"


@pytest.mark.django_db
def test_online_queries_typed_in_by_hand_do_not_count(xy_case, user):
    judge = user("xy_judge")
    satisfy_everything(xy_case, judge, skip="investigation")
    for kind in ("online_deposits", "online_vehicles", "online_real_estate", "online_securities"):
        measures.record_investigation(
            user=judge, case_id=xy_case.pk, kind=kind, done_on=dt.date(2026, 3, 20), outcome="无"
        )
    measures.record_investigation(
        user=judge, case_id=xy_case.pk, kind="on_site", done_on=dt.date(2026, 3, 20), outcome="无"
    )
    with pytest.raises(ValidationError) as err:
        _close_terminated(xy_case, "xy_judge", user)
    assert "online query and control system" in " ".join(err.value.messages)


@pytest.mark.django_db
def test_a_released_restriction_is_no_longer_in_force(xy_case, user):
    judge = user("xy_judge")
    satisfy_everything(xy_case, judge)
    restriction = xy_case.measures.get(kind="consumption_restriction")
    measures.release_measure(user=judge, measure_id=restriction.pk, released_on=dt.date(2026, 5, 1))
    with pytest.raises(ValidationError) as err:
        _close_terminated(xy_case, "xy_judge", user)
    assert str(closing.TERMINATION_CONDITIONS["restrictions"]) in " ".join(err.value.messages)


@pytest.mark.django_db
def test_no_termination_on_review_cases(org, user):
    judge = user("xy_judge")
    case = file_on_its_day(judge, filing_data(case_type="执异", seed=7))
    with pytest.raises(ValidationError) as err:
        closing.record_applicant_interview(
            user=user("xy_director"),
            case_id=case.pk,
            held_on=dt.date(2026, 6, 10),
            record="约谈",
            applicant_confirmed=True,
        )
    assert err.value.code == "termination_on_review"
    with pytest.raises(ValidationError) as err:
        closing.close_case(
            user=user("xy_director"),
            case_id=case.pk,
            closing_type="terminated_procedure",
            closed_on=dt.date(2026, 7, 1),
        )
    assert "closing_type" in err.value.message_dict


@pytest.mark.django_db
def test_the_closing_node_is_not_marked_done_while_the_case_is_open(xy_case, login):
    node = CaseNode.objects.get(case=xy_case, definition__code="closing")
    page = login("xy_judge").get(xy_case.get_absolute_url()).content.decode()
    assert reverse("cases:node_complete", args=[xy_case.pk, node.pk]) not in page
    response = login("xy_judge").post(
        reverse("cases:node_complete", args=[xy_case.pk, node.pk]), {"completed_on": "2026-11-27"}
    )
    assert response.status_code == 200 and "执行结案" in response.content.decode()
    node.refresh_from_db()
    assert node.status == "open"
    xy_case.refresh_from_db()
    assert xy_case.status != "closed"


@pytest.mark.django_db
def test_missed_requery_rounds_are_owed_and_overdue(xy_case, user, login):
    # Closed by 终本 19 months before today; the schedule never ran since.
    EnforcementCase.objects.filter(pk=xy_case.pk).update(
        status="closed", closing_type="terminated_procedure", closed_on=dt.date(2025, 4, 20)
    )
    today = DAY.date()
    create_due_rounds(today)
    rounds = list(RequeryRound.objects.filter(case=xy_case).order_by("round_number"))
    assert [(r.round_number, r.due_on, r.status) for r in rounds] == [
        (1, dt.date(2025, 10, 20), "due"),
        (2, dt.date(2026, 4, 20), "due"),
        (3, dt.date(2026, 10, 20), "due"),
    ]
    home = login("xy_judge").get("/").content.decode()
    section = home.split('id="wl-requeries"', 1)[1].split("</section>", 1)[0]
    assert section.count(xy_case.case_number) == 3


@pytest.mark.django_db
def test_the_admin_shows_the_presidents_approval_but_cannot_set_it(xy_case, user, login):
    """The 终本 gate is not self-certified in the admin either (issue 17, finding 9):
    the interview and the president's decision are shown read-only; a post that
    ticks 院长已批准 changes nothing, and no interview is added there."""
    from django.contrib import admin
    from django.test import RequestFactory

    _interview(login("xy_judge"), xy_case, collegial_review="on")
    interview = ApplicantInterview.objects.get(case=xy_case)
    client = login("xy_director")
    url = f"/admin/cases/applicantinterview/{interview.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="president_approved"' not in body and 'name="applicant_confirmed"' not in body
    response = client.post(
        url,
        {
            "case": xy_case.pk,
            "held_on": "2026-06-10",
            "record": "院长已批准",
            "collegial_review": "on",
            "president_approved": "on",
            "applicant_confirmed": "on",
        },
    )
    assert response.status_code == 403
    interview.refresh_from_db()
    assert not interview.president_approved and not interview.applicant_confirmed
    assert interview.decided_by is None and not interview.satisfies_rule
    assert client.get("/admin/cases/applicantinterview/add/").status_code == 403
    # Not even a superuser ticks it: the field is read-only for everyone.
    request = RequestFactory().get("/admin/")
    request.user = user("admin")
    model_admin = admin.site._registry[ApplicantInterview]
    assert "president_approved" in model_admin.get_readonly_fields(request, interview)
    assert not model_admin.has_change_permission(request, interview)

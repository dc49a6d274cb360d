"""District director appointments (DOMAIN.md §1): the district proposes, the
intermediate court consents or refuses with an opinion, and the appointment takes
effect only after consent; the history is kept."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from personnel.choices import AppointmentStatus
from personnel.models import DirectorAppointment, DirectorAppointmentEvent, Position
from personnel.services import (
    decide_appointment,
    make_appointment_effective,
    propose_appointment,
)
from tests.conftest import english
from tests.personnel.helpers import D, bureau, leader

pytestmark = pytest.mark.django_db


def user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def proposal(org):
    candidate = leader("琼0105", "deputy_director", D(2022, 1, 1), name="候选人")
    appointment = propose_appointment(
        by=user("xy_director"),
        bureau=bureau("琼0105"),
        candidate=candidate,
        effective_on=timezone.localdate(),
        reason="业务精通，群众公认。",
    )
    return appointment


def test_without_consent_the_appointment_cannot_take_effect(proposal):
    with translation.override("en"), pytest.raises(ValidationError) as err:
        make_appointment_effective(by=user("xy_director"), appointment=proposal)
    assert "has not consented" in str(err.value)
    proposal.refresh_from_db()
    assert proposal.status == AppointmentStatus.PROPOSED
    assert not Position.objects.filter(officer=proposal.candidate, post="director").exists()
    proposal.candidate.refresh_from_db()
    assert proposal.candidate.role == "deputy_director"


def test_a_refused_appointment_never_takes_effect(proposal):
    decide_appointment(
        by=user("zy_leader"), appointment=proposal, consent=False, opinion="任职年限不足。"
    )
    with translation.override("en"), pytest.raises(ValidationError) as err:
        make_appointment_effective(by=user("xy_director"), appointment=proposal)
    assert "refused" in str(err.value)


def test_only_the_intermediate_court_consents_and_always_with_an_opinion(proposal):
    with pytest.raises(PermissionDenied):
        decide_appointment(
            by=user("xy_director"), appointment=proposal, consent=True, opinion="同意"
        )
    with pytest.raises(PermissionDenied):
        decide_appointment(by=user("zy_judge"), appointment=proposal, consent=True, opinion="同意")
    with pytest.raises(ValidationError):
        decide_appointment(by=user("zy_leader"), appointment=proposal, consent=True, opinion=" ")


def test_after_consent_it_takes_effect_role_groups_and_history(proposal):
    candidate = proposal.candidate
    decide_appointment(
        by=user("zy_leader"), appointment=proposal, consent=True, opinion="同意任命。"
    )
    make_appointment_effective(by=user("xy_director"), appointment=proposal)
    proposal.refresh_from_db()
    candidate.refresh_from_db()
    today = timezone.localdate()
    assert proposal.status == AppointmentStatus.EFFECTIVE
    assert proposal.position.post == "director" and proposal.position.started_on == today
    assert candidate.role == "director" and candidate.bureau == bureau("琼0105")
    assert list(candidate.user.groups.values_list("name", flat=True)) == ["role:director"]
    previous = Position.objects.get(officer=candidate, post="deputy_director")
    assert previous.ended_on == today - datetime.timedelta(days=1)
    # The history keeps every step: proposed → consented → effective.
    statuses = list(
        DirectorAppointmentEvent.objects.filter(pgh_obj_id=proposal.pk)
        .order_by("pgh_id")
        .values_list("status", flat=True)
    )
    assert statuses == ["proposed", "consented", "effective"]
    # It cannot take effect twice.
    with pytest.raises(ValidationError):
        make_appointment_effective(by=user("xy_director"), appointment=proposal)


def test_a_sitting_director_blocks_the_appointment_until_their_post_ends(proposal):
    sitting = leader("琼0105", "director", D(2019, 1, 1), name="现任局长")
    decide_appointment(by=user("zy_leader"), appointment=proposal, consent=True, opinion="同意")
    with translation.override("en"), pytest.raises(ValidationError) as err:
        make_appointment_effective(by=user("xy_director"), appointment=proposal)
    assert "现任局长" in str(err.value)
    Position.objects.filter(officer=sitting).update(
        ended_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    make_appointment_effective(by=user("xy_director"), appointment=proposal)


def test_only_district_bureaus_and_their_own_leadership_propose(org):
    candidate = leader("琼0106", "deputy_director", D(2022, 1, 1))
    with pytest.raises(PermissionDenied):  # 秀英 cannot propose 龙华's director
        propose_appointment(
            by=user("xy_director"),
            bureau=bureau("琼0106"),
            candidate=candidate,
            effective_on=timezone.localdate(),
            reason="x",
        )
    with pytest.raises(ValidationError):  # the intermediate bureau is not a district
        propose_appointment(
            by=user("zy_leader"),
            bureau=bureau("琼01"),
            candidate=candidate,
            effective_on=timezone.localdate(),
            reason="x",
        )


def test_api_gate_and_scopes(login, proposal):
    director = login("xy_director")
    refused = english(director).post(f"/api/v1/director-appointments/{proposal.pk}/take-effect/")
    assert refused.status_code == 400
    assert "has not consented" in str(refused.json())
    # Another district does not even learn it exists.
    assert login("lh_judge").get(f"/api/v1/director-appointments/{proposal.pk}/").status_code == 404
    leader_client = login("zy_leader")
    decided = leader_client.post(
        f"/api/v1/director-appointments/{proposal.pk}/decide/",
        {"consent": True, "opinion": "同意"},
        content_type="application/json",
    )
    assert decided.status_code == 200 and decided.json()["status"] == "consented"
    done = director.post(f"/api/v1/director-appointments/{proposal.pk}/take-effect/")
    assert done.status_code == 200 and done.json()["status"] == "effective"
    assert done.json()["court"] == "琼0105"


def test_pages_show_the_gate(login, proposal):
    page = login("xy_director").get(f"/people/appointments/{proposal.pk}/").content.decode()
    assert 'id="take-effect"' not in page
    response = english(login("xy_director")).post(
        f"/people/appointments/{proposal.pk}/take-effect/", follow=True
    )
    assert "has not consented" in response.content.decode()
    assert DirectorAppointment.objects.get(pk=proposal.pk).status == AppointmentStatus.PROPOSED
    leader_page = login("zy_leader").get(f"/people/appointments/{proposal.pk}/").content.decode()
    assert f"/people/appointments/{proposal.pk}/decide/" in leader_page

"""The history of positions: overlaps refused (service and database), the
appointment gate on district director posts, role and groups following the
current post."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from personnel.models import Position
from personnel.services import end_position, record_position
from tests.personnel.helpers import D, bureau, officer, position

pytestmark = pytest.mark.django_db


def user(name):
    return get_user_model().objects.get(username=name)


def test_overlapping_positions_are_refused_with_the_clash(org):
    o = officer("琼0105")
    position(o, "judge", D(2018, 1, 1), D(2022, 12, 31))
    with translation.override("en"), pytest.raises(ValidationError) as err:
        record_position(
            by=user("xy_director"),
            officer=o,
            bureau=bureau("琼0105"),
            post="assistant",
            started_on=D(2022, 12, 31),
        )
    message = str(err.value)
    assert "already holds a position" in message and "Jan. 1, 2018" in message
    assert Position.objects.filter(officer=o).count() == 1
    # The day after is fine.
    record_position(
        by=user("xy_director"),
        officer=o,
        bureau=bureau("琼0105"),
        post="assistant",
        started_on=D(2023, 1, 1),
    )
    assert Position.objects.filter(officer=o).count() == 2


def test_the_database_refuses_overlaps_that_bypass_the_service(org):
    o = officer("琼0106")
    position(o, "judge", D(2020, 1, 1))  # open-ended
    with pytest.raises(IntegrityError), transaction.atomic():
        position(o, "clerk", D(2030, 1, 1), D(2030, 2, 1))
    # Another officer's positions never clash.
    position(officer("琼0106"), "judge", D(2020, 1, 1))


def test_ending_a_position_cannot_precede_its_start(org):
    o = officer("琼0105")
    p = position(o, "judge", D(2020, 1, 1))
    with pytest.raises(ValidationError):
        end_position(by=user("xy_director"), position=p, ended_on=D(2019, 12, 31))
    end_position(by=user("xy_director"), position=p, ended_on=D(2021, 1, 1))
    p.refresh_from_db()
    assert p.ended_on == D(2021, 1, 1)


def test_a_current_district_director_post_needs_an_appointment(org):
    o = officer("琼0105", role="deputy_director")
    with translation.override("en"), pytest.raises(ValidationError) as err:
        record_position(
            by=user("xy_director"),
            officer=o,
            bureau=bureau("琼0105"),
            post="director",
            started_on=timezone.localdate(),
        )
    assert "director appointment" in str(err.value)
    # A closed, past record of the history may be entered.
    record_position(
        by=user("xy_director"),
        officer=o,
        bureau=bureau("琼0105"),
        post="director",
        started_on=D(2010, 1, 1),
        ended_on=D(2014, 12, 31),
    )


def test_a_current_position_sets_role_and_groups(org):
    o = officer("琼0105", role="clerk")
    record_position(
        by=user("xy_director"),
        officer=o,
        bureau=bureau("琼0105"),
        post="assistant",
        started_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    o.refresh_from_db()
    assert o.role == "assistant"
    assert list(o.user.groups.values_list("name", flat=True)) == ["role:assistant"]


def test_other_courts_and_judges_cannot_record_positions(org):
    from django.core.exceptions import PermissionDenied

    o = officer("琼0106")
    for who in ("xy_director", "lh_judge"):
        with pytest.raises(PermissionDenied):
            record_position(
                by=user(who),
                officer=o,
                bureau=bureau("琼0106"),
                post="judge",
                started_on=D(2020, 1, 1),
            )
    # The intermediate bureau's director keeps every court's records.
    record_position(
        by=user("zy_leader"),
        officer=o,
        bureau=bureau("琼0106"),
        post="judge",
        started_on=D(2020, 1, 1),
    )


def test_overlap_through_the_page_and_the_api_is_a_clear_400(login, org):
    o = officer("琼0105")
    position(o, "judge", D(2020, 1, 1))
    page = login("xy_director").post(
        f"/people/officers/{o.pk}/positions/new/",
        {"bureau": bureau("琼0105").pk, "post": "clerk", "started_on": "2021-05-01"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert page.status_code == 200
    assert "2020年1月1日" in page.content.decode() and "is-invalid" in page.content.decode()
    api = login("xy_director").post(
        "/api/v1/positions/",
        {
            "officer": o.pk,
            "bureau": bureau("琼0105").pk,
            "post": "clerk",
            "started_on": "2021-05-01",
        },
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert api.status_code == 400
    assert "already holds a position" in api.json()["started_on"][0]


def test_a_returning_officer_is_back_in_service_with_a_current_post(org):
    from personnel.services import deactivate_officers

    o = officer("琼0105", role="judge")
    deactivate_officers([o.pk])
    record_position(
        by=user("xy_director"),
        officer=o,
        bureau=bureau("琼0105"),
        post="judge",
        started_on=timezone.localdate(),
    )
    o.refresh_from_db()
    assert o.is_active and o.user.is_active

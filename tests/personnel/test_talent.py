"""The talent pool (海口法院执行人才库): members and specialties, seminars,
research, two-way secondments and short-term training — through the pages."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from courts.models import Court
from personnel.models import (
    ResearchOutput,
    Secondment,
    Seminar,
    Specialty,
    TalentPoolMember,
    Training,
)
from personnel.services import add_talent_member, record_secondment, record_seminar
from tests.personnel.helpers import D, bureau, officer

pytestmark = pytest.mark.django_db


def user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def specialties(org):
    return [Specialty.objects.create(name=n) for n in ("财产查控", "拍卖变卖")]


def test_membership_with_specialties_once_at_a_time(org, specialties):
    o = officer("琼0105")
    add_talent_member(
        by=user("xy_director"), officer=o, specialties=specialties, joined_on=D(2025, 1, 1)
    )
    with pytest.raises(ValidationError):
        add_talent_member(
            by=user("xy_director"), officer=o, specialties=specialties, joined_on=D(2025, 2, 1)
        )
    with pytest.raises(PermissionDenied):  # another court's director
        add_talent_member(
            by=user("xy_director"),
            officer=officer("琼0106"),
            specialties=specialties,
            joined_on=D(2025, 1, 1),
        )


def test_secondments_run_between_the_intermediate_and_a_district_court(org):
    district_judge = officer("琼0105")
    with translation.override("en"), pytest.raises(ValidationError) as err:
        record_secondment(
            by=user("zy_leader"),
            officer=district_judge,
            host_bureau=bureau("琼0106"),
            post="法官助理",
            started_on=D(2026, 1, 1),
            ended_on=D(2026, 12, 31),
        )
    assert "between the intermediate court and a district court" in str(err.value)
    record_secondment(
        by=user("xy_director"),
        officer=district_judge,
        host_bureau=bureau("琼01"),
        post="中院执行局法官助理（挂职）",
        started_on=D(2026, 1, 1),
        ended_on=D(2026, 12, 31),
    )
    with pytest.raises(ValidationError):  # one secondment at a time
        record_secondment(
            by=user("zy_leader"),
            officer=district_judge,
            host_bureau=bureau("琼01"),
            post="x",
            started_on=D(2026, 6, 1),
            ended_on=D(2027, 5, 31),
        )
    down = officer("琼01")
    record_secondment(
        by=user("zy_leader"),
        officer=down,
        host_bureau=bureau("琼0107"),
        post="执行局副局长（挂职）",
        started_on=D(2026, 3, 1),
        ended_on=D(2027, 2, 28),
    )
    assert Secondment.objects.count() == 2


def test_a_district_seminar_has_that_court_s_participants(org):
    with pytest.raises(ValidationError):
        record_seminar(
            by=user("xy_director"),
            court=Court.objects.get(code="琼0105"),
            topic="x",
            held_on=D(2026, 1, 1),
            participants=[officer("琼0106")],
        )


def test_every_talent_form_works_from_its_page(login, specialties):
    client = login("zy_leader")
    a, b = officer("琼0105"), officer("琼0106")
    zy = Court.objects.get(code="琼01")
    posts = [
        (
            "/people/talent/new/",
            {
                "officer": a.pk,
                "specialties": [s.pk for s in specialties],
                "joined_on": "2026-01-05",
            },
            TalentPoolMember,
        ),
        (
            "/people/seminars/new/",
            {
                "court": zy.pk,
                "topic": "股权执行疑难问题",
                "held_on": "2026-03-01",
                "participants": [a.pk, b.pk],
                "outcome": "形成纪要",
            },
            Seminar,
        ),
        (
            "/people/research/new/",
            {
                "court": zy.pk,
                "title": "执行调研",
                "kind": "paper",
                "authors": [a.pk],
                "completed_on": "2026-04-01",
            },
            ResearchOutput,
        ),
        (
            "/people/secondments/new/",
            {
                "officer": a.pk,
                "host_bureau": bureau("琼01").pk,
                "post": "法官助理（挂职）",
                "started_on": "2026-01-01",
                "ended_on": "2026-12-31",
            },
            Secondment,
        ),
        (
            "/people/trainings/new/",
            {
                "court": zy.pk,
                "title": "执行实务短训",
                "starts_on": "2026-05-01",
                "ends_on": "2026-05-03",
                "hours": "24",
                "participants": [a.pk, b.pk],
            },
            Training,
        ),
    ]
    for url, data, model in posts:
        assert client.get(url).status_code == 200, url
        response = client.post(url, data)
        assert response.status_code == 302, (url, response.content.decode()[-3000:])
        created = model.objects.get()
        assert response["Location"] == created.get_absolute_url()
        assert client.get(created.get_absolute_url()).status_code == 200
    # A district judge may not open these forms.
    assert login("xy_judge").get("/people/seminars/new/").status_code == 403

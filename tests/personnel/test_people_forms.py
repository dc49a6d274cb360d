"""Every action has a form: profile, positions, quotas, rotation plans, exchanges,
handovers — driven through the pages as the users would."""

import pytest
from django.utils import timezone

from courts.models import Court
from personnel.choices import HandoverStatus, RotationPlanStatus
from personnel.models import (
    Handover,
    Officer,
    Position,
    PostQuota,
    RotationPlan,
    StaffingQuota,
    TeamMembership,
    TrialExchange,
)
from tests.personnel.helpers import D, bureau, leader, officer

pytestmark = pytest.mark.django_db


def test_profile_birth_date_from_the_resident_id_and_position_end(login, org):
    o = Officer.objects.get(user__username="xy_clerk")
    client = login("xy_director")
    response = client.post(
        f"/people/officers/{o.pk}/profile/",
        {"education": "bachelor", "legal_qualification": "c", "rank": "staff_1"},
    )
    assert response.status_code == 302
    o.refresh_from_db()
    assert o.birth_date.strftime("%Y%m%d") == o.id_number[6:14]
    assert (o.education, o.legal_qualification, o.rank) == ("bachelor", "c", "staff_1")
    # An officer cannot rewrite their own profile (only their phone number).
    assert (
        login("xy_clerk")
        .post(f"/people/officers/{o.pk}/profile/", {"education": "doctorate"})
        .status_code
        == 403
    )
    response = client.post(
        f"/people/officers/{o.pk}/positions/new/",
        {"bureau": o.bureau_id, "post": "clerk", "started_on": "2019-03-01"},
    )
    assert response.status_code == 302
    p = Position.objects.get(officer=o)
    assert (
        client.post(
            f"/people/positions/{p.pk}/end/", {"ended_on": "2024-12-31", "end_reason": "transfer"}
        ).status_code
        == 302
    )
    p.refresh_from_db()
    assert p.ended_on == D(2024, 12, 31)
    detail = client.get(o.get_absolute_url()).content.decode()
    assert "2019年3月1日" in detail and 'id="positions"' in detail


def test_quotas_are_set_by_the_intermediate_court(login, org):
    b = bureau("琼0106")
    data = {
        "headcount": 30,
        "basis": "琼编〔2025〕1号",
        "quota_director": 1,
        "quota_deputy_director": 2,
    }
    assert login("lh_judge").post(f"/people/staffing/{b.pk}/edit/", data).status_code == 403
    assert login("zy_leader").post(f"/people/staffing/{b.pk}/edit/", data).status_code == 302
    assert StaffingQuota.objects.get(bureau=b).headcount == 30
    assert PostQuota.objects.get(bureau=b, post="deputy_director").quota == 2


def test_rotation_plan_through_the_pages(login, org):
    today = timezone.localdate()
    deputy = leader("琼0105", "deputy_director", D(2020, 1, 1), name="轮岗副局长")
    director = login("xy_director")
    response = director.post(
        "/people/rotation-plans/new/",
        {"court": Court.objects.get(code="琼0105").pk, "title": "秀英法院轮岗"},
    )
    assert response.status_code == 302
    plan = RotationPlan.objects.get()
    assert (
        director.post(
            f"/people/rotation-plans/{plan.pk}/items/new/",
            {
                "officer": deputy.pk,
                "effective_on": today.isoformat(),
                "destination_department": "立案庭",
            },
        ).status_code
        == 302
    )
    director.post(f"/people/rotation-plans/{plan.pk}/submit/")
    assert RotationPlan.objects.get().status == RotationPlanStatus.SUBMITTED
    assert (
        login("zy_leader")
        .post(f"/people/rotation-plans/{plan.pk}/decide/", {"decision": "yes", "opinion": "同意"})
        .status_code
        == 302
    )
    director.post(f"/people/rotation-plans/{plan.pk}/carry-out/")
    assert RotationPlan.objects.get().status == RotationPlanStatus.CARRIED_OUT
    assert TrialExchange.objects.filter(officer=deputy, department="立案庭").exists()
    page = director.get(plan.get_absolute_url()).content.decode()
    assert "轮岗副局长" in page


def test_handover_through_the_pages(login, org):
    leaving = Officer.objects.get(user__username="xy_assistant")
    successor = officer("琼0105", role="assistant", name="接任助理")
    client = login("xy_director")
    response = client.post(
        "/people/handovers/new/",
        {"officer": leaving.pk, "handover_on": timezone.localdate().isoformat(), "reason": "轮岗"},
    )
    assert response.status_code == 302
    handover = Handover.objects.get()
    page = client.get(handover.get_absolute_url()).content.decode()
    assert "秀英法院执行1组" in page
    item = handover.items.get()
    assert (
        client.post(
            f"/people/handovers/{handover.pk}/items/{item.pk}/successor/",
            {"successor": successor.pk},
        ).status_code
        == 302
    )
    client.post(f"/people/handovers/{handover.pk}/complete/")
    assert Handover.objects.get().status == HandoverStatus.COMPLETED
    assert TeamMembership.objects.filter(officer=successor, ended_on__isnull=True).exists()


def test_exchange_form(login, org):
    o = officer("琼0107")
    response = login("zy_leader").post(
        "/people/exchanges/new/",
        {
            "officer": o.pk,
            "bureau": bureau("琼0107").pk,
            "direction": "from_trial",
            "department": "民事审判第一庭",
            "started_on": "2026-02-01",
        },
    )
    assert response.status_code == 302
    assert TrialExchange.objects.get().officer == o

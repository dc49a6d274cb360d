"""Handover checklists: the leaving officer's open items go to named successors.
Team seats are moved here; other apps (cases) register their own providers."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from personnel.choices import HandoverStatus
from personnel.handover import (
    HandoverProvider,
    OpenItem,
    register_handover_provider,
    unregister_handover_provider,
)
from personnel.models import Officer, TeamMembership
from personnel.services import (
    assign_successor,
    assign_successor_to_all,
    complete_handover,
    open_handover,
)
from tests.personnel.helpers import officer

pytestmark = pytest.mark.django_db


def user(name):
    return get_user_model().objects.get(username=name)


class FakeCases(HandoverProvider):
    """Stands for the cases app: two open cases, moved by remembering the successor."""

    key = "test_case"
    label = "案件"
    moved: dict = {}
    fail = False

    def open_items(self, officer):
        yield OpenItem(ref="1", label="（2026）琼0105执1号")
        yield OpenItem(ref="2", label="（2026）琼0105执2号", due_on=timezone.localdate())

    def transfer(self, ref, leaving, successor, on):
        if self.fail:
            raise ValidationError("案件系统拒绝移交")
        self.moved[ref] = successor.pk


@pytest.fixture
def cases_provider():
    provider = FakeCases()
    provider.moved = {}
    register_handover_provider(provider)
    yield provider
    unregister_handover_provider(provider.key)


def test_team_seats_and_registered_items_move_to_successors(org, cases_provider):
    leaving = Officer.objects.get(user__username="xy_judge")
    successor = officer("琼0105", role="judge", name="接任法官")
    handover = open_handover(
        by=user("xy_director"), officer=leaving, handover_on=timezone.localdate()
    )
    kinds = sorted(handover.items.values_list("provider", flat=True))
    assert kinds == ["team_seat", "test_case", "test_case"]
    with pytest.raises(ValidationError):  # no successor named yet
        complete_handover(by=user("xy_director"), handover=handover)
    assign_successor_to_all(by=user("xy_director"), handover=handover, successor=successor)
    complete_handover(by=user("xy_director"), handover=handover)
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.COMPLETED
    assert cases_provider.moved == {"1": successor.pk, "2": successor.pk}
    seat = TeamMembership.objects.get(officer=successor, ended_on__isnull=True)
    assert seat.role == "judge"
    assert not TeamMembership.objects.filter(officer=leaving, ended_on__isnull=True).exists()


def test_a_failing_provider_moves_nothing(org, cases_provider):
    leaving = Officer.objects.get(user__username="xy_judge")
    successor = officer("琼0105", role="judge")
    handover = open_handover(
        by=user("xy_director"), officer=leaving, handover_on=timezone.localdate()
    )
    assign_successor_to_all(by=user("xy_director"), handover=handover, successor=successor)
    cases_provider.fail = True
    with pytest.raises(ValidationError):
        complete_handover(by=user("xy_director"), handover=handover)
    assert TeamMembership.objects.filter(officer=leaving, ended_on__isnull=True).exists()
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.OPEN


def test_a_successor_from_another_bureau_cannot_take_a_team_seat(org):
    leaving = Officer.objects.get(user__username="xy_judge")
    stranger = officer("琼0106", role="judge")
    handover = open_handover(
        by=user("zy_leader"), officer=leaving, handover_on=timezone.localdate()
    )
    item = handover.items.get(provider="team_seat")
    with pytest.raises(ValidationError):
        assign_successor(by=user("zy_leader"), item=item, successor=stranger)

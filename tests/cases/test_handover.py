"""A leaving judge's open cases and deadlines go to the successors named on the
handover checklist (cases registers its providers in CasesConfig.ready)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.choices import AssignmentMethod, NodeStatus
from cases.models import CaseAssignment, EnforcementCase
from cases.services.assignment import assign_case
from courts.access import CHANGE
from personnel.choices import TeamRole
from personnel.handover import handover_provider
from personnel.models import Officer, Team, TeamMembership
from personnel.services import (
    assign_successor,
    complete_handover,
    open_handover,
)
from tests.cases.conftest import file_on_its_day, filing_data
from tests.personnel.helpers import officer

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 11, 27)


def test_cases_registers_its_providers():
    assert handover_provider("case") is not None
    assert handover_provider("deadline") is not None


@pytest.fixture
def two_cases(xy_case, user):
    second = file_on_its_day(user("xy_judge"), filing_data(seed=2))
    assign_case(
        user=user("xy_director"), case_id=second.pk, team_id=xy_case.team_id, reason="同一团队"
    )
    second.refresh_from_db()
    return xy_case, second


def _team_led_by(judge: Officer) -> Team:
    team = Team.objects.create(name=f"秀英执行组（{judge.name}）", bureau=judge.bureau)
    TeamMembership.objects.create(team=team, officer=judge, role=TeamRole.JUDGE, started_on=ON)
    return team


def _items(handover, case):
    node_refs = {
        str(pk) for pk in case.nodes.filter(status=NodeStatus.OPEN).values_list("pk", flat=True)
    }
    return [
        i
        for i in handover.items.all()
        if (i.provider == "case" and i.ref == str(case.pk))
        or (i.provider == "deadline" and i.ref in node_refs)
    ]


def test_open_cases_and_deadlines_move_to_their_successors(two_cases, user):
    first, second = two_cases
    leaving = Officer.objects.get(user__username="xy_judge")
    old_team = first.team
    with_team = officer("琼0105", role="judge", name="有组法官")
    new_team = _team_led_by(with_team)
    newcomer = officer("琼0105", role="judge", name="新任法官")

    handover = open_handover(by=user("xy_director"), officer=leaving, handover_on=ON)
    by_kind = {}
    for item in handover.items.all():
        by_kind.setdefault(item.provider, []).append(item)
    assert sorted(i.ref for i in by_kind["case"]) == sorted([str(first.pk), str(second.pk)])
    open_nodes = list(
        first.nodes.filter(status=NodeStatus.OPEN).values_list("pk", "due_on")
    ) + list(second.nodes.filter(status=NodeStatus.OPEN).values_list("pk", "due_on"))
    assert open_nodes, "a filed case has open process nodes"
    # Every open deadline is on the checklist with its due date.
    assert {(int(i.ref), i.due_on) for i in by_kind["deadline"]} == set(open_nodes)
    case_item = next(i for i in by_kind["case"] if i.ref == str(first.pk))
    assert case_item.label == first.case_number
    assert case_item.due_on == min(
        d for pk, d in first.nodes.filter(status=NodeStatus.OPEN).values_list("pk", "due_on")
    )

    director = user("xy_director")
    for item in _items(handover, first):
        assign_successor(by=director, item=item, successor=with_team)
    for item in _items(handover, second) + by_kind["team_seat"]:
        assign_successor(by=director, item=item, successor=newcomer)
    complete_handover(by=director, handover=handover)

    first.refresh_from_db()
    second.refresh_from_db()
    # The first case went to the successor's own team, logged as a handover.
    assert first.team_id == new_team.pk
    log = CaseAssignment.objects.filter(case=first).latest("assigned_at")
    assert log.method == AssignmentMethod.HANDOVER and log.to_team_id == new_team.pk
    assert "有组法官" in log.reason
    # The second stayed in its team, whose judge seat the newcomer took.
    assert second.team_id == old_team.pk
    seat = TeamMembership.objects.get(team=old_team, role=TeamRole.JUDGE, ended_on__isnull=True)
    assert seat.officer_id == newcomer.pk
    assert not TeamMembership.objects.filter(officer=leaving, ended_on__isnull=True).exists()
    # Change rights follow: the successors may change their cases, the leaver none.
    assert EnforcementCase.objects.restrict(with_team.user, CHANGE).filter(pk=first.pk).exists()
    assert EnforcementCase.objects.restrict(newcomer.user, CHANGE).filter(pk=second.pk).exists()
    assert (
        not EnforcementCase.objects.restrict(leaving.user, CHANGE)
        .filter(pk__in=[first.pk, second.pk])
        .exists()
    )


def test_a_deadline_cannot_go_to_someone_other_than_its_case(two_cases, user):
    first, _second = two_cases
    leaving = Officer.objects.get(user__username="xy_judge")
    a = officer("琼0105", role="judge")
    _team_led_by(a)
    b = officer("琼0105", role="judge")
    _team_led_by(b)
    director = user("xy_director")
    handover = open_handover(by=director, officer=leaving, handover_on=ON)
    for item in handover.items.all():
        to = b if item.provider == "deadline" and item.label.startswith(first.case_number) else a
        assign_successor(by=director, item=item, successor=to)
    with translation.override("en"), pytest.raises(ValidationError, match="follows its case"):
        complete_handover(by=director, handover=handover)
    first.refresh_from_db()
    assert TeamMembership.objects.filter(
        team=first.team, officer=leaving, ended_on__isnull=True
    ).exists(), "nothing moved"


def test_a_successor_outside_the_bureau_or_not_a_judge_is_refused(two_cases, user):
    first, _second = two_cases
    leaving = Officer.objects.get(user__username="xy_judge")
    handover = open_handover(by=user("zy_leader"), officer=leaving, handover_on=ON)
    item = handover.items.get(provider="case", ref=str(first.pk))
    with pytest.raises(ValidationError):
        assign_successor(by=user("zy_leader"), item=item, successor=officer("琼0106"))
    with pytest.raises(ValidationError):
        assign_successor(by=user("zy_leader"), item=item, successor=officer("琼0105", role="clerk"))

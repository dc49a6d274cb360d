"""The bulk demo and bench cases obey the filing rules of DOMAIN.md §2 too: a 执恢
names the 终本 case of its court it resumes, a 执复 the district 执异 case it reviews,
a 执监 the district case it supervises; 执复 and 执监 are the intermediate court's;
no case is resumed or reviewed twice; an origin was closed before its sequel was filed,
and its parties go on in it.
(Issue 17: the seeding created such cases with no origin, at district courts.)"""

from __future__ import annotations

import datetime as dt

import pytest

from cases.choices import CaseType, ClosingType
from cases.demo import seed_cases
from cases.models import EnforcementCase

CONTINUATIONS = [CaseType.RESUMED, CaseType.RECONSIDERATION, CaseType.SUPERVISION]


@pytest.mark.django_db
def test_seeded_continuation_cases_name_a_lawful_origin(org):
    seed_cases(count=600, seed=7, years=(2025, 2026), today=dt.date(2026, 11, 27), with_nodes=False)
    assert EnforcementCase.objects.count() >= 600
    sequels = list(
        EnforcementCase.objects.filter(case_type__in=CONTINUATIONS).select_related(
            "court", "origin_case__court"
        )
    )
    kinds = {c.case_type for c in sequels}
    assert CaseType.RESUMED in kinds and CaseType.RECONSIDERATION in kinds, kinds
    origins = [c.origin_case_id for c in sequels]
    assert None not in origins
    assert len(origins) == len(set(origins)), "an origin named twice"
    for case in sequels:
        origin = case.origin_case
        assert origin.closed_on < case.filed_on, case.case_number
        if case.case_type == CaseType.RESUMED:
            assert origin.court_id == case.court_id
            assert origin.case_type == CaseType.FIRST
            assert origin.closing_type == ClosingType.TERMINATED_PROCEDURE
        else:
            assert case.court.code == "琼01", case.case_number
            assert origin.court.parent_id == case.court_id
        if case.case_type == CaseType.RECONSIDERATION:
            assert origin.case_type == CaseType.OBJECTION
        # The same parties go on in it.
        assert sorted(case.parties.values_list("role", "id_number")) == sorted(
            origin.parties.values_list("role", "id_number")
        )


@pytest.mark.django_db
def test_seeded_open_cases_have_their_closing_node_open(org):
    """The closing node (执行结案) is met by closing the case and nothing else, so a
    seeded case still in progress never shows it completed (the case page read
    执行结案 · 已完成 beside 执行中); nor is 分案 done for a case waiting for a team."""
    seed_cases(count=120, seed=9, years=(2025, 2026), today=dt.date(2026, 11, 27))
    _assert_nodes_follow_the_cases()


@pytest.mark.django_db(transaction=True)
def test_bulk_copied_open_cases_have_their_closing_node_open(org):
    """The same for the design-scale seeding (``copy_cases``, by COPY)."""
    from cases.demo.bulk import copy_cases
    from personnel.demo import seed_officers, seed_teams

    seed_officers(per_bureau=6, seed=7)
    seed_teams()
    copy_cases(count=400, seed=5, years=2, today=dt.date(2026, 11, 27))
    _assert_nodes_follow_the_cases()
    # 执复 and 执监 only at the intermediate court (DOMAIN.md §2 filing rights).
    upward = EnforcementCase.objects.filter(case_type__in=["执复", "执监"])
    assert upward.exists() and not upward.exclude(court__code="琼01").exists()


def _assert_nodes_follow_the_cases() -> None:
    """Closed cases have their closing node done, open ones never; no 分案 done for a
    case still waiting for a team."""
    from django.db.models import F

    from cases.choices import CaseStatus, CompletionEvent, NodeStatus
    from cases.models import CaseNode

    closing = CaseNode.objects.filter(definition__completion_event=CompletionEvent.CLOSED)
    assert closing.filter(case__status=CaseStatus.CLOSED, status=NodeStatus.DONE).exists()
    assert closing.exclude(case__status=CaseStatus.CLOSED).exists()
    assert not closing.exclude(case__status=CaseStatus.CLOSED).filter(status=NodeStatus.DONE)
    assigning = CaseNode.objects.filter(definition__completion_event=CompletionEvent.ASSIGNED)
    assert not assigning.filter(case__status=CaseStatus.FILED, status=NodeStatus.DONE)
    # A closed case was assigned on time along the way, not on its closing day.
    closed_assigning = assigning.filter(case__status=CaseStatus.CLOSED)
    assert closed_assigning.exists()
    assert not closed_assigning.filter(completed_on__gt=F("due_on"))
    # Every case with a team has its 分案记录, to that team, on the day 分案 was met
    # (its page listed none: 分案记录 —).
    from django.utils import timezone

    from cases.models import CaseAssignment, EnforcementCase

    with_team = EnforcementCase.objects.filter(team__isnull=False)
    assert with_team.exists() and not with_team.filter(assignments__isnull=True).exists()
    assert not EnforcementCase.objects.filter(team__isnull=True, assignments__isnull=False)
    for log in CaseAssignment.objects.select_related("case")[:50]:
        assert log.to_team_id == log.case.team_id and log.from_team_id is None
        node = assigning.filter(case=log.case, status=NodeStatus.DONE).first()
        day = timezone.localtime(log.assigned_at).date()
        assert day == (node.completed_on if node else log.case.filed_on)
        assert timezone.localtime(log.assigned_at).time() == dt.time(9, 30)
    _assert_review_cases_enforce_nothing()


def _assert_review_cases_enforce_nothing() -> None:
    """A review case closes by its outcome and recovers nothing: no receipts, no
    measures, no implementation closing (DOMAIN.md §2 "Review cases close as
    reviews"; cases.services.common.ensure_implementation)."""
    from cases.choices import IMPLEMENTATION_CLOSING_TYPES
    from cases.models import EnforcementCase, LedgerEntry, Measure

    reviews = EnforcementCase.objects.exclude(case_type__in=CaseType.implementation_codes())
    assert reviews.exists() and reviews.filter(status="closed").exists()
    assert not reviews.filter(amount_recovered__gt=0).exists()
    assert not LedgerEntry.objects.filter(account__case__in=reviews).exists()
    assert not Measure.objects.filter(case__in=reviews).exists()
    # 销案 (cancelled) ends either class.
    enforcing = IMPLEMENTATION_CLOSING_TYPES - {ClosingType.CANCELLED}
    assert not reviews.filter(closing_type__in=list(enforcing)).exists()

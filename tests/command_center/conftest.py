"""Fixtures of the command-centre tests: cases to query, a quiet sandbox, and
the expected answers of the sandbox (computed by asking it directly)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from cases.choices import CaseType, PartyRole
from cases.models import EnforcementCase, Party
from cases.services.filing import FilingData
from cases.services.parties import PartyData
from haikou_exec.identifiers import make_resident_id, make_uscc
from tests.cases.conftest import file_on_its_day


@pytest.fixture
def network(settings):
    """The sandbox without latency, failures or retry waits (tests change them)."""
    settings.PROPERTY_QUERY_PROVIDER = "sandbox"
    settings.PROPERTY_QUERY_SANDBOX_LATENCY_MS = 0
    settings.PROPERTY_QUERY_SANDBOX_FAILURE_RATE = 0.0
    settings.PROPERTY_QUERY_RETRY_BASE_SECONDS = 0
    settings.PROPERTY_QUERY_MAX_ATTEMPTS = 5
    settings.PROPERTY_QUERY_PARALLELISM = 1
    settings.PROPERTY_QUERY_CHUNK_SIZE = 25
    return settings


@pytest.fixture
def eager_celery():
    """Run tasks in-process (``.delay`` inside services), restoring afterwards."""
    from haikou_exec.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = before


@pytest.fixture
def user(org):
    def _user(username):
        return get_user_model().objects.get(username=username)

    return _user


def respondent_with_property(start: int = 0, *, at: str = "icbc") -> str:
    """A resident ID for which the sandbox holds something at ``at``."""
    from command_center.providers.base import Subject
    from command_center.providers.sandbox import SandboxPropertyNetwork

    net = SandboxPropertyNetwork()
    for i in range(start, start + 5000):
        id_number = make_resident_id(random.Random(f"rich-{i}"))
        if net.query(request_no="probe", institution_code=at, subject=Subject("x", id_number)):
            return id_number
    raise AssertionError("no rich respondent found")


def file_demo_case(
    user,
    *,
    seed: int = 1,
    filed_on: dt.date | None = None,
    respondent_id: str | None = None,
    applicant_phone: str = "",
    court_id: int | None = None,
) -> EnforcementCase:
    """A first-enforcement case with a natural-person applicant and respondent."""
    rng = random.Random(seed)
    return file_on_its_day(
        user,
        FilingData(
            case_type="执",
            title_issuer="海口市秀英区人民法院",
            title_document_number=f"（2025）琼0105民初{1000 + seed}号",
            title_effective_on=(filed_on or dt.date(2026, 9, 1)) - dt.timedelta(days=60),
            amount_claimed=Decimal("180000.00"),
            filed_on=filed_on or dt.date(2026, 9, 1),
            cause="民间借贷纠纷",
            court_id=court_id,
            parties=[
                PartyData(
                    role="applicant",
                    kind="natural",
                    name="王海生",
                    id_number=make_resident_id(rng),
                    phone=applicant_phone,
                ),
                PartyData(
                    role="respondent",
                    kind="natural",
                    name="李建设",
                    id_number=respondent_id or make_resident_id(rng),
                    address="海口市秀英区长滨路1号",
                ),
            ],
        ),
    )


def assign_to_xy_team(case, user):
    from cases.services.assignment import assign_case
    from personnel.models import Team

    team = Team.objects.get(
        bureau__court__code="琼0105", memberships__officer__user__username="xy_judge"
    )
    assign_case(user=user("xy_director"), case_id=case.pk, team_id=team.pk, reason="承办")
    case.refresh_from_db()
    return case


@pytest.fixture
def xy_case(org, user):
    """A first-enforcement case of 秀英, assigned to the demo team of xy_judge,
    whose respondent holds a bank account in the sandbox."""
    case = file_demo_case(user("xy_judge"), respondent_id=respondent_with_property())
    return assign_to_xy_team(case, user)


def expected_records(case_ids) -> dict[int, set[str]]:
    """What the sandbox holds for each case's respondents: {case id: {source
    reference}} — the findings a complete query must record, no more, no less."""
    from command_center.providers.base import Subject
    from command_center.providers.sandbox import SandboxPropertyNetwork

    net = SandboxPropertyNetwork()
    expected: dict[int, set[str]] = {}
    rows = Party.objects.filter(case_id__in=list(case_ids), role=PartyRole.RESPONDENT).exclude(
        id_number=""
    )
    for case_id in case_ids:
        expected[case_id] = set()
    for party in rows:
        subject = Subject(party.name, party.id_number, party.kind != "natural")
        for inst in net.institutions():
            for record in net.query(
                request_no="expect", institution_code=inst.code, subject=subject
            ):
                expected[party.case_id].add(f"{inst.code}:{record.reference}"[:100])
    return expected


def found_records(case_ids) -> dict[int, list[str]]:
    from cases.models import PropertyFinding

    found: dict[int, list[str]] = {case_id: [] for case_id in case_ids}
    for case_id, reference in PropertyFinding.objects.filter(
        case_id__in=list(case_ids), source="online_query"
    ).values_list("case_id", "source_reference"):
        found[case_id].append(reference)
    return found


def many_cases(
    count: int, *, seed: int = 7, today: dt.date | None = None, with_nodes: bool = False
):
    """``count`` demo cases (bulk) spread over the five courts; the ids of the
    implementation cases among them (the ones the network is queried for)."""
    from cases.demo import seed_cases

    before = set(EnforcementCase.objects.values_list("pk", flat=True))
    seed_cases(
        count=count,
        seed=seed,
        years=(2026,),
        today=today or dt.date(2026, 11, 20),
        with_nodes=with_nodes,
    )
    return sorted(
        set(
            EnforcementCase.objects.filter(
                case_type__in=CaseType.implementation_codes()
            ).values_list("pk", flat=True)
        )
        - before
    )


def uscc(seed: int) -> str:
    return make_uscc(random.Random(seed))

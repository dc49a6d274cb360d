"""Crafted enforcement data for the supervision and assessment tests: cases,
nodes, measures, findings, funds and documents written straight to the tables,
so that each test states exactly the facts a rule or an indicator reads."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from cases.choices import CaseStatus, NodeStatus
from cases.models import (
    ApplicantInterview,
    CaseAccount,
    CaseNode,
    DossierFile,
    EnforcementCase,
    GeneratedDocument,
    InvestigationStep,
    LedgerEntry,
    Measure,
    NodeDefinition,
    PropertyFinding,
)
from cases.numbers import format_case_number
from courts.choices import BureauKind
from courts.models import Bureau

_counter = itertools.count(1)


def make_case(
    court_code: str = "琼0105",
    *,
    case_type: str = "执",
    filed_on: dt.date = dt.date(2026, 1, 5),
    amount: str = "100000.00",
    recovered: str = "0",
    status: str = CaseStatus.IN_PROGRESS,
    closing_type: str = "",
    closed_on: dt.date | None = None,
    team=None,
    closing_note: str = "",
) -> EnforcementCase:
    n = next(_counter)
    bureau = Bureau.objects.select_related("court").get(
        court__code=court_code, kind=BureauKind.ENFORCEMENT
    )
    if closing_type:
        status = CaseStatus.CLOSED
    case = EnforcementCase.objects.create(
        court=bureau.court,
        bureau=bureau,
        case_type=case_type,
        year=filed_on.year,
        sequence=10000 + n,
        case_number=format_case_number(filed_on.year, court_code, case_type, 10000 + n),
        title_issuer="海口市秀英区人民法院",
        title_document_number=f"（2025）琼0105民初{n}号",
        title_effective_on=filed_on - dt.timedelta(days=30),
        amount_claimed=Decimal(amount),
        amount_recovered=Decimal(recovered),
        filed_on=filed_on,
        status=status,
        closing_type=closing_type,
        closed_on=closed_on,
        closing_note=closing_note,
        team=team,
        public_query_code=f"T{n:09d}",
    )
    CaseAccount.objects.create(case=case)
    return case


def add_node(
    case,
    code: str,
    *,
    triggered_on: dt.date,
    due_on: dt.date,
    completed_on: dt.date | None = None,
    status: str | None = None,
    ref: str = "",
) -> CaseNode:
    return CaseNode.objects.create(
        case=case,
        definition=NodeDefinition.objects.get(code=code),
        trigger_ref=ref,
        triggered_on=triggered_on,
        base_due_on=due_on,
        due_on=due_on,
        completed_on=completed_on,
        status=status or (NodeStatus.DONE if completed_on else NodeStatus.OPEN),
    )


def add_measure(
    case, kind: str = "seizure", *, started_on: dt.date, asset_type: str = "real_estate"
) -> Measure:
    return Measure.objects.create(
        case=case,
        kind=kind,
        asset_type=asset_type if kind in ("seizure", "detention", "freeze") else "",
        description=f"{kind} {started_on}",
        started_on=started_on,
    )


def add_finding(
    case, *, found_on: dt.date, source: str = "online_query", description="房产一处"
) -> PropertyFinding:
    return PropertyFinding.objects.create(
        case=case,
        source=source,
        asset_type="real_estate",
        description=description,
        found_at=dt.datetime.combine(
            found_on, dt.time(10, 0), tzinfo=dt.timezone(dt.timedelta(hours=8))
        ),
        fingerprint=f"fp-{case.pk}-{found_on}-{description}",
    )


def add_document(case, kind: str) -> GeneratedDocument:
    n = next(_counter)
    file = DossierFile.objects.create(
        case=case,
        category="documents",
        title=kind,
        file=f"test/{n}.pdf",
        original_name=f"{kind}.pdf",
        content_type="application/pdf",
        size=1,
        sha256=f"{n:064d}",
    )
    return GeneratedDocument.objects.create(case=case, kind=kind, dossier_file=file)


def add_step(
    case, kind: str, *, done_on: dt.date, found_property: bool = False
) -> InvestigationStep:
    return InvestigationStep.objects.create(
        case=case,
        kind=kind,
        done_on=done_on,
        found_property=found_property,
        outcome="未发现可供执行财产",
    )


def add_receipt(case, *, amount: str, on: dt.date) -> LedgerEntry:
    account = case.account
    return LedgerEntry.objects.create(
        account=account,
        kind="receipt",
        amount=Decimal(amount),
        balance_after=Decimal(amount),
        idempotency_key=f"test:{case.pk}:{next(_counter)}",
        counterparty="被执行人",
        occurred_on=on,
    )


def complete_termination(case, *, on: dt.date) -> None:
    """Every condition of 终本 recorded on the case (终本规定 art. 1)."""
    add_document(case, "enforcement_notice")
    add_document(case, "property_report_order")
    add_measure(case, "consumption_restriction", started_on=on - dt.timedelta(days=60))
    add_measure(case, "dishonest_listing", started_on=on - dt.timedelta(days=60))
    for kind in (
        "online_deposits",
        "online_vehicles",
        "online_real_estate",
        "online_securities",
        "on_site",
        "debtor_search",
    ):
        add_step(case, kind, done_on=on - dt.timedelta(days=30))
    ApplicantInterview.objects.create(
        case=case,
        held_on=on - dt.timedelta(days=5),
        record="告知并听取意见",
        applicant_confirmed=True,
    )

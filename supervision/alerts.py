"""The evaluators of the negative-execution alert rules, keyed by rule code.

A rule's parameters, activity and severity are data (``AlertRule``, editable in
the admin); the logic of each code lives here. An evaluator reads the cases in a
constant number of set-based queries and yields one ``Hit`` per case with its
evidence: the facts that made it fire, with links. Labels are English msgids
(marked with gettext_noop) and are translated when shown."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    CharField,
    Count,
    DateField,
    DecimalField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import (
    Cast,
    Coalesce,
    Concat,
    Floor,
    Greatest,
    Log,
    TruncDate,
    TruncQuarter,
)
from django.urls import reverse
from django.utils.translation import gettext_noop

from cases.choices import CaseStatus, ClosingType, LedgerEntryKind, MeasureKind, NodeStatus
from cases.models import (
    CaseNode,
    ClockPause,
    EnforcementCase,
    LedgerEntry,
    Measure,
    PropertyFinding,
)
from cases.selectors.termination import TERMINATION_KEYS, annotate_termination
from supervision.choices import AlertRuleCode

# Cases still being worked: a stay or suspension stops the clocks (DOMAIN.md §2),
# so idle stayed cases are not negative execution.
WORKING = [CaseStatus.FILED, CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS]
CONTROL_MEASURES = [
    MeasureKind.SEIZURE,
    MeasureKind.DETENTION,
    MeasureKind.FREEZE,
    MeasureKind.TRANSFER,
]
MONEY = DecimalField(max_digits=18, decimal_places=2)


@dataclass(frozen=True)
class Hit:
    case_id: int
    court_id: int
    # None: keep the evidence already stored (an expensive evidence is built once).
    evidence: dict | None


Evaluator = Callable[..., Iterable[Hit]]
EVALUATORS: dict[str, Evaluator] = {}


def evaluator(code: str):
    def register(func: Evaluator) -> Evaluator:
        EVALUATORS[code] = func
        return func

    return register


def case_ref(case_id: int, number: str) -> dict:
    return {"id": case_id, "number": number, "url": reverse("cases:case_detail", args=[case_id])}


def fact(label: str, value) -> dict:
    if isinstance(value, Decimal):
        value = str(value)
    elif isinstance(value, dt.date):
        value = value.isoformat()
    return {"label": label, "value": value}


def _evidence(rule, today, case, facts, items=(), extra=None) -> dict:
    return {
        "rule": rule.code,
        "parameters": rule.parameters,
        "evaluated_on": today.isoformat(),
        "case": case,
        "facts": facts,
        "items": list(items),
        **(extra or {}),
    }


@evaluator(AlertRuleCode.PROPERTY_WITHOUT_MEASURE)
def property_without_measure(rule, today: dt.date, known: set[int]) -> Iterator[Hit]:
    """Property was found (online query, the applicant's clue, on site) more than
    N days ago and no seizure, detention, freeze or transfer followed it."""
    days = rule.param("days", 7)
    cutoff = today - dt.timedelta(days=days)
    measured = Measure.objects.filter(
        case=OuterRef("case"),
        kind__in=CONTROL_MEASURES,
        started_on__gte=OuterRef("found_on"),
    )
    rows = (
        PropertyFinding.objects.filter(case__status__in=WORKING)
        .annotate(found_on=TruncDate("found_at"))
        .filter(found_on__lte=cutoff)
        .exclude(Exists(measured))
        .values(
            "id",
            "case_id",
            "case__court_id",
            "case__case_number",
            "description",
            "asset_type",
            "source",
            "estimated_value",
            "found_on",
        )
        .order_by("case_id", "found_on", "id")
    )
    by_case: dict[int, list[dict]] = defaultdict(list)
    for row in rows.iterator(chunk_size=2000):
        by_case[row["case_id"]].append(row)
    for case_id, findings in by_case.items():
        first = findings[0]
        oldest = first["found_on"]
        yield Hit(
            case_id,
            first["case__court_id"],
            _evidence(
                rule,
                today,
                case_ref(case_id, first["case__case_number"]),
                [
                    fact(gettext_noop("Property found on"), oldest),
                    fact(
                        gettext_noop("Days since, without a control measure"), (today - oldest).days
                    ),
                    fact(gettext_noop("Limit (days)"), days),
                    fact(gettext_noop("Findings without a measure"), len(findings)),
                ],
                [
                    {
                        "label": f["description"],
                        "detail": f"{f['found_on'].isoformat()} · {f['asset_type']} · {f['source']}"
                        + (f" · {f['estimated_value']}" if f["estimated_value"] else ""),
                        "url": reverse("cases:case_detail", args=[case_id]) + "#findings",
                    }
                    for f in findings[:10]
                ],
            ),
        )


@evaluator(AlertRuleCode.NO_NODE_PROGRESS)
def no_node_progress(rule, today: dt.date, known: set[int]) -> Iterator[Hit]:
    """A case being worked whose process nodes have not moved (no node opened or
    completed) for N days; stayed or suspended cases are left out."""
    days = rule.param("days", 30)
    cutoff = today - dt.timedelta(days=days)
    nodes = CaseNode.objects.filter(case=OuterRef("pk")).order_by().values("case")
    last_triggered = nodes.annotate(m=Max("triggered_on")).values("m")
    last_completed = nodes.annotate(m=Max("completed_on")).values("m")
    open_nodes = CaseNode.objects.filter(case=OuterRef("pk"), status=NodeStatus.OPEN)
    open_count = open_nodes.order_by().values("case").annotate(c=Count("pk")).values("c")
    next_open = open_nodes.order_by("due_on", "id")
    rows = (
        EnforcementCase.objects.filter(status__in=WORKING, filed_on__lte=cutoff)
        .exclude(Exists(ClockPause.objects.filter(case=OuterRef("pk"), ended_on__isnull=True)))
        .annotate(
            last_progress=Greatest(
                F("filed_on"),
                Coalesce(Subquery(last_triggered, output_field=DateField()), F("filed_on")),
                Coalesce(Subquery(last_completed, output_field=DateField()), F("filed_on")),
            )
        )
        .filter(last_progress__lte=cutoff)
        .annotate(
            open_nodes=Coalesce(Subquery(open_count, output_field=IntegerField()), 0),
            next_node=Subquery(next_open.values("definition__name")[:1]),
            next_due=Subquery(next_open.values("due_on")[:1], output_field=DateField()),
        )
        .values(
            "id",
            "court_id",
            "case_number",
            "filed_on",
            "status",
            "last_progress",
            "open_nodes",
            "next_node",
            "next_due",
        )
        .order_by("id")
    )
    for row in rows.iterator(chunk_size=2000):
        facts = [
            fact(gettext_noop("Last node progress on"), row["last_progress"]),
            fact(gettext_noop("Days without progress"), (today - row["last_progress"]).days),
            fact(gettext_noop("Limit (days)"), days),
            fact(gettext_noop("Open nodes"), row["open_nodes"]),
        ]
        items = []
        if row["next_node"]:
            overdue = row["next_due"] < today
            facts.append(fact(gettext_noop("Earliest open node due on"), row["next_due"]))
            items.append(
                {
                    "label": row["next_node"],
                    "detail": row["next_due"].isoformat() + (" ⚠" if overdue else ""),
                    "url": reverse("cases:case_detail", args=[row["id"]]) + "#nodes",
                }
            )
        yield Hit(
            row["id"],
            row["court_id"],
            _evidence(rule, today, case_ref(row["id"], row["case_number"]), facts, items),
        )


@evaluator(AlertRuleCode.TERMINATION_INCOMPLETE)
def termination_incomplete(rule, today: dt.date, known: set[int]) -> Iterator[Hit]:
    """A case closed by 终本 (within the look-back window) without every condition
    of 终本规定 art. 1. The set-based check (cases.selectors.termination) finds them; the
    closing service's own checklist (``termination_checklist``) gives the evidence."""
    from cases.services.closing import termination_checklist

    lookback = rule.param("lookback_days", 365)
    since = today - dt.timedelta(days=lookback)
    failing = (
        annotate_termination(
            EnforcementCase.objects.filter(
                closing_type=ClosingType.TERMINATED_PROCEDURE, closed_on__gte=since
            )
        )
        .filter(tc_all=False)
        .order_by("id")
    )
    for case in failing.iterator(chunk_size=500):
        if case.pk in known:
            # Closed cases do not change: the evidence stored when the alert was
            # raised stands; the case is still reported as failing.
            yield Hit(case.pk, case.court_id, None)
            continue
        checklist = termination_checklist(
            case,
            on=case.closed_on,
            listing_exempt_reason=case.closing_note,
            undisposable_reason=case.closing_note,
        )
        missing = [c for c in checklist if not c.satisfied]
        if not missing:  # the SQL and the checklist disagree: trust the checklist
            continue
        yield Hit(
            case.pk,
            case.court_id,
            _evidence(
                rule,
                today,
                case_ref(case.pk, case.case_number),
                [
                    fact(gettext_noop("Closed by 终本 on"), case.closed_on),
                    fact(gettext_noop("Filed on"), case.filed_on),
                    fact(gettext_noop("Conditions missing"), len(missing)),
                ],
                [
                    {
                        "label": c.label,
                        "detail": c.missing,
                        "url": reverse("cases:case_detail", args=[case.pk]),
                    }
                    for c in missing
                ],
                {"conditions": {k: bool(getattr(case, k)) for k in TERMINATION_KEYS}},
            ),
        )


@evaluator(AlertRuleCode.FUNDS_UNPAID)
def funds_unpaid(rule, today: dt.date, known: set[int]) -> Iterator[Hit]:
    """Case funds received more than N days ago and not paid out (the 30-day
    disbursement node still open — DOMAIN.md §2 "Case funds")."""
    days = rule.param("days", 30)
    cutoff = today - dt.timedelta(days=days)
    receipt = (
        LedgerEntry.objects.filter(account__case=OuterRef("case"), kind=LedgerEntryKind.RECEIPT)
        .annotate(ref=Concat(Value("entry:"), Cast("pk", CharField())))
        .filter(ref=OuterRef("trigger_ref"))
    )
    rows = (
        CaseNode.objects.filter(
            definition__code="funds_disbursement",
            status=NodeStatus.OPEN,
            triggered_on__lte=cutoff,
        )
        .annotate(receipt_amount=Subquery(receipt.values("amount")[:1], output_field=MONEY))
        .values(
            "case_id",
            "case__court_id",
            "case__case_number",
            "case__account__balance",
            "triggered_on",
            "due_on",
            "receipt_amount",
        )
        .order_by("case_id", "triggered_on")
    )
    by_case: dict[int, list[dict]] = defaultdict(list)
    for row in rows.iterator(chunk_size=2000):
        by_case[row["case_id"]].append(row)
    for case_id, receipts in by_case.items():
        first = receipts[0]
        total = sum((r["receipt_amount"] or Decimal("0") for r in receipts), Decimal("0"))
        yield Hit(
            case_id,
            first["case__court_id"],
            _evidence(
                rule,
                today,
                case_ref(case_id, first["case__case_number"]),
                [
                    fact(gettext_noop("Funds arrived on"), first["triggered_on"]),
                    fact(gettext_noop("Days unpaid"), (today - first["triggered_on"]).days),
                    fact(gettext_noop("Limit (days)"), days),
                    fact(gettext_noop("Receipts unpaid"), len(receipts)),
                    fact(gettext_noop("Amount of those receipts (yuan)"), total),
                    fact(
                        gettext_noop("Balance on the account (yuan)"),
                        first["case__account__balance"] or Decimal("0"),
                    ),
                ],
                [
                    {
                        "label": str(r["receipt_amount"] or ""),
                        "detail": f"{r['triggered_on'].isoformat()} → {r['due_on'].isoformat()}",
                        "url": reverse("cases:case_detail", args=[case_id]) + "#funds",
                    }
                    for r in receipts[:10]
                ],
            ),
        )


@evaluator(AlertRuleCode.SELECTIVE_EXECUTION)
def selective_execution(rule, today: dt.date, known: set[int]) -> Iterator[Hit]:
    """Similar cases treated differently: in the same court, of the same type,
    filed in the same quarter, with comparable claims (the same band of width
    ``amount_ratio``), open for at least ``min_open_days`` — some have control or
    restriction measures, this one has none. One window query finds the mixed groups."""
    ratio = Decimal(str(rule.param("amount_ratio", 2.0)))
    min_open = rule.param("min_open_days", 60)
    max_comparables = rule.param("max_comparables", 5)
    types = rule.param("case_types", ["执", "执恢"])
    cutoff = today - dt.timedelta(days=min_open)
    base = EnforcementCase.objects.filter(
        status__in=WORKING, case_type__in=types, filed_on__lte=cutoff, amount_claimed__gt=0
    ).annotate(
        measured=Exists(Measure.objects.filter(case=OuterRef("pk"))),
        band=Floor(Log(Value(ratio), F("amount_claimed"))),
        quarter=TruncQuarter("filed_on"),
    )
    partition = [F("court_id"), F("case_type"), F("band"), F("quarter")]
    rows = (
        base.annotate(
            group_measured=Window(Count("pk", filter=Q(measured=True)), partition_by=partition),
            group_unmeasured=Window(Count("pk", filter=Q(measured=False)), partition_by=partition),
        )
        .filter(group_measured__gt=0, group_unmeasured__gt=0)
        .annotate(
            measure_count=Subquery(
                Measure.objects.filter(case=OuterRef("pk"))
                .order_by()
                .values("case")
                .annotate(c=Count("pk"))
                .values("c"),
                output_field=IntegerField(),
            )
        )
        .values(
            "id",
            "court_id",
            "case_type",
            "band",
            "quarter",
            "measured",
            "case_number",
            "amount_claimed",
            "filed_on",
            "measure_count",
            "group_measured",
            "group_unmeasured",
        )
        .order_by("court_id", "case_type", "band", "quarter", "filed_on", "id")
    )
    groups: dict[tuple, dict[str, list]] = defaultdict(lambda: {"with": [], "without": []})
    for row in rows.iterator(chunk_size=2000):
        key = (row["court_id"], row["case_type"], row["band"], row["quarter"])
        groups[key]["with" if row["measured"] else "without"].append(row)
    for (_court, _type, _band, quarter), group in groups.items():
        comparables = group["with"][:max_comparables]
        for row in group["without"]:
            yield Hit(
                row["id"],
                row["court_id"],
                _evidence(
                    rule,
                    today,
                    case_ref(row["id"], row["case_number"]),
                    [
                        fact(gettext_noop("Amount claimed (yuan)"), row["amount_claimed"]),
                        fact(gettext_noop("Filed on"), row["filed_on"]),
                        fact(gettext_noop("Measures taken in this case"), 0),
                        fact(gettext_noop("Comparable cases with measures"), row["group_measured"]),
                        fact(
                            gettext_noop("Comparable cases without measures"),
                            row["group_unmeasured"],
                        ),
                        fact(gettext_noop("Quarter of filing"), quarter),
                    ],
                    [
                        {
                            "label": c["case_number"],
                            "detail": f"{c['amount_claimed']} · {c['filed_on'].isoformat()} · "
                            f"{c['measure_count'] or 0}",
                            "url": reverse("cases:case_detail", args=[c["id"]]),
                        }
                        for c in comparables
                    ],
                    {"comparable_case_ids": [c["id"] for c in comparables]},
                ),
            )

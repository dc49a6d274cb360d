"""Read paths of the case-funds pages: ledger entries, accounts, disbursement
requests, funds undisbursed past the 30-day limit, and the per-court
reconciliation. Each list is a constant number of queries whatever its length."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone

from cases import selectors
from cases.choices import ApprovalStatus, LedgerEntryKind, NodeStatus
from cases.models import CaseAccount, CaseNode, DisbursementRequest, LedgerEntry

# The node opened by every receipt: pay the funds out within 30 days of arrival
# (DOMAIN.md §2 node table, cases/reference_data.py "funds_disbursement").
DISBURSEMENT_NODE = "funds_disbursement"
MONEY = DecimalField(max_digits=18, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY)


def _signed_amount():
    return Case(
        When(kind__in=list(LedgerEntryKind.credits()), then=F("amount")),
        default=-F("amount"),
        output_field=MONEY,
    )


def ledger_entry_list(queryset: QuerySet[LedgerEntry]) -> QuerySet[LedgerEntry]:
    return queryset.select_related("account__case__court", "recorded_by").order_by(
        "-occurred_on", "-id"
    )


def overdue_disbursement_nodes(
    queryset: QuerySet[CaseNode], today: dt.date | None = None
) -> QuerySet[CaseNode]:
    """Open 30-day disbursement nodes past their due date."""
    today = today or timezone.localdate()
    return queryset.filter(
        definition__code=DISBURSEMENT_NODE, status=NodeStatus.OPEN, due_on__lt=today
    )


def account_list(
    queryset: QuerySet[CaseAccount], today: dt.date | None = None
) -> QuerySet[CaseAccount]:
    """Accounts with the sum of their entries next to the cached balance (they
    must agree) and whether funds wait past the 30-day limit."""
    ledger_sum = (
        LedgerEntry.objects.filter(account=OuterRef("pk"))
        .order_by()
        .values("account")
        .annotate(s=Sum(_signed_amount()))
        .values("s")
    )
    overdue = overdue_disbursement_nodes(CaseNode.objects.filter(case=OuterRef("case")), today)
    return queryset.select_related("case__court", "case__team").annotate(
        ledger_sum=Coalesce(Subquery(ledger_sum, output_field=MONEY), ZERO),
        has_overdue_funds=Exists(overdue),
    )


def disbursement_request_list(
    queryset: QuerySet[DisbursementRequest],
) -> QuerySet[DisbursementRequest]:
    return queryset.select_related("case__court", "payee", "requested_by", "decided_by")


def undisbursed_funds(
    queryset: QuerySet[CaseNode], today: dt.date | None = None
) -> QuerySet[CaseNode]:
    """Receipts not paid out 30 days after arrival, with the amount of the receipt
    that opened each node (trigger_ref ``entry:<id>``) and the case's balance."""
    receipt = (
        LedgerEntry.objects.filter(account__case=OuterRef("case"), kind=LedgerEntryKind.RECEIPT)
        .annotate(ref=Concat(Value("entry:"), Cast("pk", CharField())))
        .filter(ref=OuterRef("trigger_ref"))
    )
    return (
        overdue_disbursement_nodes(queryset, today)
        .select_related("case__court", "case__team", "case__account")
        .annotate(receipt_amount=Subquery(receipt.values("amount")[:1], output_field=MONEY))
        .order_by("due_on", "id")
    )


def undisbursed_summary(queryset: QuerySet[CaseNode], today: dt.date | None = None) -> list[dict]:
    """Per court: how many receipts and cases wait past the limit, and the
    balance those cases hold. Two queries."""
    nodes = overdue_disbursement_nodes(queryset, today)
    rows = list(
        nodes.order_by()
        .values(
            "case__court_id",
            "case__court__code",
            "case__court__short_name",
            "case__court__sort_order",
        )
        .annotate(receipts=Count("id"), cases=Count("case_id", distinct=True))
        .order_by("case__court__sort_order")
    )
    balances = dict(
        CaseAccount.objects.filter(case_id__in=nodes.values("case_id"))
        .order_by()
        .values("case__court_id")
        .annotate(s=Sum("balance"))
        .values_list("case__court_id", "s")
    )
    return [
        {
            "court_code": r["case__court__code"],
            "court_name": r["case__court__short_name"],
            "receipts": r["receipts"],
            "cases": r["cases"],
            "balance": balances.get(r["case__court_id"]) or Decimal("0.00"),
        }
        for r in rows
    ]


def reconciliation_rows(court_ids: list[int], today: dt.date | None = None) -> list[dict]:
    """The per-court reconciliation (cases.selectors.reconciliation) with, beside
    it, the pending disbursement requests and the funds waiting past 30 days, and
    the accounts whose cached balance disagrees with their entries."""
    rows = selectors.reconciliation(court_ids)
    pending = {
        r["case__court_id"]: r
        for r in DisbursementRequest.objects.filter(
            case__court_id__in=court_ids, status=ApprovalStatus.PENDING
        )
        .order_by()
        .values("case__court_id")
        .annotate(n=Count("id"), s=Sum("amount"))
    }
    overdue = {
        r["case__court_id"]: r["n"]
        for r in overdue_disbursement_nodes(
            CaseNode.objects.filter(case__court_id__in=court_ids), today
        )
        .order_by()
        .values("case__court_id")
        .annotate(n=Count("case_id", distinct=True))
    }
    mismatched = {
        r["case__court_id"]: r["n"]
        for r in account_list(CaseAccount.objects.filter(case__court_id__in=court_ids), today)
        .filter(~Q(ledger_sum=F("balance")))
        .order_by()
        .values("case__court_id")
        .annotate(n=Count("id"))
    }
    for row in rows:
        court_id = row["court"].pk
        row["pending_count"] = pending.get(court_id, {}).get("n", 0)
        row["pending_amount"] = pending.get(court_id, {}).get("s") or Decimal("0.00")
        row["overdue_cases"] = overdue.get(court_id, 0)
        row["mismatched_accounts"] = mismatched.get(court_id, 0)
    return rows

"""Receipts on a criminal property case are allocated over the judgment's items
in the legal order: medical costs → restitution to victims → other civil debts →
fines → confiscation (最高人民法院《关于刑事裁判涉财产部分执行的若干规定》art. 13;
DOMAIN.md §4). A later class receives nothing while an earlier one is unpaid;
within a class the items share pro rata."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from django.db import transaction

from cases.choices import CriminalItemKind, LedgerEntryKind
from cases.models import CriminalJudgment, CriminalJudgmentItem, LedgerEntry, ReceiptAllocation
from cases.services.ledger import record_receipt

CENT = Decimal("0.01")


def plan_allocation(
    amount: Decimal, items: list[CriminalJudgmentItem]
) -> tuple[list[tuple[CriminalJudgmentItem, Decimal]], Decimal]:
    """Split ``amount`` over the items in the legal order. Returns the shares and
    what is left over (more than the judgment asks for: to be refunded).

    A class is paid in full before the next one gets anything; when a class cannot
    be paid in full, its items share pro rata (the cents left by rounding go to
    the items in their order on the form)."""
    remaining = Decimal(amount)
    plan: list[tuple[CriminalJudgmentItem, Decimal]] = []
    for kind in CriminalItemKind.payment_order():
        group = [i for i in items if i.kind == kind and i.outstanding > 0]
        if not group or remaining <= 0:
            continue
        owed = sum((i.outstanding for i in group), Decimal("0"))
        if remaining >= owed:
            plan += [(i, i.outstanding) for i in group]
            remaining -= owed
            continue
        shares = [(remaining * i.outstanding / owed).quantize(CENT, ROUND_DOWN) for i in group]
        leftover = remaining - sum(shares, Decimal("0"))
        index = 0
        while leftover > 0:
            if shares[index] < group[index].outstanding:
                shares[index] += CENT
                leftover -= CENT
            index = (index + 1) % len(group)
        plan += [(i, s) for i, s in zip(group, shares, strict=True) if s > 0]
        remaining = Decimal("0")
        break
    return plan, remaining


@transaction.atomic
def allocate_receipts(*, case_id: int) -> list[ReceiptAllocation]:
    """Allocate every receipt of the case not yet allocated, oldest first, under
    the judgment's lock (idempotent: an allocated receipt is never allocated
    again).
    Source: the order of payment: 最高人民法院《关于刑事裁判涉财产部分执行的若干规定》art. 13; DOMAIN.md §4."""
    judgment = (
        CriminalJudgment.objects.select_for_update(of=("self",)).filter(case_id=case_id).first()
    )
    if judgment is None:
        return []
    items = list(
        CriminalJudgmentItem.objects.select_for_update().filter(judgment=judgment).order_by("id")
    )
    done = ReceiptAllocation.objects.filter(item__judgment=judgment).values("entry_id")
    receipts = (
        LedgerEntry.objects.filter(account__case_id=case_id, kind=LedgerEntryKind.RECEIPT)
        .exclude(pk__in=done)
        .order_by("occurred_on", "id")
    )
    created: list[ReceiptAllocation] = []
    for entry in receipts:
        plan, _rest = plan_allocation(entry.amount, items)
        for item, share in plan:
            item.paid += share
            created.append(ReceiptAllocation(entry=entry, item=item, amount=share))
    if created:
        ReceiptAllocation.objects.bulk_create(created)
        CriminalJudgmentItem.objects.bulk_update(items, ["paid"])
    return created


@transaction.atomic
def record_criminal_receipt(
    *,
    user,
    case_id: int,
    amount,
    counterparty: str,
    occurred_on: dt.date,
    idempotency_key: str,
    bank_reference: str = "",
    note: str = "",
) -> tuple[LedgerEntry, list[ReceiptAllocation]]:
    """A receipt on a criminal property case, allocated at once in the legal order.
    Source: DOMAIN.md §4 "Order of payment"."""
    entry, _created = record_receipt(
        user=user,
        case_id=case_id,
        amount=amount,
        counterparty=counterparty,
        occurred_on=occurred_on,
        idempotency_key=idempotency_key,
        bank_reference=bank_reference,
        note=note,
    )
    allocate_receipts(case_id=case_id)
    return entry, list(entry.criminal_allocations.select_related("item"))

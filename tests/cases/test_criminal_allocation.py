"""Criminal property judgments (DOMAIN.md §4): receipts allocated in the legal
order, each class paid in full before the next, for any sequence of receipts, and
once per receipt however often the allocation runs or the form is sent."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.urls import reverse

from cases.choices import CriminalItemKind
from cases.models import CriminalJudgmentItem, ReceiptAllocation
from cases.services import ledger
from cases.services.criminal import (
    allocate_receipts,
    plan_allocation,
    receive_transfer_form,
    record_criminal_receipt,
)
from tests.cases.helpers import _media_root as _media_root  # noqa: F401 (fixture)
from tests.cases.helpers import assign_to_team, form

ORDER = CriminalItemKind.payment_order()


def _items(**amounts) -> list[CriminalJudgmentItem]:
    """Unsaved items: kind → amount or [amounts] (several victims)."""
    items, pk = [], 0
    for kind, value in amounts.items():
        for amount in value if isinstance(value, list) else [value]:
            pk += 1
            items.append(
                CriminalJudgmentItem(pk=pk, kind=kind, amount=Decimal(amount), paid=Decimal("0"))
            )
    return items


def _pay(items, amount) -> Decimal:
    plan, rest = plan_allocation(Decimal(amount), items)
    for item, share in plan:
        item.paid += share
    return rest


def _assert_legal_order(items) -> None:
    """No class is paid anything while an earlier class is still owed."""
    for index, kind in enumerate(ORDER):
        if any(i.paid > 0 for i in items if i.kind == kind):
            for earlier in ORDER[:index]:
                assert all(i.paid == i.amount for i in items if i.kind == earlier), (kind, earlier)


def test_allocation_pays_each_class_in_full_before_the_next():
    items = _items(
        fine="20000",
        confiscation="50000",
        restitution=["20000", "10000"],
        medical_costs="10000",
        civil_debt="5000",
        illicit_property="8000",
    )
    by = lambda kind: [i.paid for i in items if i.kind == kind]  # noqa: E731
    assert _pay(items, "25000.00") == 0
    # Medical costs first, in full; the victims share the rest pro rata; nothing later.
    assert by("medical_costs") == [Decimal("10000")]
    assert by("restitution") == [Decimal("10000.00"), Decimal("5000.00")]
    assert by("civil_debt") == by("fine") == by("confiscation") == [0]
    _assert_legal_order(items)
    assert _pay(items, "30000.00") == 0
    assert by("restitution") == [Decimal("20000"), Decimal("10000")]
    assert by("civil_debt") == [Decimal("5000")] and by("fine") == [Decimal("10000")]
    assert by("confiscation") == [0]
    _assert_legal_order(items)
    # More than everything owed: the rest is left over (to be refunded), never to
    # the illicit money and goods, which are recovered as such.
    assert _pay(items, "100000.00") == Decimal("40000.00")
    assert by("confiscation") == [Decimal("50000")] and by("illicit_property") == [0]


def test_allocation_order_holds_for_any_sequence_of_receipts():
    rng = random.Random(5)
    for _round in range(40):
        items = _items(
            fine=str(rng.randint(1, 9) * 1000),
            confiscation=str(rng.randint(1, 9) * 1000),
            restitution=[f"{rng.randint(100, 99999)}.{rng.randint(0, 99):02d}" for _ in range(3)],
            medical_costs=f"{rng.randint(1, 5000)}.01",
            civil_debt=str(rng.randint(1, 9) * 100),
        )
        total = sum(i.amount for i in items)
        paid_in = Decimal("0")
        while paid_in < total:
            amount = Decimal(rng.randint(1, 40000)) / 100
            rest = _pay(items, amount)
            paid_in += amount
            _assert_legal_order(items)
            assert all(0 <= i.paid <= i.amount for i in items)
            assert sum(i.paid for i in items) == min(paid_in, total)
            assert rest == max(paid_in - total, 0) - max(paid_in - amount - total, 0)


@pytest.mark.django_db
def test_receipts_are_allocated_in_the_legal_order_once(criminal, user, login):
    judgment = receive_transfer_form(
        user=user("xs_judge"),
        data=form(received_on=dt.date(2026, 11, 16)),
        filed_on=dt.date(2026, 11, 20),
    )
    case = judgment.case
    assign_to_team(case, criminal, user)
    client = login("xs_judge")
    response = client.post(
        reverse("cases:criminal_receipt", kwargs={"case_id": case.pk}),
        {
            "amount": "25000.00",
            "counterparty": "符某强家属",
            "occurred_on": "2026-11-24",
            "form_key": "0" * 32,
        },
    )
    assert response.status_code == 302 and response["Location"] == judgment.get_absolute_url()
    paid = dict(
        CriminalJudgmentItem.objects.filter(judgment=judgment)
        .values_list("beneficiary_name", "paid")
        .filter(kind="restitution")
    )
    assert paid == {"李阿婆": Decimal("10000.00"), "陈先生": Decimal("5000.00")}
    # A receipt recorded on the ordinary funds page is allocated by the next run, once.
    ledger.record_receipt(
        user=user("xs_judge"),
        case_id=case.pk,
        amount="30000.00",
        counterparty="冻结存款划拨",
        occurred_on=dt.date(2026, 11, 25),
        idempotency_key="bank:xs-2",
    )
    assert len(allocate_receipts(case_id=case.pk)) == 4  # restitution ×2, civil debt, fine
    assert allocate_receipts(case_id=case.pk) == []
    totals = {
        kind: paid
        for kind, paid in CriminalJudgmentItem.objects.filter(judgment=judgment)
        .exclude(kind="restitution")
        .values_list("kind", "paid")
    }
    assert totals == {
        "medical_costs": Decimal("10000.00"),
        "civil_debt": Decimal("5000.00"),
        "fine": Decimal("10000.00"),
        "confiscation": Decimal("0.00"),
        "illicit_property": Decimal("0.00"),
    }
    assert sum(
        a.amount for a in ReceiptAllocation.objects.filter(item__judgment=judgment)
    ) == Decimal("55000.00")
    # The same receipt form submitted twice records and allocates once.
    entry, allocations = record_criminal_receipt(
        user=user("xs_judge"),
        case_id=case.pk,
        amount="25000.00",
        counterparty="符某强家属",
        occurred_on=dt.date(2026, 11, 24),
        idempotency_key=f"criminal-receipt-form:{case.pk}:{'0' * 32}",
    )
    assert len(allocations) == 3 and ReceiptAllocation.objects.count() == 7
    page = client.get(judgment.get_absolute_url()).content.decode()
    assert "10,000.00" in page and 'data-kind="fine"' in page

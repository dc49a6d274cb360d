"""Case funds (执行案款): one account per case, an append-only ledger, approved
disbursements, idempotent writes under a row lock (DOMAIN.md §2 "Case funds",
DESIGN.md "Money")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import (
    APPROVAL_TRANSITIONS,
    ApprovalStatus,
    CaseStatus,
    CompletionEvent,
    LedgerEntryKind,
    NodeStatus,
    TriggerEvent,
)
from cases.models import (
    CaseAccount,
    CaseNode,
    DisbursementRequest,
    EnforcementCase,
    LedgerEntry,
    Party,
)
from cases.services import releases
from cases.services.common import ensure_can_change, ensure_implementation, ensure_open
from cases.services.nodes import open_nodes
from courts.policy import leads_court_or_city
from haikou_exec.formats import written_date as _day
from haikou_exec.states import move

CENT = Decimal("0.01")


class DuplicateEntryConflict(ValidationError):
    """The idempotency key was used before for a different entry (HTTP 409)."""


def _amount(value) -> Decimal:
    amount = Decimal(value)
    if amount <= 0:
        raise ValidationError({"amount": [_("The amount must be more than zero.")]})
    if amount.as_tuple().exponent < -2:
        raise ValidationError({"amount": [_("Amounts are in yuan with at most 2 decimals.")]})
    return amount


def _lock_account(case_id: int) -> CaseAccount:
    # Accounts are locked while written (DESIGN.md "Money").
    return CaseAccount.objects.select_for_update().select_related("case").get(case_id=case_id)


def _existing(key: str, *, kind: str, amount: Decimal, account: CaseAccount) -> LedgerEntry | None:
    entry = LedgerEntry.objects.filter(idempotency_key=key).first()
    if entry is None:
        return None
    if entry.kind != kind or entry.amount != amount or entry.account_id != account.pk:
        raise DuplicateEntryConflict(
            {
                "idempotency_key": [
                    _("This idempotency key was already used for a different entry.")
                ]
            },
            code="conflict",
        )
    return entry


def _append(
    account: CaseAccount, *, kind: str, amount: Decimal, key: str, user, **fields
) -> LedgerEntry:
    signed = amount if kind in LedgerEntryKind.credits() else -amount
    new_balance = account.balance + signed
    if new_balance < 0:
        raise ValidationError(
            {
                "amount": [
                    _("%(amount)s yuan exceeds the balance of %(balance)s yuan.")
                    % {"amount": amount, "balance": account.balance}
                ]
            },
            code="overdraw",
        )
    entry = LedgerEntry.objects.create(
        account=account,
        kind=kind,
        amount=amount,
        balance_after=new_balance,
        idempotency_key=key,
        recorded_by=user,
        **fields,
    )
    account.balance = new_balance
    update = ["balance"]
    if kind == LedgerEntryKind.RECEIPT:
        account.total_received = account.total_received + amount
        update.append("total_received")
    account.save(update_fields=update)
    return entry


@transaction.atomic
def record_receipt(
    *,
    user,
    case_id: int,
    amount,
    counterparty: str,
    occurred_on: dt.date,
    idempotency_key: str,
    bank_reference: str = "",
    note: str = "",
) -> tuple[LedgerEntry, bool]:
    """Funds arrived. Returns (entry, created); the same key twice records once.
    Opens the 30-day disbursement node for this receipt.
    Source: DOMAIN.md §2 "Case funds"."""
    amount = _amount(amount)
    account = _lock_account(case_id)
    case = account.case
    ensure_can_change(user, case)
    existing = _existing(
        idempotency_key, kind=LedgerEntryKind.RECEIPT, amount=amount, account=account
    )
    if existing:
        return existing, False
    ensure_open(case)
    ensure_implementation(case)
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": [_("The date cannot be in the future.")]})
    if occurred_on < case.filed_on:
        # Funds are received for a case once it is filed (DOMAIN.md §2: no event
        # before the case's filing); earlier money belongs to another case or to none.
        raise ValidationError(
            {
                "occurred_on": [
                    _("Funds cannot be received before the case was filed (%(filed)s).")
                    % {"filed": _day(case.filed_on)}
                ]
            },
            code="before_filing",
        )
    entry = _append(
        account,
        kind=LedgerEntryKind.RECEIPT,
        amount=amount,
        key=idempotency_key,
        user=user,
        counterparty=counterparty,
        occurred_on=occurred_on,
        bank_reference=bank_reference,
        note=note,
    )
    EnforcementCase.objects.filter(pk=case.pk).update(
        amount_recovered=F("amount_recovered") + amount,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if case.status == CaseStatus.ASSIGNED:
        EnforcementCase.objects.filter(pk=case.pk).update(status=CaseStatus.IN_PROGRESS)
    open_nodes(case, TriggerEvent.FUNDS_ARRIVED, occurred_on, ref=f"entry:{entry.pk}")
    if case.amount_claimed > 0 and case.amount_recovered + amount >= case.amount_claimed:
        # The award is paid: the listings and restrictions are released (DOMAIN.md §2).
        releases.propose_releases(case, occurred_on)
    return entry, True


@transaction.atomic
def request_disbursement(
    *,
    user,
    case_id: int,
    amount,
    payee_id: int,
    payee_account: str,
    reason: str = "",
    idempotency_key: str | None = None,
) -> tuple[DisbursementRequest, bool]:
    """Ask for case funds to be paid to a party (执行款发放, DOMAIN.md §5): within
    the balance less the requests still pending, by the handling team. The account
    is locked first, so two requests at once are checked one after the other; the
    same ``idempotency_key`` again returns the first request (created False), and
    with different content is a conflict (409)."""
    amount = _amount(amount)
    account = _lock_account(case_id)
    ensure_can_change(user, account.case)
    if idempotency_key:
        first = DisbursementRequest.objects.filter(idempotency_key=idempotency_key).first()
        if first is not None:
            if (first.case_id, first.amount, first.payee_id) != (case_id, amount, payee_id):
                raise DuplicateEntryConflict(
                    {
                        "idempotency_key": [
                            _("This idempotency key was already used for a different request.")
                        ]
                    },
                    code="conflict",
                )
            return first, False
    ensure_open(account.case)
    payee = Party.objects.filter(pk=payee_id, case_id=case_id).first()
    if payee is None:
        raise ValidationError({"payee": [_("The payee must be a party of this case.")]})
    pending = (
        DisbursementRequest.objects.filter(
            case_id=case_id, status=ApprovalStatus.PENDING
        ).aggregate(s=Sum("amount"))["s"]
        or 0
    )
    if amount + pending > account.balance:
        raise ValidationError(
            {
                "amount": [
                    _(
                        "%(amount)s yuan exceeds the balance of %(balance)s yuan less pending requests (%(pending)s)."
                    )
                    % {"amount": amount, "balance": account.balance, "pending": pending}
                ]
            }
        )
    if not payee_account.strip():
        raise ValidationError({"payee_account": [_("Give the payee's bank account.")]})
    created = DisbursementRequest.objects.create(
        case_id=case_id,
        amount=amount,
        payee=payee,
        payee_account=payee_account,
        reason=reason,
        requested_by=user,
        idempotency_key=idempotency_key or None,
    )
    return created, True


def may_approve_disbursement(user, case: EnforcementCase) -> bool:
    """A disbursement is approved by the court's bureau leadership or the city's (DOMAIN.md §2 "Case
    funds")."""
    return leads_court_or_city(user, case.court_id)


@transaction.atomic
def decide_disbursement(
    *, user, request_id: int, approve: bool, opinion: str = "", paid_on: dt.date | None = None
) -> DisbursementRequest:
    """Every disbursement is approved first (DOMAIN.md §2) by the bureau's
    leadership, not by the person who asked for it; approval pays it out."""
    request = (
        DisbursementRequest.objects.select_for_update()
        .select_related("case", "payee")
        .get(pk=request_id)
    )
    if not may_approve_disbursement(user, request.case):
        raise ValidationError(_("Only the bureau's leadership may approve a disbursement."))
    if request.requested_by_id == user.pk and not user.is_superuser:
        raise ValidationError(
            _("A disbursement is approved by someone other than the person who requested it.")
        )
    decision = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
    if request.status == decision and request.decided_by_id == user.pk:
        return request  # a double click or a retried call: paid once, the first result
    # Decided once (APPROVAL_TRANSITIONS): a second decision is a conflict (409).
    move(
        request,
        decision,
        APPROVAL_TRANSITIONS,
        message=_("This request has already been decided."),
        code="decided",
    )
    request.decided_by, request.decided_at, request.opinion = user, timezone.now(), opinion
    request.save(update_fields=["status", "decided_by", "decided_at", "opinion"])
    if approve:
        account = _lock_account(request.case_id)
        _append(
            account,
            kind=LedgerEntryKind.DISBURSEMENT,
            amount=request.amount,
            key=f"disbursement-request:{request.pk}",
            user=user,
            counterparty=request.payee.name,
            bank_reference=request.payee_account,
            occurred_on=paid_on or timezone.localdate(),
            disbursement_request=request,
        )
        settle_disbursement_nodes(account, paid_on or timezone.localdate())
    return request


@transaction.atomic
def record_refund(
    *,
    user,
    case_id: int,
    amount,
    counterparty: str,
    occurred_on: dt.date,
    idempotency_key: str,
    note: str = "",
) -> tuple[LedgerEntry, bool]:
    """Money returned to whoever paid it in error; the bureau's leadership records it.
    Source: DOMAIN.md §2 "Case funds": an append-only ledger."""
    amount = _amount(amount)
    account = _lock_account(case_id)
    if not may_approve_disbursement(user, account.case):
        raise ValidationError(_("Only the bureau's leadership may record a refund."))
    existing = _existing(
        idempotency_key, kind=LedgerEntryKind.REFUND, amount=amount, account=account
    )
    if existing:
        return existing, False
    entry = _append(
        account,
        kind=LedgerEntryKind.REFUND,
        amount=amount,
        key=idempotency_key,
        user=user,
        counterparty=counterparty,
        occurred_on=occurred_on,
        note=note,
    )
    settle_disbursement_nodes(account, occurred_on)
    return entry, True


def settle_disbursement_nodes(account: CaseAccount, on: dt.date) -> int:
    """Receipts are paid out first in, first out: a receipt's 30-day node is done
    once everything paid out covers it.
    Source: DOMAIN.md §2 "Case funds"."""
    paid_out = account.total_received - account.balance
    covered = Decimal("0")
    done_refs = []
    for entry in account.entries.filter(kind=LedgerEntryKind.RECEIPT).order_by("occurred_on", "id"):
        covered += entry.amount
        if covered <= paid_out:
            done_refs.append(f"entry:{entry.pk}")
    return CaseNode.objects.filter(
        case_id=account.case_id,
        status=NodeStatus.OPEN,
        definition__completion_event=CompletionEvent.FUNDS_DISBURSED,
        trigger_ref__in=done_refs,
    ).update(status=NodeStatus.DONE, completed_on=on)


@transaction.atomic
def transfer_balance(
    *, user, from_case_id: int, to_case_id: int, occurred_on: dt.date, key: str
) -> tuple[LedgerEntry, LedgerEntry] | None:
    """Move the whole balance to the case that continues this one: a pair of
    entries that sum to zero (DOMAIN.md §3)."""
    first, second = sorted([from_case_id, to_case_id])
    accounts = {
        a.case_id: a
        for a in CaseAccount.objects.select_for_update()
        .filter(case_id__in=[first, second])
        .order_by("case_id")
    }
    source, target = accounts[from_case_id], accounts[to_case_id]
    if source.balance == 0:
        return None
    amount = source.balance
    out = _append(
        source,
        kind=LedgerEntryKind.TRANSFER_OUT,
        amount=amount,
        key=f"{key}:out",
        user=user,
        counterparty=target.case.case_number,
        occurred_on=occurred_on,
    )
    into = _append(
        target,
        kind=LedgerEntryKind.TRANSFER_IN,
        amount=amount,
        key=f"{key}:in",
        user=user,
        counterparty=source.case.case_number,
        occurred_on=occurred_on,
        related_entry=out,
    )
    return out, into

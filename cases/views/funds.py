"""Case-funds pages (执行案款, DOMAIN.md §2): record a receipt, request a
disbursement, approve or reject it, record a refund; the ledger lists, the
funds undisbursed past 30 days and the reconciliation per court. Every write goes
through cases.services.ledger."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db.models import Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cases.choices import ApprovalStatus
from cases.filtersets.funds import (
    CaseAccountFilterSet,
    DisbursementRequestFilterSet,
    LedgerEntryListFilterSet,
    UndisbursedFundsFilterSet,
)
from cases.forms import funds as funds_forms
from cases.models import CaseAccount, CaseNode, DisbursementRequest, LedgerEntry
from cases.selectors import funds as selectors
from cases.services import ledger
from cases.tables.funds import (
    CaseAccountTable,
    DisbursementRequestTable,
    LedgerEntryTable,
    UndisbursedFundsTable,
)
from cases.views.base import CaseActionView
from courts.access import VIEW
from courts.models import Court
from haikou_exec.formats import written_date as _day
from haikou_exec.views import RestrictedListView


class FundsFormContextMixin:
    """The account's figures above every funds form."""

    template_name = "cases/funds_form.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        account = CaseAccount.objects.get(case=self.case)
        pending = (
            DisbursementRequest.objects.filter(
                case=self.case, status=ApprovalStatus.PENDING
            ).aggregate(s=Sum("amount"))["s"]
            or 0
        )
        ctx.update(
            account=account, pending_amount=pending, available=max(account.balance - pending, 0)
        )
        return ctx


class ReceiptView(FundsFormContextMixin, CaseActionView):
    """执行款到账. The form carries a key made when it was opened: a form
    submitted twice records the payment once."""

    form_class = funds_forms.ReceiptForm
    title = _("Record funds received")

    def perform(self, form):
        d = form.cleaned_data
        entry, created = ledger.record_receipt(
            user=self.request.user,
            case_id=self.case.pk,
            amount=d["amount"],
            counterparty=d["counterparty"],
            occurred_on=d["occurred_on"],
            idempotency_key=form.idempotency_key,
            bank_reference=d["bank_reference"],
            note=d["note"],
        )
        if created:
            messages.success(
                self.request,
                _("Receipt of %(amount)s yuan recorded.") % {"amount": f"{entry.amount:,.2f}"},
            )
        else:
            messages.info(
                self.request,
                _(
                    "This receipt (%(amount)s yuan on %(date)s) was already recorded; it was not recorded twice."
                )
                % {"amount": f"{entry.amount:,.2f}", "date": _day(entry.occurred_on)},
            )
        return entry

    def get_success_url(self):
        return self.case.get_absolute_url() + "#funds"


class RefundView(FundsFormContextMixin, CaseActionView):
    """Money returned to whoever paid it in error; recorded by the bureau's leadership."""

    form_class = funds_forms.RefundForm
    title = _("Record a refund")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if not ledger.may_approve_disbursement(self.request.user, self.case):
            ctx["refusal"] = _("Only the bureau's leadership may record a refund.")
        return ctx

    def perform(self, form):
        d = form.cleaned_data
        entry, created = ledger.record_refund(
            user=self.request.user,
            case_id=self.case.pk,
            amount=d["amount"],
            counterparty=d["counterparty"],
            occurred_on=d["occurred_on"],
            idempotency_key=form.idempotency_key,
            note=d["note"],
        )
        if created:
            messages.success(
                self.request,
                _("Refund of %(amount)s yuan recorded.") % {"amount": f"{entry.amount:,.2f}"},
            )
        else:
            messages.info(
                self.request, _("This refund was already recorded; it was not recorded twice.")
            )
        return entry

    def get_success_url(self):
        return self.case.get_absolute_url() + "#funds"


class DisbursementRequestView(FundsFormContextMixin, CaseActionView):
    form_class = funds_forms.DisbursementRequestForm
    title = _("Request a disbursement")
    success_message = _(
        "Disbursement requested; it is paid out once the bureau's leadership approves it."
    )

    def perform(self, form):
        d = form.cleaned_data
        request, created = ledger.request_disbursement(
            user=self.request.user,
            case_id=self.case.pk,
            amount=d["amount"],
            payee_id=d["payee"].pk,
            payee_account=d["payee_account"],
            reason=d["reason"],
            idempotency_key=form.idempotency_key,
        )
        if not created:
            self.success_message = _(
                "This disbursement was already requested; it was not requested twice."
            )
        return request

    def get_success_url(self):
        return self.case.get_absolute_url() + "#funds"


class DisbursementDecideView(FundsFormContextMixin, CaseActionView):
    """Approve (and so pay out) or reject a request. Who may decide — the bureau's
    leadership, never the requester — is checked by the service; the page says so
    before the form is sent."""

    form_class = funds_forms.DisbursementDecisionForm
    title = _("Decide a disbursement request")
    template_name = "cases/funds_decide.html"
    action = VIEW  # the decider is leadership, checked by the service

    def get_request_object(self) -> DisbursementRequest:
        if not hasattr(self, "_request_object"):
            self._request_object = get_object_or_404(
                DisbursementRequest.objects.select_related("payee", "requested_by", "decided_by"),
                pk=self.kwargs["request_id"],
                case=self.case,
            )
        return self._request_object

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        req = self.get_request_object()
        user = self.request.user
        refusal = ""
        if req.status != ApprovalStatus.PENDING:
            refusal = _("This request has already been decided.")
        elif not ledger.may_approve_disbursement(user, self.case):
            refusal = _("Only the bureau's leadership may approve a disbursement.")
        elif req.requested_by_id == user.pk and not user.is_superuser:
            refusal = _(
                "A disbursement is approved by someone other than the person who requested it."
            )
        ctx.update(disbursement=req, refusal=refusal)
        return ctx

    def perform(self, form):
        d = form.cleaned_data
        req = ledger.decide_disbursement(
            user=self.request.user,
            request_id=self.get_request_object().pk,
            approve=d["approve"],
            opinion=d["opinion"],
            paid_on=d["paid_on"],
        )
        if req.status == ApprovalStatus.APPROVED:
            messages.success(
                self.request,
                _("Disbursement of %(amount)s yuan approved and paid out.")
                % {"amount": f"{req.amount:,.2f}"},
            )
        else:
            messages.warning(self.request, _("Disbursement request rejected."))
        return req

    def get_success_url(self):
        return self.case.get_absolute_url() + "#funds"


# Lists ---------------------------------------------------------------------


class FundsListView(RestrictedListView):
    template_name = "cases/funds_list.html"


class LedgerEntryListView(FundsListView):
    """Every ledger entry in scope: the rows behind each reconciliation figure."""

    model = LedgerEntry
    table_class = LedgerEntryTable
    filterset_class = LedgerEntryListFilterSet
    title = _("Ledger entries")

    def select_queryset(self, queryset):
        return selectors.ledger_entry_list(queryset)


class CaseAccountListView(FundsListView):
    model = CaseAccount
    table_class = CaseAccountTable
    filterset_class = CaseAccountFilterSet
    title = _("Case accounts")

    def select_queryset(self, queryset):
        return selectors.account_list(queryset).order_by("-balance", "id")


class DisbursementRequestListView(FundsListView):
    """The approval queue of a bureau's leadership (``?status=pending``)."""

    model = DisbursementRequest
    table_class = DisbursementRequestTable
    filterset_class = DisbursementRequestFilterSet
    title = _("Disbursement requests")

    def select_queryset(self, queryset):
        return selectors.disbursement_request_list(queryset).order_by("-requested_at", "-id")


class UndisbursedFundsView(FundsListView):
    """Funds not paid out 30 days after arrival (DOMAIN.md §2: pay out within 30
    days), per court: the open ``funds_disbursement`` nodes past due."""

    model = CaseNode
    table_class = UndisbursedFundsTable
    filterset_class = UndisbursedFundsFilterSet
    title = _("Funds undisbursed over 30 days")
    template_name = "cases/funds_undisbursed.html"

    def select_queryset(self, queryset):
        return selectors.undisbursed_funds(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        scoped = CaseNode.objects.restrict(self.request.user, VIEW)
        ctx["summary"] = selectors.undisbursed_summary(scoped)
        return ctx


class ReconciliationView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """对账: per court, the ledger's movements against the sum of the accounts'
    balances (they must agree), with the pending requests and overdue funds.
    Every figure links to the rows behind it."""

    template_name = "cases/funds_reconciliation.html"
    permission_required = "cases.view_ledgerentry"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        court_ids = list(Court.objects.restrict(self.request.user).values_list("pk", flat=True))
        rows = selectors.reconciliation_rows(court_ids)
        totals = {
            key: sum((r[key] for r in rows), start=0)
            for key in (
                "receipt",
                "transfer_in",
                "disbursement",
                "refund",
                "transfer_out",
                "ledger_balance",
                "account_balances",
                "pending_count",
                "pending_amount",
                "overdue_cases",
                "mismatched_accounts",
            )
        }
        ctx.update(
            rows=rows,
            totals=totals,
            today=timezone.localdate(),
            title=_("Case funds reconciliation"),
        )
        return ctx

"""Tables of the case-funds lists. Every row links to its case and says its court."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cases.models import CaseAccount, CaseNode, DisbursementRequest, LedgerEntry
from courts.tables import court_row_attrs
from haikou_exec.tables import MoneyColumn


def _person(user) -> str:
    return (user.first_name or user.username) if user else "—"


class LedgerEntryTable(tables.Table):
    occurred_on = tables.Column(verbose_name=_("Date"))
    case = tables.Column(
        accessor="account__case__case_number",
        verbose_name=_("Case"),
        linkify=lambda record: record.account.case.get_absolute_url(),
        order_by="account__case__case_number",
    )
    court = tables.Column(
        accessor="account__case__court__short_name", verbose_name=_("Court"), orderable=False
    )
    amount = MoneyColumn(verbose_name=_("Amount (yuan)"))
    balance_after = MoneyColumn(verbose_name=_("Balance after (yuan)"))
    recorded_by = tables.Column(verbose_name=_("Recorded by"), orderable=False)

    class Meta:
        model = LedgerEntry
        fields = (
            "occurred_on",
            "case",
            "court",
            "kind",
            "amount",
            "counterparty",
            "balance_after",
            "bank_reference",
            "recorded_by",
        )
        row_attrs = court_row_attrs(lambda e: e.account.case.court)
        attrs = {"class": "table table-sm table-striped", "id": "ledger-entries"}

    def render_recorded_by(self, value):
        return _person(value)


class CaseColumns(tables.Table):
    """The case (linked), its court and its team: the first columns of the tables
    of accounts and of undisbursed funds, rows reached through ``case``."""

    case = tables.Column(
        accessor="case__case_number",
        verbose_name=_("Case"),
        linkify=lambda record: record.case.get_absolute_url(),
        order_by="case__case_number",
    )
    court = tables.Column(
        accessor="case__court__short_name", verbose_name=_("Court"), orderable=False
    )
    team = tables.Column(accessor="case__team", verbose_name=_("Team"), orderable=False)


class CaseAccountTable(CaseColumns):
    total_received = MoneyColumn(verbose_name=_("Received (yuan)"))
    balance = MoneyColumn(verbose_name=_("Balance (yuan)"))
    ledger_sum = MoneyColumn(verbose_name=_("Sum of entries (yuan)"))
    flags = tables.Column(empty_values=(), orderable=False, verbose_name=_("Check"))

    class Meta:
        model = CaseAccount
        fields = ("case", "court", "team", "total_received", "balance", "ledger_sum", "flags")
        row_attrs = court_row_attrs(lambda a: a.case.court)
        attrs = {"class": "table table-sm table-striped", "id": "case-accounts"}

    def render_flags(self, record):
        badges = []
        if record.ledger_sum != record.balance:
            badges.append(
                format_html('<span class="badge text-bg-danger">{}</span>', _("Disagrees"))
            )
        if getattr(record, "has_overdue_funds", False):
            badges.append(
                format_html('<span class="badge text-bg-warning">{}</span>', _("Over 30 days"))
            )
        return format_html(" ".join(["{}"] * len(badges)), *badges) if badges else "✓"


class DisbursementRequestTable(tables.Table):
    requested_at = tables.DateTimeColumn(
        format="SHORT_DATETIME_FORMAT", verbose_name=_("Requested at")
    )
    case = tables.Column(
        accessor="case__case_number",
        verbose_name=_("Case"),
        linkify=lambda record: record.case.get_absolute_url(),
        order_by="case__case_number",
    )
    court = tables.Column(
        accessor="case__court__short_name", verbose_name=_("Court"), orderable=False
    )
    amount = MoneyColumn(verbose_name=_("Amount (yuan)"))
    payee = tables.Column(accessor="payee__name", verbose_name=_("Payee"), orderable=False)
    requested_by = tables.Column(verbose_name=_("Requested by"), orderable=False)
    decided_by = tables.Column(verbose_name=_("Decided by"), orderable=False)
    decide = tables.Column(empty_values=(), orderable=False, verbose_name="")

    class Meta:
        model = DisbursementRequest
        fields = (
            "requested_at",
            "case",
            "court",
            "amount",
            "payee",
            "requested_by",
            "status",
            "decided_by",
            "decide",
        )
        row_attrs = court_row_attrs(lambda r: r.case.court)
        attrs = {"class": "table table-sm table-striped", "id": "disbursement-requests"}

    def render_requested_by(self, value):
        return _person(value)

    def render_decided_by(self, value):
        return _person(value)

    def render_decide(self, record):
        if record.status != "pending":
            return ""
        url = reverse(
            "cases:funds_disbursement_decide",
            kwargs={"case_id": record.case_id, "request_id": record.pk},
        )
        return format_html(
            '<a class="btn btn-sm btn-outline-primary" href="{}">{}</a>', url, _("Decide")
        )


class UndisbursedFundsTable(CaseColumns):
    triggered_on = tables.Column(verbose_name=_("Funds arrived on"))
    receipt_amount = MoneyColumn(verbose_name=_("Receipt (yuan)"), orderable=False)
    due_on = tables.Column(verbose_name=_("To be paid out by"))
    days_overdue = tables.Column(empty_values=(), orderable=False, verbose_name=_("Days overdue"))
    balance = MoneyColumn(
        accessor="case__account__balance", verbose_name=_("Balance now (yuan)"), orderable=False
    )

    class Meta:
        model = CaseNode
        fields = (
            "case",
            "court",
            "team",
            "triggered_on",
            "receipt_amount",
            "due_on",
            "days_overdue",
            "balance",
        )
        row_attrs = court_row_attrs(lambda n: n.case.court)
        attrs = {"class": "table table-sm table-striped", "id": "undisbursed-funds"}

    def render_days_overdue(self, record):
        days = (timezone.localdate() - record.due_on).days
        return format_html('<span class="badge text-bg-danger">{}</span>', days)

"""Case funds (执行案款): one account per case, append-only entries (DOMAIN.md §2)."""

from __future__ import annotations

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.choices import ApprovalStatus, LedgerEntryKind
from courts.access import CourtScoped


@pghistory.track()
class CaseAccount(CourtScoped):
    """一案一账户. The balance is a cached sum of the entries, written only while the
    row is locked, and never negative (database check)."""

    access_court_path = "case__court"

    case = models.OneToOneField(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="account",
    )
    balance = models.DecimalField(_("balance (yuan)"), max_digits=16, decimal_places=2, default=0)
    total_received = models.DecimalField(
        _("total received (yuan)"), max_digits=16, decimal_places=2, default=0
    )

    class Meta:
        verbose_name = _("case account")
        verbose_name_plural = _("case accounts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(balance__gte=0), name="account_balance_never_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.balance}"


@pghistory.track()
class DisbursementRequest(CourtScoped):
    """A disbursement is approved before it is paid (DOMAIN.md §2)."""

    access_court_path = "case__court"

    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="disbursement_requests",
    )
    amount = models.DecimalField(_("amount (yuan)"), max_digits=16, decimal_places=2)
    payee = models.ForeignKey(
        "cases.Party", verbose_name=_("payee"), on_delete=models.PROTECT, related_name="+"
    )
    payee_account = models.CharField(_("payee bank account"), max_length=40)
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    opinion = models.TextField(_("opinion"), blank=True)
    # The form's key (made when the form opened) or the API caller's: a double
    # submit or a retried request finds the first request instead of adding a
    # second payable one (DESIGN.md "Money").
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=80, unique=True, null=True, blank=True
    )

    class Meta:
        verbose_name = _("disbursement request")
        verbose_name_plural = _("disbursement requests")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="disbursement_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.amount}"


class LedgerEntry(CourtScoped):
    """An entry of the case funds ledger. Append-only: a database trigger refuses
    UPDATE and DELETE, so a mistake is corrected by a new entry."""

    access_court_path = "account__case__court"

    account = models.ForeignKey(
        CaseAccount, verbose_name=_("account"), on_delete=models.PROTECT, related_name="entries"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=LedgerEntryKind.choices)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=16, decimal_places=2)
    balance_after = models.DecimalField(_("balance after (yuan)"), max_digits=16, decimal_places=2)
    # Each write carries an idempotency key: the same payment submitted twice is
    # recorded once (DESIGN.md "Money").
    idempotency_key = models.CharField(_("idempotency key"), max_length=80, unique=True)
    counterparty = models.CharField(_("payer or payee"), max_length=100)
    bank_reference = models.CharField(_("bank reference"), max_length=60, blank=True)
    occurred_on = models.DateField(_("date"))
    disbursement_request = models.OneToOneField(
        DisbursementRequest,
        verbose_name=_("disbursement request"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entry",
    )
    related_entry = models.ForeignKey(
        "self",
        verbose_name=_("related entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(pgettext_lazy("ledger", "recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="ledger_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(balance_after__gte=0), name="ledger_balance_after_not_negative"
            ),
        ]
        indexes = [
            models.Index(fields=["account", "kind", "occurred_on"], name="ledger_account_kind_date")
        ]
        triggers = [
            pgtrigger.Protect(
                name="ledger_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"

    @property
    def signed_amount(self):
        return self.amount if self.kind in LedgerEntryKind.credits() else -self.amount

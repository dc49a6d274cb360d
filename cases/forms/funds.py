"""Forms of the case-funds pages (执行案款). Thin: the ledger service checks the
balance, the approver and the idempotency key."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import PartyRole
from cases.forms.base import CaseForm, DateInput
from cases.forms.keys import FormKeyMixin
from cases.models import Party

MONEY = {"max_digits": 16, "decimal_places": 2, "min_value": 0}


class IdempotentEntryForm(FormKeyMixin, CaseForm):
    """A form that writes a ledger entry carries a key made when the form was
    opened, so that submitting it twice (double click, back + resubmit, a retried
    request) records the payment once (DESIGN.md "Money")."""

    key_prefix = "form"
    form_key = forms.CharField(widget=forms.HiddenInput)
    damaged_message = _("The form is damaged; reload the page and enter the payment again.")

    def clean_occurred_on(self):
        value = self.cleaned_data["occurred_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return value

    @property
    def idempotency_key(self) -> str:
        # Namespaced by form and case: a key typed into a form can never collide
        # with a bank's reference used by the API, nor with another case's entry.
        return f"{self.key_prefix}:{self.case.pk}:{self.cleaned_data['form_key']}"


class ReceiptForm(IdempotentEntryForm):
    key_prefix = "receipt-form"

    amount = forms.DecimalField(label=_("Amount received (yuan)"), **MONEY)
    counterparty = forms.CharField(label=_("Paid by"), max_length=100)
    occurred_on = forms.DateField(
        label=_("Arrived on"), widget=DateInput(), initial=timezone.localdate
    )
    bank_reference = forms.CharField(label=_("Bank reference"), max_length=60, required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.case is not None:
            respondent = next(
                (p for p in self.case.parties.all() if p.role == PartyRole.RESPONDENT), None
            )
            if respondent is not None:
                self.initial.setdefault("counterparty", respondent.name)


class RefundForm(IdempotentEntryForm):
    key_prefix = "refund-form"

    amount = forms.DecimalField(label=_("Amount refunded (yuan)"), **MONEY)
    counterparty = forms.CharField(label=_("Refunded to"), max_length=100)
    occurred_on = forms.DateField(
        label=_("Refunded on"), widget=DateInput(), initial=timezone.localdate
    )
    note = forms.CharField(label=_("Reason"), max_length=200)


class DisbursementRequestForm(IdempotentEntryForm):
    key_prefix = "disbursement-form"

    amount = forms.DecimalField(label=_("Amount to pay out (yuan)"), **MONEY)
    payee = forms.ModelChoiceField(
        queryset=Party.objects.none(), label=_("Payee"), empty_label=None
    )
    payee_account = forms.CharField(label=_("Payee bank account"), max_length=40)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Applicants first: they are whom case funds are normally paid to.
        self.fields["payee"].queryset = Party.objects.filter(case=self.case).order_by("role", "id")
        self.fields["payee"].label_from_instance = lambda p: f"{p.get_role_display()}：{p.name}"


class DisbursementDecisionForm(CaseForm):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve and pay out")), ("0", _("Reject"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput(), initial=timezone.localdate)

    def clean_paid_on(self):
        value = self.cleaned_data["paid_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("approve") is False and not (data.get("opinion") or "").strip():
            self.add_error("opinion", _("Say why the disbursement is rejected."))
        return data

"""Forms of transfers between courts, suggestions and petitions (thin: the
services in cases.services.transfers and .suggestions do the checking)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import TransferKind, TransferReason
from cases.forms.base import CaseForm, DateInput
from cases.forms.keys import FormKeyMixin
from courts.choices import CourtTier
from courts.models import Court


def district_courts():
    return Court.objects.filter(tier=CourtTier.DISTRICT).order_by("sort_order")


class TransferRequestForm(FormKeyMixin, forms.Form):
    """提级 / 交叉 / 指定执行. Opened from a case, the case is known; otherwise the
    requester types its number."""

    case_number = forms.CharField(
        label=_("Case number"),
        max_length=40,
        help_text=_("For example （2026）琼0105执12号; ASCII parentheses are accepted."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of transfer"), choices=TransferKind.choices, widget=forms.RadioSelect
    )
    target_court = forms.ModelChoiceField(
        label=_("Receiving court"),
        queryset=Court.objects.none(),
        required=False,
        help_text=_(
            "For cross and designated execution; elevation always goes to the intermediate court."
        ),
    )
    reason_category = forms.ChoiceField(label=_("Reason"), choices=TransferReason.choices)
    reason = forms.CharField(label=_("Reasons in detail"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, case=None, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)
        self.fields["target_court"].queryset = district_courts()
        if case is not None:
            del self.fields["case_number"]


class TransferDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve the transfer")), ("0", _("Reject"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(label=_("Written opinion"), widget=forms.Textarea(attrs={"rows": 4}))
    effective_on = forms.DateField(
        label=_("Takes effect on"), widget=DateInput(), initial=timezone.localdate
    )


class SuggestionAcceptForm(forms.Form):
    target_court = forms.ModelChoiceField(
        label=_("Receiving court"),
        queryset=Court.objects.none(),
        required=False,
        help_text=_("For cross execution: the district court that shall execute."),
    )
    reason = forms.CharField(
        label=_("Why it is accepted"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, suggestion=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = district_courts()
        if suggestion is not None:
            queryset = queryset.exclude(pk=suggestion.case.court_id)
            if suggestion.kind != TransferKind.CROSS:
                del self.fields["target_court"]
                return
        self.fields["target_court"].queryset = queryset
        self.fields["target_court"].required = True


class SuggestionDismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is dismissed"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PetitionForm(CaseForm):
    received_on = forms.DateField(
        label=_("Received on"), widget=DateInput(), initial=timezone.localdate
    )
    petitioner = forms.CharField(label=_("Petitioner"), max_length=100)
    summary = forms.CharField(
        label=_("What the petition says"), widget=forms.Textarea(attrs={"rows": 4})
    )

"""Forms of the criminal enforcement bureau: the transfer form (移送执行表), its
items, filing, receipts, 刑更 reviews, linked cases, ability-to-pay facts and the
certificate. Thin: cases.services.criminal checks."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.choices import AbilityFactKind, CommutationKind, CriminalItemKind
from cases.forms.base import DateInput
from cases.forms.funds import ReceiptForm
from cases.models import DossierFile
from courts.models import Court

MONEY = {"max_digits": 16, "decimal_places": 2, "min_value": 0}


class TransferFormForm(forms.Form):
    """The trial department's transfer form (移送执行表)."""

    judging_court = forms.ModelChoiceField(
        label=_("Judging court"), queryset=Court.objects.order_by("sort_order")
    )
    judgment_number = forms.CharField(label=_("Judgment number"), max_length=60)
    judgment_effective_on = forms.DateField(label=_("Judgment effective on"), widget=DateInput())
    crime = forms.CharField(label=_("Crime"), max_length=100, required=False)
    form_number = forms.CharField(label=_("Transfer form number"), max_length=60, required=False)
    convict_name = forms.CharField(label=_("Convict"), max_length=100)
    convict_id_number = forms.CharField(
        label=_("Convict's resident ID"), max_length=18, required=False
    )
    convict_prison = forms.CharField(
        label=_("Serving the sentence at"), max_length=100, required=False
    )
    received_on = forms.DateField(
        label=_("Transfer form received on"), widget=DateInput(), initial=timezone.localdate
    )
    file_now = forms.BooleanField(label=_("File the case now"), required=False, initial=True)
    filed_on = forms.DateField(
        label=_("Filed on"), widget=DateInput(), initial=timezone.localdate, required=False
    )


class JudgmentItemForm(forms.Form):
    kind = forms.ChoiceField(
        label=pgettext_lazy("judgment", "Item"),
        choices=[("", "—"), *CriminalItemKind.choices],
        required=False,
    )
    amount = forms.DecimalField(label=_("Amount (yuan)"), required=False, **MONEY)
    beneficiary_name = forms.CharField(
        label=_("Victim or creditor"), max_length=100, required=False
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("kind") and data.get("amount") is None:
            self.add_error("amount", _("Give the amount of this item."))
        if data.get("amount") is not None and not data.get("kind"):
            self.add_error("kind", _("Say what this amount is for."))
        return data


JudgmentItemFormSet = forms.formset_factory(JudgmentItemForm, extra=6, max_num=30)


class FileJudgmentForm(forms.Form):
    filed_on = forms.DateField(label=_("Filed on"), widget=DateInput(), initial=timezone.localdate)


class CriminalReceiptForm(ReceiptForm):
    """A receipt on a criminal property case, allocated in the legal order."""

    key_prefix = "criminal-receipt-form"


class CommutationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CommutationKind.choices)
    convict_name = forms.CharField(label=_("Convict"), max_length=100)
    convict_id_number = forms.CharField(
        label=_("Convict's resident ID"), max_length=18, required=False
    )
    prison = forms.CharField(label=_("Prison"), max_length=100)
    request_document_number = forms.CharField(
        label=_("Request document number"), max_length=60, required=False
    )
    requested_on = forms.DateField(
        label=_("Prison's request received on"), widget=DateInput(), initial=timezone.localdate
    )
    filed_on = forms.DateField(label=_("Filed on"), widget=DateInput(), initial=timezone.localdate)


class LinkCaseForm(forms.Form):
    case_number = forms.CharField(label=_("Case number"), max_length=40)


class AbilityFactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Fact"), choices=AbilityFactKind.choices)
    description = forms.CharField(
        label=_("What was found"), widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 3}))
    amount = forms.DecimalField(label=_("Amount involved (yuan)"), required=False, **MONEY)
    found_on = forms.DateField(label=_("Found on"), widget=DateInput(), initial=timezone.localdate)
    evidence_file = forms.ModelChoiceField(
        label=_("Evidence in the dossier"), queryset=DossierFile.objects.none(), required=False
    )

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        if review is not None:
            case_ids = [review.case_id, *review.links.values_list("case_id", flat=True)]
            self.fields["evidence_file"].queryset = DossierFile.objects.filter(
                case_id__in=case_ids
            ).select_related("case")


class CertificateForm(forms.Form):
    issued_on = forms.DateField(
        label=_("Issued on"), widget=DateInput(), initial=timezone.localdate
    )

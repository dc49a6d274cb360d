from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import CaseOrigin, CaseType, PartyKind, PartyRole, RespondentNature
from cases.forms.base import CaseForm, DateInput
from courts.access import scope_for
from courts.models import Court


class FilingForm(forms.Form):
    """立案: the title of execution, the claim and the first applicant and respondent."""

    court = forms.ModelChoiceField(queryset=Court.objects.none(), label=_("Court"), required=False)
    case_type = forms.ChoiceField(
        choices=CaseType.choices, label=_("Type code"), initial=CaseType.FIRST
    )
    origin = forms.ChoiceField(
        choices=CaseOrigin.choices, label=_("Title kind"), initial=CaseOrigin.CIVIL
    )
    filed_on = forms.DateField(label=_("Filed on"), widget=DateInput(), initial=timezone.localdate)
    late_registration_reason = forms.CharField(
        label=_("Reason for a late registration (补录, director only, at most 30 days back)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    title_issuer = forms.CharField(label=_("Title issued by"), max_length=100)
    title_document_number = forms.CharField(label=_("Title document number"), max_length=60)
    title_effective_on = forms.DateField(label=_("Title effective on"), widget=DateInput())
    cause = forms.CharField(label=_("Cause of action"), max_length=100, required=False)
    amount_claimed = forms.DecimalField(
        label=_("Amount claimed (yuan)"), max_digits=16, decimal_places=2, min_value=0
    )
    applicant_kind = forms.ChoiceField(choices=PartyKind.choices, label=_("Applicant: kind"))
    applicant_name = forms.CharField(label=_("Applicant: name"), max_length=100)
    applicant_id_number = forms.CharField(
        label=_("Applicant: ID number / credit code"), max_length=18, required=False
    )
    applicant_phone = forms.CharField(label=_("Applicant: phone"), max_length=20, required=False)
    respondent_kind = forms.ChoiceField(choices=PartyKind.choices, label=_("Respondent: kind"))
    respondent_name = forms.CharField(label=_("Respondent: name"), max_length=100)
    respondent_id_number = forms.CharField(
        label=_("Respondent: ID number / credit code"), max_length=18, required=False
    )
    respondent_nature = forms.ChoiceField(
        choices=RespondentNature.choices, label=_("Respondent: nature")
    )
    respondent_address = forms.CharField(
        label=_("Respondent: address"), max_length=200, required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_for(user)
        if scope.all_courts:
            self.fields["court"].queryset = Court.objects.all()
            self.fields["court"].required = True
        else:
            del self.fields["court"]

    def party_rows(self):
        from cases.services.parties import PartyData

        d = self.cleaned_data
        return [
            PartyData(
                role=PartyRole.APPLICANT,
                kind=d["applicant_kind"],
                name=d["applicant_name"],
                id_number=d["applicant_id_number"],
                phone=d["applicant_phone"],
            ),
            PartyData(
                role=PartyRole.RESPONDENT,
                kind=d["respondent_kind"],
                name=d["respondent_name"],
                id_number=d["respondent_id_number"],
                nature=d["respondent_nature"],
                address=d["respondent_address"],
            ),
        ]


class PartyForm(CaseForm):
    role = forms.ChoiceField(choices=PartyRole.choices, label=_("Role"))
    kind = forms.ChoiceField(choices=PartyKind.choices, label=_("Kind"))
    name = forms.CharField(label=_("Name"), max_length=100)
    id_number = forms.CharField(label=_("ID number / credit code"), max_length=18, required=False)
    nature = forms.ChoiceField(choices=RespondentNature.choices, label=_("Nature"))
    district = forms.CharField(label=_("District"), max_length=20, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)


class CommissionReceiveForm(FilingForm):
    """立案 of a commission received from a court outside Haikou (委托执行)."""

    commissioning_court = forms.CharField(
        label=_("Commissioning court (outside Haikou)"), max_length=100
    )
    commissioning_case_number = forms.CharField(label=_("Its case number"), max_length=60)
    letter_number = forms.CharField(label=_("Commission letter (委托执行函) number"), max_length=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_type"].choices = [(CaseType.FIRST, CaseType.FIRST.label)]

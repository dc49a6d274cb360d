from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.choices import (
    AgentAuthority,
    AgentKind,
    CaseOrigin,
    CaseType,
    PartyKind,
    PartyRole,
    RespondentNature,
)
from cases.forms.actions import VersionedForm
from cases.forms.base import CaseForm, DateInput
from courts.access import scope_for
from courts.models import Court

# Parties and agents on one filing screen (issue 16 item 5); a case with more is
# filed with these and completed from the case page.
MAX_PARTIES = 50


class FilingForm(forms.Form):
    """立案: the title of execution and the claim; the parties and their agents are
    the two formsets beside it (``PartyFormSet``, ``AgentFormSet``)."""

    court = forms.ModelChoiceField(queryset=Court.objects.none(), label=_("Court"), required=False)
    case_type = forms.ChoiceField(
        choices=CaseType.choices, label=_("Type code"), initial=CaseType.FIRST
    )
    origin = forms.ChoiceField(
        choices=CaseOrigin.choices, label=_("Title kind"), initial=CaseOrigin.CIVIL
    )
    filed_on = forms.DateField(label=_("Filed on"), widget=DateInput(), initial=timezone.localdate)
    title_issuer = forms.CharField(label=_("Title issued by"), max_length=100)
    title_document_number = forms.CharField(label=_("Title document number"), max_length=60)
    title_effective_on = forms.DateField(label=_("Title effective on"), widget=DateInput())
    cause = forms.CharField(label=_("Cause of action"), max_length=100, required=False)
    amount_claimed = forms.DecimalField(
        label=_("Amount claimed (yuan)"), max_digits=16, decimal_places=2, min_value=0
    )
    late_registration_reason = forms.CharField(
        label=_("Reason for a late registration (补录, director only, at most 30 days back)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_for(user)
        if scope.all_courts:
            self.fields["court"].queryset = Court.objects.all()
            self.fields["court"].required = True
        else:
            del self.fields["court"]


TYPED_PARTY = ("name", "id_number", "phone", "address")
TYPED_AGENT = ("name", "organisation", "licence_number", "phone")
FILING_ROLES = [c for c in PartyRole.choices if c[0] != PartyRole.THIRD_PARTY]


class FilingPartyForm(forms.Form):
    """One applicant or respondent: a natural person (resident ID), a legal person
    or another organisation (unified social credit code)."""

    role = forms.ChoiceField(choices=FILING_ROLES, label=pgettext_lazy("party", "Role"))
    kind = forms.ChoiceField(choices=PartyKind.choices, label=_("Kind of party"))
    name = forms.CharField(label=_("Name of the person or organisation"), max_length=100)
    id_number = forms.CharField(label=_("ID number / credit code"), max_length=18, required=False)
    nature = forms.ChoiceField(
        choices=RespondentNature.choices,
        label=_("Nature (respondents)"),
        initial=RespondentNature.PRIVATE,
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)

    def has_changed(self):
        # A row counts once something is typed in it: the role and kind chosen by
        # the page's buttons, or a removed row's missing fields, are not a party.
        return any((self.data.get(self.add_prefix(f)) or "").strip() for f in TYPED_PARTY)

    def party_data(self):
        from cases.services.parties import PartyData

        return PartyData(**self.cleaned_data)


class AgentFields(forms.Form):
    kind = forms.ChoiceField(choices=AgentKind.choices, label=_("Kind of agent"))
    name = forms.CharField(label=_("Agent's name"), max_length=100)
    organisation = forms.CharField(
        label=_("Law firm or organisation"), max_length=100, required=False
    )
    licence_number = forms.CharField(
        label=_("Practising certificate number"), max_length=30, required=False
    )
    authority = forms.ChoiceField(
        choices=AgentAuthority.choices,
        label=_("Authority"),
        initial=AgentAuthority.GENERAL,
        required=False,  # general unless the power of attorney says special
    )
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)

    def has_changed(self):
        return any((self.data.get(self.add_prefix(f)) or "").strip() for f in TYPED_AGENT)

    def agent_data(self):
        from cases.services.agents import AgentData

        data = {k: v for k, v in self.cleaned_data.items() if k in AGENT_FIELDS}
        return AgentData(**{**data, "authority": data["authority"] or AgentAuthority.GENERAL})


AGENT_FIELDS = ("kind", "name", "organisation", "licence_number", "authority", "phone")


class FilingAgentForm(AgentFields):
    """An agent of one of the parties above, named by its row number."""

    represents = forms.TypedChoiceField(
        label=_("Represents party no."),
        choices=[("", "—")] + [(str(i), str(i)) for i in range(1, MAX_PARTIES + 1)],
        coerce=int,
    )
    field_order = ["represents", *AGENT_FIELDS]


PartyFormSet = forms.formset_factory(
    FilingPartyForm, extra=0, max_num=MAX_PARTIES, validate_max=True, absolute_max=MAX_PARTIES
)
AgentFormSet = forms.formset_factory(
    FilingAgentForm, extra=0, max_num=MAX_PARTIES, validate_max=True, absolute_max=MAX_PARTIES
)

FIRST_PARTIES = [{"role": PartyRole.APPLICANT}, {"role": PartyRole.RESPONDENT}]

# The filing page before several parties (one applicant_*, one respondent_* set of
# fields): a post in that shape is read as the first two rows, so scripts and
# bookmarks made for it keep working.
_LEGACY = {
    "applicant": ("kind", "name", "id_number", "phone"),
    "respondent": ("kind", "name", "id_number", "nature", "address"),
}


def legacy_filing_post(data):
    """A QueryDict in the old shape → the same post with the party formset."""
    if "parties-TOTAL_FORMS" in data or not any(f"{r}_name" in data for r in _LEGACY):
        return data
    data = data.copy()
    rows = [r for r in _LEGACY if f"{r}_name" in data]
    for i, role in enumerate(rows):
        data[f"parties-{i}-role"] = role
        for name in _LEGACY[role]:
            if f"{role}_{name}" in data:
                data[f"parties-{i}-{name}"] = data[f"{role}_{name}"]
        data.setdefault(f"parties-{i}-nature", RespondentNature.PRIVATE)
    data["parties-TOTAL_FORMS"] = str(len(rows))
    data["parties-INITIAL_FORMS"] = str(len(rows))
    data.setdefault("agents-TOTAL_FORMS", "0")
    data.setdefault("agents-INITIAL_FORMS", "0")
    return data


class PartyForm(CaseForm):
    role = forms.ChoiceField(choices=PartyRole.choices, label=pgettext_lazy("party", "Role"))
    kind = forms.ChoiceField(choices=PartyKind.choices, label=_("Kind of party"))
    name = forms.CharField(label=_("Name of the person or organisation"), max_length=100)
    id_number = forms.CharField(label=_("ID number / credit code"), max_length=18, required=False)
    nature = forms.ChoiceField(choices=RespondentNature.choices, label=_("Nature"))
    district = forms.CharField(label=_("District"), max_length=20, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)


class PartyCorrectForm(VersionedForm):
    """Correct a party's particulars; the role stays (cases.services.parties)."""

    kind = forms.ChoiceField(choices=PartyKind.choices, label=_("Kind of party"))
    name = forms.CharField(label=_("Name of the person or organisation"), max_length=100)
    id_number = forms.CharField(label=_("ID number / credit code"), max_length=18, required=False)
    nature = forms.ChoiceField(choices=RespondentNature.choices, label=_("Nature"))
    district = forms.CharField(label=_("District"), max_length=20, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    reason = forms.CharField(
        label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2})
    )


class AgentAddForm(CaseForm, AgentFields):
    """An agent for a party of the case."""

    party = forms.ModelChoiceField(queryset=None, label=_("Represents"))
    field_order = ["party", *AGENT_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = self.case.parties.order_by("role", "id")


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

"""Forms of the case actions (thin: the services do the checking)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.choices import (
    AssetType,
    AuctionResult,
    ClockPauseKind,
    ClosingType,
    CommissionStatus,
    DisposalKind,
    FindingSource,
    InvestigationKind,
    MeasureKind,
    PerformanceBasis,
    TerminationReason,
    ValuationMethod,
    closing_types_for,
)
from cases.forms.base import CaseForm, DateInput
from cases.models import DossierFile
from haikou_exec.natural import natural_order
from personnel.models import Team


class VersionedForm(CaseForm):
    """Carries the version of the case the form was opened on (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case is not None and not self.is_bound:
            self.initial.setdefault("version", self.case.version)


class AssignForm(VersionedForm):
    team = forms.ModelChoiceField(queryset=Team.objects.none(), label=_("Team"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(
            bureau=self.case.bureau, is_active=True
        ).order_by(*natural_order())


class PauseForm(CaseForm):
    kind = forms.ChoiceField(choices=ClockPauseKind.choices, label=_("Kind"))
    started_on = forms.DateField(label=_("From"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ResumeForm(CaseForm):
    resumed_on = forms.DateField(
        label=_("Resumed on"), widget=DateInput(), initial=timezone.localdate
    )


class NodeCompleteForm(CaseForm):
    completed_on = forms.DateField(
        label=_("Completed on"), widget=DateInput(), initial=timezone.localdate
    )


class ExtensionRequestForm(CaseForm):
    days = forms.IntegerField(label=pgettext_lazy("duration", "Days"), min_value=1, max_value=365)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(CaseForm):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Reject"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MeasureForm(CaseForm):
    kind = forms.ChoiceField(choices=MeasureKind.choices, label=_("Measure"))
    asset_type = forms.ChoiceField(
        choices=[("", "—"), *AssetType.choices], label=_("Asset type"), required=False
    )
    description = forms.CharField(label=_("Description"), max_length=300)
    amount = forms.DecimalField(
        label=_("Amount or value (yuan)"), max_digits=16, decimal_places=2, required=False
    )
    started_on = forms.DateField(label=_("From"), widget=DateInput(), initial=timezone.localdate)
    expires_on = forms.DateField(label=_("Expires on"), widget=DateInput(), required=False)
    reference = forms.CharField(label=_("Ruling or notice number"), max_length=60, required=False)


class RenewForm(CaseForm):
    renewed_on = forms.DateField(
        label=_("Renewed on"), widget=DateInput(), initial=timezone.localdate
    )
    new_expires_on = forms.DateField(label=_("New expiry date"), widget=DateInput())
    reference = forms.CharField(label=_("Ruling number"), max_length=60, required=False)


class ReleaseForm(CaseForm):
    released_on = forms.DateField(
        label=_("Released on"), widget=DateInput(), initial=timezone.localdate
    )


class ValuationForm(CaseForm):
    method = forms.ChoiceField(choices=ValuationMethod.choices, label=_("Valuation"))
    requested_on = forms.DateField(
        label=_("Requested on"), widget=DateInput(), initial=timezone.localdate
    )


class ValuationReportForm(CaseForm):
    method = forms.ChoiceField(choices=ValuationMethod.choices, label=_("Valuation"))
    reported_on = forms.DateField(
        label=_("Report received on"), widget=DateInput(), initial=timezone.localdate
    )


class AuctionForm(CaseForm):
    appraisal_value = forms.DecimalField(
        label=_("Appraisal (yuan)"), max_digits=16, decimal_places=2, min_value=0
    )
    starting_price = forms.DecimalField(
        label=_("Starting price (yuan)"), max_digits=16, decimal_places=2, min_value=0
    )
    deposit = forms.DecimalField(
        label=_("Deposit (yuan)"), max_digits=16, decimal_places=2, min_value=0
    )
    announced_on = forms.DateField(
        label=_("Announced on"), widget=DateInput(), initial=timezone.localdate
    )
    auction_on = forms.DateField(label=_("Auction on"), widget=DateInput())


class AuctionResultForm(CaseForm):
    result = forms.ChoiceField(
        choices=[c for c in AuctionResult.choices if c[0] != AuctionResult.PENDING],
        label=_("Result"),
    )
    sold_price = forms.DecimalField(
        label=_("Sold for (yuan)"), max_digits=16, decimal_places=2, required=False
    )


class DisposalForm(CaseForm):
    kind = forms.ChoiceField(choices=DisposalKind.choices, label=_("Disposal"))
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    ruling_number = forms.CharField(label=_("Ruling (裁定书文号)"), max_length=60)
    price = forms.DecimalField(
        label=_("Price (yuan)"),
        max_digits=16,
        decimal_places=2,
        required=False,
        help_text=_("变卖: the price sold for. 以物抵债: leave empty (the last reserve price)."),
    )
    buyer = forms.CharField(label=_("Buyer (变卖)"), max_length=100, required=False)
    applicant_consent = forms.CharField(
        label=_("The applicant's consent (以物抵债)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommissionForm(CaseForm):
    other_court = forms.CharField(label=_("Commissioned court (outside Haikou)"), max_length=100)
    letter_number = forms.CharField(label=_("Commission letter (委托执行函) number"), max_length=60)
    sent_on = forms.DateField(label=_("Sent on"), widget=DateInput(), initial=timezone.localdate)
    documents = forms.ModelMultipleChoiceField(
        label=_("Documents sent"),
        queryset=DossierFile.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = self.case.dossier_files.order_by("category", "pk")


class CommissionReportForm(CaseForm):
    reported_on = forms.DateField(
        label=_("Reported on"), widget=DateInput(), initial=timezone.localdate
    )
    report = forms.CharField(
        label=pgettext_lazy("case", "Report"), widget=forms.Textarea(attrs={"rows": 4})
    )
    other_case_number = forms.CharField(
        label=_("The other court's case number"), max_length=60, required=False
    )


class CommissionTakeBackForm(CaseForm):
    kind = forms.ChoiceField(
        label=_("How it comes back"),
        choices=[
            (CommissionStatus.RETURNED, CommissionStatus.RETURNED.label),
            (CommissionStatus.WITHDRAWN, CommissionStatus.WITHDRAWN.label),
        ],
    )
    taken_back_on = forms.DateField(
        label=_("Taken back on"), widget=DateInput(), initial=timezone.localdate
    )
    letter_number = forms.CharField(
        label=_("Letter returning (退回函) or withdrawing (撤回函) it"), max_length=60
    )
    reason = forms.CharField(
        label=_("Why it is taken back"), widget=forms.Textarea(attrs={"rows": 3})
    )


class FindingForm(CaseForm):
    source = forms.ChoiceField(choices=FindingSource.choices, label=_("Source"))
    asset_type = forms.ChoiceField(choices=AssetType.choices, label=_("Asset type"))
    description = forms.CharField(label=_("Description"), max_length=300)
    estimated_value = forms.DecimalField(
        label=_("Estimated value (yuan)"), max_digits=16, decimal_places=2, required=False
    )
    source_reference = forms.CharField(label=_("Source reference"), max_length=100, required=False)
    urgent = forms.BooleanField(
        label=_("Urgent: verify the applicant's clue within 3 days (else 7)"), required=False
    )


class InvestigationForm(CaseForm):
    kind = forms.ChoiceField(
        choices=InvestigationKind.choices, label=pgettext_lazy("investigation", "Step")
    )
    done_on = forms.DateField(label=_("Done on"), widget=DateInput(), initial=timezone.localdate)
    found_property = forms.BooleanField(label=_("Property found"), required=False)
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}))


class InterviewForm(CaseForm):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput(), initial=timezone.localdate)
    record = forms.CharField(
        label=_("Record of the interview"), widget=forms.Textarea(attrs={"rows": 5})
    )
    applicant_confirmed = forms.BooleanField(
        label=_("Applicant signed the confirmation"), required=False
    )
    # The president decides a collegial review on the case page (issue 17, finding 9).
    collegial_review = forms.BooleanField(label=_("Collegial panel reviewed"), required=False)


class CloseForm(VersionedForm):
    closing_type = forms.ChoiceField(choices=ClosingType.choices, label=_("Closing type"))
    # 执行完毕 needs performance (DOMAIN.md §2): the ledger, or evidence in the dossier.
    performance_basis = forms.ChoiceField(
        choices=[("", "—"), *PerformanceBasis.choices],
        label=_("Performance shown by (执行完毕)"),
        required=False,
    )
    performance_evidence = forms.ModelChoiceField(
        queryset=DossierFile.objects.none(),
        label=_("Evidence of performance in the dossier (执行完毕 without full recovery)"),
        required=False,
    )
    closed_on = forms.DateField(
        label=_("Closed on"), widget=DateInput(), initial=timezone.localdate
    )
    termination_reason = forms.ChoiceField(
        choices=[("", "—"), *TerminationReason.choices],
        label=_("Termination reason (终结执行)"),
        required=False,
    )
    listing_exempt_reason = forms.CharField(
        label=_("Why the debtor may not be listed as dishonest (if not listed)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    undisposable_reason = forms.CharField(
        label=_("Why property found cannot be disposed of (if any was found)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case is not None:
            # Only the closing types of the case's class (DOMAIN.md §2).
            allowed = closing_types_for(self.case.case_type)
            self.fields["closing_type"].choices = [
                c for c in ClosingType.choices if c[0] in allowed
            ]
            self.fields["performance_evidence"].queryset = DossierFile.objects.filter(
                case=self.case
            )

    def clean(self):
        data = super().clean()
        evidence = data.pop("performance_evidence", None)
        data["performance_evidence_id"] = evidence.pk if evidence else None
        return data


class ResumeEnforcementForm(CaseForm):
    filed_on = forms.DateField(label=_("Filed on"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

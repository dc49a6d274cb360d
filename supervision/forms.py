"""Forms of the supervision pages. Cases are named by their case number (either
parenthesis form), looked up within what the user may see."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.models import EnforcementCase
from cases.numbers import normalise_parentheses
from courts.models import Court
from haikou_exec import parameters
from haikou_exec.widgets import DateInput
from personnel.choices import OfficerRole
from personnel.models import Officer
from supervision.choices import (
    CaseConclusion,
    ConductConclusion,
    FindingCategory,
    InspectionKind,
    Severity,
    SupervisionOutcome,
    SupervisionSource,
    SupervisionTrigger,
)
from supervision.models import Inspection, ScoringSheet
from supervision.parameters import rule_parameters

DATE = DateInput()


class CaseNumberField(forms.CharField):
    """A case number, resolved to a case the user may see (``form.user``)."""

    def __init__(self, *args, case_type: str | None = None, **kwargs):
        self.case_type = case_type
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)


class UserForm(forms.Form):
    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        for name, field in self.fields.items():
            if isinstance(field, CaseNumberField) and data.get(name):
                number = normalise_parentheses(data[name]).strip()
                if number and not number.endswith("号"):
                    number += "号"
                case = (
                    EnforcementCase.objects.restrict(self.user).filter(case_number=number).first()
                )
                if case is None:
                    self.add_error(name, _("No case with this number in your scope."))
                elif field.case_type and case.case_type != field.case_type:
                    self.add_error(
                        name, _("The case is not of type %(type)s.") % {"type": field.case_type}
                    )
                else:
                    data[f"{name}_id"] = case.pk
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class AlertSuperviseForm(forms.Form):
    title = forms.CharField(
        label=_("Subject"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the rule and case."),
    )
    description = forms.CharField(
        label=_("Instructions and remarks"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    handler = forms.ModelChoiceField(
        label=_("Supervisor in charge"),
        queryset=Officer.objects.filter(role=OfficerRole.SUPERVISOR, is_active=True),
        required=False,
    )


class SupervisionCaseForm(UserForm):
    court = forms.ModelChoiceField(
        label=_("Supervised court"), queryset=Court.objects.all(), required=False
    )
    supervised_case = CaseNumberField(label=_("Supervised case number"), required=False)
    filing = CaseNumberField(label=_("执监 case number"), required=False, case_type="执监")
    title = forms.CharField(label=_("Subject"), max_length=200)
    trigger = forms.ChoiceField(label=_("Trigger"), choices=SupervisionTrigger.choices)
    source = forms.ChoiceField(
        label=pgettext_lazy("supervision", "Source"), choices=SupervisionSource.choices
    )
    description = forms.CharField(
        label=_("Facts and leads"), widget=forms.Textarea(attrs={"rows": 4})
    )
    handler = forms.ModelChoiceField(
        label=_("Supervisor in charge"),
        queryset=Officer.objects.filter(role=OfficerRole.SUPERVISOR, is_active=True),
        required=False,
    )


class ConcludeCaseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=pgettext_lazy("supervision", "Outcome"), choices=SupervisionOutcome.choices
    )
    conclusion = forms.CharField(
        label=_("Conclusion and measures taken"), widget=forms.Textarea(attrs={"rows": 4})
    )
    concluded_on = forms.DateField(label=_("Concluded on"), widget=DATE)


class LinkFilingForm(UserForm):
    filing = CaseNumberField(label=_("执监 case number"), case_type="执监")


class OrderForm(UserForm):
    court = forms.ModelChoiceField(
        label=_("Court instructed"), queryset=Court.objects.all(), required=False
    )
    case = CaseNumberField(label=_("Case number"), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    instructions = forms.CharField(
        label=pgettext_lazy("supervision", "Instructions"), widget=forms.Textarea(attrs={"rows": 4})
    )
    respond_by = forms.DateField(label=_("Respond by"), widget=DATE)


class OrderResponseForm(forms.Form):
    text = forms.CharField(
        label=pgettext_lazy("supervision", "Response"), widget=forms.Textarea(attrs={"rows": 5})
    )
    responded_on = forms.DateField(label=_("Responded on"), widget=DATE)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accept", pgettext_lazy("supervision", "Accept")),
            ("return", _("Return with remarks")),
        ],
        widget=forms.RadioSelect,
    )
    remarks = forms.CharField(
        label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    @property
    def accepted(self) -> bool:
        return self.cleaned_data["decision"] == "accept"


class OrderReviewForm(DecisionForm):
    new_respond_by = forms.DateField(
        label=_("New deadline (when returned)"), widget=DATE, required=False
    )


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InspectionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    focus = forms.CharField(label=_("Focus and method"), widget=forms.Textarea(attrs={"rows": 3}))
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
    courts = forms.ModelMultipleChoiceField(
        label=_("Courts inspected"),
        queryset=Court.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )


class FindingForm(UserForm):
    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.none())
    category = forms.ChoiceField(label=_("Category"), choices=FindingCategory.choices)
    severity = forms.ChoiceField(
        label=pgettext_lazy("supervision", "Severity"), choices=Severity.choices
    )
    description = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 3}))
    case = CaseNumberField(label=_("Case number"), required=False)
    found_on = forms.DateField(label=_("Found on"), widget=DATE)
    rectify_by = forms.DateField(label=_("Rectify by"), widget=DATE, required=False)

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = inspection.courts.all()


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the results"), widget=forms.Textarea(attrs={"rows": 5})
    )


class RectificationForm(forms.Form):
    rectification = forms.CharField(
        label=_("Rectification report"), widget=forms.Textarea(attrs={"rows": 4})
    )
    rectified_on = forms.DateField(label=_("Rectified on"), widget=DATE)


class ReviewStartForm(UserForm):
    case = CaseNumberField(label=_("Case number"))
    sheet = forms.ModelChoiceField(
        label=_("Scoring sheet"), queryset=ScoringSheet.objects.filter(is_active=True)
    )
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DATE)
    inspection = forms.ModelChoiceField(
        label=_("Within inspection or campaign"), queryset=Inspection.objects.all(), required=False
    )


class ReviewScoreForm(forms.Form):
    """One field per item of the review's sheet (the sheet is data)."""

    remarks = forms.CharField(
        label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    finalise = forms.BooleanField(label=_("Finalise (no further changes)"), required=False)

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {s.item_id: s for s in review.scores.all()}
        self.items = list(review.sheet.items.all())
        for item in self.items:
            score = existing.get(item.pk)
            self.fields[f"item_{item.pk}"] = forms.DecimalField(
                label=f"{item.section}：{item.text}（≤{item.max_points}）",
                min_value=0,
                max_value=item.max_points,
                decimal_places=1,
                required=False,
                initial=score.points if score else None,
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("Note"), max_length=300, required=False, initial=score.note if score else ""
            )
        self.fields["remarks"].initial = review.remarks
        self.order_fields(
            [
                *[n for i in self.items for n in (f"item_{i.pk}", f"note_{i.pk}")],
                "remarks",
                "finalise",
            ]
        )


class JointForm(UserForm):
    case = CaseNumberField(label=_("Case number"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    enforcement_office = forms.CharField(
        label=_("Enforcement office members"), max_length=200, required=False
    )
    inspection_office = forms.CharField(
        label=_("Inspection office members"), max_length=200, required=False
    )


class CaseFindingsForm(forms.Form):
    case_findings = forms.CharField(
        label=pgettext_lazy("supervision", "Findings on the case"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    case_conclusion = forms.ChoiceField(
        label=_("Conclusion on the case"), choices=CaseConclusion.choices
    )


class ConductForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("Officer"), queryset=Officer.objects.none())
    finding = forms.CharField(
        label=_("Finding on conduct"), widget=forms.Textarea(attrs={"rows": 4})
    )
    conclusion = forms.ChoiceField(label=_("Conclusion"), choices=ConductConclusion.choices)
    recommended_action = forms.CharField(
        label=_("Recommended action"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, court_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = Officer.objects.filter(
            bureau__court_id=court_id
        ).order_by("name")


class TalkForm(forms.Form):
    director = forms.ModelChoiceField(
        label=_("Director summoned"),
        queryset=Officer.objects.filter(
            role__in=[OfficerRole.DIRECTOR, OfficerRole.DEPUTY_DIRECTOR],
            bureau__business_superior__isnull=False,
            is_active=True,
        ).select_related("bureau__court"),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}))
    scheduled_on = forms.DateField(label=_("Date"), widget=DATE)


class TalkRecordForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    held_by = forms.CharField(label=_("Talk held by"), max_length=100)
    record = forms.CharField(
        label=_("Record of the talk"), widget=forms.Textarea(attrs={"rows": 6})
    )
    follow_up = forms.CharField(
        label=_("Follow-up required"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    follow_up_due = forms.DateField(label=_("Follow-up due"), widget=DATE, required=False)


class FollowUpForm(forms.Form):
    result = forms.CharField(label=_("Follow-up result"), widget=forms.Textarea(attrs={"rows": 4}))
    done_on = forms.DateField(label=_("Done on"), widget=DATE)


class RuleForm(forms.Form):
    """A rule's parameters, one field per key its evaluator reads
    (``supervision.parameters``), its severity and activity. The stored object
    keeps any other key it has."""

    severity = forms.ChoiceField(
        label=pgettext_lazy("supervision", "Severity"), choices=Severity.choices
    )
    is_active = forms.BooleanField(label=_("Active"), required=False)

    def __init__(self, *args, rule, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule = rule
        self.schema = rule_parameters(rule.code)
        self.initial.setdefault("parameters", rule.parameters or {})
        names = parameters.add_fields(self, self.schema)
        self.order_fields([*names, "severity", "is_active"])

    def clean(self):
        data = super().clean()
        data["parameters"] = parameters.collect(self.schema, data, self.rule.parameters)
        parameters.pop_fields(data)
        return data

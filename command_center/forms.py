"""Forms of the command-centre pages (thin: the services do the checking)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.forms.base import CaseForm
from cases.models import EnforcementCase
from cases.numbers import normalise_parentheses
from command_center.choices import (
    AffairsTaskKind,
    DispatchSeverity,
    DispatchStatus,
    InstitutionType,
    OpinionSource,
    OpinionStatus,
    OutsourcedWork,
    Sentiment,
)
from courts.access import VIEW
from courts.choices import BureauKind
from courts.models import Bureau, Court
from haikou_exec.widgets import DateInput


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _datetime_field(label, required=True):
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )


def _text(label, rows=3, required=True):
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


class UserForm(forms.Form):
    """Forms that need the user (for choices in scope and for case lookups)."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def _case(self, field: str = "case_number", required: bool = False):
        value = normalise_parentheses(self.cleaned_data.get(field) or "")
        if not value:
            if required:
                raise ValidationError(_("Give the case number."))
            return None
        case = EnforcementCase.objects.restrict(self.user, VIEW).filter(case_number=value).first()
        if case is None:
            raise ValidationError(_("No case with this number in your scope."))
        return case


class CaseNumberField(forms.CharField):
    def __init__(self, required=False, **kwargs):
        super().__init__(
            label=_("Case number"),
            required=required,
            max_length=40,
            help_text=_("For example （2026）琼0106执1234号; (2026) also works."),
            **kwargs,
        )


# --- task queues ----------------------------------------------------------------


class TaskSendForm(UserForm):
    case_number = CaseNumberField(required=True)
    kind = forms.ChoiceField(label=_("Task kind"), choices=AffairsTaskKind.choices)
    instructions = _text(_("Instructions"), rows=4)

    def clean_case_number(self):
        return self._case(required=True)


class ResultForm(forms.Form):
    result = _text(_("Result"), rows=4)


class ReturnForm(forms.Form):
    reason = _text(_("Reason for returning"))


class ResendForm(forms.Form):
    instructions = _text(_("Amended instructions (optional)"), required=False)


# --- online queries -----------------------------------------------------------------


class QueryBatchForm(UserForm):
    """Either a list of case numbers, or a selection by court and filing date."""

    case_numbers = _text(_("Case numbers, one per line"), rows=5, required=False)
    court = forms.ModelChoiceField(
        label=_("Or all open cases of court"), queryset=Court.objects.none(), required=False
    )
    filed_from = forms.DateField(label=_("Filed from"), required=False, widget=DateInput())
    filed_to = forms.DateField(label=_("Filed until"), required=False, widget=DateInput())
    limit = forms.IntegerField(label=_("At most"), min_value=1, max_value=20000, initial=1000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = Court.objects.restrict(self.user).order_by("sort_order")

    def clean(self):
        data = super().clean()
        if not (data.get("case_numbers") or "").strip() and not data.get("court"):
            raise ValidationError(_("List case numbers or choose a court."))
        return data


class FreezeForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount to freeze (yuan)"), max_digits=16, decimal_places=2, min_value=0.01
    )
    ruling_number = forms.CharField(label=_("Freeze ruling number"), max_length=60)


# --- command ----------------------------------------------------------------------------


def district_bureaus():
    return (
        Bureau.objects.filter(kind=BureauKind.ENFORCEMENT)
        .select_related("court")
        .order_by("court__sort_order")
    )


class DirectiveForm(UserForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = _text(_("Directive"), rows=5)
    required_feedback = _text(_("Feedback required"))
    feedback_due_on = forms.DateField(label=_("Feedback due on"), widget=DateInput())
    bureaus = forms.ModelMultipleChoiceField(
        label=_("To bureaus"), queryset=Bureau.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    case_number = CaseNumberField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bureaus"].queryset = district_bureaus().filter(court__parent__isnull=False)

    def clean_case_number(self):
        return self._case()


class FeedbackForm(forms.Form):
    feedback = _text(_("Feedback"), rows=5)


class OperationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    plan = _text(_("Plan"), rows=6)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())
    bureaus = forms.ModelMultipleChoiceField(
        label=_("Bureaus taking part"),
        queryset=Bureau.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    task = _text(_("Task of each bureau"), rows=3)

    def __init__(self, *args, **kwargs):
        kwargs.pop("user", None)
        super().__init__(*args, **kwargs)
        self.fields["bureaus"].queryset = district_bureaus()


class ParticipantForm(forms.Form):
    bureau = forms.ModelChoiceField(label=_("Bureau"), queryset=Bureau.objects.none())
    task = _text(_("Task in the operation"))

    def __init__(self, *args, **kwargs):
        kwargs.pop("user", None)
        super().__init__(*args, **kwargs)
        self.fields["bureau"].queryset = district_bureaus()


class AssignmentForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("Officer"), queryset=None, required=False)
    equipment = forms.ModelChoiceField(
        label=_("Vehicle or equipment"), queryset=None, required=False
    )
    duty = forms.CharField(label=_("Duty"), max_length=200, required=False)

    def __init__(self, *args, participant=None, **kwargs):
        from equipment.models import EquipmentItem
        from personnel.models import Officer

        super().__init__(*args, **kwargs)
        court_id = participant.bureau.court_id
        self.fields["officer"].queryset = Officer.objects.filter(
            bureau__court_id=court_id, is_active=True
        ).order_by("name")
        self.fields["equipment"].queryset = EquipmentItem.objects.filter(
            court_id=court_id
        ).order_by("category", "name")


class ResultsForm(forms.Form):
    cases_targeted = forms.IntegerField(label=_("Cases targeted"), min_value=0)
    cases_concluded = forms.IntegerField(label=_("Cases concluded"), min_value=0)
    amount_recovered = forms.DecimalField(
        label=_("Amount recovered (yuan)"), min_value=0, max_digits=16, decimal_places=2
    )
    detentions = forms.IntegerField(label=_("Judicial detentions"), min_value=0)
    properties_controlled = forms.IntegerField(label=_("Properties seized or frozen"), min_value=0)
    note = _text(_("Results note"), required=False)


class OperationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=())

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices


def _officers_in_scope(user):
    from personnel.models import Officer

    return (
        Officer.objects.restrict(user)
        .filter(is_active=True)
        .select_related("bureau__court")
        .order_by("bureau__court__sort_order", "name")
    )


class ConsultationForm(UserForm):
    subject = forms.CharField(label=pgettext_lazy("meeting", "Subject"), max_length=200)
    held_at = _datetime_field(_("Held at"))
    case_number = CaseNumberField()
    participants = forms.ModelMultipleChoiceField(
        label=_("Participants"), queryset=None, required=False
    )
    other_participants = _text(_("Other participants"), rows=2, required=False)
    minutes = _text(pgettext_lazy("meeting", "Minutes"), rows=8)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = _officers_in_scope(self.user)

    def clean_case_number(self):
        return self._case()


class FieldRecordForm(UserForm):
    case_number = CaseNumberField(required=True)
    activity = forms.CharField(
        label=_("Activity"),
        max_length=200,
        help_text=_("e.g. on-site search, seizure of a vehicle, eviction"),
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    started_at = _datetime_field(_("Started at"))
    ended_at = _datetime_field(_("Ended at"), required=False)
    officers = forms.ModelMultipleChoiceField(label=_("Officers"), queryset=None)
    equipment = forms.ModelMultipleChoiceField(
        label=_("Equipment used"), queryset=None, required=False
    )
    account = _text(_("Account of what happened"), rows=6)

    def __init__(self, *args, **kwargs):
        from equipment.models import EquipmentItem

        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = _officers_in_scope(self.user)
        self.fields["equipment"].queryset = EquipmentItem.objects.restrict(self.user).order_by(
            "court_id", "category", "name"
        )

    def clean_case_number(self):
        return self._case(required=True)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (video, photo, audio or document)"))
    title = forms.CharField(label=_("Title"), max_length=200, required=False)


class DispatchForm(UserForm):
    occurred_at = _datetime_field(_("Occurred at"))
    severity = forms.ChoiceField(label=_("Severity"), choices=DispatchSeverity.choices)
    location = forms.CharField(label=_("Location"), max_length=200)
    reported_by = forms.CharField(label=_("Reported by"), max_length=100)
    situation = _text(_("Situation reported"), rows=4)
    dispatched = _text(_("Officers, vehicles and equipment dispatched"))
    case_number = CaseNumberField()

    def clean_case_number(self):
        return self._case()


class DispatchUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"), choices=[c for c in DispatchStatus.choices if c[0] != "open"]
    )
    action_taken = _text(_("Action taken"), required=False)


class OpinionForm(UserForm):
    court = forms.ModelChoiceField(label=_("Court concerned"), queryset=Court.objects.none())
    source = forms.ChoiceField(label=_("Source"), choices=OpinionSource.choices)
    link = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = _text(_("Summary"), rows=4)
    sentiment = forms.ChoiceField(label=_("Sentiment"), choices=Sentiment.choices)
    discovered_at = _datetime_field(_("Discovered at"))
    case_number = CaseNumberField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = Court.objects.restrict(self.user).order_by("sort_order")
        if not self.is_bound:
            self.initial.setdefault(
                "discovered_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M")
            )

    def clean_case_number(self):
        return self._case()


class OpinionHandleForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"), choices=[c for c in OpinionStatus.choices if c[0] != "new"]
    )
    response = _text(_("Response"), rows=4, required=False)


class InstitutionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=InstitutionType.choices)
    credit_code = forms.CharField(
        label=_("Unified social credit code"), max_length=18, required=False
    )
    contact_person = forms.CharField(label=_("Contact person"), max_length=50, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    admitted_on = forms.DateField(label=_("Admitted to the roster on"), widget=DateInput())
    qualification = forms.CharField(label=_("Qualification"), max_length=100, required=False)
    certificate_number = forms.CharField(
        label=_("Certificate number"), max_length=60, required=False
    )
    issued_by = forms.CharField(label=_("Issued by"), max_length=100, required=False)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        kwargs.pop("user", None)
        super().__init__(*args, **kwargs)


class OutsourcedForm(UserForm):
    institution = forms.ModelChoiceField(label=_("Institution"), queryset=None)
    work = forms.ChoiceField(label=_("Work"), choices=OutsourcedWork.choices)
    scope = _text(_("Scope"), rows=4)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())
    fee = forms.DecimalField(
        label=_("Fee (yuan)"), required=False, max_digits=12, decimal_places=2, min_value=0
    )
    case_number = CaseNumberField()

    def __init__(self, *args, **kwargs):
        from command_center.services.outsourcing import institutions_for

        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions_for(self.user).order_by("kind", "name")

    def clean_case_number(self):
        return self._case()


class DeliveryForm(forms.Form):
    result = _text(_("Result delivered"), rows=5)
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DateInput())


class DecideDeliveryForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", pgettext_lazy("outsourcing", "Accept")), ("0", _("Reject: to be redone"))],
        coerce=lambda v: v == "1",
    )
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[("", "—")] + [(str(i), str(i)) for i in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    note = _text(_("Note"), required=False)


class PortalForm(forms.Form):
    """The public portal: no CSRF token (see views.portal), nothing echoed back."""

    case_number = forms.CharField(label=_("Case number"), max_length=40)
    query_code = forms.CharField(label=_("Query code"), max_length=12)


# --- acting from the case page (issue 16 item 4) ----------------------------------
# The case is known, so nothing is retyped; the services do the checking.


class CasePropertyQueryForm(CaseForm):
    """网络查控 of this case's respondents at every institution of the network."""

    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CaseAffairsTaskForm(CaseForm):
    kind = forms.ChoiceField(label=_("Task kind"), choices=AffairsTaskKind.choices)
    instructions = forms.CharField(
        label=_("Instructions"), widget=forms.Textarea(attrs={"rows": 4})
    )

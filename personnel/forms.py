"""Forms of the personnel pages. Choices of officers, bureaus and courts come from
the restriction point, so a form never offers a row outside the user's scope."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courts.access import scope_for
from courts.models import Bureau, Court
from haikou_exec.widgets import DateInput
from personnel.choices import (
    Education,
    ExchangeDirection,
    LegalQualification,
    PositionEndReason,
    Post,
    Rank,
    ResearchKind,
)
from personnel.models import Officer, Seminar, Specialty
from personnel.selectors import STAFFING_POSTS

DATE = DateInput()


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.badge_number} · {obj.bureau.court.short_name}）"


class OfficerMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.badge_number} · {obj.bureau.court.short_name}）"


def officers_for(user, court: Court | None = None):
    qs = (
        Officer.objects.restrict(user)
        .filter(is_active=True)
        .select_related("bureau__court")
        .order_by("bureau__court__sort_order", "name")
    )
    if court is not None and not court.is_intermediate:
        qs = qs.filter(bureau__court=court)
    return qs


def bureaus_for(user):
    return Bureau.objects.restrict(user).select_related("court").order_by("court__sort_order")


def courts_for_adding(user):
    """The courts whose records the user may add: all for the city-wide
    leadership, their own court for a bureau's leadership."""
    scope = scope_for(user)
    if user.is_superuser or scope.city_leadership:
        return Court.objects.order_by("sort_order")
    return Court.objects.filter(pk=scope.court_id)


class UserFormMixin:
    def __init__(self, *args, user=None, obj=None, **kwargs):
        self.user = user
        self.obj = obj
        super().__init__(*args, **kwargs)


class OfficerProfileForm(UserFormMixin, forms.Form):
    birth_date = forms.DateField(
        label=_("Birth date"),
        required=False,
        widget=DATE,
        help_text=_("Left empty, it is taken from the resident ID number."),
    )
    education = forms.ChoiceField(
        label=_("Education"), choices=[("", "—"), *Education.choices], required=False
    )
    legal_qualification = forms.ChoiceField(
        label=_("Legal qualification"),
        choices=[("", "—"), *LegalQualification.choices],
        required=False,
    )
    rank = forms.ChoiceField(label=_("Rank"), choices=[("", "—"), *Rank.choices], required=False)


class PositionForm(UserFormMixin, forms.Form):
    bureau = forms.ModelChoiceField(label=_("Bureau"), queryset=Bureau.objects.none())
    post = forms.ChoiceField(label=_("Post"), choices=Post.choices)
    is_acting = forms.BooleanField(label=_("Acting"), required=False)
    started_on = forms.DateField(label=_("From"), widget=DATE)
    ended_on = forms.DateField(label=_("Until"), required=False, widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bureau"].queryset = bureaus_for(self.user)
        if self.obj is not None:
            self.fields["bureau"].initial = self.obj.bureau_id


class EndPositionForm(UserFormMixin, forms.Form):
    ended_on = forms.DateField(label=_("Last day"), widget=DATE, initial=timezone.localdate)
    end_reason = forms.ChoiceField(
        label=pgettext_lazy("cause", "Reason"), choices=PositionEndReason.choices
    )


class StaffingForm(UserFormMixin, forms.Form):
    headcount = forms.IntegerField(label=_("Approved headcount"), min_value=0)
    basis = forms.CharField(label=_("Basis (approving document)"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for post in STAFFING_POSTS:
            self.fields[f"quota_{post}"] = forms.IntegerField(
                label=_("Post quota: %(post)s") % {"post": Post(post).label},
                min_value=0,
                required=False,
            )


class RotationPlanForm(UserFormMixin, forms.Form):
    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.none())
    title = forms.CharField(label=_("Title"), max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = courts_for_adding(self.user)


class RotationItemForm(UserFormMixin, forms.Form):
    officer = OfficerChoiceField(label=_("Officer"), queryset=Officer.objects.none())
    effective_on = forms.DateField(label=_("Effective on"), widget=DATE)
    destination_bureau = forms.ModelChoiceField(
        label=_("Destination bureau"), queryset=Bureau.objects.none(), required=False
    )
    destination_post = forms.ChoiceField(
        label=_("Destination post"), choices=[("", "—"), *Post.choices], required=False
    )
    destination_department = forms.CharField(
        label=_("Or: trial department"),
        required=False,
        max_length=64,
        help_text=_("For an exchange to a trial department, e.g. 民事审判第一庭."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers_for(self.user, self.obj.court)
        self.fields["destination_bureau"].queryset = Bureau.objects.select_related("court")


class DecisionForm(UserFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Approve / consent")), ("no", _("Reject / refuse"))],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 4}))


class TrialExchangeForm(UserFormMixin, forms.Form):
    officer = OfficerChoiceField(label=_("Officer"), queryset=Officer.objects.none())
    bureau = forms.ModelChoiceField(label=_("Enforcement bureau"), queryset=Bureau.objects.none())
    direction = forms.ChoiceField(label=_("Direction"), choices=ExchangeDirection.choices)
    department = forms.CharField(label=_("Trial department"), max_length=64)
    started_on = forms.DateField(label=_("From"), widget=DATE)
    ended_on = forms.DateField(label=_("Until"), required=False, widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers_for(self.user)
        self.fields["bureau"].queryset = bureaus_for(self.user)


class HandoverForm(UserFormMixin, forms.Form):
    officer = OfficerChoiceField(label=_("Leaving officer"), queryset=Officer.objects.none())
    handover_on = forms.DateField(label=_("Handover date"), widget=DATE)
    reason = forms.CharField(label=pgettext_lazy("cause", "Reason"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers_for(self.user)


class SuccessorForm(UserFormMixin, forms.Form):
    successor = OfficerChoiceField(label=_("Successor"), queryset=Officer.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        court = self.obj.bureau.court if self.obj is not None else None
        self.fields["successor"].queryset = officers_for(self.user, court)


class AppointmentForm(UserFormMixin, forms.Form):
    bureau = forms.ModelChoiceField(label=_("District bureau"), queryset=Bureau.objects.none())
    candidate = OfficerChoiceField(label=_("Candidate"), queryset=Officer.objects.none())
    effective_on = forms.DateField(label=_("To take effect on"), widget=DATE)
    reason = forms.CharField(
        label=_("Reasons for the proposal"), widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bureau"].queryset = bureaus_for(self.user).filter(
            business_superior__isnull=False
        )
        # A candidate may come from any court the proposer can see.
        self.fields["candidate"].queryset = officers_for(self.user)


class TalentMemberForm(UserFormMixin, forms.Form):
    officer = OfficerChoiceField(label=_("Officer"), queryset=Officer.objects.none())
    specialties = forms.ModelMultipleChoiceField(
        label=_("Specialties"),
        queryset=Specialty.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    joined_on = forms.DateField(label=_("Joined on"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers_for(self.user)


class LeaveForm(UserFormMixin, forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DATE, initial=timezone.localdate)


class _CourtEventForm(UserFormMixin, forms.Form):
    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = courts_for_adding(self.user)
        for name in ("participants", "authors"):
            if name in self.fields:
                self.fields[name].queryset = officers_for(self.user)


class SeminarForm(_CourtEventForm):
    topic = forms.CharField(label=_("Topic"), max_length=200)
    held_on = forms.DateField(label=pgettext_lazy("training", "Held on"), widget=DATE)
    question = forms.CharField(
        label=_("Hard question discussed"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    participants = OfficerMultipleChoiceField(
        label=_("Participants"), queryset=Officer.objects.none()
    )
    outcome = forms.CharField(
        label=pgettext_lazy("research", "Outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResearchOutputForm(_CourtEventForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ResearchKind.choices)
    authors = OfficerMultipleChoiceField(label=_("Authors"), queryset=Officer.objects.none())
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE)
    venue = forms.CharField(label=_("Published in / adopted by"), required=False, max_length=200)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    seminar = forms.ModelChoiceField(
        label=_("From seminar"), queryset=Seminar.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seminar"].queryset = Seminar.objects.restrict(self.user)


class SecondmentForm(UserFormMixin, forms.Form):
    officer = OfficerChoiceField(label=_("Officer"), queryset=Officer.objects.none())
    host_bureau = forms.ModelChoiceField(label=_("Host bureau"), queryset=Bureau.objects.none())
    post = forms.CharField(label=_("Post during the secondment"), max_length=64)
    started_on = forms.DateField(label=_("From"), widget=DATE)
    ended_on = forms.DateField(label=_("Until"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers_for(self.user)
        # Any bureau of the other tier can host; the service checks the tiers.
        self.fields["host_bureau"].queryset = Bureau.objects.select_related("court")


class TrainingForm(_CourtEventForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    organiser = forms.CharField(label=_("Run by"), required=False, max_length=100)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
    hours = forms.DecimalField(
        label=pgettext_lazy("training", "Hours"), min_value=0.5, max_digits=5, decimal_places=1
    )
    location = forms.CharField(label=_("Location"), required=False, max_length=100)
    participants = OfficerMultipleChoiceField(
        label=_("Participants"), queryset=Officer.objects.none()
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class DutyReportForm(UserFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year reported on"), min_value=2000)
    text = forms.CharField(
        label=pgettext_lazy("duty report", "Report"), widget=forms.Textarea(attrs={"rows": 14})
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, OFD, Word (.docx), Excel (.xlsx), PNG or JPEG; at most 20 MB each."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1


class AttachmentForm(UserFormMixin, forms.Form):
    attachments = MultipleFileField(label=_("Attachments"))


class ScoreForm(UserFormMixin, forms.Form):
    score = forms.DecimalField(
        label=_("Score (0–100)"), min_value=0, max_value=100, max_digits=5, decimal_places=2
    )
    comment = forms.CharField(
        label=_("Scoring comment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

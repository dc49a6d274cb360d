"""Page forms. They collect input; the services decide (and their
ValidationErrors are put back on the form by haikou_exec.actions.ActionView)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courts.choices import CourtTier
from courts.models import Court
from equipment.choices import CheckResult, ItemStatus
from equipment.models import EquipmentAssignment, EquipmentItem, EquipmentStandard
from equipment.policy import inventory_courts
from haikou_exec.widgets import DateInput
from personnel.models import Officer

DATE = DateInput()


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Officer) -> str:
        return f"{obj.name}（{obj.badge_number}）· {obj.bureau.court.short_name}"


def officers_of(courts) -> forms.models.QuerySet:
    return (
        Officer.objects.filter(bureau__court__in=courts, is_active=True)
        .select_related("bureau__court")
        .order_by("bureau__court__sort_order", "name")
    )


class ItemForm(forms.ModelForm):
    """Register or correct an item (status and assignments have their own forms)."""

    custodian = OfficerChoiceField(
        queryset=Officer.objects.none(), required=False, label=_("custodian")
    )

    class Meta:
        model = EquipmentItem
        fields = [
            "court",
            "category",
            "name",
            "specification",
            "serial_number",
            "purchase_date",
            "service_life_years",
            "custodian",
            "unit_price",
            "notes",
        ]
        widgets = {"purchase_date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        courts = inventory_courts(user)
        self.fields["court"].queryset = courts
        if len(courts) == 1:  # a district's leadership: its own court, preselected
            self.fields["court"].initial = courts[0].pk
        if self.instance.pk:
            # An item stays in its court; correct it elsewhere if it moved.
            del self.fields["court"]
            courts = Court.objects.filter(pk=self.instance.court_id)
        self.fields["custodian"].queryset = officers_of(courts)
        # Uniqueness is checked by the service, with its own message.
        self.fields["serial_number"].validators = []

    def validate_unique(self):
        pass


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args, targets: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, ItemStatus(s).label) for s in targets]


class AssignForm(forms.Form):
    officer = OfficerChoiceField(
        queryset=Officer.objects.none(), required=False, label=_("officer")
    )
    operation_reference = forms.CharField(
        label=_("field operation"),
        required=False,
        max_length=128,
        help_text=_(
            "For example the case number and the operation: （2026）琼0105执123号 现场查封."
        ),
    )
    # The command centre's field record, reached through the assignment's foreign
    # key (named by string), so equipment does not import the command centre.
    field_record = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("field record"),
        help_text=_("A field execution record of this court from the last 30 days."),
    )
    due_back_on = forms.DateField(label=_("due back on"), required=False, widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args, item: EquipmentItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers_of([item.court_id])
        since = timezone.now() - datetime.timedelta(days=30)
        field_records = EquipmentAssignment.field_record.field.related_model.objects
        self.fields["field_record"].queryset = field_records.filter(
            court_id=item.court_id, started_at__gte=since
        ).select_related("case")


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class ImportForm(forms.Form):
    court = forms.ModelChoiceField(queryset=Court.objects.none(), label=_("court"))
    file = forms.FileField(label=_("Excel file (.xlsx)"))
    valid_rows_only = forms.BooleanField(
        label=_("Import the valid rows only"),
        required=False,
        help_text=_("Without this, nothing is imported while any row has an error."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        courts = inventory_courts(user)
        self.fields["court"].queryset = courts
        if len(courts) == 1:
            self.fields["court"].initial = courts[0].pk


class StandardForm(forms.ModelForm):
    class Meta:
        model = EquipmentStandard
        fields = ["tier", "category", "required_quantity", "specification", "inspection_points"]
        widgets = {
            "specification": forms.Textarea(attrs={"rows": 3}),
            "inspection_points": forms.Textarea(attrs={"rows": 4}),
        }

    def validate_unique(self):
        pass  # the service says which standard already exists


class ScheduleInspectionForm(forms.Form):
    court = forms.ModelChoiceField(queryset=Court.objects.order_by("sort_order"), label=_("court"))
    scheduled_on = forms.DateField(label=_("scheduled for"), widget=DATE)
    inspector = OfficerChoiceField(
        queryset=officers_of(Court.objects.filter(tier=CourtTier.INTERMEDIATE)),
        required=False,
        label=_("inspector"),
    )


class InspectionResultsForm(forms.Form):
    """One result (and remark) per checklist line, plus the findings."""

    conducted_on = forms.DateField(label=_("conducted on"), widget=DATE, initial=timezone.localdate)
    summary = forms.CharField(
        label=_("findings"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rectification_deadline = forms.DateField(
        label=_("rectification deadline"),
        required=False,
        widget=DATE,
        help_text=_("Required when any check fails."),
    )

    def __init__(self, *args, check_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.check_items = list(check_items)
        choices = [(v, label) for v, label in CheckResult.choices if v != CheckResult.PENDING]
        for item in self.check_items:
            self.fields[f"result_{item.pk}"] = forms.ChoiceField(
                label=item.description,
                choices=choices,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                initial=CheckResult.PASS,
            )
            self.fields[f"remark_{item.pk}"] = forms.CharField(
                label=_("remark"),
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )

    def results(self) -> dict[int, tuple[str, str]]:
        return {
            item.pk: (
                self.cleaned_data[f"result_{item.pk}"],
                self.cleaned_data.get(f"remark_{item.pk}", ""),
            )
            for item in self.check_items
        }

    def line_fields(self):
        return [(self[f"result_{i.pk}"], self[f"remark_{i.pk}"]) for i in self.check_items]


class CancelInspectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class RectificationReportForm(forms.Form):
    note = forms.CharField(label=_("What was rectified"), widget=forms.Textarea(attrs={"rows": 4}))


class RectificationReviewForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Accept the rectification")), ("0", _("Reject: rectify again"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Verification result"), widget=forms.Textarea(attrs={"rows": 3}))
    new_deadline = forms.DateField(label=_("new deadline"), required=False, widget=DATE)


class PhotoForm(forms.Form):
    # A plain FileField: the service decodes the content with Pillow itself.
    image = forms.FileField(label=_("photo"), help_text=_("JPEG, PNG or WebP, at most 10 MB."))
    caption = forms.CharField(label=_("caption"), required=False, max_length=120)
    check_item = forms.TypedChoiceField(
        label=_("checklist item"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["check_item"].choices = [("", "—")] + [
            (c.pk, c.description[:60]) for c in inspection.check_items.all()
        ]

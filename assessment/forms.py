"""Forms of the assessment pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.choices import ComponentKind, FigureLevel, IndicatorUnit, OfficerItemKind
from assessment.models import AssessmentScheme, IndicatorDefinition
from assessment.parameters import (
    COMPONENT_PARAMETERS,
    OFFICER_ITEM_PARAMETERS,
    indicator_parameters,
)
from assessment.periods import Period
from haikou_exec import parameters
from haikou_exec.widgets import DateInput

DATE = DateInput()


class KindParametersMixin:
    """A scheme row whose parameters depend on its kind (``kind_parameters``: kind →
    its ``Parameter`` list, ``assessment.parameters``): a field for each, shown for
    the kind chosen (static/js/app.js switches them as the kind changes); only the
    chosen kind's fields are read and checked, and they make the row's
    ``parameters`` object."""

    kind_parameters: dict[str, list] = {}

    def add_kind_parameters(self) -> None:
        for schema in self.kind_parameters.values():
            parameters.add_fields(self, schema, compact=True)
        self.fields["kind"].widget.attrs["data-param-switch"] = ""

    @property
    def current_kind(self) -> str:
        return self["kind"].value() or ""

    @property
    def parameter_groups(self) -> list[tuple[str, list]]:
        """(kind, its bound fields) for every kind that takes parameters."""
        return [
            (kind, [self[parameters.PREFIX + p.name] for p in schema])
            for kind, schema in self.kind_parameters.items()
        ]

    def clean(self):
        data = super().clean()
        schema = self.kind_parameters.get(data.get("kind") or "", [])
        own = {parameters.PREFIX + p.name for p in schema}
        # A field of another kind is hidden and not stored: what it holds is not an error.
        for name in [n for n in self._errors if n.startswith(parameters.PREFIX)]:
            if name not in own:
                del self._errors[name]
        # What the row stored (its initial values) when it keeps its kind: an
        # unchanged row stores exactly that; only the kind's own keys are kept.
        same_kind = data.get("kind") == self.initial.get("kind")
        stored = (self.initial.get("parameters") or {}) if same_kind else {}
        names = {p.name for p in schema}
        collected = parameters.collect(schema, data, stored)
        data["parameters"] = {k: v for k, v in collected.items() if k in names}
        parameters.pop_fields(data)
        return data


def indicator_choices():
    seen, choices = set(), [("", "—")]
    for d in IndicatorDefinition.objects.order_by("sort_order", "code", "-version"):
        if d.code not in seen:
            seen.add(d.code)
            choices.append((d.code, d.name))
    return choices


class FigureQueryForm(forms.Form):
    """The period and level of the figures shown (GET)."""

    period = forms.CharField(
        label=_("Period"),
        required=False,
        help_text=_("2026, 2026-Q2, 2026-03 or 2026-01-01..2026-06-30"),
    )
    level = forms.ChoiceField(label=_("Level"), choices=FigureLevel.choices, required=False)
    code = forms.ChoiceField(label=_("Indicator"), choices=(), required=False)
    as_of = forms.DateField(label=_("Data as of"), widget=DATE, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = indicator_choices()

    def clean_period(self):
        text = self.cleaned_data.get("period") or str(timezone.localdate().year)
        try:
            return Period.parse(text)
        except forms.ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc


class ReviseIndicatorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    formula = forms.CharField(label=_("Formula"), widget=forms.Textarea(attrs={"rows": 2}))
    numerator_text = forms.CharField(label=_("Numerator"), widget=forms.Textarea(attrs={"rows": 2}))
    denominator_text = forms.CharField(
        label=_("Denominator"), widget=forms.Textarea(attrs={"rows": 2})
    )
    target = forms.DecimalField(label=_("Target"), required=False, max_digits=7, decimal_places=2)
    higher_is_better = forms.BooleanField(label=_("Higher is better"), required=False)
    source = forms.CharField(label=_("Source"), max_length=200, required=False)
    effective_from = forms.DateField(label=_("Effective from"), widget=DATE)

    def __init__(self, *args, definition, **kwargs):
        """The parameters its calculator reads (``assessment.parameters``), one
        field each, after the target; the stored object keeps any other key."""
        super().__init__(*args, **kwargs)
        self.definition = definition
        # The target in the indicator's unit (a percentage, or days for 平均执行天数).
        self.fields["target"].label = (
            _("Target (days)") if definition.unit == IndicatorUnit.DAYS else _("Target (%)")
        )
        self.schema = indicator_parameters(definition.code)
        self.initial.setdefault("parameters", definition.parameters or {})
        names = parameters.add_fields(self, self.schema)
        order = list(self.fields)
        at = order.index("higher_is_better") + 1
        self.order_fields([*order[:at], *names, *order[at:]])

    def clean(self):
        data = super().clean()
        data["parameters"] = parameters.collect(self.schema, data, self.definition.parameters)
        parameters.pop_fields(data)
        return data


class SchemeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    year = forms.IntegerField(label=_("Year assessed"), min_value=2000, max_value=2100)
    praise_count = forms.IntegerField(label=_("Bureaus praised (at most)"), min_value=0, initial=1)
    praise_min_score = forms.DecimalField(
        label=_("Minimum score for praise"), max_digits=5, decimal_places=2, initial=85
    )
    bottom_count = forms.IntegerField(
        label=_("Bureaus counted as at the bottom"), min_value=1, initial=1
    )
    bottom_years = forms.IntegerField(
        label=_("Years at the bottom before the director is adjusted"), min_value=1, initial=3
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ComponentForm(KindParametersMixin, forms.Form):
    kind_parameters = COMPONENT_PARAMETERS

    kind = forms.ChoiceField(
        label=_("Component"), choices=[("", "—"), *ComponentKind.choices], required=False
    )
    indicator_code = forms.ChoiceField(label=_("Indicator"), choices=(), required=False)
    weight = forms.DecimalField(
        label=_("Weight (%)"), max_digits=5, decimal_places=2, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_code"].choices = indicator_choices()
        self.add_kind_parameters()


ComponentFormSet = forms.formset_factory(ComponentForm, extra=3)


class ComputeForm(forms.Form):
    scheme = forms.ModelChoiceField(label=_("Scheme"), queryset=AssessmentScheme.objects.all())
    year = forms.IntegerField(label=_("Year assessed"), min_value=2000, max_value=2100)
    as_of = forms.DateField(label=_("Data as of"), widget=DATE, required=False)


class OfficerSchemeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    year = forms.IntegerField(label=_("Year assessed"), min_value=2000, max_value=2100)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class OfficerItemForm(KindParametersMixin, forms.Form):
    kind_parameters = OFFICER_ITEM_PARAMETERS

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", "—"), *OfficerItemKind.choices], required=False
    )
    indicator_code = forms.ChoiceField(label=_("Indicator"), choices=(), required=False)
    label = forms.CharField(
        label=pgettext_lazy("assessment", "Item"), max_length=100, required=False
    )
    weight = forms.DecimalField(
        label=_("Weight (%)"), max_digits=5, decimal_places=2, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_code"].choices = indicator_choices()
        self.add_kind_parameters()


OfficerItemFormSet = forms.formset_factory(OfficerItemForm, extra=3)


class ManualScoresForm(forms.Form):
    """A score per officer for one manual item."""

    def __init__(self, *args, officers, existing: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.officers = list(officers)
        for officer in self.officers:
            self.fields[f"officer_{officer.pk}"] = forms.DecimalField(
                label=str(officer),
                min_value=0,
                max_value=100,
                decimal_places=2,
                required=False,
                initial=existing.get(officer.pk),
            )


class ReportEditForm(forms.Form):
    """The reported figures, the narrative and the reason for any changed figure."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    summary = forms.CharField(
        label=_("Work summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    problems = forms.CharField(
        label=_("Problems and difficulties"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    plans = forms.CharField(
        label=_("Plans for next month"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    reason = forms.CharField(
        label=_("Reason for changing figures"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required when a figure differs from what is reported now."),
    )

    def __init__(self, *args, report, figures, **kwargs):
        super().__init__(*args, **kwargs)
        self.figure_keys = []
        for key, label, _kind in figures:
            self.figure_keys.append(key)
            prefilled = report.prefilled.get(key)
            self.fields[f"fig_{key}"] = forms.CharField(
                label=label,
                required=False,
                initial=report.figures.get(key),
                help_text=_("From the data: %(value)s")
                % {"value": "—" if prefilled in (None, "") else prefilled},
            )
        self.order_fields(
            [
                *[f"fig_{k}" for k in self.figure_keys],
                "summary",
                "problems",
                "plans",
                "reason",
                "version",
            ]
        )


class PrepareMonthForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12)

"""The parameters of a rule as form fields (issue 16): an alert rule's limits, an
indicator's counting rules, a scheme component's target or points are stored as a
JSON object, and edited one field per parameter, labelled with its unit, never as
JSON typed by hand.

Each app declares what each rule kind takes, next to the code that reads it
(``supervision.parameters``, ``assessment.parameters``): a list of ``Parameter``.
This module turns such a list into form fields, the stored object into the fields'
initial values and back, and checks an object sent by the API against the same
list, so the page and the API refuse the same values."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext as _

INTEGER, DECIMAL, CHOICE, CHOICES = "integer", "decimal", "choice", "choices"
PREFIX = "param_"
SMALL = {"class": "form-control form-control-sm"}


@dataclass(frozen=True)
class Parameter:
    """One stored key: its label (with the unit, as people read it), its type, the
    default the reading code uses when the key is absent, and its limits.

    ``kind``: INTEGER and DECIMAL numbers, CHOICE one value and CHOICES several of
    ``choices`` (a callable, so labels and database rows are read when the form is
    built). ``above`` is an exclusive lower limit (a ratio above 1). A parameter that
    is not ``required`` may be left blank: the key is then not stored and the
    reading code's default applies (a list is stored empty)."""

    name: str
    label: str | Promise
    kind: str
    default: object = None
    min_value: int | Decimal | None = None
    max_value: int | Decimal | None = None
    above: int | Decimal | None = None
    choices: Callable[[], Iterable[tuple[str, object]]] | None = None
    required: bool = True
    help_text: str | Promise = ""

    def form_field(self, *, compact: bool = False) -> forms.Field:
        common = {"label": self.label, "required": self.required, "help_text": self.help_text}
        attrs = dict(SMALL) if compact else {}
        if self.kind == INTEGER:
            return forms.IntegerField(
                min_value=self.min_value,
                max_value=self.max_value,
                widget=forms.NumberInput(attrs=attrs),
                **common,
            )
        if self.kind == DECIMAL:
            field = forms.DecimalField(
                min_value=self.min_value,
                max_value=self.max_value,
                max_digits=9,
                decimal_places=2,
                widget=forms.NumberInput(attrs={**attrs, "step": "0.01"}),
                **common,
            )
            if self.above is not None:
                field.validators.append(_Above(self.above))
            return field
        if self.kind == CHOICE:
            return forms.ChoiceField(choices=self.choices, **common)
        if self.kind == CHOICES:
            return forms.MultipleChoiceField(
                choices=self.choices, widget=forms.CheckboxSelectMultiple, **common
            )
        raise ValueError(f"Unknown parameter kind {self.kind!r}")

    def initial(self, stored: dict):
        """The field's value for the stored object (the default when absent)."""
        value = stored.get(self.name, self.default)
        if self.kind == CHOICES and value is not None:
            return [str(v) for v in value]
        return value

    def to_stored(self, value, previous=None):
        """The JSON value of a cleaned field value: whole numbers as integers, other
        decimals as numbers, several choices in the stored order when unchanged."""
        if self.kind == DECIMAL:
            return int(value) if value == value.to_integral_value() else float(value)
        if self.kind == CHOICES:
            value = list(value)
            if isinstance(previous, list) and set(map(str, previous)) == set(value):
                return previous
        return value

    def is_default(self, value) -> bool:
        if self.default is None:
            return False
        if self.kind == CHOICES:
            return set(map(str, value)) == set(map(str, self.default))
        if self.kind in (INTEGER, DECIMAL):
            return Decimal(str(value)) == Decimal(str(self.default))
        return value == self.default

    def problem(self, value) -> str | None:
        """What is wrong with a value sent as JSON (the API), in the reader's words."""
        if self.kind in (INTEGER, DECIMAL):
            number_types = int if self.kind == INTEGER else (int, float)
            if isinstance(value, bool) or not isinstance(value, number_types):
                return _("enter a whole number") if self.kind == INTEGER else _("enter a number")
            number = Decimal(str(value))
            if self.min_value is not None and number < self.min_value:
                return _("enter at least %(limit)s") % {"limit": self.min_value}
            if self.max_value is not None and number > self.max_value:
                return _("enter at most %(limit)s") % {"limit": self.max_value}
            if self.above is not None and number <= self.above:
                return _("enter a number above %(limit)s") % {"limit": self.above}
            return None
        allowed = {str(v) for v, _label in self.choices()}
        if self.kind == CHOICE:
            ok = isinstance(value, str) and value in allowed
            return None if ok else _("choose one of the values offered")
        if not isinstance(value, list) or not all(
            isinstance(v, str) and v in allowed for v in value
        ):
            return _("choose among the values offered")
        if self.required and not value:
            return _("choose at least one")
        return None


class _Above:
    """A strict lower limit (Django's MinValueValidator allows the limit itself)."""

    def __init__(self, limit):
        self.limit = limit

    def __call__(self, value):
        if value is not None and value <= self.limit:
            raise forms.ValidationError(
                _("Enter a number above %(limit)s.") % {"limit": self.limit}, code="above"
            )


def add_fields(form, schema: Iterable[Parameter], *, compact: bool = False) -> list[str]:
    """Add a field per parameter to ``form`` (named ``param_<key>``), with the
    stored object's values (``form.initial["parameters"]``) as initial values.
    Returns the field names."""
    stored = form.initial.get("parameters") or {}
    names = []
    for parameter in schema:
        name = PREFIX + parameter.name
        form.fields[name] = parameter.form_field(compact=compact)
        form.initial.setdefault(name, parameter.initial(stored))
        names.append(name)
    return names


def collect(schema: Iterable[Parameter], cleaned_data: dict, stored: dict | None = None) -> dict:
    """The object to store from the cleaned fields: ``stored`` (keys no field
    edits are kept) with each parameter set, or removed when left blank. A key
    not stored before whose field still shows the default stays absent, so an
    unchanged edit stores exactly what was there."""
    result = dict(stored or {})
    for parameter in schema:
        value = cleaned_data.get(PREFIX + parameter.name)
        if value is None or (value == "" and parameter.kind != CHOICES):
            result.pop(parameter.name, None)
            continue
        value = parameter.to_stored(value, result.get(parameter.name))
        if parameter.name not in result and parameter.is_default(value):
            continue
        result[parameter.name] = value
    return result


def pop_fields(cleaned_data: dict) -> None:
    """Drop the per-parameter values once ``collect`` has made the object."""
    for name in [n for n in cleaned_data if n.startswith(PREFIX)]:
        del cleaned_data[name]


def problems(schema: Iterable[Parameter], parameters: dict) -> list[str]:
    """What is wrong with a stored object (from the API), one message per
    parameter: "label: what to enter". Keys outside the schema are left alone."""
    found = []
    for parameter in schema:
        if parameter.name not in parameters:
            continue
        problem = parameter.problem(parameters[parameter.name])
        if problem:
            found.append(f"{parameter.label}：{problem}")
    return found


def readable(schema: Iterable[Parameter], stored: dict) -> str:
    """The stored parameters in the editor's words ("label：value；…"), choices by
    their labels (a process node by its name, not its code)."""
    parts = []
    for parameter in schema:
        if parameter.name not in (stored or {}):
            continue
        value = stored[parameter.name]
        if parameter.kind in (CHOICE, CHOICES):
            labels = {str(v): str(label) for v, label in parameter.choices()}
            values = value if isinstance(value, list) else [value]
            text = "、".join(labels.get(str(v), str(v)) for v in values) or "—"
        else:
            text = str(value)
        parts.append(f"{parameter.label}：{text}")
    return "；".join(parts) or "—"

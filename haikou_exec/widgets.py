"""Form widgets: the one date input of every form, and widgets for pages read at
city scale."""

import re
from html import escape

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

# Django's empty choice: BLANK_CHOICE_DASH of a model field's choices, and the
# default empty_label of ModelChoiceField.
DJANGO_EMPTY_LABEL = BLANK_CHOICE_DASH[0][1]


def choice_label(value, label):
    """A select's option label as the courts' staff read it: Django's "---------"
    for "nothing chosen yet" reads 请选择 (a filter's empty choice is 全部, set by
    FILTERS_EMPTY_CHOICE_LABEL)."""
    if value in ("", None) and label == DJANGO_EMPTY_LABEL:
        return _("Choose…")
    return label


class Select(forms.Select):
    """Every choice field's select (``forms.ChoiceField.widget``, set by the
    kernel's app config, so model, typed and plain choice fields alike): Django's
    own, with the empty choice labelled by ``choice_label``."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        label = choice_label(value, label)
        return super().create_option(name, value, label, selected, index, subindex, attrs)


class FastSelect(Select):
    """The HTML of ``forms.Select``, written directly: Django renders each
    ``<option>`` through a template, and a filter with hundreds of teams then costs
    more than the list's queries.

    For a model choice field, ``label_field`` (and ``group_field``, for
    ``<optgroup>``) name the columns read for each option: one ``values_list``
    query of tuples instead of a model instance per option."""

    def __init__(self, attrs=None, choices=(), *, label_field=None, group_field=None):
        super().__init__(attrs, choices)
        self.label_field = label_field
        self.group_field = group_field

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        formatted = self.format_value(value)  # a list; a string for NullBooleanSelect
        selected = {formatted} if isinstance(formatted, str) else set(formatted)
        parts = []
        for group, options in self._groups():
            html = _options(options, selected)
            if group is not None:
                html = format_html('<optgroup label="{}">{}</optgroup>', group, html)
            parts.append(html)
        body = mark_safe("".join(parts))  # noqa: S308 — built from escaped parts
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), body)

    def _groups(self) -> list[tuple[str | None, list[tuple[str, str]]]]:
        """[(group label or None, [(value, label), …]), …] in the choices' order."""
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None or not self.label_field:
            choices = self._flat_choices()
            return [(None, [(str(v), str(choice_label(v, label))) for v, label in choices])]
        field = self.choices.field
        head = []
        if field.empty_label is not None:
            head.append(("", str(choice_label("", field.empty_label))))
        if getattr(field, "null_label", None) is not None:  # django-filter's "null" choice
            head.append((str(field.null_value), str(field.null_label)))
        groups: list[tuple[str | None, list[tuple[str, str]]]] = [(None, head)]
        columns = ["pk", self.label_field] + ([self.group_field] if self.group_field else [])
        for pk, label, *group in queryset.values_list(*columns):
            group = group[0] if group else None
            if groups[-1][0] != group:
                groups.append((group, []))
            groups[-1][1].append((str(pk), str(label)))
        return [(g, options) for g, options in groups if options]

    def _flat_choices(self):
        for value, label in self.choices:
            if isinstance(label, (list, tuple)):  # an option group of plain choices
                yield from label
            else:
                yield value, label


def _options(options, selected):
    # The standard library's escape: Django's (lazy-aware) costs more than the
    # option itself when there are hundreds.
    return mark_safe(  # noqa: S308 — value and label are escaped here
        "".join(
            '<option value="{}"{}>{}</option>'.format(
                escape(value), " selected" if value in selected else "", escape(label)
            )
            for value, label in options
        )
    )


class _FastInputMixin:
    """``<input>`` written directly (Django's widget template, same output)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        value = self.format_value(value)
        if value is not None:
            attrs["value"] = value
        return format_html('<input type="{}" name="{}"{}>', self.input_type, name, flatatt(attrs))


class FastTextInput(_FastInputMixin, forms.TextInput):
    pass


# 2026-12-03, 2026/12/3, 2026.12.3, 2026年12月3日, 20261203.
_TYPED_DATE = re.compile(
    r"^\s*(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))\s*$"
)


class DateInput(forms.DateInput):
    """The date field of every form (``forms.DateField``'s default widget, set by
    the kernel's app config, so no form chooses its own): shown and typed as
    2026-12-03 whatever the browser's language. An ``<input type="date">`` shows
    the browser's own format (12/03/2026 in an English browser), so this is a text
    input with the form as its placeholder; 2026/12/3, 2026.12.3, 2026年12月3日
    and 20261203 are read as the same day."""

    def __init__(self, attrs=None, format=None):
        attrs = {"placeholder": _("yyyy-mm-dd"), "autocomplete": "off", **(attrs or {})}
        attrs.pop("type", None)  # the forms that asked for type="date"
        super().__init__(attrs, format="%Y-%m-%d")

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if isinstance(value, str) and (match := _TYPED_DATE.match(value)):
            year, month, day, month8, day8 = match.groups()
            return f"{year}-{int(month or month8):02d}-{int(day or day8):02d}"
        return value


class FastDateInput(_FastInputMixin, DateInput):
    pass


class FastNullBooleanSelect(FastSelect, forms.NullBooleanSelect):
    """全部 / 是 / 否, rendered as ``FastSelect``. In a filter, “no choice” means every
    row: it reads 全部 (All), not Django's 未知 (Unknown); the value stays
    ``unknown`` so that links made before keep working."""

    def __init__(self, attrs=None):
        forms.NullBooleanSelect.__init__(self, attrs)
        self.choices = [("unknown", _("All")), ("true", _("Yes")), ("false", _("No"))]
        self.label_field = self.group_field = None

    # The values a yes/no filter understands; anything else reaches the field as it
    # came, so that the field refuses it instead of reading it as "all".
    VALUES = {"true": True, "True": True, "1": True, "2": True, "yes": True}
    VALUES |= {"false": False, "False": False, "0": False, "3": False, "no": False}
    VALUES |= {"unknown": None, "": None}

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if value is None or isinstance(value, bool):
            return value
        return self.VALUES.get(value, value)


class FilterNullBooleanField(forms.NullBooleanField):
    """A yes/no filter's field: its empty choice reads 全部 (see above). A value that
    is neither yes, no nor "all" is refused (the API answers 400), not read as "all"."""

    widget = FastNullBooleanSelect

    def to_python(self, value):
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str) and value in FastNullBooleanSelect.VALUES:
            return FastNullBooleanSelect.VALUES[value]  # from another widget
        raise forms.ValidationError(_("Choose yes, no or all."), code="invalid_boolean")

    def validate(self, value):
        pass


class CourtCodeSelect(FastSelect):
    """The courts as a select valued by court code (``?court=琼0105``, the value the
    filters and links use), labelled by short name, in the courts' order.
    ``courts``: the courts offered (a queryset; all when None)."""

    def __init__(self, attrs=None, *, courts=None):
        super().__init__(attrs)
        self.courts = courts

    def _flat_choices(self):
        from courts.models import Court

        courts = self.courts if self.courts is not None else Court.objects.all()
        yield "", _("All courts")
        yield from courts.order_by("sort_order").values_list("code", "short_name")

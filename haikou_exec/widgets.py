"""Form widgets for pages read at city scale."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class FastSelect(forms.Select):
    """The HTML of ``forms.Select`` (no option groups), written directly: Django
    renders each ``<option>`` through a template, and a filter with hundreds of
    teams then costs more than the list's queries."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (o["value"], " selected" if o["selected"] else "", o["label"])
                for _group, choices, _index in widget["optgroups"]
                for o in choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(widget["attrs"]), options
        )

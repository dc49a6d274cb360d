"""The form key: a value made when a form is opened and sent back with it, so that
submitting the same form twice (a double click, back and resubmit, a retried
request) has one effect (issue 15 item 6; DESIGN.md "Money")."""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class FormKeyMixin(forms.Form):
    # Optional here (a form posted without it simply has no repeat protection);
    # forms that move money declare it required.
    form_key = forms.CharField(widget=forms.HiddenInput, required=False)
    damaged_message = _("The form is damaged; reload the page and enter it again.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_key", uuid.uuid4().hex)

    def clean_form_key(self) -> str:
        if not self.cleaned_data["form_key"] and not self.fields["form_key"].required:
            return ""
        try:
            return uuid.UUID(self.cleaned_data["form_key"]).hex
        except ValueError:
            raise ValidationError(self.damaged_message) from None

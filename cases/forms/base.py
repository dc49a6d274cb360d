from django import forms

# The one date input (the default of every date field; named here for the case forms).
from haikou_exec.widgets import DateInput as DateInput


class CaseForm(forms.Form):
    """Forms of case actions receive the case (for choices and checks)."""

    def __init__(self, *args, case=None, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)

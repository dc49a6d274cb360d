"""Forms of the actions started from the case page (issue 16 item 4): the case is
known, so nothing is retyped; the command centre's services do the checking."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms.base import CaseForm
from command_center.choices import AffairsTaskKind


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

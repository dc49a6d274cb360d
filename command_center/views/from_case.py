"""Command-centre work started from the case page (issue 16 item 4): 网络查控 of
the case's respondents and a task for the affairs centre, prefilled with the case
and returning to it. The case page links here by URL name (``from_case:…``,
command_center/case_urls.py, under /cases/); the command centre's services decide
who may do what."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cases.choices import PartyRole
from cases.views.base import CaseActionView
from command_center.choices import AffairsTaskKind
from command_center.forms import CaseAffairsTaskForm, CasePropertyQueryForm
from command_center.services import affairs, queries
from courts.access import VIEW


class CasePropertyQueryView(CaseActionView):
    """Start a 网络查控 batch for this case's respondents."""

    form_class = CasePropertyQueryForm
    title = _("Online property query of the respondents (网络查控)")
    submit_label = _("Start the query")
    template_name = "command_center/case_query_form.html"
    # The service checks the case is the user's to query (the centre's staff
    # query cases they only see), so the page opens in the view scope.
    action = VIEW

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["respondents"] = list(
            self.case.parties.filter(role=PartyRole.RESPONDENT).order_by("id")
        )
        return ctx

    def get_case(self):
        case = super().get_case()
        if not queries.queryable_cases(self.request.user).filter(pk=case.pk).exists():
            raise PermissionDenied(_("This case is not yours to query."))
        return case

    def perform(self, form):
        self.job = queries.request_property_query(
            user=self.request.user, case_ids=[self.case.pk], note=form.cleaned_data["note"]
        )
        return self.job

    @property
    def success_message(self):
        return format_html(
            '{} <a href="{}">{}</a>',
            _("The online query has started; findings are added to the case."),
            self.job.get_absolute_url(),
            _("Follow its progress"),
        )


class CaseAffairsTaskView(CaseActionView):
    """Send a task about this case to the affairs centre."""

    form_class = CaseAffairsTaskForm
    title = _("Send a task to the affairs centre")
    submit_label = _("Submit")  # a request to another office is 提交
    success_message = _("Task sent to the affairs centre.")

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("kind") in AffairsTaskKind.values:
            initial["kind"] = self.request.GET["kind"]
        return initial

    def perform(self, form):
        return affairs.send_task(
            user=self.request.user,
            case_id=self.case.pk,
            kind=form.cleaned_data["kind"],
            instructions=form.cleaned_data["instructions"],
        )

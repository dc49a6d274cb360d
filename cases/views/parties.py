"""Parties and agents after filing (issue 16 item 5): add a party or an agent,
correct a party's particulars with the reason in the audit trail."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from cases.forms.filing import AgentAddForm, PartyCorrectForm, PartyForm
from cases.models import Party
from cases.services.agents import add_agent
from cases.services.parties import CORRECTABLE_FIELDS, PartyData, add_party, correct_party
from cases.views.base import CaseActionView, CaseReadMixin


class PartyAddView(CaseActionView):
    form_class = PartyForm
    title = _("Add a party")
    success_message = _("Party added.")

    def perform(self, form):
        return add_party(
            user=self.request.user, case_id=self.case.pk, data=PartyData(**form.cleaned_data)
        )


class AgentAddView(CaseActionView):
    form_class = AgentAddForm
    title = _("Add an agent")
    success_message = _("Agent added.")

    def get_initial(self):
        initial = super().get_initial()
        party = self.request.GET.get("party")
        if party and party.isdigit():
            initial["party"] = int(party)
        return initial

    def perform(self, form):
        return add_agent(
            user=self.request.user,
            case_id=self.case.pk,
            party_id=form.cleaned_data["party"].pk,
            data=form.agent_data(),
        )


class PartyCorrectView(CaseActionView):
    form_class = PartyCorrectForm
    title = _("Correct a party's particulars")
    success_message = _("The party's particulars were corrected; the change is in its history.")

    def get_party(self) -> Party:
        if not hasattr(self, "_party"):
            self._party = get_object_or_404(Party, pk=self.kwargs["party_id"], case=self.case)
        return self._party

    def get_initial(self):
        initial = super().get_initial()
        party = self.get_party()
        initial.update({name: getattr(party, name) for name in CORRECTABLE_FIELDS})
        return initial

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        party = self.get_party()
        ctx["title"] = f"{self.title}：{party.get_role_display()} {party.name}"
        return ctx

    def perform(self, form):
        d = dict(form.cleaned_data)
        party = self.get_party()
        return correct_party(
            user=self.request.user,
            party_id=party.pk,
            data=PartyData(role=party.role, **{k: d[k] for k in CORRECTABLE_FIELDS}),
            reason=d["reason"],
            expected_version=d["version"],
        )


class PartyHistoryView(CaseReadMixin, CaseActionView):
    """The audited changes to a case's parties and agents: who corrected what,
    when and why (issue 16 item 5)."""

    template_name = "cases/party_history.html"
    title = _("Changes to the parties and agents")

    def get_form(self, form_class=None):
        return None

    def post(self, request, *args, **kwargs):
        return self.http_method_not_allowed(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        import pghistory.models

        ctx = super().get_context_data(**kwargs)
        ctx["history"] = list(
            pghistory.models.Events.objects.references(self.case)
            .across("cases.PartyEvent", "cases.PartyAgentEvent")
            .order_by("-pgh_created_at")[:100]
        )
        return ctx

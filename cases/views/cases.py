"""Case pages: the list, the detail page and filing (立案). The actions on a case
sit beside this module, by what they act on: ``parties``, ``assignment``,
``nodes``, ``measures``, ``closing`` and ``commission``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from cases import selectors
from cases.choices import CompletionEvent, MeasureKind
from cases.filtersets import EnforcementCaseFilterSet
from cases.forms.filing import (
    FIRST_PARTIES,
    AgentFormSet,
    FilingForm,
    PartyFormSet,
    legacy_filing_post,
)
from cases.hooks import CASE_PAGE_CONTEXT
from cases.models import EnforcementCase, PartyAgent
from cases.services.agents import AgentData, clean_agent
from cases.services.closing import termination_checklist
from cases.services.common import is_implementation
from cases.services.filing import FilingData, file_case
from cases.services.nodes import can_approve_extension
from cases.services.parties import PartyData, clean_party
from cases.tables import EnforcementCaseTable
from haikou_exec.errors import apply_validation_error
from haikou_exec.views import RestrictedDetailView, RestrictedListView


class CaseListView(RestrictedListView):
    model = EnforcementCase
    table_class = EnforcementCaseTable
    filterset_class = EnforcementCaseFilterSet
    title = _("Enforcement cases")
    template_name = "cases/case_list.html"

    def select_queryset(self, queryset):
        return selectors.case_list_page(queryset)


class CaseDetailView(RestrictedDetailView):
    model = EnforcementCase
    template_name = "cases/case_detail.html"

    def select_queryset(self, queryset):
        # May the reader change it: answered in the same query as the case.
        changeable = EnforcementCase.objects.restrict(self.request.user, "change")
        return selectors.case_detail(queryset).annotate(
            may_change=Exists(changeable.filter(pk=OuterRef("pk")))
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        case = self.object
        timeline = selectors.case_timeline(case)
        ctx.update(timeline)
        ctx["today"] = timezone.localdate()
        ctx["can_change"] = case.may_change
        # Measures, investigation, funds and 终本 steps are offered in an
        # implementation case only (services.common.ensure_implementation).
        ctx["enforces"] = is_implementation(case)
        ctx["credit_measures"] = MeasureKind.credit_measures()
        ctx["done_by_act"] = CompletionEvent.by_their_act_only()
        ctx["may_decide_reviews"] = can_approve_extension(self.request.user, case)
        for hook in CASE_PAGE_CONTEXT:  # what apps above cases show on it
            ctx.update(hook(self.request.user, case))
        self._add_agents_and_party_history(ctx, case)
        # The extension button asks for the open node due first that may be extended.
        ctx["extendable_node"] = next(
            (n for n in timeline["nodes"] if n.status == "open" and n.definition.extendable), None
        )
        if not case.is_closed and ctx["enforces"]:
            ctx["termination_checklist"] = termination_checklist(
                case, on=timezone.localdate(), records=timeline
            )
        return ctx

    @staticmethod
    def _add_agents_and_party_history(ctx, case) -> None:
        """Each party's agents, read with the parties; their corrections are one
        click away (``cases.views.parties.PartyHistoryView``)."""
        for party in ctx["parties"]:
            # Read with the parties (selectors.case_timeline), shown with their labels.
            party.agent_list = [PartyAgent(**row) for row in party.agent_rows or []]


class CaseFileView(LoginRequiredMixin, FormView):
    """立案: the title, several applicants and respondents (natural persons, legal
    persons, other organisations) and their agents, on one screen (issue 16 item
    5). The filing service keeps the rules: numbers, identifiers, filing rights."""

    form_class = FilingForm
    template_name = "cases/case_file.html"

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "user": self.request.user}
        if "data" in kwargs:
            kwargs["data"] = legacy_filing_post(kwargs["data"])
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("parties", PartyFormSet(prefix="parties", initial=FIRST_PARTIES))
        ctx.setdefault("agents", AgentFormSet(prefix="agents"))
        return ctx

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        data = form.data
        parties = PartyFormSet(data, prefix="parties")
        agents = AgentFormSet(data, prefix="agents")
        valid = [x.is_valid() for x in (form, parties, agents)]
        rows = self._check_parties(parties) if valid[1] else []
        pairs = self._check_agents(agents, len(parties.forms)) if valid[2] else []
        if not all(valid) or any(f.errors for f in [*parties.forms, *agents.forms]):
            return self._invalid(form, parties, agents)
        data = self.filing_data(form, rows, pairs)
        try:
            case = self.file(data, form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
            return self._invalid(form, parties, agents)
        messages.success(self.request, _("Case %(number)s filed.") % {"number": case.case_number})
        return redirect(case)

    def file(self, data: FilingData, cleaned: dict):
        return file_case(user=self.request.user, data=data)

    def filing_data(self, form, rows, pairs) -> FilingData:
        d = form.cleaned_data
        return FilingData(
            case_type=d["case_type"],
            origin=d["origin"],
            title_issuer=d["title_issuer"],
            title_document_number=d["title_document_number"],
            title_effective_on=d["title_effective_on"],
            amount_claimed=d["amount_claimed"],
            filed_on=d["filed_on"],
            cause=d["cause"],
            court_id=d["court"].pk if d.get("court") else None,
            parties=[row for _index, row in rows],
            late_registration_reason=d.get("late_registration_reason", ""),
            # The agent names the party's row on the screen; the service wants its
            # place among the parties actually filed (blank rows are left out).
            agents=[(self._filed_index(rows, number), agent) for number, agent in pairs],
        )

    def _invalid(self, form, parties, agents):
        return self.render_to_response(
            self.get_context_data(form=form, parties=parties, agents=agents)
        )

    @staticmethod
    def _check_parties(parties) -> list[tuple[int, PartyData]]:
        """The filled rows as (row number, party), each checked by the party rules
        (identifiers, GB 11643 / GB 32100) with errors on its own row."""
        rows = []
        for number, party_form in enumerate(parties.forms, start=1):
            if not party_form.has_changed() and party_form.empty_permitted:
                continue
            try:
                rows.append((number, clean_party(party_form.party_data())))
            except ValidationError as exc:
                apply_validation_error(party_form, exc)
        return rows

    @staticmethod
    def _check_agents(agents, party_rows: int) -> list[tuple[int, AgentData]]:
        pairs = []
        for agent_form in agents.forms:
            if not agent_form.has_changed() and agent_form.empty_permitted:
                continue
            number = agent_form.cleaned_data["represents"]
            if number > party_rows:
                agent_form.add_error("represents", _("There is no party with this number."))
                continue
            try:
                pairs.append((number, clean_agent(agent_form.agent_data())))
            except ValidationError as exc:
                apply_validation_error(agent_form, exc)
        return pairs

    @staticmethod
    def _filed_index(rows, number: int) -> int:
        numbers = [n for n, _row in rows]
        return numbers.index(number) if number in numbers else -1

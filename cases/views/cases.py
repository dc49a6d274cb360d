"""Case pages: list, detail, filing, and the actions on a case."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from cases import selectors
from cases.choices import CASE_CLASS, CaseClass, CompletionEvent, MeasureKind
from cases.filtersets import CaseNodeFilterSet, EnforcementCaseFilterSet, MeasureFilterSet
from cases.forms import actions as action_forms
from cases.forms.filing import (
    FIRST_PARTIES,
    AgentFormSet,
    CommissionReceiveForm,
    FilingForm,
    PartyForm,
    PartyFormSet,
    legacy_filing_post,
)
from cases.hooks import CASE_PAGE_CONTEXT
from cases.models import (
    ApplicantInterview,
    AuctionRound,
    CaseNode,
    Commission,
    DeadlineExtension,
    EnforcementCase,
    Measure,
    PartyAgent,
)
from cases.services import assignment, closing, commission, disposal, measures, nodes
from cases.services.agents import AgentData, clean_agent
from cases.services.closing import termination_checklist
from cases.services.filing import FilingData, file_case
from cases.services.nodes import can_approve_extension
from cases.services.parties import PartyData, add_party, clean_party
from cases.tables import CaseNodeTable, EnforcementCaseTable, MeasureRegisterTable
from cases.views.base import CaseActionView
from courts.access import scope_for
from haikou_exec.actions import PostActionView
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
        if not case.is_closed and CASE_CLASS[case.case_type] == CaseClass.IMPLEMENTATION:
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


class CommissionReceiveView(CaseFileView):
    """立案 of a commission from a court outside Haikou (cases.services.commission)."""

    form_class = CommissionReceiveForm

    def file(self, data: FilingData, cleaned: dict):
        return commission.receive_commission(
            user=self.request.user,
            data=data,
            commissioning_court=cleaned["commissioning_court"],
            commissioning_case_number=cleaned["commissioning_case_number"],
            letter_number=cleaned["letter_number"],
        ).case


class CommissionView(CaseActionView):
    form_class = action_forms.CommissionForm
    title = _("Commission a court outside Haikou (委托执行)")
    success_message = _("Commission sent; the case is closed as 终结执行 (委托).")
    submit_label = _("Submit")

    def perform(self, form):
        return commission.commission_case(
            user=self.request.user, case_id=self.case.pk, **form.cleaned_data
        )


class CommissionReportView(CaseActionView):
    form_class = action_forms.CommissionReportForm
    title = _("Record the commission's report")
    success_message = _("Report recorded.")

    def perform(self, form):
        found = get_object_or_404(Commission, pk=self.kwargs["commission_id"], case=self.case)
        return commission.record_commission_report(
            user=self.request.user, commission_id=found.pk, **form.cleaned_data
        )


class CommissionTakeBackView(CaseActionView):
    """退回委托 or 撤回委托 of a case commissioned out, resumed here as 执恢
    (cases.services.commission.take_back_commission)."""

    form_class = action_forms.CommissionTakeBackForm
    title = _("Take back a commissioned case (执恢)")
    submit_label = _("Submit")

    def perform(self, form):
        found = get_object_or_404(Commission, pk=self.kwargs["commission_id"], case=self.case)
        new_case = commission.take_back_commission(
            user=self.request.user, commission_id=found.pk, **form.cleaned_data
        )
        messages.success(
            self.request,
            _("Commission taken back; case %(number)s filed to resume enforcement.")
            % {"number": new_case.case_number},
        )
        return new_case

    def get_success_url(self):
        return self.result.get_absolute_url()


class PartyAddView(CaseActionView):
    form_class = PartyForm
    title = _("Add a party")
    success_message = _("Party added.")

    def perform(self, form):
        return add_party(
            user=self.request.user, case_id=self.case.pk, data=PartyData(**form.cleaned_data)
        )


class AssignView(CaseActionView):
    form_class = action_forms.AssignForm
    title = _("Assign to a team")
    success_message = _("Case assigned.")

    def perform(self, form):
        d = form.cleaned_data
        return assignment.assign_case(
            user=self.request.user,
            case_id=self.case.pk,
            team_id=d["team"].pk,
            reason=d["reason"],
            expected_version=d["version"],
        )


class AutoAssignView(PostActionView):
    model = EnforcementCase
    pk_url_kwarg = "case_id"

    def perform(self):
        log = assignment.assign_automatically(user=self.request.user, case_id=self.object.pk)
        self.success_message = _("Assigned to %(team)s. %(reason)s") % {
            "team": log.to_team,
            "reason": log.reason,
        }


class PauseView(CaseActionView):
    form_class = action_forms.PauseForm
    title = _("Stop the clock (stay, suspension, notice, appraisal)")
    success_message = _("The clock is stopped; deadlines were recomputed.")

    def perform(self, form):
        return nodes.pause_clock(user=self.request.user, case_id=self.case.pk, **form.cleaned_data)


class ResumeView(CaseActionView):
    form_class = action_forms.ResumeForm
    title = _("Resume the clock")
    success_message = _("The clock runs again; deadlines were recomputed.")

    def perform(self, form):
        return nodes.resume_clock(user=self.request.user, case_id=self.case.pk, **form.cleaned_data)


class NodeActionMixin:
    def get_node(self):
        return get_object_or_404(
            CaseNode.objects.select_related("definition"), pk=self.kwargs["node_id"], case=self.case
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["node"] = self.get_node()
        return ctx


class NodeCompleteView(NodeActionMixin, CaseActionView):
    form_class = action_forms.NodeCompleteForm
    title = _("Complete a node")
    success_message = _("Node completed.")

    def perform(self, form):
        return nodes.complete_node(
            user=self.request.user, node_id=self.get_node().pk, **form.cleaned_data
        )


class ExtensionRequestView(NodeActionMixin, CaseActionView):
    form_class = action_forms.ExtensionRequestForm
    title = _("Request a deadline extension")
    success_message = _("Extension requested; it counts once approved.")

    def perform(self, form):
        return nodes.request_extension(
            user=self.request.user, node_id=self.get_node().pk, **form.cleaned_data
        )


class ExtensionDecideView(CaseActionView):
    form_class = action_forms.DecisionForm
    title = _("Decide a deadline extension")
    submit_label = _("Submit")  # a decision is 提交, not 保存
    action = "view"  # the approver is leadership, checked by the service
    success_message = _("Decision recorded.")

    def perform(self, form):
        extension = get_object_or_404(
            DeadlineExtension, pk=self.kwargs["extension_id"], node__case=self.case
        )
        return nodes.decide_extension(
            user=self.request.user, extension_id=extension.pk, **form.cleaned_data
        )


class MeasureAddView(CaseActionView):
    form_class = action_forms.MeasureForm
    title = _("Add a measure")
    success_message = _("Measure recorded.")

    def perform(self, form):
        return measures.add_measure(
            user=self.request.user, case_id=self.case.pk, **form.cleaned_data
        )


class MeasureMixin:
    def get_measure(self):
        return get_object_or_404(Measure, pk=self.kwargs["measure_id"], case=self.case)


class MeasureRenewView(MeasureMixin, CaseActionView):
    form_class = action_forms.RenewForm
    title = _("Renew a measure")
    success_message = _("Measure renewed.")

    def perform(self, form):
        return measures.renew_measure(
            user=self.request.user, measure_id=self.get_measure().pk, **form.cleaned_data
        )


class MeasureReleaseView(MeasureMixin, CaseActionView):
    form_class = action_forms.ReleaseForm
    title = _("Release a measure")
    success_message = _("Measure released.")

    def perform(self, form):
        return measures.release_measure(
            user=self.request.user, measure_id=self.get_measure().pk, **form.cleaned_data
        )


class ValuationRequestView(MeasureMixin, CaseActionView):
    form_class = action_forms.ValuationForm
    title = _("Request the valuation of a seized asset")
    submit_label = _("Submit")
    success_message = _("Valuation requested.")

    def perform(self, form):
        return measures.request_valuation(
            user=self.request.user, measure_id=self.get_measure().pk, **form.cleaned_data
        )


class ValuationReportView(MeasureMixin, CaseActionView):
    form_class = action_forms.ValuationReportForm
    title = _("Record the valuation report")
    success_message = _("Valuation report recorded.")

    def perform(self, form):
        return measures.record_valuation_report(
            user=self.request.user, measure_id=self.get_measure().pk, **form.cleaned_data
        )


class AuctionScheduleView(MeasureMixin, CaseActionView):
    form_class = action_forms.AuctionForm
    title = _("Schedule an auction round")
    success_message = _("Auction round scheduled.")

    def perform(self, form):
        return measures.schedule_auction_round(
            user=self.request.user, measure_id=self.get_measure().pk, **form.cleaned_data
        )


class DisposalView(MeasureMixin, CaseActionView):
    """变卖 or 以物抵债 after the second failed auction (cases.services.disposal)."""

    form_class = action_forms.DisposalForm
    title = _("Sale or payment in kind after a second failed auction")
    success_message = _("Disposal recorded.")

    def perform(self, form):
        return disposal.dispose_after_auctions(
            user=self.request.user, measure_id=self.get_measure().pk, **form.cleaned_data
        )


class AuctionResultView(CaseActionView):
    form_class = action_forms.AuctionResultForm
    title = _("Record an auction result")
    success_message = _("Auction result recorded.")

    def perform(self, form):
        auction = get_object_or_404(
            AuctionRound, pk=self.kwargs["round_id"], measure__case=self.case
        )
        return measures.record_auction_result(
            user=self.request.user, round_id=auction.pk, **form.cleaned_data
        )


class FindingAddView(CaseActionView):
    form_class = action_forms.FindingForm
    title = _("Record property found")
    success_message = _("Finding recorded.")

    def perform(self, form):
        return measures.record_finding(
            user=self.request.user, case_id=self.case.pk, **form.cleaned_data
        )


class InvestigationAddView(CaseActionView):
    form_class = action_forms.InvestigationForm
    title = _("Record an investigation step")
    success_message = _("Investigation step recorded.")

    def perform(self, form):
        return measures.record_investigation(
            user=self.request.user, case_id=self.case.pk, **form.cleaned_data
        )


class InterviewView(CaseActionView):
    form_class = action_forms.InterviewForm
    title = _("Record the applicant interview")
    success_message = _("Interview recorded.")

    def perform(self, form):
        return closing.record_applicant_interview(
            user=self.request.user, case_id=self.case.pk, **form.cleaned_data
        )


class InterviewDecideView(CaseActionView):
    """The court president decides 终本 after a collegial review (DOMAIN.md §2)."""

    form_class = action_forms.DecisionForm
    title = _("Decide 终本 after the collegial review")
    submit_label = _("Submit")
    action = "view"  # the approver is the president, checked by the service
    success_message = _("Decision recorded.")

    def perform(self, form):
        interview = get_object_or_404(
            ApplicantInterview, pk=self.kwargs["interview_id"], case=self.case
        )
        return closing.decide_termination_review(
            user=self.request.user, interview_id=interview.pk, **form.cleaned_data
        )


class CloseView(CaseActionView):
    form_class = action_forms.CloseForm
    title = _("Close the case")
    submit_label = _("Close the case")  # 结案 (issue 16)
    success_message = _("Case closed.")
    template_name = "cases/case_close.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["termination_checklist"] = termination_checklist(self.case, on=timezone.localdate())
        return ctx

    def perform(self, form):
        d = dict(form.cleaned_data)
        expected = d.pop("version")
        return closing.close_case(
            user=self.request.user, case_id=self.case.pk, expected_version=expected, **d
        )


class ResumeEnforcementView(CaseActionView):
    form_class = action_forms.ResumeEnforcementForm
    title = _("Resume enforcement (执恢)")

    def perform(self, form):
        new_case = closing.resume_enforcement(
            user=self.request.user, case_id=self.case.pk, **form.cleaned_data
        )
        messages.success(
            self.request,
            _("Case %(number)s filed to resume enforcement.") % {"number": new_case.case_number},
        )
        return new_case

    def get_success_url(self):
        return self.result.get_absolute_url()


class DeadlineListView(RestrictedListView):
    """Overdue and due-soon nodes, by team, bureau or court (filters)."""

    model = CaseNode
    table_class = CaseNodeTable
    filterset_class = CaseNodeFilterSet
    title = _("Deadlines")

    def select_queryset(self, queryset):
        return selectors.deadline_list(queryset.filter(status="open")).order_by("due_on", "id")


class MeasureRegisterView(RestrictedListView):
    """The expiry register: every active measure with its expiry date."""

    model = Measure
    table_class = MeasureRegisterTable
    filterset_class = MeasureFilterSet
    title = _("Measure expiry register")

    def select_queryset(self, queryset):
        status = self.request.GET.get("status", "")
        return selectors.measure_register(queryset, status).order_by("expires_on", "id")


class WorkloadView(LoginRequiredMixin, TemplateView):
    """A director sees the workload of every team of their bureau; city leadership all."""

    template_name = "cases/workload.html"

    def get_context_data(self, **kwargs):
        from courts.models import Bureau

        ctx = super().get_context_data(**kwargs)
        bureaus = Bureau.objects.restrict(self.request.user).values_list("pk", flat=True)
        scope = scope_for(self.request.user)
        if not (scope.all_courts or scope.leads_bureau):
            bureaus = [scope.bureau_id] if scope.bureau_id else []
        ctx["rows"] = selectors.team_workload_rows(list(bureaus))
        return ctx

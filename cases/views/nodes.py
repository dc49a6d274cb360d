"""Process nodes and the closing clock: stopping and resuming the clock,
completing a node, requesting and deciding a deadline extension, and the
deadlines list (cases.services.nodes)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from cases import selectors
from cases.filtersets import CaseNodeFilterSet
from cases.forms import actions as action_forms
from cases.models import CaseNode, DeadlineExtension
from cases.services import nodes
from cases.tables import CaseNodeTable
from cases.views.base import CaseActionView
from haikou_exec.views import RestrictedListView


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


class DeadlineListView(RestrictedListView):
    """Overdue and due-soon nodes, by team, bureau or court (filters)."""

    model = CaseNode
    table_class = CaseNodeTable
    filterset_class = CaseNodeFilterSet
    title = _("Deadlines")

    def select_queryset(self, queryset):
        return selectors.deadline_list(queryset.filter(status="open")).order_by("due_on", "id")

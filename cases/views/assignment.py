"""Assigning a case to a team, by hand or by weighted workload, and the teams'
workload page (cases.services.assignment)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cases import selectors
from cases.forms import actions as action_forms
from cases.models import EnforcementCase
from cases.services import assignment
from cases.views.base import CaseActionView
from courts.access import scope_for
from haikou_exec.actions import PostActionView


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

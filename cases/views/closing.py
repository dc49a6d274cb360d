"""Closing a case: the applicant interview and the 终本 decision after the
collegial review, closing, and resuming enforcement as 执恢
(cases.services.closing)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms import actions as action_forms
from cases.models import ApplicantInterview
from cases.services import closing
from cases.services.closing import termination_checklist
from cases.views.base import CaseActionView


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

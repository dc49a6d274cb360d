"""Commissioned execution (委托执行): filing a commission received from a court
outside Haikou, commissioning a case out, recording the commissioned court's
report, and taking a commission back (cases.services.commission)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from cases.forms import actions as action_forms
from cases.forms.filing import CommissionReceiveForm
from cases.models import Commission
from cases.services import commission
from cases.services.filing import FilingData
from cases.views.base import CaseActionView
from cases.views.cases import CaseFileView


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

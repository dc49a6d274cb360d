"""Measures and property: measures and their renewal, release and valuation,
auctions and the disposal after them, findings, investigation steps, and the
measure expiry register (cases.services.measures, cases.services.disposal)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from cases import selectors
from cases.filtersets import MeasureFilterSet
from cases.forms import actions as action_forms
from cases.models import AuctionRound, Measure
from cases.services import disposal, measures
from cases.tables import MeasureRegisterTable
from cases.views.base import CaseActionView
from haikou_exec.views import RestrictedListView


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


class MeasureRegisterView(RestrictedListView):
    """The expiry register: every active measure with its expiry date."""

    model = Measure
    table_class = MeasureRegisterTable
    filterset_class = MeasureFilterSet
    title = _("Measure expiry register")

    def select_queryset(self, queryset):
        status = self.request.GET.get("status", "")
        return selectors.measure_register(queryset, status).order_by("expires_on", "id")

"""Pages of transfers between courts (提级、交叉、指定执行), the suggestions of
candidates and petitions (DOMAIN.md §3). Every write goes through
cases.services.transfers or cases.services.suggestions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView

from cases.choices import SuggestionStatus, TransferStatus
from cases.filtersets.transfers import TransferRequestFilterSet, TransferSuggestionFilterSet
from cases.forms import transfers as forms
from cases.models import EnforcementCase, TransferRequest, TransferSuggestion
from cases.numbers import normalise_parentheses
from cases.selectors import transfers as selectors
from cases.services import suggestions as suggestion_services
from cases.services import transfers as services
from cases.tables.transfers import TransferRequestTable, TransferSuggestionTable
from cases.views.base import CaseActionView
from courts.access import VIEW
from haikou_exec.actions import ActionView, PostActionView
from haikou_exec.errors import apply_validation_error
from haikou_exec.views import RestrictedDetailView, RestrictedListView


class TransferListView(RestrictedListView):
    model = TransferRequest
    table_class = TransferRequestTable
    filterset_class = TransferRequestFilterSet
    title = _("Transfers between courts")
    template_name = "cases/transfers/transfer_list.html"

    def select_queryset(self, queryset):
        return selectors.transfer_list(queryset)


class TransferDetailView(RestrictedDetailView):
    model = TransferRequest
    template_name = "cases/transfers/transfer_detail.html"

    def select_queryset(self, queryset):
        return selectors.transfer_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        request, user = self.object, self.request.user
        ctx["may_decide"] = request.is_open and services.may_decide_transfers(user)
        ctx["may_withdraw"] = request.is_open and (
            request.requested_by_id == user.pk or services.may_raise_transfer(user, request.case)
        )
        ctx["decision_form"] = forms.TransferDecisionForm() if ctx["may_decide"] else None
        visible = set(
            EnforcementCase.objects.restrict(user, VIEW)
            .filter(pk__in=[request.case_id, request.new_case_id])
            .values_list("pk", flat=True)
        )
        ctx["original_visible"] = request.case_id in visible
        ctx["new_case_visible"] = request.new_case_id in visible
        return ctx


class TransferFormMixin:
    form_class = forms.TransferRequestForm
    title = _("Request a transfer to another court")
    template_name = "cases/transfers/transfer_form.html"

    def raise_request(self, form, case_id):
        d = form.cleaned_data
        return services.raise_transfer_request(
            user=self.request.user,
            case_id=case_id,
            kind=d["kind"],
            reason_category=d["reason_category"],
            reason=d["reason"],
            target_court_id=d["target_court"].pk if d.get("target_court") else None,
            idempotency_key=(
                f"form:{self.request.user.pk}:{d['form_key']}" if d.get("form_key") else None
            ),
        )

    def done(self, request_obj):
        messages.success(
            self.request,
            _(
                "Transfer request raised: %(kind)s of %(case)s to %(court)s; the intermediate bureau decides."
            )
            % {
                "kind": request_obj.get_kind_display(),
                "case": request_obj.case.case_number,
                "court": request_obj.target_court.name,
            },
        )
        return redirect(request_obj)


class TransferCreateView(TransferFormMixin, LoginRequiredMixin, FormView):
    """Raise a request for a case named by its number."""

    def get_initial(self):
        initial = super().get_initial()
        case_id = self.request.GET.get("case")
        if case_id and case_id.isdigit():
            case = EnforcementCase.objects.restrict(self.request.user).filter(pk=case_id).first()
            if case is not None:
                initial["case_number"] = case.case_number
        return initial

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": self.title}

    def form_valid(self, form):
        number = normalise_parentheses(form.cleaned_data["case_number"])
        case = (
            EnforcementCase.objects.restrict(self.request.user).filter(case_number=number).first()
        )
        if case is None:
            form.add_error(
                "case_number", _("No case %(number)s that you may see.") % {"number": number}
            )
            return self.form_invalid(form)
        try:
            request_obj = self.raise_request(form, case.pk)
        except ValidationError as exc:
            apply_validation_error(form, exc)
            return self.form_invalid(form)
        return self.done(request_obj)


class CaseTransferRequestView(TransferFormMixin, CaseActionView):
    """The same, opened from a case."""

    action = VIEW  # who may raise is the service's rule
    template_name = "cases/action_form.html"
    submit_label = _("Submit")

    def perform(self, form):
        return self.raise_request(form, self.case.pk)

    def form_valid(self, form):
        try:
            request_obj = self.perform(form)
        except ValidationError as exc:
            apply_validation_error(form, exc)
            return self.form_invalid(form)
        return self.done(request_obj)


class TransferObjectMixin(LoginRequiredMixin):
    """Loads the request within the user's read scope (404 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_object_or_404(
            selectors.transfer_list(TransferRequest.objects.restrict(request.user, VIEW)),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)


class TransferDecideView(TransferObjectMixin, FormView):
    form_class = forms.TransferDecisionForm
    template_name = "cases/transfers/transfer_form.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(title=_("Decide the transfer request"), transfer=self.object)
        return ctx

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            decided = services.decide_transfer(
                user=self.request.user,
                request_id=self.object.pk,
                approve=d["approve"],
                opinion=d["opinion"],
                effective_on=d["effective_on"],
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "decided":
                messages.warning(self.request, " ".join(exc.messages))
                return redirect(self.object)
            apply_validation_error(form, exc)
            return self.form_invalid(form)
        if decided.status == TransferStatus.APPROVED:
            messages.success(
                self.request,
                _("Approved: %(case)s is closed as transferred; %(court)s filed %(new)s.")
                % {
                    "case": decided.case.case_number,
                    "court": decided.target_court.name,
                    "new": decided.new_case.case_number,
                },
            )
        else:
            messages.success(self.request, _("The request was rejected."))
        return redirect(decided)


class TransferWithdrawView(PostActionView):
    """The request is read in the view scope (404 otherwise); the service decides
    who may withdraw it."""

    model = TransferRequest
    action = VIEW
    success_message = _("The request was withdrawn.")

    def select_object(self, queryset):
        return selectors.transfer_list(queryset)

    def perform(self):
        services.withdraw_transfer_request(user=self.request.user, request_id=self.object.pk)


# Suggestions ---------------------------------------------------------------------


class SuggestionListView(RestrictedListView):
    model = TransferSuggestion
    table_class = TransferSuggestionTable
    filterset_class = TransferSuggestionFilterSet
    title = _("Transfer suggestions")
    template_name = "cases/transfers/suggestion_list.html"

    def select_queryset(self, queryset):
        return selectors.suggestion_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["may_refresh"] = services.may_decide_transfers(self.request.user)
        return ctx


class SuggestionDetailView(RestrictedDetailView):
    model = TransferSuggestion
    template_name = "cases/transfers/suggestion_detail.html"

    def select_queryset(self, queryset):
        return selectors.suggestion_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        suggestion = self.object
        may = (
            suggestion.status == SuggestionStatus.OPEN
            and suggestion_services.may_decide_suggestion(self.request.user, suggestion.case)
        )
        ctx["may_decide"] = may
        if may:
            receiving = suggestion_services.suggested_receiving_court(suggestion.case)
            ctx["accept_form"] = forms.SuggestionAcceptForm(
                suggestion=suggestion,
                initial={"target_court": receiving.pk if receiving else None},
            )
            ctx["dismiss_form"] = forms.SuggestionDismissForm()
        return ctx


class SuggestionActionView(ActionView):
    """A decision on a suggestion read in the user's view scope (404 otherwise);
    the service checks who may decide it. Back to the suggestion."""

    model = TransferSuggestion
    action = VIEW
    template_name = "cases/transfers/transfer_form.html"
    follow_result = False

    def select_object(self, queryset):
        return selectors.suggestion_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["suggestion"] = self.object
        return ctx


class SuggestionAcceptView(SuggestionActionView):
    form_class = forms.SuggestionAcceptForm
    title = _("Accept the suggestion: raise a transfer request")
    success_message = _("Suggestion accepted; the transfer request was raised.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "suggestion": self.object}

    def perform(self, form):
        d = form.cleaned_data
        suggestion_services.accept_suggestion(
            user=self.request.user,
            suggestion_id=self.object.pk,
            reason=d.get("reason", ""),
            target_court_id=d["target_court"].pk if d.get("target_court") else None,
        )


class SuggestionDismissView(SuggestionActionView):
    form_class = forms.SuggestionDismissForm
    title = _("Dismiss the suggestion")
    success_message = _("Suggestion dismissed; the decision is kept.")

    def perform(self, form):
        d = form.cleaned_data
        suggestion_services.dismiss_suggestion(
            user=self.request.user, suggestion_id=self.object.pk, reason=d["reason"]
        )


class SuggestionRefreshView(LoginRequiredMixin, View):
    """Leadership may check for new candidates now instead of waiting for the night."""

    def post(self, request):
        if not services.may_decide_transfers(request.user):
            messages.error(request, _("Only the intermediate bureau's leadership may do this."))
        else:
            counts = suggestion_services.refresh_suggestions()
            messages.success(
                request,
                _("%(proposed)d new suggestions, %(updated)d updated, %(lapsed)d lapsed.") % counts,
            )
        return redirect("cases:suggestion_list")


# Petitions -----------------------------------------------------------------------


class PetitionAddView(CaseActionView):
    form_class = forms.PetitionForm
    title = _("Record a petition")
    action = VIEW  # reception registers petitions; the service checks the permission
    success_message = _("Petition recorded; its registration and conclusion limits started.")

    def perform(self, form):
        return services.record_petition(
            user=self.request.user, case_id=self.case.pk, **form.cleaned_data
        )

"""Supervision cases (执监) and supervision orders (督办)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courts.policy import leads_court, supervises
from haikou_exec.views import RestrictedDetailView
from supervision import forms, selectors
from supervision.choices import OrderStatus, SupervisionStatus
from supervision.filtersets import SupervisionCaseFilterSet, SupervisionOrderFilterSet
from supervision.models import SupervisionCase, SupervisionOrder
from supervision.services import cases as service
from supervision.tables import SupervisionCaseTable, SupervisionOrderTable
from supervision.views.base import (
    ButtonView,
    ListView,
    ObjectActionView,
    SupervisingFormView,
    int_param,
)


class CaseListView(ListView):
    model = SupervisionCase
    table_class = SupervisionCaseTable
    filterset_class = SupervisionCaseFilterSet
    title = gettext_lazy("Supervision cases")
    create_url_name = "supervision:case_create"
    create_label = gettext_lazy("Open a supervision case")

    def select_queryset(self, queryset):
        return selectors.case_list(queryset)


class CaseDetailView(RestrictedDetailView):
    model = SupervisionCase
    template_name = "supervision/case_detail.html"

    def select_queryset(self, queryset):
        return selectors.case_detail(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        case = self.object
        ctx["supervises"] = supervises(self.request.user)
        ctx["orders"] = SupervisionOrder.objects.restrict(self.request.user).filter(
            supervision_case=case
        )
        ctx["joints"] = case.joint_inspections.all()
        ctx["talks"] = case.talks.select_related("director")
        ctx["alert"] = getattr(case, "alert", None) if hasattr(case, "alert") else None
        ctx["concluded"] = case.status == SupervisionStatus.CONCLUDED
        return ctx


class CaseCreateView(SupervisingFormView):
    form_class = forms.SupervisionCaseForm
    pass_user = True
    title = gettext_lazy("Open a supervision case")

    def perform(self, form):
        d = form.cleaned_data
        return service.open_supervision_case(
            user=self.request.user,
            court_id=d["court"].pk if d.get("court") else None,
            supervised_case_id=d.get("supervised_case_id"),
            filing_id=d.get("filing_id"),
            title=d["title"],
            trigger=d["trigger"],
            source=d["source"],
            description=d["description"],
            handler_id=d["handler"].pk if d.get("handler") else None,
        )

    def get_cancel_url(self):
        return "/supervision/cases/"

    @property
    def success_message(self):
        return _("Supervision case %(ref)s opened.") % {"ref": self.result.reference}


class CaseInvestigateView(ButtonView):
    model = SupervisionCase
    success_message = gettext_lazy("Investigation started.")

    def perform(self):
        service.start_investigation(user=self.request.user, case_id=self.object.pk)


class CaseConcludeView(ObjectActionView):
    model = SupervisionCase
    form_class = forms.ConcludeCaseForm
    title = gettext_lazy("Conclude the supervision case")
    success_message = gettext_lazy("The supervision case was concluded.")

    def perform(self, form):
        return service.conclude_supervision_case(
            user=self.request.user, case_id=self.object.pk, **form.cleaned_data
        )


class CaseLinkFilingView(ObjectActionView):
    model = SupervisionCase
    form_class = forms.LinkFilingForm
    pass_user = True
    title = gettext_lazy("Link the 执监 case")
    success_message = gettext_lazy("The 执监 case was linked.")

    def perform(self, form):
        return service.link_filing(
            user=self.request.user, case_id=self.object.pk, filing_id=form.cleaned_data["filing_id"]
        )


class OrderListView(ListView):
    model = SupervisionOrder
    table_class = SupervisionOrderTable
    filterset_class = SupervisionOrderFilterSet
    title = gettext_lazy("Supervision orders")
    create_url_name = "supervision:order_create"
    create_label = gettext_lazy("Issue a supervision order")

    def select_queryset(self, queryset):
        return selectors.order_list(queryset)


class OrderDetailView(RestrictedDetailView):
    model = SupervisionOrder
    template_name = "supervision/order_detail.html"

    def select_queryset(self, queryset):
        return selectors.order_detail(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = self.object
        ctx["responses"] = order.responses.select_related("responded_by")
        ctx["overdue"] = order.is_overdue(timezone.localdate())
        ctx["can_respond"] = order.awaiting_response and (
            self.request.user.is_superuser or leads_court(self.request.user, order.court_id)
        )
        ctx["can_review"] = order.status == OrderStatus.RESPONDED and supervises(self.request.user)
        return ctx


class OrderCreateView(SupervisingFormView):
    form_class = forms.OrderForm
    pass_user = True
    title = gettext_lazy("Issue a supervision order")

    def get_initial(self):
        initial = super().get_initial()
        case_id = int_param(self.request, "supervision_case")
        if case_id:
            self.supervision = (
                SupervisionCase.objects.restrict(self.request.user).filter(pk=case_id).first()
            )
            if self.supervision:
                initial["court"] = self.supervision.court_id
                initial["subject"] = self.supervision.title
                if self.supervision.supervised_case:
                    initial["case"] = self.supervision.supervised_case.case_number
        initial["respond_by"] = timezone.localdate() + dt.timedelta(days=15)
        return initial

    def perform(self, form):
        d = form.cleaned_data
        supervision_id = int_param(self.request, "supervision_case")
        return service.issue_order(
            user=self.request.user,
            court_id=d["court"].pk if d.get("court") else None,
            case_id=d.get("case_id"),
            supervision_case_id=supervision_id,
            subject=d["subject"],
            instructions=d["instructions"],
            respond_by=d["respond_by"],
        )

    def get_cancel_url(self):
        return "/supervision/orders/"

    @property
    def success_message(self):
        return _("Order %(ref)s issued.") % {"ref": self.result.reference}


class OrderRespondView(ObjectActionView):
    model = SupervisionOrder
    form_class = forms.OrderResponseForm
    title = gettext_lazy("Respond to the supervision order")
    success_message = gettext_lazy("The response was recorded.")

    def perform(self, form):
        return service.respond_to_order(
            user=self.request.user, order_id=self.object.pk, **form.cleaned_data
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


class OrderReviewView(ObjectActionView):
    model = SupervisionOrder
    form_class = forms.OrderReviewForm
    title = gettext_lazy("Review the response")
    success_message = gettext_lazy("The review was recorded.")

    def perform(self, form):
        return service.review_order_response(
            user=self.request.user,
            order_id=self.object.pk,
            accept=form.accepted,
            remarks=form.cleaned_data["remarks"],
            new_respond_by=form.cleaned_data.get("new_respond_by"),
        )

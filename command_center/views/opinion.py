"""Pages of the public-opinion log and of outsourcing."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from command_center import selectors
from command_center.choices import OPINION_TRANSITIONS, OutsourcedStatus
from command_center.filtersets import (
    InstitutionFilterSet,
    OutsourcedTaskFilterSet,
    PublicOpinionItemFilterSet,
)
from command_center.forms import (
    DecideDeliveryForm,
    DeliveryForm,
    InstitutionForm,
    OpinionForm,
    OpinionHandleForm,
    OutsourcedForm,
)
from command_center.models import Institution, OutsourcedTask, PublicOpinionItem
from command_center.services import opinion, outsourcing
from command_center.tables import InstitutionTable, OutsourcedTaskTable, PublicOpinionItemTable
from command_center.views.base import Action, CentreDetailView, PostActionView, ServiceFormView
from command_center.views.command import _can_change, _new_button
from haikou_exec.views import RestrictedListView


class OpinionListView(RestrictedListView):
    model = PublicOpinionItem
    table_class = PublicOpinionItemTable
    filterset_class = PublicOpinionItemFilterSet
    title = _("Public-opinion log")
    template_name = "command_center/list.html"

    def select_queryset(self, queryset):
        return selectors.opinion_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["actions"] = _new_button(
            self.request.user,
            "command_center.add_publicopinionitem",
            _("Log an item"),
            "command_center:opinion_new",
        )
        return ctx


class OpinionDetailView(CentreDetailView):
    model = PublicOpinionItem
    template_name = "command_center/detail.html"
    detail_fields = [
        "title",
        "source",
        "link",
        "summary",
        "sentiment",
        "case",
        "discovered_at",
        "status",
        "response",
        "responded_at",
        "responded_by",
        "recorded_by",
    ]

    def select_queryset(self, queryset):
        return queryset.select_related("court", "case", "responded_by", "recorded_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        item = self.object
        if OPINION_TRANSITIONS[item.status] and _can_change(self.request.user, item):
            ctx["actions"] = [
                Action(
                    _("Verify or respond"),
                    reverse("command_center:opinion_handle", kwargs={"pk": item.pk}),
                    style="primary",
                )
            ]
        return ctx


class OpinionNewView(ServiceFormView):
    form_class = OpinionForm
    title = _("Log a public-opinion item")
    success_message = _("Item logged.")

    def get_cancel_url(self):
        return reverse("command_center:opinion_list")

    def perform(self, form):
        d = form.cleaned_data
        return opinion.log_opinion_item(
            user=self.request.user,
            court_id=d["court"].pk,
            source=d["source"],
            title=d["title"],
            summary=d["summary"],
            sentiment=d["sentiment"],
            discovered_at=d["discovered_at"],
            link=d.get("link") or "",
            case_id=d["case_number"].pk if d.get("case_number") else None,
        )


class OpinionHandleView(ServiceFormView):
    model = PublicOpinionItem
    form_class = OpinionHandleForm
    title = _("Verify or respond")

    def perform(self, form):
        return opinion.handle_opinion_item(
            user=self.request.user,
            item_id=self.object.pk,
            status=form.cleaned_data["status"],
            response=form.cleaned_data["response"],
        )


class InstitutionListView(RestrictedListView):
    model = Institution
    table_class = InstitutionTable
    filterset_class = InstitutionFilterSet
    title = _("Roster of outside institutions")
    template_name = "command_center/list.html"

    def select_queryset(self, queryset):
        return selectors.institution_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["actions"] = _new_button(
            self.request.user,
            "command_center.add_institution",
            _("Admit an institution"),
            "command_center:institution_new",
        )
        return ctx


class InstitutionDetailView(CentreDetailView):
    model = Institution
    template_name = "command_center/institution_detail.html"
    detail_fields = [
        "name",
        "kind",
        "credit_code",
        "contact_person",
        "phone",
        "address",
        "admitted_on",
        "is_active",
        "note",
    ]

    def select_queryset(self, queryset):
        return queryset.select_related("court").prefetch_related("qualifications")

    def get_context_data(self, **kwargs):
        from django.db.models import Avg, Count, Q

        ctx = super().get_context_data(**kwargs)
        ctx["record"] = self.object.tasks.aggregate(
            tasks=Count("id"),
            accepted=Count("id", filter=Q(status=OutsourcedStatus.ACCEPTED)),
            rating=Avg("rating"),
        )
        return ctx


class InstitutionNewView(ServiceFormView):
    form_class = InstitutionForm
    title = _("Admit an institution to the roster")
    success_message = _("Institution admitted.")
    pass_user = True

    def get_cancel_url(self):
        return reverse("command_center:institution_list")

    def perform(self, form):
        d = form.cleaned_data
        qualifications = []
        if d.get("qualification"):
            qualifications.append(
                {
                    "name": d["qualification"],
                    "certificate_number": d.get("certificate_number") or "",
                    "issued_by": d.get("issued_by") or "",
                    "valid_until": d.get("valid_until"),
                }
            )
        return outsourcing.admit_institution(
            user=self.request.user,
            name=d["name"],
            kind=d["kind"],
            admitted_on=d["admitted_on"],
            credit_code=d.get("credit_code") or "",
            contact_person=d.get("contact_person") or "",
            phone=d.get("phone") or "",
            address=d.get("address") or "",
            qualifications=qualifications,
        )


class OutsourcedListView(RestrictedListView):
    model = OutsourcedTask
    table_class = OutsourcedTaskTable
    filterset_class = OutsourcedTaskFilterSet
    title = _("Outsourced tasks")
    template_name = "command_center/list.html"

    def select_queryset(self, queryset):
        return selectors.outsourced_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["actions"] = _new_button(
            self.request.user,
            "command_center.add_outsourcedtask",
            _("Commission work"),
            "command_center:outsourced_new",
        )
        return ctx


class OutsourcedDetailView(CentreDetailView):
    model = OutsourcedTask
    template_name = "command_center/detail.html"
    detail_fields = [
        "institution",
        "work",
        "case",
        "scope",
        "deadline",
        "fee",
        "status",
        "result",
        "delivered_on",
        "rating",
        "rating_note",
        "commissioned_by",
        "commissioned_at",
        "decided_at",
    ]

    def select_queryset(self, queryset):
        return queryset.select_related("court", "institution", "case", "commissioned_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        task = self.object
        ctx["overdue"] = task.is_overdue
        actions = []
        if _can_change(self.request.user, task):
            url = lambda name: reverse(f"command_center:outsourced_{name}", kwargs={"pk": task.pk})  # noqa: E731
            if task.status in (OutsourcedStatus.COMMISSIONED, OutsourcedStatus.REJECTED):
                actions.append(Action(_("Record the delivery"), url("deliver"), style="primary"))
                actions.append(
                    Action(_("Cancel"), url("cancel"), post=True, style="outline-danger")
                )
            if task.status == OutsourcedStatus.DELIVERED:
                actions.append(
                    Action(_("Accept or reject, and rate"), url("decide"), style="primary")
                )
        ctx["actions"] = actions
        return ctx


class OutsourcedNewView(ServiceFormView):
    form_class = OutsourcedForm
    title = _("Commission work from an institution")
    success_message = _("Work commissioned.")

    def get_cancel_url(self):
        return reverse("command_center:outsourced_list")

    def perform(self, form):
        d = form.cleaned_data
        return outsourcing.commission_task(
            user=self.request.user,
            institution_id=d["institution"].pk,
            work=d["work"],
            scope_text=d["scope"],
            deadline=d["deadline"],
            fee=d.get("fee"),
            case_id=d["case_number"].pk if d.get("case_number") else None,
        )


class OutsourcedDeliverView(ServiceFormView):
    model = OutsourcedTask
    form_class = DeliveryForm
    title = _("Record the delivery")

    def perform(self, form):
        return outsourcing.record_delivery(
            user=self.request.user,
            task_id=self.object.pk,
            result=form.cleaned_data["result"],
            delivered_on=form.cleaned_data["delivered_on"],
        )


class OutsourcedDecideView(ServiceFormView):
    model = OutsourcedTask
    form_class = DecideDeliveryForm
    title = _("Accept or reject the work")

    def perform(self, form):
        d = form.cleaned_data
        return outsourcing.decide_delivery(
            user=self.request.user,
            task_id=self.object.pk,
            accept=d["accept"],
            rating=d.get("rating"),
            note=d.get("note") or "",
        )


class OutsourcedCancelView(PostActionView):
    model = OutsourcedTask
    success_message = _("Cancelled.")

    def perform(self):
        return outsourcing.cancel_outsourced(user=self.request.user, task_id=self.object.pk)

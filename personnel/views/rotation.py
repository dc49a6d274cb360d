"""Rotation (轮岗交流, DOMAIN.md §6): the watch list of leaders by consecutive
years, rotation plans, exchanges with trial departments and handovers."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from courts.access import VIEW
from haikou_exec.views import RestrictedDetailView
from personnel import selectors, services
from personnel.choices import HandoverStatus, RotationPlanStatus
from personnel.filtersets import (
    HandoverFilterSet,
    RotationPlanFilterSet,
    RotationWatchFilterSet,
    TrialExchangeFilterSet,
)
from personnel.forms import (
    DecisionForm,
    HandoverForm,
    RotationItemForm,
    RotationPlanForm,
    SuccessorForm,
    TrialExchangeForm,
)
from personnel.handover import handover_provider
from personnel.models import Handover, Position, RotationPlan, RotationPolicy, TrialExchange
from personnel.tables import (
    HandoverTable,
    RotationPlanTable,
    RotationWatchTable,
    TrialExchangeTable,
)
from personnel.views.base import ActionFormView, ObjectActionView, PersonnelListView


class RotationWatchView(PersonnelListView):
    """Every current director and deputy with consecutive years in the post;
    due at 5 years, coming due from 4.5 (the thresholds are the rotation policy)."""

    model = Position
    table_class = RotationWatchTable
    filterset_class = RotationWatchFilterSet
    title = _("Rotation watch")
    template_name = "personnel/rotation_watch.html"

    def select_queryset(self, queryset):
        return selectors.rotation_watch(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["policy"] = RotationPolicy.current()
        return ctx


class RotationPlanListView(PersonnelListView):
    model = RotationPlan
    table_class = RotationPlanTable
    filterset_class = RotationPlanFilterSet
    title = _("Rotation plans")
    create_url_name = "personnel:rotationplan_create"
    create_perm = "personnel.add_rotationplan"
    create_label = _("New rotation plan")

    def select_queryset(self, queryset):
        return selectors.rotation_plan_list(queryset)


class RotationPlanDetailView(RestrictedDetailView):
    model = RotationPlan
    template_name = "personnel/rotationplan_detail.html"
    detail_fields = [
        "title",
        "court",
        "status",
        "created_by",
        "created_at",
        "decided_by",
        "decided_at",
        "decision_note",
    ]

    def select_queryset(self, queryset):
        return selectors.rotation_plan_detail(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["can_change"] = (
            RotationPlan.objects.restrict(user, "change").filter(pk=self.object.pk).exists()
        )
        ctx["can_decide"] = services.rotation.can_decide(user)
        ctx["is_draft"] = self.object.status == RotationPlanStatus.DRAFT
        ctx["item_form"] = RotationItemForm(user=user, obj=self.object) if ctx["is_draft"] else None
        ctx["decision_form"] = DecisionForm(user=user, obj=self.object)
        return ctx


class RotationPlanCreateView(ActionFormView):
    form_class = RotationPlanForm
    required_perm = "personnel.add_rotationplan"
    title = _("New rotation plan")
    success_message = _("Plan created: add the officers who rotate.")

    def perform(self, form):
        return services.create_rotation_plan(by=self.request.user, **form.cleaned_data)


class RotationItemAddView(ActionFormView):
    model = RotationPlan
    form_class = RotationItemForm
    title = _("Add an officer to the plan")
    intro = _(
        "The plan is checked as you add: a bureau's director and a deputy director are "
        "not rotated at the same time."
    )
    success_message = _("Officer added to the plan.")

    def perform(self, form):
        services.add_rotation_item(by=self.request.user, plan=self.object, **form.cleaned_data)
        return self.object


class RotationItemRemoveView(ObjectActionView):
    model = RotationPlan
    success_message = _("Officer removed from the plan.")

    def perform(self):
        item = get_object_or_404(self.object.items, pk=self.kwargs["item_pk"])
        services.remove_rotation_item(by=self.request.user, item=item)


class RotationPlanSubmitView(ObjectActionView):
    model = RotationPlan
    success_message = _("Plan submitted to the intermediate court.")

    def perform(self):
        return services.submit_rotation_plan(by=self.request.user, plan=self.object)


class RotationPlanDecideView(ActionFormView):
    model = RotationPlan
    action = VIEW  # the service reserves the decision to the intermediate court
    form_class = DecisionForm
    title = _("Decide on the rotation plan")
    success_message = _("Decision recorded.")

    def perform(self, form):
        return services.decide_rotation_plan(
            by=self.request.user,
            plan=self.object,
            approve=form.cleaned_data["decision"] == "yes",
            note=form.cleaned_data["opinion"],
        )


class RotationPlanWithdrawView(ObjectActionView):
    model = RotationPlan
    success_message = _("Plan withdrawn.")

    def perform(self):
        return services.withdraw_rotation_plan(by=self.request.user, plan=self.object)


class RotationPlanCarryOutView(ObjectActionView):
    model = RotationPlan
    success_message = _(
        "Plan carried out: positions updated and a handover checklist opened for each officer."
    )

    def perform(self):
        return services.carry_out_rotation_plan(by=self.request.user, plan=self.object)


class TrialExchangeListView(PersonnelListView):
    model = TrialExchange
    table_class = TrialExchangeTable
    filterset_class = TrialExchangeFilterSet
    title = _("Exchanges with trial departments")
    create_url_name = "personnel:trialexchange_create"
    create_perm = "personnel.add_trialexchange"
    create_label = _("Record an exchange")

    def select_queryset(self, queryset):
        return selectors.trial_exchange_list(queryset)


class TrialExchangeDetailView(RestrictedDetailView):
    template_name = "personnel/object_detail.html"
    model = TrialExchange
    detail_fields = [
        "officer",
        "bureau",
        "direction",
        "department",
        "started_on",
        "ended_on",
        "note",
    ]

    def select_queryset(self, queryset):
        return selectors.trial_exchange_list(queryset)


class TrialExchangeCreateView(ActionFormView):
    form_class = TrialExchangeForm
    required_perm = "personnel.add_trialexchange"
    title = _("Record an exchange with a trial department")
    success_message = _("Exchange recorded.")

    def perform(self, form):
        return services.record_trial_exchange(by=self.request.user, **form.cleaned_data)


class HandoverListView(PersonnelListView):
    model = Handover
    table_class = HandoverTable
    filterset_class = HandoverFilterSet
    title = _("Handovers")
    create_url_name = "personnel:handover_create"
    create_perm = "personnel.add_handover"
    create_label = _("Open a handover checklist")

    def select_queryset(self, queryset):
        return selectors.handover_list(queryset)


class HandoverDetailView(RestrictedDetailView):
    model = Handover
    template_name = "personnel/handover_detail.html"
    detail_fields = [
        "officer",
        "bureau",
        "handover_on",
        "reason",
        "status",
        "created_by",
        "completed_at",
    ]

    def select_queryset(self, queryset):
        return selectors.handover_detail(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["can_change"] = (
            self.object.status == HandoverStatus.OPEN
            and Handover.objects.restrict(user, "change").filter(pk=self.object.pk).exists()
        )
        items = list(self.object.items.all())
        ctx["items"] = [
            (i, getattr(handover_provider(i.provider), "label", i.provider)) for i in items
        ]
        if ctx["can_change"]:
            ctx["successor_form"] = SuccessorForm(user=user, obj=self.object)
        return ctx


class HandoverCreateView(ActionFormView):
    form_class = HandoverForm
    required_perm = "personnel.add_handover"
    title = _("Open a handover checklist")
    intro = _(
        "The checklist lists the leaving officer's open items (team seats now; cases and "
        "deadlines once the case register is connected). Name a successor for each, then "
        "complete the handover to move them all at once."
    )
    success_message = _("Handover checklist opened.")

    def perform(self, form):
        return services.open_handover(by=self.request.user, **form.cleaned_data)


class HandoverSuccessorView(ActionFormView):
    """Name the successor of one item (``item_pk``) or of every unassigned item."""

    model = Handover
    form_class = SuccessorForm
    title = _("Name a successor")
    success_message = _("Successor named.")

    def perform(self, form):
        successor = form.cleaned_data["successor"]
        item_pk = self.kwargs.get("item_pk")
        if item_pk:
            item = get_object_or_404(self.object.items, pk=item_pk)
            services.assign_successor(by=self.request.user, item=item, successor=successor)
        else:
            services.assign_successor_to_all(
                by=self.request.user, handover=self.object, successor=successor
            )
        return self.object


class HandoverRefreshView(ObjectActionView):
    model = Handover
    success_message = _("Open items refreshed.")

    def perform(self):
        services.refresh_handover(by=self.request.user, handover=self.object)


class HandoverCompleteView(ObjectActionView):
    model = Handover
    success_message = _("Handover completed: every item moved to its successor.")

    def perform(self):
        return services.complete_handover(by=self.request.user, handover=self.object)


class HandoverCancelView(ObjectActionView):
    model = Handover
    success_message = _("Handover cancelled.")

    def perform(self):
        return services.cancel_handover(by=self.request.user, handover=self.object)

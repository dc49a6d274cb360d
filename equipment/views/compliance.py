"""Standards and compliance-score pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from courts.access import VIEW
from courts.models import Court
from equipment import selectors
from equipment.filtersets import ComplianceScoreFilterSet, EquipmentStandardFilterSet
from equipment.forms import StandardForm
from equipment.models import ComplianceScore, EquipmentStandard
from equipment.policy import can_set_standards, inventory_courts
from equipment.services import compliance, inventory
from equipment.services.compliance import FORMULA_VERSION
from equipment.tables import ComplianceScoreTable, EquipmentStandardTable
from equipment.views.base import ObjectActionView, PolicyFormView
from haikou_exec.replica import ReplicaReadsMixin
from haikou_exec.views import RestrictedDetailView, RestrictedListView


class StandardListView(RestrictedListView):
    model = EquipmentStandard
    table_class = EquipmentStandardTable
    filterset_class = EquipmentStandardFilterSet
    template_name = "equipment/standard_list.html"
    title = gettext_lazy("Equipment standards")

    def select_queryset(self, queryset):
        return selectors.standard_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_set_standards"] = can_set_standards(self.request.user)
        return ctx


class StandardDetailView(RestrictedDetailView):
    model = EquipmentStandard
    template_name = "equipment/standard_detail.html"
    detail_fields = [
        "tier",
        "category",
        "required_quantity",
        "specification",
        "inspection_points",
        "issued_by",
        "updated_at",
    ]

    def select_queryset(self, queryset):
        return selectors.standard_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_set_standards"] = can_set_standards(self.request.user)
        return ctx


class StandardCreateView(PolicyFormView):
    allowed = staticmethod(can_set_standards)
    form_class = StandardForm
    title = gettext_lazy("Set an equipment standard")
    cancel_url = reverse_lazy("equipment:standard_list")

    def perform(self, form):
        return inventory.save_standard(user=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.result.get_absolute_url()

    @property
    def success_message(self):
        return _("The standard was saved.")


class StandardUpdateView(ObjectActionView):
    model = EquipmentStandard
    allowed = staticmethod(can_set_standards)
    form_class = StandardForm

    @property
    def title(self):
        return _("Change the standard %(standard)s") % {"standard": self.object}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def perform(self, form):
        return inventory.save_standard(
            user=self.request.user, standard_id=self.object.pk, **form.cleaned_data
        )

    @property
    def success_message(self):
        return _("The standard was saved.")


class ScoreListView(ReplicaReadsMixin, RestrictedListView):
    model = ComplianceScore
    table_class = ComplianceScoreTable
    filterset_class = ComplianceScoreFilterSet
    title = gettext_lazy("Equipment compliance scores")

    def select_queryset(self, queryset):
        return selectors.score_list(queryset)


class ScoreDetailView(ReplicaReadsMixin, RestrictedDetailView):
    """The score with its computation, line by line."""

    model = ComplianceScore
    template_name = "equipment/score_detail.html"
    detail_fields = ["court", "year", "score", "as_of", "formula_version", "computed_at"]

    def select_queryset(self, queryset):
        return selectors.score_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        score = self.object
        ctx["may_recompute"] = (
            inventory_courts(self.request.user).filter(pk=score.court_id).exists()
        )
        ctx["is_current_formula"] = score.formula_version == FORMULA_VERSION
        ctx["weighted_standards"] = score.standards_score * score.standards_weight
        if score.inspection_score is not None:
            ctx["weighted_inspection"] = score.inspection_score * score.inspection_weight
        return ctx


class ScoreRecomputeView(LoginRequiredMixin, View):
    """POST: recompute a court's current-year score now."""

    def post(self, request, court_pk: int):
        court = get_object_or_404(Court.objects.restrict(request.user, VIEW), pk=court_pk)
        try:
            score = compliance.recompute_for(request.user, court)  # 403 unless they manage it
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect("equipment:court_dashboard", pk=court.pk)
        messages.success(request, _("The compliance score was recomputed."))
        return redirect(score.get_absolute_url())

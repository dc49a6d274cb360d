"""Officer performance: a court's own scheme, manual scores, runs and results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from assessment import selectors
from assessment.choices import OfficerItemKind
from assessment.filtersets import OfficerSchemeFilterSet
from assessment.forms import ManualScoresForm, OfficerItemFormSet, OfficerSchemeForm
from assessment.models import (
    OfficerPerformanceResult,
    OfficerPerformanceRun,
    OfficerScheme,
    OfficerSchemeItem,
)
from assessment.services import officers as service
from assessment.tables import OfficerSchemeTable
from assessment.views.base import ButtonView, scheme_components
from courts.access import scope_for
from haikou_exec.errors import apply_validation_error
from haikou_exec.replica import ReplicaReadsMixin
from haikou_exec.views import RestrictedDetailView, RestrictedListView


class OfficerSchemeListView(RestrictedListView):
    model = OfficerScheme
    table_class = OfficerSchemeTable
    filterset_class = OfficerSchemeFilterSet
    title = gettext_lazy("Officer assessment schemes")
    template_name = "assessment/officer_scheme_list.html"

    def select_queryset(self, queryset):
        return selectors.officer_scheme_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        scope = scope_for(self.request.user)
        ctx["may_create"] = self.request.user.is_superuser or (
            scope.leads_bureau and self.request.user.has_perm("assessment.add_officerscheme")
        )
        return ctx


class OfficerSchemeDetailView(RestrictedDetailView):
    model = OfficerScheme
    template_name = "assessment/officer_scheme_detail.html"

    def select_queryset(self, queryset):
        return queryset.select_related("court")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        scheme = self.object
        from assessment.filtersets import indicator_choices

        names = dict(indicator_choices())
        ctx["items"] = list(scheme.items.all())
        for item in ctx["items"]:  # the indicator by its name, not its code
            item.indicator_name = names.get(item.indicator_code, "")
        ctx["runs"] = OfficerPerformanceRun.objects.restrict(self.request.user).filter(
            scheme=scheme
        )
        ctx["may_manage"] = service.may_manage_court(self.request.user, scheme.court_id)
        return ctx


class OfficerSchemeEditView(LoginRequiredMixin, FormView):
    """A court's own scheme (weights sum to 100 %)."""

    template_name = "assessment/scheme_form.html"
    form_class = OfficerSchemeForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.scheme = None
        if "pk" in kwargs:
            self.scheme = get_object_or_404(
                OfficerScheme.objects.restrict(request.user, "change"), pk=kwargs["pk"]
            )
            self.court_id = self.scheme.court_id
        else:
            scope = scope_for(request.user)
            self.court_id = scope.court_id
            if not service.may_manage_court(request.user, self.court_id):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        if self.scheme:
            return {"name": self.scheme.name, "year": self.scheme.year, "notes": self.scheme.notes}
        return {"year": timezone.localdate().year, "name": _("Officer performance")}

    def get_formset(self):
        if self.scheme:
            initial = [
                {
                    "kind": i.kind,
                    "indicator_code": i.indicator_code,
                    "label": i.label,
                    "weight": i.weight,
                    "parameters": i.parameters,
                }
                for i in self.scheme.items.all()
            ]
        else:
            initial = service.suggested_items()
        # The rows as stored, also on a POST: an unchanged row keeps its parameters.
        if self.request.method == "POST":
            return OfficerItemFormSet(self.request.POST, initial=initial, prefix="c")
        return OfficerItemFormSet(initial=initial, prefix="c")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["formset"] = kwargs.get("formset") or self.get_formset()
        ctx["title"] = _("Officer assessment scheme")
        ctx["scheme"] = self.scheme
        return ctx

    def form_valid(self, form):
        formset = self.get_formset()
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        items = scheme_components(formset, "label")
        try:
            scheme = service.save_officer_scheme(
                user=self.request.user,
                court_id=self.court_id,
                scheme_id=self.scheme.pk if self.scheme else None,
                items=items,
                **form.cleaned_data,
            )
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                form.add_error(None, str(error))
            else:
                apply_validation_error(form, error)
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        messages.success(self.request, _("The scheme was saved."))
        return redirect(scheme)


class ManualScoresView(LoginRequiredMixin, FormView):
    """The bureau scores its officers on a manual item."""

    template_name = "assessment/form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.item = get_object_or_404(
            OfficerSchemeItem.objects.restrict(request.user, "change").select_related("scheme"),
            pk=kwargs["pk"],
            kind=OfficerItemKind.MANUAL,
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        officers = service.assessed_officers(self.item.scheme)
        existing = dict(self.item.scores.values_list("officer_id", "score"))
        return ManualScoresForm(**self.get_form_kwargs(), officers=officers, existing=existing)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = f"{self.item.scheme} · {self.item.label}"
        ctx["cancel_url"] = self.item.scheme.get_absolute_url()
        return ctx

    def form_valid(self, form):
        try:
            for officer in form.officers:
                value = form.cleaned_data.get(f"officer_{officer.pk}")
                if value is not None:
                    service.record_manual_score(
                        user=self.request.user,
                        item_id=self.item.pk,
                        officer_id=officer.pk,
                        score=value,
                    )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
            return self.form_invalid(form)
        messages.success(self.request, _("The scores were saved."))
        return redirect(self.item.scheme)


class OfficerRunView(ButtonView):
    model = OfficerScheme
    success_message = gettext_lazy("The officers were assessed.")

    def perform(self):
        return service.run_officer_assessment(user=self.request.user, scheme_id=self.object.pk)


class OfficerRunDetailView(ReplicaReadsMixin, RestrictedDetailView):
    model = OfficerPerformanceRun
    template_name = "assessment/officer_run_detail.html"

    def select_queryset(self, queryset):
        return queryset.select_related("scheme__court")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        run = self.object
        ctx["components"] = run.scheme_snapshot.get("components", [])
        ctx["results"] = [
            {
                "result": r,
                "scores": [
                    (r.component_scores.get(c["key"]) or {}).get("score") for c in ctx["components"]
                ],
            }
            for r in OfficerPerformanceResult.objects.restrict(self.request.user)
            .filter(run=run)
            .select_related("officer")
            .order_by("rank")
        ]
        return ctx


class OfficerResultDetailView(ReplicaReadsMixin, RestrictedDetailView):
    model = OfficerPerformanceResult
    template_name = "assessment/officer_result_detail.html"

    def select_queryset(self, queryset):
        return queryset.select_related("officer", "run__scheme__court")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        result = self.object
        ctx["components"] = [
            {
                "component": c,
                "input": result.inputs.get(c["key"], {}),
                "score": result.component_scores.get(c["key"], {}),
            }
            for c in result.run.scheme_snapshot.get("components", [])
        ]
        return ctx

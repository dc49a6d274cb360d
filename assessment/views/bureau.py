"""The annual bureau assessment: schemes of weights, runs, the results page with
the ranking and praise list, the PDF report, and each bureau's result."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from assessment import selectors
from assessment.choices import AssessmentStatus
from assessment.filtersets import BureauAssessmentResultFilterSet
from assessment.forms import ComponentFormSet, ComputeForm, SchemeForm
from assessment.models import (
    AssessmentScheme,
    BureauAssessment,
    BureauAssessmentResult,
    OfficerPerformanceResult,
    OfficerPerformanceRun,
)
from assessment.periods import Period
from assessment.services import bureau as service
from assessment.services.exports import assessment_pdf, component_labels
from assessment.tables import BureauAssessmentResultTable
from assessment.views.base import ButtonView, ServiceFormView, scheme_components
from haikou_exec.downloads import as_download
from haikou_exec.errors import apply_validation_error
from haikou_exec.replica import ReplicaReadsMixin
from haikou_exec.views import RestrictedDetailView, RestrictedListView


class _Viewer(LoginRequiredMixin):
    permission = "assessment.view_bureauassessment"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class _Manager(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not service.may_manage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SchemeListView(_Viewer, TemplateView):
    template_name = "assessment/scheme_list.html"
    permission = "assessment.view_assessmentscheme"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        from assessment.filtersets import indicator_choices

        schemes = list(
            AssessmentScheme.objects.restrict(self.request.user).prefetch_related("components")
        )
        # Each component by the indicator's name, not its code.
        names = dict(indicator_choices())
        for scheme in schemes:
            for c in scheme.components.all():
                c.label = names.get(c.indicator_code) or c.get_kind_display()
        ctx["schemes"] = schemes
        ctx["may_manage"] = service.may_manage(self.request.user)
        return ctx


class SchemeDetailView(_Viewer, TemplateView):
    template_name = "assessment/scheme_detail.html"
    permission = "assessment.view_assessmentscheme"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        scheme = get_object_or_404(
            AssessmentScheme.objects.restrict(self.request.user), pk=kwargs["pk"]
        )
        ctx["object"] = scheme
        labels = component_labels(
            {
                "components": [
                    {"key": c.key, "kind": c.kind, "indicator_code": c.indicator_code}
                    for c in scheme.components.all()
                ]
            }
        )
        ctx["components"] = [(c, labels[c.key]) for c in scheme.components.all()]
        ctx["may_manage"] = service.may_manage(self.request.user)
        return ctx


class SchemeEditView(_Manager, FormView):
    """Create or change a scheme; weights that do not sum to 100 % are refused."""

    template_name = "assessment/scheme_form.html"
    form_class = SchemeForm

    def dispatch(self, request, *args, **kwargs):
        self.scheme = None
        if "pk" in kwargs:
            self.scheme = get_object_or_404(AssessmentScheme, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        if self.scheme is None:
            return {"year": timezone.localdate().year}
        s = self.scheme
        return {
            "name": s.name,
            "year": s.year,
            "praise_count": s.praise_count,
            "praise_min_score": s.praise_min_score,
            "bottom_count": s.bottom_count,
            "bottom_years": s.bottom_years,
            "notes": s.notes,
        }

    def get_formset(self):
        initial = []
        if self.scheme is not None:
            initial = [
                {
                    "kind": c.kind,
                    "indicator_code": c.indicator_code,
                    "weight": c.weight,
                    "parameters": c.parameters,
                }
                for c in self.scheme.components.all()
            ]
        else:
            from assessment.reference_data import DEFAULT_SCHEME_COMPONENTS

            initial = [
                {"kind": k, "indicator_code": code, "weight": w, "parameters": p}
                for k, code, w, p in DEFAULT_SCHEME_COMPONENTS
            ]
        # The rows as stored, also on a POST: an unchanged row keeps its parameters.
        if self.request.method == "POST":
            return ComponentFormSet(self.request.POST, initial=initial, prefix="c")
        return ComponentFormSet(initial=initial, prefix="c")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["formset"] = kwargs.get("formset") or self.get_formset()
        ctx["title"] = _("Change the scheme") if self.scheme else _("New assessment scheme")
        ctx["scheme"] = self.scheme
        return ctx

    def form_valid(self, form):
        formset = self.get_formset()
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        components = scheme_components(formset)
        try:
            scheme = service.save_scheme(
                user=self.request.user,
                scheme_id=self.scheme.pk if self.scheme else None,
                components=components,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        messages.success(self.request, _("The scheme was saved."))
        return redirect(scheme)


class SchemeCopyView(_Manager, View):
    def post(self, request, pk):
        source = get_object_or_404(AssessmentScheme, pk=pk)
        year = int(request.POST.get("year") or source.year + 1)
        try:
            scheme = service.copy_scheme(
                user=request.user, scheme_id=source.pk, year=year, name=f"{source.name}（{year}）"
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(source)
        messages.success(request, _("The scheme was copied."))
        return redirect(scheme)


class AssessmentListView(ReplicaReadsMixin, _Viewer, TemplateView):
    template_name = "assessment/assessment_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["assessments"] = BureauAssessment.objects.restrict(self.request.user).select_related(
            "scheme"
        )
        ctx["may_manage"] = service.may_manage(self.request.user)
        return ctx


class AssessmentCreateView(_Manager, ServiceFormView):
    form_class = ComputeForm
    title = gettext_lazy("Compute the annual bureau assessment")

    def get_initial(self):
        return {
            "year": timezone.localdate().year,
            "scheme": AssessmentScheme.objects.order_by("-year").first(),
        }

    def perform(self, form):
        d = form.cleaned_data
        return service.compute_assessment(
            user=self.request.user, scheme_id=d["scheme"].pk, year=d["year"], as_of=d.get("as_of")
        )

    @property
    def success_message(self):
        return _("The assessment was computed.")


class AssessmentDetailView(ReplicaReadsMixin, _Viewer, TemplateView):
    """The results page: ranking, component scores, praise, bottom flags, and
    whether the stored inputs reproduce the ranking."""

    template_name = "assessment/assessment_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        assessment = get_object_or_404(
            BureauAssessment.objects.restrict(self.request.user).select_related("scheme"),
            pk=kwargs["pk"],
        )
        results = list(
            BureauAssessmentResult.objects.restrict(self.request.user)
            .filter(assessment=assessment)
            .select_related("bureau__court")
            .order_by("rank")
        )
        labels = component_labels(assessment.scheme_snapshot)
        columns = [
            (c["key"], labels[c["key"]], c["weight"])
            for c in assessment.scheme_snapshot.get("components", [])
        ]
        rows = [
            {"result": r, "scores": [r.component_scores.get(key) or {} for key, _l, _w in columns]}
            for r in results
        ]
        ctx.update(
            object=assessment,
            columns=columns,
            rows=rows,
            praised=[r for r in results if r.praised],
            flagged=[r for r in results if r.director_adjustment_flag],
            check=service.verify_assessment(assessment) if results else None,
            may_manage=service.may_manage(self.request.user),
            chart=[
                {
                    "bureau": r.bureau.court.short_name,
                    "total": float(r.total),
                    "url": r.get_absolute_url(),
                }
                for r in results
            ],
        )
        return ctx


class _AssessmentStep(_Manager, ButtonView):
    model = BureauAssessment

    def perform(self):
        self.success_message = self.step(self.request.user, self.object)


class AssessmentRecomputeView(_AssessmentStep):
    def step(self, user, assessment):
        service.compute_assessment(
            user=user,
            scheme_id=assessment.scheme_id,
            year=assessment.year,
            as_of=assessment.as_of,
            assessment_id=assessment.pk,
        )
        return _("Computed again from the data.")


class AssessmentPublishView(_AssessmentStep):
    def step(self, user, assessment):
        service.publish_assessment(user=user, assessment_id=assessment.pk)
        return _("The assessment was published.")


class AssessmentPdfView(ReplicaReadsMixin, _Viewer, View):
    def get(self, request, pk):
        assessment = get_object_or_404(BureauAssessment.objects.restrict(request.user), pk=pk)
        response = HttpResponse(
            assessment_pdf(assessment, request.user), content_type="application/pdf"
        )
        # RFC 6266 with the UTF-8 name (issue 16).
        return as_download(
            response, f"{assessment.year}年度执行局考核-{assessment.as_of:%Y%m%d}.pdf"
        )


class ResultListView(ReplicaReadsMixin, RestrictedListView):
    model = BureauAssessmentResult
    table_class = BureauAssessmentResultTable
    filterset_class = BureauAssessmentResultFilterSet
    title = gettext_lazy("Bureau assessment results")

    def select_queryset(self, queryset):
        return selectors.result_list(queryset)


class ResultDetailView(ReplicaReadsMixin, RestrictedDetailView):
    """One bureau's result, with every stored input and component score."""

    model = BureauAssessmentResult
    template_name = "assessment/result_detail.html"

    def select_queryset(self, queryset):
        return queryset.select_related("assessment", "bureau__court")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        result = self.object
        labels = component_labels(result.assessment.scheme_snapshot)
        period = Period.year(result.assessment.year)
        ctx["components"] = []
        for c in result.assessment.scheme_snapshot.get("components", []):
            row = {
                "label": labels[c["key"]],
                "component": c,
                "input": result.inputs.get(c["key"], {}),
                "score": result.component_scores.get(c["key"], {}),
            }
            if c["kind"] == "indicator":
                # Every figure opens the cases behind it (as of the assessment's data date).
                for part in ("numerator", "denominator"):
                    row[f"{part}_url"] = selectors.drilldown_url(
                        c["indicator_code"],
                        "bureau",
                        result.bureau_id,
                        period,
                        part,
                        result.assessment.as_of,
                    )
            ctx["components"].append(row)
        return ctx


class PraiseView(ReplicaReadsMixin, _Viewer, TemplateView):
    """Good collectives and individuals (DOMAIN.md §9 "praised and rewarded")."""

    template_name = "assessment/praise.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        try:
            year = int(self.request.GET.get("year") or timezone.localdate().year)
        except ValueError:
            year = timezone.localdate().year
        ctx["year"] = year
        ctx["bureaus"] = (
            BureauAssessmentResult.objects.restrict(self.request.user)
            .filter(
                assessment__year=year, assessment__status=AssessmentStatus.PUBLISHED, praised=True
            )
            .select_related("bureau__court")
            .order_by("rank")
        )
        latest_runs = (
            OfficerPerformanceRun.objects.filter(scheme__year=year)
            .order_by("scheme_id", "-computed_at")
            .distinct("scheme_id")
            .values("id")
        )
        ctx["officers"] = (
            OfficerPerformanceResult.objects.restrict(self.request.user)
            .filter(run_id__in=latest_runs, rank__lte=3)
            .select_related("officer", "run__scheme__court")
            .order_by("run__scheme__court__sort_order", "run_id", "rank")
        )
        ctx["assessment_url"] = reverse("assessment:assessment_list")
        return ctx

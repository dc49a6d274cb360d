"""Indicator pages: the dashboard per court, figures at any level, the drill-down
to the exact cases, the versioned definitions, and the stored snapshots."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from django_tables2 import RequestConfig

from assessment import selectors
from assessment.choices import FigureLevel
from assessment.filtersets import IndicatorSnapshotFilterSet
from assessment.forms import ReviseIndicatorForm
from assessment.indicators import NODE
from assessment.models import IndicatorDefinition, IndicatorSnapshot
from assessment.parameters import indicator_parameters
from assessment.periods import Period
from assessment.services import definitions as definition_service
from assessment.services.snapshots import verify_snapshot
from assessment.tables import CaseUnitTable, IndicatorSnapshotTable, NodeUnitTable
from assessment.views.base import ServiceFormView, figure_query
from haikou_exec.pagination import EstimatedCountPaginator
from haikou_exec.parameters import readable
from haikou_exec.replica import ReplicaReadsMixin
from haikou_exec.views import RestrictedDetailView, RestrictedListView


class _PermissionMixin(LoginRequiredMixin):
    permission = "assessment.view_indicatordefinition"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DashboardView(ReplicaReadsMixin, _PermissionMixin, TemplateView):
    """Every indicator per court for a period; each figure opens its cases."""

    template_name = "assessment/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, period, _level, _code, as_of = figure_query(self.request)
        definitions = definition_service.definitions_in_effect(period.end)
        courts = list(selectors.visible_subjects(self.request.user, FigureLevel.COURT))
        columns = []
        for definition in definitions:
            rows = {
                r.subject.pk: r
                for r in selectors.figure_rows(
                    self.request.user, definition, period, FigureLevel.COURT, as_of
                )
            }
            columns.append((definition, rows))
        table = []
        for court in courts:
            table.append(
                {"court": court, "cells": [(d, rows.get(court.pk)) for d, rows in columns]}
            )
        chart = {
            "indicators": [d.name for d, _rows in columns if d.unit == "percent"],
            "series": [
                {
                    "name": court.short_name,
                    "data": [
                        float(rows[court.pk].figure.value)
                        if court.pk in rows and rows[court.pk].figure.value is not None
                        else None
                        for d, rows in columns
                        if d.unit == "percent"
                    ],
                }
                for court in courts
            ],
        }
        ctx.update(
            form=form, period=period, as_of=as_of, definitions=definitions, table=table, chart=chart
        )
        return ctx


class FiguresView(ReplicaReadsMixin, _PermissionMixin, TemplateView):
    """One indicator at a level (court, bureau, team, officer) for any period."""

    template_name = "assessment/figures.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, period, level, code, as_of = figure_query(self.request)
        definitions = definition_service.definitions_in_effect(period.end)
        definition = next(
            (d for d in definitions if d.code == code), definitions[0] if definitions else None
        )
        rows = (
            selectors.figure_rows(self.request.user, definition, period, level, as_of)
            if definition
            else []
        )
        ctx.update(
            form=form, period=period, level=level, as_of=as_of, definition=definition, rows=rows
        )
        ctx["chart"] = [
            {
                "label": r.label,
                "value": None if r.figure.value is None else float(r.figure.value),
                "url": r.denominator_url,
            }
            for r in rows
            if r.figure.denominator
        ][:60]
        return ctx


class DrilldownView(ReplicaReadsMixin, _PermissionMixin, TemplateView):
    """The exact units (cases, or nodes with their case) in a figure's numerator
    or denominator; the totals of the list are the figure."""

    template_name = "assessment/drilldown.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, period, level, code, as_of = figure_query(self.request)
        definitions = definition_service.definitions_in_effect(period.end)
        definition = next(
            (d for d in definitions if d.code == code), definitions[0] if definitions else None
        )
        if definition is None:
            raise Http404
        subject = self.request.GET.get("subject")
        try:
            subject_id = int(subject) if subject else None
        except ValueError as exc:
            raise Http404 from exc
        part = "numerator" if self.request.GET.get("part") == "numerator" else "denominator"
        data = selectors.drilldown(
            self.request.user, definition, period, level, subject_id, part, as_of
        )
        table_class = NodeUnitTable if data["calc"].unit_kind == NODE else CaseUnitTable
        table = table_class(data["units"])
        RequestConfig(
            self.request, paginate={"per_page": 50, "paginator_class": EstimatedCountPaginator}
        ).configure(table)
        other = "denominator" if part == "numerator" else "numerator"
        ctx.update(
            form=form,
            definition=definition,
            period=period,
            level=level,
            as_of=as_of,
            part=part,
            subject=data["subject"],
            figure=data["figure"],
            table=table,
            calc=data["calc"],
            other_url=selectors.drilldown_url(
                definition.code, level, subject_id, period, other, as_of
            ),
        )
        return ctx


class IndicatorListView(_PermissionMixin, TemplateView):
    template_name = "assessment/indicator_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["definitions"] = IndicatorDefinition.objects.restrict(self.request.user).order_by(
            "sort_order", "code", "-version"
        )
        ctx["may_revise"] = definition_service.may_revise(self.request.user)
        return ctx


class IndicatorDetailView(_PermissionMixin, TemplateView):
    template_name = "assessment/indicator_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        definition = get_object_or_404(
            IndicatorDefinition.objects.restrict(self.request.user), pk=kwargs["pk"]
        )
        ctx["object"] = definition
        ctx["versions"] = IndicatorDefinition.objects.filter(code=definition.code).order_by(
            "-version"
        )
        ctx["may_revise"] = definition_service.may_revise(self.request.user)
        # In the editor's words, a process node by its name (assessment.parameters).
        ctx["parameters_text"] = readable(
            indicator_parameters(definition.code), definition.parameters
        )
        return ctx


class IndicatorReviseView(ServiceFormView):
    form_class = ReviseIndicatorForm
    title = gettext_lazy("New version of the indicator")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not definition_service.may_revise(request.user):
            raise PermissionDenied
        self.definition = get_object_or_404(IndicatorDefinition, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        d = self.definition
        return {
            "name": d.name,
            "formula": d.formula,
            "numerator_text": d.numerator_text,
            "denominator_text": d.denominator_text,
            "target": d.target,
            "higher_is_better": d.higher_is_better,
            "source": d.source,
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "definition": self.definition}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["intro"] = _(
            "Past figures keep the version they were computed with; this creates version %(v)d."
        ) % {"v": IndicatorDefinition.objects.filter(code=self.definition.code).count() + 1}
        return ctx

    def perform(self, form):
        d = dict(form.cleaned_data)
        effective_from = d.pop("effective_from")
        return definition_service.revise_indicator(
            user=self.request.user, code=self.definition.code, effective_from=effective_from, **d
        )

    def get_cancel_url(self):
        return self.definition.get_absolute_url()

    @property
    def success_message(self):
        return _("Version %(v)d created.") % {"v": self.result.version}


class SnapshotListView(ReplicaReadsMixin, RestrictedListView):
    model = IndicatorSnapshot
    table_class = IndicatorSnapshotTable
    filterset_class = IndicatorSnapshotFilterSet
    title = gettext_lazy("Indicator snapshots")

    def select_queryset(self, queryset):
        return selectors.snapshot_list(queryset)


class SnapshotDetailView(ReplicaReadsMixin, RestrictedDetailView):
    """A stored figure, its definition version, and the exact units it counted."""

    model = IndicatorSnapshot
    template_name = "assessment/snapshot_detail.html"

    def select_queryset(self, queryset):
        return queryset.select_related("definition", "court")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        snapshot = self.object
        part = "numerator" if self.request.GET.get("part") == "numerator" else "denominator"
        units = selectors.snapshot_units(self.request.user, snapshot, part)
        table_class = NodeUnitTable if snapshot.unit_kind == NODE else CaseUnitTable
        table = table_class(units)
        RequestConfig(
            self.request, paginate={"per_page": 50, "paginator_class": EstimatedCountPaginator}
        ).configure(table)
        ctx.update(
            part=part,
            table=table,
            numerator_count=len(snapshot.numerator_ids),
            denominator_count=len(snapshot.denominator_ids),
        )
        ctx["live_url"] = selectors.drilldown_url(
            snapshot.definition.code,
            snapshot.level,
            snapshot.subject_id,
            Period(snapshot.period_start, snapshot.period_end, snapshot.period_kind),
            part,
            snapshot.as_of,
        )
        return ctx


class SnapshotVerifyView(LoginRequiredMixin, View):
    def post(self, request, pk):
        snapshot = get_object_or_404(IndicatorSnapshot.objects.restrict(request.user), pk=pk)
        result = verify_snapshot(snapshot)
        if result["reproduced"]:
            messages.success(request, _("Reproduced: the same numerator, denominator and cases."))
        else:
            messages.warning(
                request,
                _("Not reproduced: the data changed since (now %(num)s / %(den)s).")
                % {"num": result["figure"].numerator, "den": result["figure"].denominator},
            )
        return redirect(reverse("assessment:snapshot_detail", args=[snapshot.pk]))

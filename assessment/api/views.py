"""REST resources ``/api/v1/assessments/`` (each bureau's annual result) and
``/api/v1/reports/`` (monthly district reports, with the edit, submit and review
steps). Every row carries its ``court``."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from assessment import selectors
from assessment.api.serializers import (
    BureauAssessmentResultSerializer,
    MonthlyReportSerializer,
    ReportEditSerializer,
    ReportReviewSerializer,
)
from assessment.filtersets import BureauAssessmentResultFilterSet, MonthlyReportFilterSet
from assessment.models import BureauAssessmentResult, MonthlyReport
from assessment.services import reports as service
from courts.access import CHANGE
from haikou_exec.api import RestrictedReadOnlyViewSet, RestrictedViewSetMixin
from haikou_exec.replica import ReplicaReadsAPIMixin


class BureauAssessmentResultViewSet(ReplicaReadsAPIMixin, RestrictedReadOnlyViewSet):
    """Each bureau's result in an annual assessment (drafts for the city-wide scope
    only), read from the replica while it is fresh (haikou_exec/replica.py)."""

    description_in_words = pgettext_lazy(
        "API description",
        "Each bureau's result in an annual assessment (drafts for the city-wide scope only).",
    )

    queryset = BureauAssessmentResult.objects.all()
    serializer_class = BureauAssessmentResultSerializer
    filterset_class = BureauAssessmentResultFilterSet

    def select_queryset(self, queryset):
        return queryset.select_related("assessment", "bureau__court").order_by(
            "-assessment__year", "rank"
        )


class MonthlyReportViewSet(
    # The list and a report read from the replica; the steps (POST) the primary.
    ReplicaReadsAPIMixin,
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    queryset = MonthlyReport.objects.all()
    serializer_class = MonthlyReportSerializer
    filterset_class = MonthlyReportFilterSet

    def get_queryset(self):
        if self.action in ("edit", "submit", "review"):
            # The steps act on an existing report: the change scope, not "add".
            return self.select_queryset(MonthlyReport.objects.restrict(self.request.user, CHANGE))
        return super().get_queryset()

    def select_queryset(self, queryset):
        return selectors.report_list(queryset).defer(None).select_related("court")

    def _report(self):
        # Steps re-check the row in the change scope (the services check the role).
        return self.get_object()

    def _reply(self, report):
        report = self.select_queryset(MonthlyReport.objects.filter(pk=report.pk)).get()
        return Response(MonthlyReportSerializer(report).data)

    @extend_schema(request=ReportEditSerializer, responses=MonthlyReportSerializer)
    @action(
        description_in_words=pgettext_lazy(
            "API description",
            "Change the figures (each changed figure with its reason) and the narrative.",
        ),
        name=pgettext_lazy("API action", "edit figures"),
        detail=True,
        methods=["post"],
    )
    def edit(self, request, pk=None):
        """Change figures (a ``reason`` is required for any changed figure) and the narrative."""
        report = self._report()
        serializer = ReportEditSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        report = service.edit_report(
            user=request.user,
            report_id=report.pk,
            figures=d.get("figures") or {},
            texts={k: d[k] for k in service.TEXT_FIELDS if k in d},
            reason=d.get("reason", ""),
            expected_version=d.get("version"),
        )
        return self._reply(report)

    @extend_schema(request=None, responses=MonthlyReportSerializer)
    @action(name=pgettext_lazy("API action", "submit"), detail=True, methods=["post"])
    def submit(self, request, pk=None):
        report = service.submit_report(user=request.user, report_id=self._report().pk)
        return self._reply(report)

    @extend_schema(request=ReportReviewSerializer, responses=MonthlyReportSerializer)
    @action(name=pgettext_lazy("API action", "review"), detail=True, methods=["post"])
    def review(self, request, pk=None):
        serializer = ReportReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = service.review_report(
            user=request.user,
            report_id=self._report().pk,
            accept=serializer.validated_data["accept"],
            remarks=serializer.validated_data.get("remarks", ""),
        )
        return self._reply(report)

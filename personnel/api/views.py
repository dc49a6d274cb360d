"""People resources under /api/v1/. Reads go through the restriction point (the
base viewset); writes call the services, whose ValidationErrors become 400 with a
message per field."""

from django.shortcuts import get_object_or_404
from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from courts.access import VIEW
from haikou_exec.api import RestrictedReadOnlyViewSet, RestrictedViewSetMixin
from personnel import selectors, services
from personnel.api import serializers as s
from personnel.filtersets import (
    AppointmentFilterSet,
    DutyReportFilterSet,
    HandoverFilterSet,
    OfficerFilterSet,
    PositionFilterSet,
    ResearchOutputFilterSet,
    RotationPlanFilterSet,
    RotationWatchFilterSet,
    SecondmentFilterSet,
    SeminarFilterSet,
    StaffingQuotaFilterSet,
    TalentPoolFilterSet,
    TeamFilterSet,
    TrainingFilterSet,
    TrialExchangeFilterSet,
)
from personnel.models import (
    DirectorAppointment,
    DutyReport,
    Handover,
    Officer,
    Position,
    ResearchOutput,
    RotationPlan,
    Secondment,
    Seminar,
    StaffingQuota,
    TalentPoolMember,
    Team,
    Training,
    TrialExchange,
)


class OfficerViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Officers; an officer or their bureau's leadership may update the phone number."""

    description_in_words = pgettext_lazy(
        "API description",
        "Officers; an officer or their bureau's leadership may update the phone number.",
    )

    queryset = Officer.objects.all()
    serializer_class = s.OfficerSerializer
    filterset_class = OfficerFilterSet

    def select_queryset(self, queryset):
        return selectors.officer_list(queryset)


class TeamViewSet(RestrictedReadOnlyViewSet):
    queryset = Team.objects.all()
    serializer_class = s.TeamSerializer
    filterset_class = TeamFilterSet

    def select_queryset(self, queryset):
        return selectors.team_list(queryset)


class PositionViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The history of positions. POST records one (overlaps are refused, 400)."""

    description_in_words = pgettext_lazy(
        "API description",
        "The history of positions; POST records one (overlapping positions are refused).",
    )

    queryset = Position.objects.all()
    serializer_class = s.PositionSerializer
    filterset_class = PositionFilterSet

    def select_queryset(self, queryset):
        return selectors.position_list(queryset).order_by("officer", "-started_on")

    def perform_create(self, serializer):
        data = serializer.validated_data
        officer = get_object_or_404(
            Officer.objects.restrict(self.request.user, VIEW), pk=data["officer"].pk
        )
        serializer.instance = services.record_position(
            by=self.request.user,
            officer=officer,
            bureau=data["bureau"],
            post=data["post"],
            started_on=data["started_on"],
            ended_on=data.get("ended_on"),
            is_acting=data.get("is_acting", False),
            note=data.get("note", ""),
        )


class RotationWatchViewSet(RestrictedViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Current directors and deputies with consecutive service and rotation status
    (due at 5 years, coming due from 4.5), computed from the history."""

    description_in_words = pgettext_lazy(
        "API description",
        "Directors and deputies with their consecutive service and rotation status (due at 5 years, coming due from 4.5).",
    )

    queryset = Position.objects.all()
    serializer_class = s.RotationStandingSerializer
    filterset_class = RotationWatchFilterSet

    def select_queryset(self, queryset):
        return selectors.rotation_watch(queryset)


class StaffingQuotaViewSet(RestrictedReadOnlyViewSet):
    queryset = StaffingQuota.objects.all()
    serializer_class = s.StaffingQuotaSerializer
    filterset_class = StaffingQuotaFilterSet

    def select_queryset(self, queryset):
        return queryset.select_related("bureau__court").prefetch_related("bureau__post_quotas")


class RotationPlanViewSet(RestrictedReadOnlyViewSet):
    queryset = RotationPlan.objects.all()
    serializer_class = s.RotationPlanSerializer
    filterset_class = RotationPlanFilterSet

    def select_queryset(self, queryset):
        return selectors.rotation_plan_detail(queryset).order_by("-created_at")


class TrialExchangeViewSet(RestrictedReadOnlyViewSet):
    queryset = TrialExchange.objects.all()
    serializer_class = s.TrialExchangeSerializer
    filterset_class = TrialExchangeFilterSet

    def select_queryset(self, queryset):
        return selectors.trial_exchange_list(queryset)


class HandoverViewSet(RestrictedReadOnlyViewSet):
    queryset = Handover.objects.all()
    serializer_class = s.HandoverSerializer
    filterset_class = HandoverFilterSet

    def select_queryset(self, queryset):
        return selectors.handover_detail(queryset).order_by("-handover_on", "-pk")


class DirectorAppointmentViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """District director appointments. POST proposes (the district court's
    leadership); ``decide`` is the intermediate court's consent or refusal with an
    opinion; ``take-effect`` is refused (400) without consent."""

    description_in_words = pgettext_lazy(
        "API description",
        "District director appointments: proposed by the district court's leadership, consented to or refused by the intermediate court; none takes effect without consent.",
    )

    queryset = DirectorAppointment.objects.all()
    serializer_class = s.DirectorAppointmentSerializer
    filterset_class = AppointmentFilterSet

    def select_queryset(self, queryset):
        return selectors.appointment_list(queryset).order_by("-proposed_at")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.propose_appointment(
            by=self.request.user,
            bureau=data["bureau"],
            candidate=data["candidate"],
            effective_on=data["effective_on"],
            reason=data["reason"],
        )

    def _visible(self, pk):
        return get_object_or_404(
            selectors.appointment_list(
                DirectorAppointment.objects.restrict(self.request.user, VIEW)
            ),
            pk=pk,
        )

    @extend_schema(
        request=s.AppointmentDecisionSerializer, responses=s.DirectorAppointmentSerializer
    )
    @action(name=pgettext_lazy("API action", "decide"), detail=True, methods=["post"])
    def decide(self, request, pk=None):
        appointment = self._visible(pk)
        body = s.AppointmentDecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        appointment = services.decide_appointment(
            by=request.user, appointment=appointment, **body.validated_data
        )
        return Response(self.get_serializer(self._visible(appointment.pk)).data)

    @extend_schema(request=None, responses=s.DirectorAppointmentSerializer)
    @action(
        name=pgettext_lazy("API action", "take effect"),
        detail=True,
        methods=["post"],
        url_path="take-effect",
    )
    def take_effect(self, request, pk=None):
        appointment = get_object_or_404(
            DirectorAppointment.objects.restrict(request.user, "change"), pk=pk
        )
        appointment = services.make_appointment_effective(by=request.user, appointment=appointment)
        return Response(self.get_serializer(self._visible(appointment.pk)).data)


class TalentPoolViewSet(RestrictedReadOnlyViewSet):
    queryset = TalentPoolMember.objects.all()
    serializer_class = s.TalentPoolMemberSerializer
    filterset_class = TalentPoolFilterSet

    def select_queryset(self, queryset):
        return selectors.talent_list(queryset)


class SeminarViewSet(RestrictedReadOnlyViewSet):
    queryset = Seminar.objects.all()
    serializer_class = s.SeminarSerializer
    filterset_class = SeminarFilterSet

    def select_queryset(self, queryset):
        return queryset.select_related("court").prefetch_related("participants")


class ResearchOutputViewSet(RestrictedReadOnlyViewSet):
    queryset = ResearchOutput.objects.all()
    serializer_class = s.ResearchOutputSerializer
    filterset_class = ResearchOutputFilterSet

    def select_queryset(self, queryset):
        return selectors.research_list(queryset)


class SecondmentViewSet(RestrictedReadOnlyViewSet):
    queryset = Secondment.objects.all()
    serializer_class = s.SecondmentSerializer
    filterset_class = SecondmentFilterSet

    def select_queryset(self, queryset):
        return selectors.secondment_list(queryset)


class TrainingViewSet(RestrictedReadOnlyViewSet):
    queryset = Training.objects.all()
    serializer_class = s.TrainingSerializer
    filterset_class = TrainingFilterSet

    def select_queryset(self, queryset):
        return queryset.select_related("court").prefetch_related("participants")


class DutyReportViewSet(RestrictedReadOnlyViewSet):
    """Annual reports of duties; ``score`` is the intermediate court's scoring."""

    description_in_words = pgettext_lazy(
        "API description", "Annual reports of duties, scored by the intermediate court."
    )

    queryset = DutyReport.objects.all()
    serializer_class = s.DutyReportSerializer
    filterset_class = DutyReportFilterSet

    def select_queryset(self, queryset):
        return selectors.duty_report_detail(queryset).order_by("-year", "pk")

    @extend_schema(request=s.DutyReportScoreSerializer, responses=s.DutyReportSerializer)
    @action(name=pgettext_lazy("API action", "score"), detail=True, methods=["post"])
    def score(self, request, pk=None):
        report = get_object_or_404(DutyReport.objects.restrict(request.user, VIEW), pk=pk)
        body = s.DutyReportScoreSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.score_duty_report(by=request.user, report=report, **body.validated_data)
        fresh = selectors.duty_report_detail(DutyReport.objects.filter(pk=report.pk)).get()
        return Response(self.get_serializer(fresh).data, status=status.HTTP_200_OK)

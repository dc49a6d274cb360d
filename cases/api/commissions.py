"""REST resource of commissioned execution (委托执行, ``/api/v1/commissions/``;
DOMAIN.md §2 "Commissioned execution"): list and read in the caller's scope
(courts.access), and the writes the case pages offer, through
cases.services.commission: commission a court outside Haikou (POST), file a
commission received from one (``POST receive/``), record the report
(``POST {id}/report/``). Every row carries ``court`` (the case's court code)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.api.serializers import FilingSerializer
from cases.api.views import filing_data
from cases.choices import COMMISSION_TAKE_BACK_KINDS
from cases.filtersets.commissions import CommissionFilterSet
from cases.models import Commission, EnforcementCase
from cases.numbers import normalise_parentheses
from cases.selectors.commissions import commission_list
from cases.services import commission as services
from courts.access import VIEW
from haikou_exec.api import RestrictedViewSetMixin


class CommissionSerializer(serializers.ModelSerializer):
    court = serializers.CharField(source="case.court.code", read_only=True)
    case = serializers.CharField(source="case.case_number", read_only=True)
    documents = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    recorded_by = serializers.CharField(
        source="recorded_by.username", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Commission
        fields = [
            "id",
            "court",
            "case",
            "direction",
            "other_court",
            "other_case_number",
            "letter_number",
            "sent_on",
            "documents",
            "status",
            "file_by",
            "start_by",
            "report_by",
            "reported_on",
            "report",
            "taken_back_on",
            "take_back_letter",
            "take_back_reason",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = fields


class CommissionCreateSerializer(serializers.Serializer):
    case_number = serializers.CharField(max_length=40)
    other_court = serializers.CharField(
        max_length=100, help_text="The commissioned court, outside Haikou."
    )
    letter_number = serializers.CharField(max_length=60, help_text="委托执行函文号")
    sent_on = serializers.DateField()
    documents = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        allow_empty=False,
        help_text="Ids of the case's dossier files sent; the title of execution among them.",
    )


class CommissionReceiveSerializer(FilingSerializer):
    commissioning_court = serializers.CharField(max_length=100)
    commissioning_case_number = serializers.CharField(max_length=60)
    letter_number = serializers.CharField(max_length=60, help_text="委托执行函文号")


class CommissionReportSerializer(serializers.Serializer):
    reported_on = serializers.DateField()
    report = serializers.CharField()
    other_case_number = serializers.CharField(
        max_length=60, required=False, allow_blank=True, default=""
    )


class CommissionTakeBackSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=COMMISSION_TAKE_BACK_KINDS,
        help_text="returned: 退回委托 by the commissioned court; withdrawn: 撤回委托 by us.",
    )
    taken_back_on = serializers.DateField()
    letter_number = serializers.CharField(max_length=60, help_text="退回函 or 撤回函 number")
    reason = serializers.CharField()


class CommissionTakenBackSerializer(serializers.Serializer):
    commission = CommissionSerializer()
    resumed_case = serializers.CharField(help_text="The 执恢 case filed to resume enforcement.")


class CommissionViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Commissions of the caller's courts, sent and received. POST commissions a
    case to a court outside Haikou (closing it 终结执行 (委托)); ``POST receive/``
    files a commission received as 执; ``POST {id}/report/`` records the written
    report; ``POST {id}/take-back/`` takes a commission sent back (退回 or 撤回) and
    files its 执恢. The rules are the service's; a report recorded twice, or a
    commission taken back twice, answers 409."""

    description_in_words = pgettext_lazy(
        "API description",
        "Commissions of your courts, sent and received: commission a case to a court outside Haikou, file one received, record the written report, take one back.",
    )

    queryset = Commission.objects.all()
    serializer_class = CommissionSerializer
    filterset_class = CommissionFilterSet

    def get_queryset(self):
        if self.action not in ("list", "retrieve"):
            # Who may act is the service's rule (ensure_can_change); reading is enough here.
            return self.select_queryset(Commission.objects.restrict(self.request.user, VIEW))
        return super().get_queryset()

    def select_queryset(self, queryset):
        return commission_list(queryset).order_by("-sent_on", "-id")

    def _answer(self, made: Commission, code=status.HTTP_200_OK) -> Response:
        instance = self.select_queryset(Commission.objects.filter(pk=made.pk)).get()
        return Response(CommissionSerializer(instance).data, status=code)

    @extend_schema(request=CommissionCreateSerializer, responses={201: CommissionSerializer})
    def create(self, request, *args, **kwargs):
        serializer = CommissionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        number = normalise_parentheses(d["case_number"])
        case = (
            EnforcementCase.objects.restrict(request.user, VIEW).filter(case_number=number).first()
        )
        if case is None:
            raise ValidationError(
                {"case_number": [_("No case %(number)s in your scope.") % {"number": number}]}
            )
        made = services.commission_case(
            user=request.user,
            case_id=case.pk,
            other_court=d["other_court"],
            letter_number=d["letter_number"],
            sent_on=d["sent_on"],
            documents=d["documents"],
        )
        return self._answer(made, status.HTTP_201_CREATED)

    @extend_schema(request=CommissionReceiveSerializer, responses={201: CommissionSerializer})
    @action(
        name=pgettext_lazy("API action", "receive"),
        detail=False,
        methods=["post"],
        filterset_class=None,
        pagination_class=None,
    )
    def receive(self, request):
        serializer = CommissionReceiveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        made = services.receive_commission(
            user=request.user,
            data=filing_data(request.user, d),
            commissioning_court=d["commissioning_court"],
            commissioning_case_number=d["commissioning_case_number"],
            letter_number=d["letter_number"],
        )
        return self._answer(made, status.HTTP_201_CREATED)

    @extend_schema(request=CommissionReportSerializer, responses=CommissionSerializer)
    @action(
        name=pgettext_lazy("API action", "report"),
        detail=True,
        methods=["post"],
        filterset_class=None,
    )
    def report(self, request, pk=None):
        obj = self.get_object()
        serializer = CommissionReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        made = services.record_commission_report(
            user=request.user, commission_id=obj.pk, **serializer.validated_data
        )
        return self._answer(made)

    @extend_schema(
        request=CommissionTakeBackSerializer, responses={201: CommissionTakenBackSerializer}
    )
    @action(
        name=pgettext_lazy("API action", "take back"),
        detail=True,
        methods=["post"],
        url_path="take-back",
        filterset_class=None,
    )
    def take_back(self, request, pk=None):
        obj = self.get_object()
        serializer = CommissionTakeBackSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        resumed = services.take_back_commission(
            user=request.user, commission_id=obj.pk, **serializer.validated_data
        )
        instance = self.select_queryset(Commission.objects.filter(pk=obj.pk)).get()
        return Response(
            {
                "commission": CommissionSerializer(instance).data,
                "resumed_case": resumed.case_number,
            },
            status=status.HTTP_201_CREATED,
        )

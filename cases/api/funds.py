"""REST resource of disbursement requests (执行款发放申请): list, read, request
and decide. Writes go through cases.services.ledger; receipts are posted to
``cases/{id}/ledger/``."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.filtersets.funds import DisbursementRequestFilterSet
from cases.models import DisbursementRequest, EnforcementCase
from cases.selectors import funds as selectors
from cases.services import ledger
from courts.access import VIEW
from haikou_exec.api import RestrictedViewSetMixin


class DisbursementRequestSerializer(serializers.ModelSerializer):
    court = serializers.CharField(source="case.court.code", read_only=True)
    case_number = serializers.CharField(source="case.case_number", read_only=True)
    payee_name = serializers.CharField(source="payee.name", read_only=True)
    requested_by = serializers.CharField(source="requested_by.username", read_only=True)
    decided_by = serializers.CharField(source="decided_by.username", read_only=True, default=None)
    idempotency_key = serializers.CharField(
        max_length=80,
        write_only=True,
        help_text="调用方生成的唯一键（如 UUID）；同一键重复提交返回首次创建的申请。",
    )

    class Meta:
        model = DisbursementRequest
        fields = [
            "idempotency_key",
            "id",
            "court",
            "case",
            "case_number",
            "amount",
            "payee",
            "payee_name",
            "payee_account",
            "reason",
            "status",
            "requested_by",
            "requested_at",
            "decided_by",
            "decided_at",
            "opinion",
        ]
        read_only_fields = ["status", "requested_at", "decided_at", "opinion"]
        extra_kwargs = {
            # Checked against the caller's scope and the case by the view and the service.
            "case": {"queryset": EnforcementCase.objects.all()},
        }


class DisbursementDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    opinion = serializers.CharField(required=False, allow_blank=True, default="")
    paid_on = serializers.DateField(required=False, allow_null=True, default=None)


class DisbursementRequestViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Disbursement requests in the caller's scope. POST asks for one (the handling
    team); ``POST {id}/decide/`` approves — paying it out — or rejects it (the
    bureau's leadership, never the requester). ``?status=pending`` is the queue."""

    description_in_words = pgettext_lazy(
        "API description",
        "Disbursement requests in your scope: the handling team asks, the bureau's leadership approves (paying out) or rejects.",
    )

    queryset = DisbursementRequest.objects.all()
    serializer_class = DisbursementRequestSerializer
    filterset_class = DisbursementRequestFilterSet

    def get_queryset(self):
        if self.action == "decide":
            # Who may decide is the service's rule; reading the request is enough here.
            return self.select_queryset(
                DisbursementRequest.objects.restrict(self.request.user, VIEW)
            )
        return super().get_queryset()

    def select_queryset(self, queryset):
        return selectors.disbursement_request_list(queryset).order_by("-requested_at", "-id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        if (
            not EnforcementCase.objects.restrict(request.user, VIEW)
            .filter(pk=d["case"].pk)
            .exists()
        ):
            raise Http404
        try:
            made, created = ledger.request_disbursement(
                user=request.user,
                case_id=d["case"].pk,
                amount=d["amount"],
                payee_id=d["payee"].pk,
                payee_account=d["payee_account"],
                reason=d.get("reason", ""),
                idempotency_key=d["idempotency_key"],
            )
        except ledger.DuplicateEntryConflict as exc:
            return Response(exc.message_dict, status=status.HTTP_409_CONFLICT)
        instance = self.select_queryset(DisbursementRequest.objects.filter(pk=made.pk)).get()
        return Response(
            self.get_serializer(instance).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(request=DisbursementDecisionSerializer, responses=DisbursementRequestSerializer)
    @action(
        name=pgettext_lazy("API action", "decide"),
        detail=True,
        methods=["post"],
        filterset_class=None,
    )
    def decide(self, request, pk=None):
        obj = self.get_object()
        serializer = DisbursementDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        decided = ledger.decide_disbursement(
            user=request.user,
            request_id=obj.pk,
            approve=d["approve"],
            opinion=d["opinion"],
            paid_on=d["paid_on"],
        )
        instance = self.select_queryset(DisbursementRequest.objects.filter(pk=decided.pk)).get()
        return Response(DisbursementRequestSerializer(instance).data)

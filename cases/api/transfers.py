"""REST resource of transfers between courts (``/api/v1/transfers/``, DESIGN.md
"API resources"): list, read, raise and decide. Every row carries ``court`` (the
original case's court code). Writes go through cases.services.transfers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.choices import TransferKind, TransferReason
from cases.filtersets.transfers import TransferRequestFilterSet
from cases.models import EnforcementCase, TransferRequest
from cases.numbers import normalise_parentheses
from cases.selectors import transfers as selectors
from cases.services import transfers as services
from courts.access import VIEW
from courts.models import Court
from haikou_exec.api import RestrictedViewSetMixin

# A conflict with what is already there (a second open request, a second decision)
# is a 409 through the kernel's mapping (haikou_exec.api.exception_handler).


class TransferRequestSerializer(serializers.ModelSerializer):
    court = serializers.CharField(source="case.court.code", read_only=True)
    case = serializers.CharField(source="case.case_number", read_only=True)
    target_court = serializers.CharField(source="target_court.code", read_only=True)
    new_case = serializers.CharField(
        source="new_case.case_number", read_only=True, default=None, allow_null=True
    )
    requested_by = serializers.CharField(source="requested_by.username", read_only=True)
    decided_by = serializers.CharField(
        source="decided_by.username", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = TransferRequest
        fields = [
            "id",
            "court",
            "case",
            "kind",
            "source",
            "reason_category",
            "reason",
            "target_court",
            "status",
            "requested_by",
            "requested_at",
            "decided_by",
            "decided_at",
            "opinion",
            "effective_on",
            "new_case",
        ]
        read_only_fields = fields


class TransferRequestCreateSerializer(serializers.Serializer):
    case_number = serializers.CharField(max_length=40)
    kind = serializers.ChoiceField(choices=TransferKind.choices)
    target_court = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Court code of the receiving district court (cross and designated execution).",
    )
    reason_category = serializers.ChoiceField(choices=TransferReason.choices)
    reason = serializers.CharField()
    idempotency_key = serializers.CharField(
        required=False,
        max_length=80,
        help_text=(
            "A value the client makes once per request; sent again (a retry), the "
            "first request is returned with status 200 instead of a second one."
        ),
    )


class TransferDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    opinion = serializers.CharField()
    effective_on = serializers.DateField(required=False, allow_null=True, default=None)


class TransferRequestViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Transfer requests in the caller's scope. POST raises one (the case's bureau
    leadership, the intermediate bureau or supervision); ``POST {id}/decide/``
    approves — moving the case once — or rejects it (the intermediate bureau's
    leadership). A second open request, or a second decision, answers 409."""

    description_in_words = pgettext_lazy(
        "API description",
        "Transfer requests in your scope: raised by the case's bureau leadership, the intermediate bureau or supervision; approved (moving the case once) or rejected by the intermediate bureau's leadership.",
    )

    queryset = TransferRequest.objects.all()
    serializer_class = TransferRequestSerializer
    filterset_class = TransferRequestFilterSet

    def get_queryset(self):
        if self.action == "decide":
            # Who may decide is the service's rule; reading the request is enough here.
            return self.select_queryset(TransferRequest.objects.restrict(self.request.user, VIEW))
        return super().get_queryset()

    def select_queryset(self, queryset):
        return selectors.transfer_list(queryset).order_by("-requested_at", "-id")

    @extend_schema(
        request=TransferRequestCreateSerializer, responses={201: TransferRequestSerializer}
    )
    def create(self, request, *args, **kwargs):
        serializer = TransferRequestCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        number = normalise_parentheses(d["case_number"])
        case = (
            EnforcementCase.objects.restrict(request.user, VIEW).filter(case_number=number).first()
        )
        if case is None:
            raise ValidationError({"case_number": [f"No case {number} in your scope."]})
        target_id = None
        if d["target_court"]:
            target = Court.objects.filter(code=d["target_court"]).first()
            if target is None:
                raise ValidationError({"target_court": ["Unknown court code."]})
            target_id = target.pk
        created = services.raise_transfer_request(
            user=request.user,
            case_id=case.pk,
            kind=d["kind"],
            reason_category=d["reason_category"],
            reason=d["reason"],
            target_court_id=target_id,
            idempotency_key=(
                f"api:{request.user.pk}:{d['idempotency_key']}"
                if d.get("idempotency_key")
                else None
            ),
        )
        instance = self.select_queryset(TransferRequest.objects.filter(pk=created.pk)).get()
        code = (
            status.HTTP_200_OK if getattr(created, "is_repeat", False) else status.HTTP_201_CREATED
        )
        return Response(TransferRequestSerializer(instance).data, status=code)

    @extend_schema(request=TransferDecisionSerializer, responses=TransferRequestSerializer)
    @action(
        name=pgettext_lazy("API action", "decide"),
        detail=True,
        methods=["post"],
        filterset_class=None,
    )
    def decide(self, request, pk=None):
        obj = self.get_object()
        serializer = TransferDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        decided = services.decide_transfer(
            user=request.user,
            request_id=obj.pk,
            approve=d["approve"],
            opinion=d["opinion"],
            effective_on=d["effective_on"],
        )
        instance = self.select_queryset(TransferRequest.objects.filter(pk=decided.pk)).get()
        return Response(TransferRequestSerializer(instance).data)

"""REST resource of disposals after a second failed auction (变卖 / 以物抵债,
``/api/v1/disposals/``; 拍卖变卖规定, DOMAIN.md §2 "After a second failed
auction"): list and read in the caller's scope (courts.access); POST records a
disposal through cases.services.disposal, as the case page does. Every row
carries ``court`` (the case's court code)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from cases.choices import DisposalKind
from cases.filtersets.commissions import AssetDisposalFilterSet
from cases.models import AssetDisposal, Measure
from cases.selectors.commissions import disposal_list
from cases.services import disposal as services
from courts.access import VIEW
from haikou_exec.api import RestrictedViewSetMixin


class AssetDisposalSerializer(serializers.ModelSerializer):
    court = serializers.CharField(source="measure.case.court.code", read_only=True)
    case = serializers.CharField(source="measure.case.case_number", read_only=True)
    asset = serializers.CharField(source="measure.description", read_only=True)
    recorded_by = serializers.CharField(
        source="recorded_by.username", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = AssetDisposal
        fields = [
            "id",
            "court",
            "case",
            "measure",
            "asset",
            "kind",
            "reserve_price",
            "price",
            "satisfied_amount",
            "decided_on",
            "ruling_number",
            "buyer",
            "applicant_consent",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = fields


class AssetDisposalCreateSerializer(serializers.Serializer):
    measure = serializers.IntegerField(
        min_value=1, help_text="Id of the seized asset (the seizure measure) auctioned twice."
    )
    kind = serializers.ChoiceField(choices=DisposalKind.choices)
    decided_on = serializers.DateField()
    ruling_number = serializers.CharField(max_length=60, help_text="裁定书文号")
    price = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        default=None,
        help_text="变卖: the price (≥ the last reserve); 以物抵债: the reserve, or omitted.",
    )
    buyer = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    applicant_consent = serializers.CharField(required=False, allow_blank=True, default="")


class AssetDisposalViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """变卖 and 以物抵债 of the caller's courts. POST records one for a seized asset
    whose second auction failed (the handling team; the rules are the service's).
    A second disposal of the same asset answers 409."""

    description_in_words = pgettext_lazy(
        "API description",
        "变卖 and 以物抵债 of your courts, for a seized asset whose second auction failed.",
    )

    queryset = AssetDisposal.objects.all()
    serializer_class = AssetDisposalSerializer
    filterset_class = AssetDisposalFilterSet

    def select_queryset(self, queryset):
        return disposal_list(queryset).order_by("-decided_on", "-id")

    @extend_schema(request=AssetDisposalCreateSerializer, responses={201: AssetDisposalSerializer})
    def create(self, request, *args, **kwargs):
        serializer = AssetDisposalCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = dict(serializer.validated_data)
        measure_id = d.pop("measure")
        if not Measure.objects.restrict(request.user, VIEW).filter(pk=measure_id).exists():
            raise Http404
        made = services.dispose_after_auctions(user=request.user, measure_id=measure_id, **d)
        instance = self.select_queryset(AssetDisposal.objects.filter(pk=made.pk)).get()
        return Response(AssetDisposalSerializer(instance).data, status=status.HTTP_201_CREATED)

"""REST resources for equipment under /api/v1/. Reads come from the restriction
point; writes go through the services (400 with a message per field)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from courts.access import CHANGE, VIEW
from equipment import selectors
from equipment.api import serializers as s
from equipment.filtersets import (
    ComplianceScoreFilterSet,
    EquipmentAssignmentFilterSet,
    EquipmentInspectionFilterSet,
    EquipmentItemFilterSet,
    EquipmentStandardFilterSet,
)
from equipment.models import (
    ComplianceScore,
    EquipmentAssignment,
    EquipmentInspection,
    EquipmentItem,
    EquipmentStandard,
)
from equipment.services import imports, inspections, inventory
from haikou_exec.api import RestrictedReadOnlyViewSet, RestrictedViewSetMixin
from haikou_exec.replica import ReplicaReadsAPIMixin


class EquipmentItemViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Inventory items. Status changes, assignments and imports have their own
    actions; items are never deleted (scrap them)."""

    description_in_words = pgettext_lazy(
        "API description",
        "Equipment items; status changes, assignments and imports have their own actions, and items are scrapped, never deleted.",
    )

    queryset = EquipmentItem.objects.all()
    serializer_class = s.EquipmentItemSerializer
    filterset_class = EquipmentItemFilterSet
    ordering_fields = ["serial_number", "purchase_date", "service_end_on", "status"]

    def select_queryset(self, queryset):
        return selectors.item_list(queryset)

    def perform_create(self, serializer):
        serializer.instance = inventory.register_item(
            user=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k != "court"}
        inventory.update_item(user=self.request.user, item_id=serializer.instance.pk, **data)
        serializer.instance = self.select_queryset(EquipmentItem.objects.all()).get(
            pk=serializer.instance.pk
        )

    def _changeable(self, pk) -> EquipmentItem:
        return get_object_or_404(EquipmentItem.objects.restrict(self.request.user, CHANGE), pk=pk)

    def _item_response(self, pk):
        item = self.select_queryset(EquipmentItem.objects.all()).get(pk=pk)
        return Response(self.get_serializer(item).data)

    @extend_schema(request=s.AssignInputSerializer, responses=s.EquipmentAssignmentSerializer)
    @action(name=pgettext_lazy("API action", "assign"), detail=True, methods=["post"])
    def assign(self, request, pk=None):
        item = self._changeable(pk)
        data = s.AssignInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = inventory.assign_item(
            user=request.user, item_id=item.pk, **data.validated_data
        )
        return Response(
            s.EquipmentAssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=s.ReturnInputSerializer, responses=s.EquipmentAssignmentSerializer)
    @action(
        name=pgettext_lazy("API action", "return"), detail=True, methods=["post"], url_path="return"
    )
    def return_(self, request, pk=None):
        item = self._changeable(pk)
        data = s.ReturnInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = inventory.return_item(
            user=request.user, item_id=item.pk, **data.validated_data
        )
        return Response(s.EquipmentAssignmentSerializer(assignment).data)

    @extend_schema(request=s.StatusInputSerializer, responses=s.EquipmentItemSerializer)
    @action(
        name=pgettext_lazy("API action", "change status"),
        detail=True,
        methods=["post"],
        url_path="status",
    )
    def change_status(self, request, pk=None):
        item = self._changeable(pk)
        data = s.StatusInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        inventory.change_item_status(user=request.user, item_id=item.pk, **data.validated_data)
        return self._item_response(item.pk)

    @extend_schema(
        request={"multipart/form-data": s.ImportInputSerializer}, responses=s.ImportResultSerializer
    )
    @action(
        description_in_words=pgettext_lazy(
            "API description",
            "Import an inventory workbook: rows are imported only when the whole file is correct; otherwise the errors are listed row by row.",
        ),
        name=pgettext_lazy("API action", "import"),
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_(self, request):
        """Import an inventory workbook. 200 when rows were imported (or the file was
        clean); 400 with the errors per row when nothing was imported."""
        data = s.ImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = imports.import_inventory(user=request.user, **data.validated_data)
        body = s.ImportResultSerializer(result.as_dict()).data
        nothing_imported = bool(result.errors) and not result.valid_rows_only
        return Response(
            body, status=status.HTTP_400_BAD_REQUEST if nothing_imported else status.HTTP_200_OK
        )


class EquipmentAssignmentViewSet(RestrictedReadOnlyViewSet):
    """The assignment history of the items in scope."""

    description_in_words = pgettext_lazy(
        "API description", "The assignment history of the equipment in your scope."
    )

    queryset = EquipmentAssignment.objects.all()
    serializer_class = s.EquipmentAssignmentSerializer
    filterset_class = EquipmentAssignmentFilterSet

    def select_queryset(self, queryset):
        return selectors.assignment_list(queryset)


class EquipmentStandardViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Standards per court tier; set by the intermediate bureau's leadership."""

    description_in_words = pgettext_lazy(
        "API description",
        "Equipment standards per court tier, set by the intermediate bureau's leadership.",
    )

    queryset = EquipmentStandard.objects.all()
    serializer_class = s.EquipmentStandardSerializer
    filterset_class = EquipmentStandardFilterSet

    def select_queryset(self, queryset):
        return selectors.standard_list(queryset)

    def perform_create(self, serializer):
        serializer.instance = inventory.save_standard(
            user=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        current = serializer.instance
        data = {
            "tier": current.tier,
            "category": current.category,
            "required_quantity": current.required_quantity,
            "specification": current.specification,
            "inspection_points": current.inspection_points,
            **serializer.validated_data,
        }
        serializer.instance = inventory.save_standard(
            user=self.request.user, standard_id=current.pk, **data
        )


class EquipmentInspectionViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Inspections; POST schedules one (intermediate bureau leadership)."""

    description_in_words = pgettext_lazy(
        "API description",
        "Equipment inspections; the intermediate bureau's leadership schedules them.",
    )

    queryset = EquipmentInspection.objects.all()
    serializer_class = s.EquipmentInspectionSerializer
    filterset_class = EquipmentInspectionFilterSet

    def select_queryset(self, queryset):
        return selectors.inspection_detail(queryset)

    def _visible(self, pk) -> EquipmentInspection:
        # Steps re-check "change" and the role in the service; this only hides
        # what the user cannot see (404).
        return get_object_or_404(
            EquipmentInspection.objects.restrict(self.request.user, VIEW), pk=pk
        )

    def _inspection_response(self, pk, status_code=status.HTTP_200_OK):
        inspection = self.select_queryset(EquipmentInspection.objects.all()).get(pk=pk)
        return Response(self.get_serializer(inspection).data, status=status_code)

    def _step(self, request, pk, input_serializer, service):
        """A step on a visible inspection: the input checked, the service called
        with it, the inspection answered as it now is."""
        inspection = self._visible(pk)
        data = input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        service(user=request.user, inspection_id=inspection.pk, **data.validated_data)
        return self._inspection_response(inspection.pk)

    @extend_schema(
        request=s.InspectionResultsInputSerializer, responses=s.EquipmentInspectionSerializer
    )
    @action(
        description_in_words=pgettext_lazy(
            "API description",
            "Record the checklist results (the intermediate bureau's leadership).",
        ),
        name=pgettext_lazy("API action", "record results"),
        detail=True,
        methods=["post"],
    )
    def results(self, request, pk=None):
        """Record the checklist results (intermediate bureau leadership)."""
        inspection = self._visible(pk)
        data = s.InspectionResultsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        inspections.record_inspection_results(
            user=request.user,
            inspection_id=inspection.pk,
            conducted_on=values["conducted_on"],
            summary=values["summary"],
            rectification_deadline=values["rectification_deadline"],
            results={r["id"]: (r["result"], r["remark"]) for r in values["results"]},
        )
        return self._inspection_response(inspection.pk)

    @extend_schema(request=s.ReasonInputSerializer, responses=s.EquipmentInspectionSerializer)
    @action(name=pgettext_lazy("API action", "cancel"), detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._step(request, pk, s.ReasonInputSerializer, inspections.cancel_inspection)

    @extend_schema(request=s.NoteInputSerializer, responses=s.EquipmentInspectionSerializer)
    @action(
        description_in_words=pgettext_lazy(
            "API description", "The inspected court's leadership reports the rectification done."
        ),
        name=pgettext_lazy("API action", "report rectification"),
        detail=True,
        methods=["post"],
        url_path="report-rectification",
    )
    def report_rectification(self, request, pk=None):
        """The inspected court's leadership reports the rectification done."""
        return self._step(request, pk, s.NoteInputSerializer, inspections.report_rectification)

    @extend_schema(request=s.ReviewInputSerializer, responses=s.EquipmentInspectionSerializer)
    @action(
        description_in_words=pgettext_lazy(
            "API description",
            "The intermediate court accepts the rectification or sets a new deadline.",
        ),
        name=pgettext_lazy("API action", "review rectification"),
        detail=True,
        methods=["post"],
        url_path="review-rectification",
    )
    def review_rectification(self, request, pk=None):
        """The intermediate court accepts the rectification or sets a new deadline."""
        return self._step(request, pk, s.ReviewInputSerializer, inspections.review_rectification)

    @extend_schema(
        request={"multipart/form-data": s.PhotoInputSerializer}, responses=s.PhotoSerializer
    )
    @action(
        description_in_words=pgettext_lazy(
            "API description",
            "Attach a photo to the inspection (JPEG, PNG or WebP, checked by content).",
        ),
        name=pgettext_lazy("API action", "photos"),
        detail=True,
        methods=["post"],
        parser_classes=[MultiPartParser, FormParser],
    )
    def photos(self, request, pk=None):
        """Attach a photo; its content is checked (JPEG, PNG or WebP), not its name."""
        inspection = self._visible(pk)
        if not request.user.has_perm("equipment.add_inspectionphoto"):
            raise Http404
        data = s.PhotoInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        photo = inspections.add_inspection_photo(
            user=request.user,
            inspection_id=inspection.pk,
            uploaded=values["image"],
            caption=values["caption"],
            check_item_id=values["check_item"],
        )
        return Response(
            s.PhotoSerializer(photo, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = inspections.schedule_inspection(
            user=self.request.user,
            court=data["court"],
            scheduled_on=data["scheduled_on"],
            inspector=data.get("inspector"),
        )


class ComplianceScoreViewSet(ReplicaReadsAPIMixin, RestrictedReadOnlyViewSet):
    """Compliance scores per court and year, with their computation (read by the
    annual assessment), read from the replica while it is fresh."""

    description_in_words = pgettext_lazy(
        "API description",
        "Equipment compliance scores per court and year, with their computation (read by the annual assessment).",
    )

    queryset = ComplianceScore.objects.all()
    serializer_class = s.ComplianceScoreSerializer
    filterset_class = ComplianceScoreFilterSet

    def select_queryset(self, queryset):
        return selectors.score_list(queryset)

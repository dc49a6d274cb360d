"""API representations. Every row carries ``court`` (its code, e.g. 琼0105)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from courts.models import Court
from equipment.choices import CheckResult, EquipmentCategory, InspectionStatus, ItemStatus
from equipment.models import (
    ComplianceScore,
    EquipmentAssignment,
    EquipmentInspection,
    EquipmentItem,
    EquipmentStandard,
    InspectionCheckItem,
    InspectionPhoto,
)
from personnel.models import Officer


def _enum_field(choices, component: str) -> type[serializers.ChoiceField]:
    """A choice field whose OpenAPI enum is its own named component, so that
    equipment's "status" or "category" never collides with another app's."""

    @extend_schema_field({"type": "string", "enum": list(choices.values)}, component_name=component)
    class EnumField(serializers.ChoiceField):
        def __init__(self, **kwargs):
            super().__init__(choices=choices.choices, **kwargs)

    EnumField.__name__ = component
    return EnumField


CategoryField = _enum_field(EquipmentCategory, "EquipmentCategoryEnum")
ItemStatusField = _enum_field(ItemStatus, "EquipmentItemStatusEnum")
InspectionStatusField = _enum_field(InspectionStatus, "EquipmentInspectionStatusEnum")
CheckResultField = _enum_field(CheckResult, "EquipmentCheckResultEnum")


class OpenAssignmentSerializer(serializers.ModelSerializer):
    officer_name = serializers.CharField(source="officer.name", read_only=True, default=None)

    class Meta:
        model = EquipmentAssignment
        fields = [
            "id",
            "officer",
            "officer_name",
            "operation_reference",
            "assigned_at",
            "due_back_on",
        ]


class EquipmentItemSerializer(serializers.ModelSerializer):
    court = serializers.SlugRelatedField(slug_field="code", queryset=Court.objects.all())
    court_name = serializers.CharField(source="court.short_name", read_only=True)
    custodian = serializers.PrimaryKeyRelatedField(
        queryset=Officer.objects.select_related("bureau"), allow_null=True, required=False
    )
    custodian_name = serializers.CharField(source="custodian.name", read_only=True, default=None)
    current_assignment = serializers.SerializerMethodField()
    category = CategoryField()
    status = ItemStatusField(read_only=True)

    class Meta:
        model = EquipmentItem
        fields = [
            "id",
            "court",
            "court_name",
            "category",
            "name",
            "specification",
            "serial_number",
            "status",
            "purchase_date",
            "service_life_years",
            "service_end_on",
            "custodian",
            "custodian_name",
            "unit_price",
            "notes",
            "current_assignment",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "service_end_on", "created_at", "updated_at"]
        # Uniqueness is the service's to check, with its own message.
        extra_kwargs = {"serial_number": {"validators": []}}

    def get_current_assignment(self, item) -> dict | None:
        open_ = getattr(item, "open_assignments", None)
        if open_ is None:
            open_ = list(item.assignments.filter(returned_at__isnull=True))
        return OpenAssignmentSerializer(open_[0]).data if open_ else None

    def validate(self, attrs):
        if self.instance is not None and "court" in attrs and attrs["court"] != self.instance.court:
            raise serializers.ValidationError({"court": [_("An item stays in its court.")]})
        return attrs


class AssignInputSerializer(serializers.Serializer):
    officer = serializers.PrimaryKeyRelatedField(
        queryset=Officer.objects.select_related("bureau"), allow_null=True, required=False
    )
    operation_reference = serializers.CharField(
        max_length=128, required=False, allow_blank=True, default=""
    )
    # The command centre's field record, through the assignment's foreign key
    # (named by string), so equipment does not import the command centre.
    field_record = serializers.PrimaryKeyRelatedField(
        queryset=EquipmentAssignment.field_record.field.related_model.objects.all(),
        allow_null=True,
        required=False,
    )
    due_back_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ReturnInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class StatusInputSerializer(serializers.Serializer):
    status = ItemStatusField()
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ImportInputSerializer(serializers.Serializer):
    court = serializers.SlugRelatedField(slug_field="code", queryset=Court.objects.all())
    file = serializers.FileField()
    valid_rows_only = serializers.BooleanField(default=False)


class ImportRowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    messages = serializers.ListField(child=serializers.CharField())


class ImportResultSerializer(serializers.Serializer):
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    valid_rows_only = serializers.BooleanField()
    errors = ImportRowErrorSerializer(many=True)


class EquipmentAssignmentSerializer(serializers.ModelSerializer):
    court = serializers.CharField(source="item.court.code", read_only=True)
    serial_number = serializers.CharField(source="item.serial_number", read_only=True)
    officer_name = serializers.CharField(source="officer.name", read_only=True, default=None)

    class Meta:
        model = EquipmentAssignment
        fields = [
            "id",
            "item",
            "serial_number",
            "court",
            "officer",
            "officer_name",
            "operation_reference",
            "field_record",
            "assigned_at",
            "due_back_on",
            "returned_at",
            "note",
        ]


class EquipmentStandardSerializer(serializers.ModelSerializer):
    court = serializers.CharField(source="issued_by.code", read_only=True)
    category = CategoryField()

    class Meta:
        model = EquipmentStandard
        fields = [
            "id",
            "court",
            "tier",
            "category",
            "required_quantity",
            "specification",
            "inspection_points",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]
        validators = []  # the service names the clash


class CheckItemSerializer(serializers.ModelSerializer):
    category = serializers.CharField(read_only=True)
    result = CheckResultField(read_only=True)

    class Meta:
        model = InspectionCheckItem
        fields = ["id", "category", "description", "result", "remark"]


class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = InspectionPhoto
        fields = [
            "id",
            "check_item",
            "caption",
            "content_type",
            "width",
            "height",
            "uploaded_at",
            "url",
        ]

    def get_url(self, photo) -> str:
        request = self.context.get("request")
        url = photo.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class EquipmentInspectionSerializer(serializers.ModelSerializer):
    court = serializers.SlugRelatedField(slug_field="code", queryset=Court.objects.all())
    inspector = serializers.PrimaryKeyRelatedField(
        queryset=Officer.objects.select_related("bureau__court"), allow_null=True, required=False
    )
    check_items = CheckItemSerializer(many=True, read_only=True)
    photos = PhotoSerializer(many=True, read_only=True)
    status = InspectionStatusField(read_only=True)

    class Meta:
        model = EquipmentInspection
        fields = [
            "id",
            "court",
            "scheduled_on",
            "inspector",
            "status",
            "conducted_on",
            "score",
            "summary",
            "rectification_deadline",
            "closed_at",
            "check_items",
            "photos",
        ]
        read_only_fields = [
            "status",
            "conducted_on",
            "score",
            "summary",
            "rectification_deadline",
            "closed_at",
        ]


class CheckResultInputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    result = serializers.ChoiceField(
        choices=[c for c in CheckResult.choices if c[0] != CheckResult.PENDING]
    )
    remark = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class InspectionResultsInputSerializer(serializers.Serializer):
    conducted_on = serializers.DateField()
    summary = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    rectification_deadline = serializers.DateField(required=False, allow_null=True, default=None)
    results = CheckResultInputSerializer(many=True, max_length=500)


class NoteInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=4000)


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class ReviewInputSerializer(serializers.Serializer):
    accepted = serializers.BooleanField()
    note = serializers.CharField(max_length=4000)
    new_deadline = serializers.DateField(required=False, allow_null=True, default=None)


class PhotoInputSerializer(serializers.Serializer):
    image = serializers.FileField()
    caption = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    check_item = serializers.IntegerField(required=False, allow_null=True, default=None)


class ComplianceScoreSerializer(serializers.ModelSerializer):
    """What the annual assessment reads: the score and how it was computed."""

    court = serializers.CharField(source="court.code", read_only=True)

    class Meta:
        model = ComplianceScore
        fields = [
            "id",
            "court",
            "year",
            "score",
            "standards_score",
            "inspection_score",
            "inspection",
            "standards_weight",
            "inspection_weight",
            "breakdown",
            "formula_version",
            "as_of",
            "computed_at",
        ]

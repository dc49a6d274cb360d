"""Admin for every equipment model: search, filters, autocomplete. The register,
standards, assignments, inspections and scores are written by the pages and the
API through the services and only shown here; the compliance weighting is kept
here."""

from django.contrib import admin

from equipment.models import (
    ComplianceScore,
    ComplianceWeighting,
    EquipmentAssignment,
    EquipmentInspection,
    EquipmentItem,
    EquipmentStandard,
    InspectionCheckItem,
    InspectionFollowUp,
    InspectionPhoto,
)
from haikou_exec.admin_site import (
    EditedInAdmin,
    RestrictedTabularInline,
    WrittenByServicesAdmin,
)


@admin.register(EquipmentStandard)
class EquipmentStandardAdmin(WrittenByServicesAdmin):
    list_display = ["tier", "category", "required_quantity", "issued_by", "updated_at"]
    list_filter = ["tier", "category"]
    search_fields = ["specification", "inspection_points"]
    autocomplete_fields = ["issued_by"]


class EquipmentAssignmentInline(RestrictedTabularInline):
    model = EquipmentAssignment
    extra = 0
    autocomplete_fields = ["officer", "assigned_by", "returned_by"]
    fields = ["officer", "operation_reference", "assigned_at", "due_back_on", "returned_at", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # assign through the page or the API (services keep the status right)


@admin.register(EquipmentItem)
class EquipmentItemAdmin(WrittenByServicesAdmin):
    list_display = [
        "serial_number",
        "name",
        "category",
        "court",
        "status",
        "purchase_date",
        "service_end_on",
        "custodian",
    ]
    list_filter = ["court", "category", "status"]
    search_fields = ["serial_number", "name", "specification", "custodian__name"]
    autocomplete_fields = ["court", "custodian"]
    list_select_related = ["court", "custodian"]
    # The status moves through the services (assignments keep it true).
    readonly_fields = ["status", "service_end_on", "created_at", "updated_at"]
    date_hierarchy = "purchase_date"
    inlines = [EquipmentAssignmentInline]

    def save_model(self, request, obj, form, change):
        from equipment.services.inventory import normalise_serial

        obj.serial_number = normalise_serial(obj.serial_number)
        super().save_model(request, obj, form, change)


@admin.register(EquipmentAssignment)
class EquipmentAssignmentAdmin(WrittenByServicesAdmin):
    list_display = ["item", "officer", "operation_reference", "assigned_at", "returned_at"]
    list_filter = ["item__court", "item__category", ("returned_at", admin.EmptyFieldListFilter)]
    search_fields = ["item__serial_number", "item__name", "officer__name", "operation_reference"]
    autocomplete_fields = ["item", "officer", "assigned_by", "returned_by"]
    list_select_related = ["item", "officer"]


class InspectionCheckItemInline(RestrictedTabularInline):
    model = InspectionCheckItem
    extra = 0
    fields = ["sort_order", "category", "description", "result", "remark"]


@admin.register(EquipmentInspection)
class EquipmentInspectionAdmin(WrittenByServicesAdmin):
    list_display = [
        "court",
        "scheduled_on",
        "status",
        "conducted_on",
        "score",
        "rectification_deadline",
    ]
    list_filter = ["status", "court"]
    search_fields = ["court__name", "court__short_name", "summary", "inspector__name"]
    autocomplete_fields = ["court", "scheduled_by", "inspector"]
    list_select_related = ["court"]
    date_hierarchy = "scheduled_on"
    inlines = [InspectionCheckItemInline]


@admin.register(InspectionCheckItem)
class InspectionCheckItemAdmin(WrittenByServicesAdmin):
    list_display = ["description", "inspection", "category", "result"]
    list_filter = ["result", "category", "inspection__court"]
    search_fields = ["description", "remark"]
    autocomplete_fields = ["inspection"]
    list_select_related = ["inspection__court"]


@admin.register(InspectionPhoto)
class InspectionPhotoAdmin(WrittenByServicesAdmin):
    list_display = [
        "__str__",
        "inspection",
        "content_type",
        "width",
        "height",
        "uploaded_by",
        "uploaded_at",
    ]
    list_filter = ["content_type", "inspection__court"]
    search_fields = ["caption", "inspection__court__name"]
    autocomplete_fields = ["inspection", "check_item", "uploaded_by"]
    list_select_related = ["inspection__court", "uploaded_by"]
    readonly_fields = ["image", "content_type", "width", "height", "size_bytes", "uploaded_at"]


@admin.register(InspectionFollowUp)
class InspectionFollowUpAdmin(WrittenByServicesAdmin):
    list_display = ["inspection", "kind", "new_deadline", "recorded_by", "recorded_at"]
    list_filter = ["kind", "inspection__court"]
    search_fields = ["note", "inspection__court__name"]
    autocomplete_fields = ["inspection", "recorded_by"]
    list_select_related = ["inspection__court", "recorded_by"]


@admin.register(ComplianceWeighting)
class ComplianceWeightingAdmin(EditedInAdmin):
    list_display = ["year", "standards_weight", "inspection_weight"]
    search_fields = ["year"]


@admin.register(ComplianceScore)
class ComplianceScoreAdmin(WrittenByServicesAdmin):
    list_display = ["court", "year", "score", "standards_score", "inspection_score", "computed_at"]
    list_filter = ["year", "court"]
    search_fields = ["court__name", "court__short_name"]
    autocomplete_fields = ["court", "inspection", "computed_by"]
    list_select_related = ["court"]
    readonly_fields = ["breakdown", "computed_at", "formula_version"]

"""Admin for every supervision model. What the pages write (alerts, supervision
cases and orders with their replies, inspections, reviews, talks) is only shown
here; the admin keeps the reference data (alert rules, scoring sheets)."""

from django.contrib import admin

from haikou_exec.admin_site import (
    EditedInAdmin,
    ParametersInFieldsAdmin,
    RestrictedTabularInline,
    WrittenByServicesAdmin,
)
from supervision import models as m
from supervision.parameters import GRADE_BANDS, rule_parameters


@admin.register(m.AlertRule)
class AlertRuleAdmin(ParametersInFieldsAdmin):
    list_display = [
        "code",
        "name",
        "is_active",
        "severity",
        "trigger",
        "parameters_in_words",
        "last_run_at",
        "last_run_hits",
    ]
    list_filter = ["is_active", "severity", "trigger"]
    search_fields = ["code", "name", "description"]
    readonly_fields = ["last_run_at", "last_run_hits"]

    def parameter_schema(self, obj):
        return rule_parameters(obj.code) if obj is not None else []


@admin.register(m.Alert)
class AlertAdmin(WrittenByServicesAdmin):
    list_display = [
        "id",
        "rule",
        "case",
        "court",
        "status",
        "severity",
        "first_detected_on",
        "last_detected_on",
    ]
    list_filter = ["status", "rule", "court", "severity"]
    search_fields = ["case__case_number"]
    list_select_related = ["rule", "case", "court"]
    raw_id_fields = ["case", "supervision_case"]
    readonly_fields = [
        "status",
        "evidence",
        "first_detected_on",
        "last_detected_on",
        "times_detected",
        "cleared_on",
        "triaged_by",
        "triaged_at",
    ]
    show_full_result_count = False


class OrderResponseInline(RestrictedTabularInline):
    model = m.OrderResponse
    extra = 0
    readonly_fields = ["text", "responded_by", "responded_on", "late", "created_at"]
    can_delete = False


@admin.register(m.SupervisionCase)
class SupervisionCaseAdmin(WrittenByServicesAdmin):
    list_display = [
        "reference",
        "title",
        "court",
        "trigger",
        "source",
        "status",
        "opened_on",
        "outcome",
    ]
    list_filter = ["status", "trigger", "source", "court", "outcome"]
    search_fields = ["reference", "title", "supervised_case__case_number"]
    raw_id_fields = ["supervised_case", "filing", "handler"]
    readonly_fields = ["reference", "status", "opened_by"]


@admin.register(m.SupervisionOrder)
class SupervisionOrderAdmin(WrittenByServicesAdmin):
    list_display = [
        "reference",
        "subject",
        "court",
        "issued_on",
        "respond_by",
        "status",
        "responded_late",
    ]
    list_filter = ["status", "court", "responded_late"]
    search_fields = ["reference", "subject", "case__case_number"]
    raw_id_fields = ["case", "supervision_case"]
    readonly_fields = [
        "reference",
        "status",
        "first_responded_on",
        "responded_late",
        "reviewed_by",
        "reviewed_at",
    ]
    inlines = [OrderResponseInline]


@admin.register(m.OrderResponse)
class OrderResponseAdmin(WrittenByServicesAdmin):
    list_display = ["order", "responded_on", "responded_by", "late"]
    list_filter = ["late"]
    raw_id_fields = ["order"]


class FindingInline(RestrictedTabularInline):
    model = m.InspectionFinding
    extra = 0
    fields = ["court", "category", "severity", "description", "status", "rectify_by"]
    raw_id_fields = ["case"]


@admin.register(m.Inspection)
class InspectionAdmin(WrittenByServicesAdmin):
    list_display = ["reference", "kind", "title", "starts_on", "ends_on", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["reference", "title"]
    filter_horizontal = ["courts"]
    inlines = [FindingInline]


@admin.register(m.InspectionFinding)
class InspectionFindingAdmin(WrittenByServicesAdmin):
    list_display = ["id", "inspection", "court", "category", "severity", "found_on", "status"]
    list_filter = ["court", "category", "severity", "status"]
    raw_id_fields = ["case", "inspection"]


class ScoringItemInline(RestrictedTabularInline):
    model = m.ScoringItem
    extra = 0


@admin.register(m.ScoringSheet)
class ScoringSheetAdmin(ParametersInFieldsAdmin):
    list_display = ["name", "version", "is_active", "grade_bands_in_words"]
    list_filter = ["is_active"]
    inlines = [ScoringItemInline]
    # From which share of the sheet's points each grade holds (ScoringSheet.grade_for).
    parameters_field = "grade_bands"

    def parameter_schema(self, obj):
        return GRADE_BANDS


@admin.register(m.ScoringItem)
class ScoringItemAdmin(EditedInAdmin):
    list_display = ["sheet", "code", "section", "text", "max_points", "sort_order"]
    list_filter = ["sheet"]


class ReviewScoreInline(RestrictedTabularInline):
    model = m.ReviewScore
    extra = 0


@admin.register(m.CaseReview)
class CaseReviewAdmin(WrittenByServicesAdmin):
    list_display = [
        "id",
        "case",
        "sheet",
        "reviewer",
        "reviewed_on",
        "status",
        "total_points",
        "grade",
    ]
    list_filter = ["status", "grade", "sheet"]
    raw_id_fields = ["case", "inspection"]
    readonly_fields = ["total_points", "max_points", "grade"]
    inlines = [ReviewScoreInline]


@admin.register(m.ReviewScore)
class ReviewScoreAdmin(WrittenByServicesAdmin):
    list_display = ["review", "item", "points"]
    raw_id_fields = ["review"]


class ConductInline(RestrictedTabularInline):
    model = m.ConductFinding
    extra = 0
    raw_id_fields = ["officer"]


@admin.register(m.JointInspection)
class JointInspectionAdmin(WrittenByServicesAdmin):
    list_display = [
        "reference",
        "case",
        "opened_on",
        "status",
        "case_conclusion",
        "shared_with_discipline_at",
    ]
    list_filter = ["status", "case_conclusion"]
    search_fields = ["reference", "case__case_number"]
    raw_id_fields = ["case", "supervision_case"]
    readonly_fields = ["reference", "shared_with_discipline_at", "shared_by"]
    inlines = [ConductInline]


@admin.register(m.ConductFinding)
class ConductFindingAdmin(WrittenByServicesAdmin):
    list_display = ["joint", "officer", "conclusion", "recorded_at"]
    list_filter = ["conclusion"]
    raw_id_fields = ["joint", "officer"]


@admin.register(m.DirectorTalk)
class DirectorTalkAdmin(WrittenByServicesAdmin):
    list_display = [
        "reference",
        "court",
        "director",
        "scheduled_on",
        "status",
        "held_on",
        "follow_up_due",
    ]
    list_filter = ["status", "court"]
    raw_id_fields = ["director", "supervision_case"]
    readonly_fields = ["reference"]


@admin.register(m.ReferenceSequence)
class ReferenceSequenceAdmin(WrittenByServicesAdmin):
    list_display = ["kind", "year", "last_value"]
    readonly_fields = ["kind", "year", "last_value"]

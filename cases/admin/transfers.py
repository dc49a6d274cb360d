"""Admin of transfers between courts, suggestions, petitions, criminal property
judgments and 刑更 reviews: all written on their pages by the services (requests
and decisions, the intake and its items, allocations, certificates) and only
shown here; the suggestions' thresholds are kept here."""

from django.contrib import admin

from cases import models as m
from haikou_exec.admin_site import (
    EditedInAdmin,
    RestrictedStackedInline,
    RestrictedTabularInline,
    WrittenByServicesAdmin,
)


@admin.register(m.TransferRequest)
class TransferRequestAdmin(WrittenByServicesAdmin):
    list_display = [
        "id",
        "case",
        "kind",
        "target_court",
        "reason_category",
        "source",
        "status",
        "requested_by",
        "requested_at",
        "decided_by",
        "new_case",
    ]
    list_filter = ["kind", "status", "source", "reason_category", "target_court"]
    search_fields = ["case__case_number", "new_case__case_number", "reason", "opinion"]
    list_select_related = ["case", "target_court", "requested_by", "decided_by", "new_case"]
    date_hierarchy = "requested_at"
    readonly_fields = [
        "case",
        "kind",
        "source",
        "target_court",
        "status",
        "requested_by",
        "requested_at",
        "decided_by",
        "decided_at",
        "opinion",
        "effective_on",
        "new_case",
        "carried_over",
    ]


@admin.register(m.TransferSuggestion)
class TransferSuggestionAdmin(WrittenByServicesAdmin):
    list_display = ["id", "case", "kind", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["kind", "status"]
    search_fields = ["case__case_number", "decision_reason"]
    list_select_related = ["case", "decided_by"]
    readonly_fields = [
        "case",
        "kind",
        "reasons",
        "status",
        "created_at",
        "refreshed_at",
        "decided_by",
        "decided_at",
        "decision_reason",
        "transfer_request",
    ]


@admin.register(m.SuggestionSettings)
class SuggestionSettingsAdmin(EditedInAdmin):
    list_display = [
        "high_value_amount",
        "long_pending_months",
        "overdue_nodes_threshold",
        "petitions_threshold",
        "petitions_window_months",
        "local_respondent_enabled",
    ]

    def has_add_permission(self, request):
        return not m.SuggestionSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(m.Petition)
class PetitionAdmin(WrittenByServicesAdmin):
    list_display = ["case", "received_on", "petitioner", "recorded_by"]
    search_fields = ["case__case_number", "petitioner", "summary"]
    autocomplete_fields = ["case"]
    date_hierarchy = "received_on"


class CriminalJudgmentItemInline(RestrictedTabularInline):
    model = m.CriminalJudgmentItem
    extra = 0
    fields = ["kind", "amount", "beneficiary_name", "description", "paid"]
    readonly_fields = ["paid"]


@admin.register(m.CriminalJudgment)
class CriminalJudgmentAdmin(WrittenByServicesAdmin):
    list_display = [
        "judgment_number",
        "convict_name",
        "judging_court",
        "received_on",
        "status",
        "case",
    ]
    list_filter = ["status", "judging_court"]
    search_fields = ["judgment_number", "convict_name", "convict_id_number", "case__case_number"]
    list_select_related = ["judging_court", "case"]
    readonly_fields = ["court", "bureau", "status", "case", "received_by"]
    inlines = [CriminalJudgmentItemInline]


@admin.register(m.ReceiptAllocation)
class ReceiptAllocationAdmin(WrittenByServicesAdmin):
    list_display = ["entry", "item", "amount", "allocated_at"]
    search_fields = ["item__judgment__judgment_number", "entry__account__case__case_number"]
    list_select_related = ["entry", "item"]


class CommutationLinkInline(RestrictedTabularInline):
    model = m.CommutationLink
    extra = 0
    fields = ["case", "method", "linked_by", "linked_at"]
    readonly_fields = ["method", "linked_by", "linked_at"]
    raw_id_fields = ["case"]


class AbilityToPayFactInline(RestrictedStackedInline):
    model = m.AbilityToPayFact
    extra = 0
    fields = ["kind", "description", "evidence", "evidence_file", "amount", "found_on"]
    raw_id_fields = ["evidence_file"]


@admin.register(m.CommutationReview)
class CommutationReviewAdmin(WrittenByServicesAdmin):
    list_display = [
        "case",
        "kind",
        "convict_name",
        "prison",
        "requested_on",
        "certificate_due_on",
        "certificate_issued_on",
    ]
    list_filter = ["kind"]
    search_fields = ["case__case_number", "convict_name", "convict_id_number", "prison"]
    list_select_related = ["case"]
    readonly_fields = ["case", "certificate_due_on", "certificate_issued_on", "created_by"]
    inlines = [CommutationLinkInline, AbilityToPayFactInline]


@admin.register(m.PerformanceCertificate)
class PerformanceCertificateAdmin(WrittenByServicesAdmin):
    list_display = ["review", "issued_on", "issued_by", "dossier_file"]
    search_fields = ["review__case__case_number", "review__convict_name"]
    readonly_fields = ["review", "dossier_file", "issued_on", "issued_by", "summary"]


@admin.register(m.CriminalJudgmentItem)
class CriminalJudgmentItemAdmin(WrittenByServicesAdmin):
    list_display = ["judgment", "kind", "amount", "beneficiary_name", "paid"]
    list_filter = ["kind"]
    search_fields = ["judgment__judgment_number", "beneficiary_name"]
    list_select_related = ["judgment"]
    readonly_fields = ["paid", "beneficiary"]


@admin.register(m.CommutationLink)
class CommutationLinkAdmin(WrittenByServicesAdmin):
    list_display = ["review", "case", "method", "linked_by", "linked_at"]
    list_filter = ["method"]
    search_fields = ["review__case__case_number", "case__case_number"]
    raw_id_fields = ["review", "case"]


@admin.register(m.AbilityToPayFact)
class AbilityToPayFactAdmin(WrittenByServicesAdmin):
    list_display = ["review", "kind", "found_on", "amount", "recorded_by"]
    list_filter = ["kind"]
    search_fields = ["review__case__case_number", "review__convict_name", "description"]
    raw_id_fields = ["review", "evidence_file"]

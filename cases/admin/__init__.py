"""Admin of cases, parties, nodes, measures, the ledger and the dossier;
transfers, criminal property and 刑更 are in ``cases.admin.transfers``."""

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from cases import models as m
from haikou_exec.admin_site import (
    EditedInAdmin,
    ParametersInFieldsAdmin,
    RestrictedTabularInline,
    WrittenByServicesAdmin,
)


class PartyInline(RestrictedTabularInline):
    """Shown only: parties are added and corrected on the case page, where
    ``services.parties`` checks the ID number and that no one stands on both sides."""

    model = m.Party
    extra = 0
    fields = ["role", "kind", "name", "id_number", "nature", "phone"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(m.EnforcementCase)
class EnforcementCaseAdmin(EditedInAdmin):
    versioned = True
    list_display = [
        "case_number",
        "court",
        "case_type",
        "status",
        "filed_on",
        "amount_claimed",
        "amount_recovered",
        "team",
        "closing_type",
    ]
    list_filter = ["court", "case_type", "status", "closing_type", "is_criminal_property"]
    search_fields = ["case_number", "parties__name", "parties__id_number", "title_document_number"]
    autocomplete_fields = ["court", "bureau"]
    list_select_related = ["court", "team"]
    date_hierarchy = "filed_on"
    show_full_result_count = False
    # Numbers, money, dates, the team and the closing are changed only by the
    # services: the number follows the type and origin (filing), the deadlines and
    # the limitation count from the dates (DOMAIN.md §2), the team by 分案 (logged),
    # a late registration needs its approval, a closing its rules (closing). What an
    # editor may correct here is the case's own words: the title's issuer and
    # number, the cause.
    readonly_fields = [
        "case_number",
        "year",
        "sequence",
        "case_type",
        "origin",
        "title_effective_on",
        "amount_claimed",
        "amount_recovered",
        "filed_on",
        "file_received_on",
        "late_registration_reason",
        "late_registration_approved_by",
        "team",
        "status",
        "closing_type",
        "termination_reason",
        "closed_on",
        "closing_note",
        "performance_basis",
        "performance_evidence",
        "origin_case",
        "is_criminal_property",
        "version",
        "public_query_code",
    ]
    inlines = [PartyInline]

    def has_add_permission(self, request):
        return False  # filed on the filing page, which allocates the lawful number


@admin.register(m.Party)
class PartyAdmin(WrittenByServicesAdmin):
    list_display = ["name", "role", "kind", "case", "nature"]
    list_filter = ["role", "kind", "nature"]
    search_fields = ["name", "id_number", "case__case_number"]
    autocomplete_fields = ["case"]


@admin.register(m.NodeDefinition)
class NodeDefinitionAdmin(ParametersInFieldsAdmin):
    list_display = [
        "code",
        "name",
        "trigger",
        "limit_value",
        "limit_unit",
        "pausable",
        "extendable",
        "completion_event",
        "is_active",
    ]
    list_filter = ["trigger", "limit_unit", "is_active"]
    search_fields = ["code", "name", "source"]
    # A shorter limit for some titles (non-litigation administrative: 3 months
    # instead of 6), one field per kind of title, never JSON.
    parameters_field = "origin_limit_overrides"

    def parameter_schema(self, definition):
        from cases.services.nodes import origin_limit_parameters

        return origin_limit_parameters(definition)


# Deadlines and what moves them are the services' (cases.services.nodes): a node's
# dates are computed from its trigger, the stopped clocks and approved extensions;
# a pause is opened and ended with its ruling, an extension requested and decided.


@admin.register(m.CaseNode)
class CaseNodeAdmin(WrittenByServicesAdmin):
    list_display = ["case", "definition", "triggered_on", "due_on", "status", "completed_on"]
    list_filter = ["status", "definition"]
    search_fields = ["case__case_number"]
    list_select_related = ["case", "definition"]
    exclude = ["computation"]
    readonly_fields = ["computation_in_words"]

    @admin.display(description=_("how the deadline was computed"))
    def computation_in_words(self, node):
        # As the case page explains it (cases/_computation.html).
        return render_to_string("cases/_computation.html", {"node": node})


@admin.register(m.ClockPause)
class ClockPauseAdmin(WrittenByServicesAdmin):
    list_display = ["case", "kind", "started_on", "ended_on"]
    list_filter = ["kind"]
    search_fields = ["case__case_number"]
    autocomplete_fields = ["case"]


@admin.register(m.DeadlineExtension)
class DeadlineExtensionAdmin(WrittenByServicesAdmin):
    list_display = ["node", "days", "status", "requested_on", "decided_by"]
    list_filter = ["status"]
    search_fields = ["node__case__case_number"]
    raw_id_fields = ["node"]


# A measure's term, renewal and release (查封、冻结期限, 续行, 解除 with its ruling)
# and an auction round's prices and notice periods are kept by the services
# (cases.services.measures, DOMAIN.md §2): an edit here would pass by them.
@admin.register(m.Measure)
class MeasureAdmin(WrittenByServicesAdmin):
    list_display = [
        "case",
        "kind",
        "asset_type",
        "description",
        "started_on",
        "expires_on",
        "status",
    ]
    list_filter = ["kind", "asset_type", "status"]
    search_fields = ["case__case_number", "description", "reference"]
    autocomplete_fields = ["case"]
    raw_id_fields = ["renewed_from"]


@admin.register(m.MeasureTermRule)
class MeasureTermRuleAdmin(EditedInAdmin):
    list_display = ["asset_type", "max_months", "source"]


@admin.register(m.AuctionRound)
class AuctionRoundAdmin(WrittenByServicesAdmin):
    list_display = ["measure", "round_number", "starting_price", "auction_on", "result"]
    list_filter = ["result", "round_number"]
    search_fields = ["measure__case__case_number"]
    raw_id_fields = ["measure"]


# What the investigation found and did is what the 终本 conditions read (DOMAIN.md
# §2: investigation exhausted, no property to dispose of): recorded on the case
# page (cases.services.measures), never added, changed or deleted here.
@admin.register(m.PropertyFinding)
class PropertyFindingAdmin(WrittenByServicesAdmin):
    list_display = ["case", "source", "asset_type", "description", "found_at"]
    list_filter = ["source", "asset_type"]
    search_fields = ["case__case_number", "description"]
    autocomplete_fields = ["case"]


@admin.register(m.InvestigationStep)
class InvestigationStepAdmin(WrittenByServicesAdmin):
    list_display = ["case", "kind", "done_on", "found_property"]
    list_filter = ["kind", "found_property"]
    search_fields = ["case__case_number"]
    autocomplete_fields = ["case"]


@admin.register(m.ApplicantInterview)
class ApplicantInterviewAdmin(WrittenByServicesAdmin):
    list_display = [
        "case",
        "held_on",
        "applicant_confirmed",
        "collegial_review",
        "president_approved",
        "decided_by",
    ]
    search_fields = ["case__case_number"]
    autocomplete_fields = ["case"]
    # The 终本 gate comes from recorded facts (issue 17, finding 9; DOMAIN.md §2 "Who
    # approves"): the interview is recorded on the case page
    # (``closing.record_applicant_interview``) and the collegial review decided by the
    # president or the delegated vice-president (``closing.decide_termination_review``).
    # The admin shows them; nobody ticks them here, a superuser neither.
    readonly_fields = [
        "case",
        "held_on",
        "record",
        "applicant_confirmed",
        "collegial_review",
        "president_approved",
        "decided_by",
        "decided_at",
        "opinion",
        "recorded_by",
    ]


@admin.register(m.CaseAssignment)
class CaseAssignmentAdmin(WrittenByServicesAdmin):
    list_display = ["case", "from_team", "to_team", "method", "assigned_by", "assigned_at"]
    list_filter = ["method"]
    search_fields = ["case__case_number", "reason"]
    autocomplete_fields = ["case", "from_team", "to_team"]


# Money moves only through the ledger services.


@admin.register(m.CaseAccount)
class CaseAccountAdmin(WrittenByServicesAdmin):
    list_display = ["case", "balance", "total_received"]
    search_fields = ["case__case_number"]
    list_select_related = ["case"]


@admin.register(m.LedgerEntry)
class LedgerEntryAdmin(WrittenByServicesAdmin):
    list_display = [
        "account",
        "kind",
        "amount",
        "balance_after",
        "occurred_on",
        "counterparty",
        "idempotency_key",
    ]
    list_filter = ["kind"]
    search_fields = ["account__case__case_number", "idempotency_key", "counterparty"]
    list_select_related = ["account__case"]


@admin.register(m.DisbursementRequest)
class DisbursementRequestAdmin(WrittenByServicesAdmin):
    list_display = ["case", "amount", "payee", "status", "requested_by", "decided_by"]
    list_filter = ["status"]
    search_fields = ["case__case_number"]


@admin.register(m.DossierFile)
class DossierFileAdmin(WrittenByServicesAdmin):
    list_display = ["case", "category", "title", "content_type", "size", "uploaded_at"]
    list_filter = ["category", "content_type"]
    search_fields = ["case__case_number", "title", "sha256"]
    autocomplete_fields = ["case"]
    readonly_fields = ["sha256", "size", "content_type", "original_name", "file"]


@admin.register(m.GeneratedDocument)
class GeneratedDocumentAdmin(WrittenByServicesAdmin):
    list_display = ["case", "kind", "generated_at", "generated_by"]
    list_filter = ["kind"]
    search_fields = ["case__case_number"]
    raw_id_fields = ["case", "dossier_file"]


from cases.admin import transfers  # noqa: E402,F401  (transfers, criminal property, 刑更)

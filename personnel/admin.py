"""Admin for every personnel model: search, filters, autocomplete.

The officers' particulars, teams and their members, the rotation policy and the
specialties are kept here. Everything the people pages write (appointments with
their consent gate, rotation plans, handovers, staffing, the talent pool, duty
reports and their scores) is only shown: the services decide who may do what
(DOMAIN.md §1, §6)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from haikou_exec.admin_site import (
    EditedInAdmin,
    RestrictedTabularInline,
    WrittenByServicesAdmin,
)
from personnel.models import (
    DirectorAppointment,
    DutyReport,
    DutyReportAttachment,
    Handover,
    HandoverItem,
    Officer,
    Position,
    PostQuota,
    ResearchOutput,
    RotationPlan,
    RotationPlanItem,
    RotationPolicy,
    Secondment,
    Seminar,
    Specialty,
    StaffingQuota,
    TalentPoolMember,
    Team,
    TeamMembership,
    Training,
    TrialExchange,
)
from personnel.services import request_officer_deactivation


class PositionsByServiceMixin:
    """Positions set an officer's bureau and role (services.positions), so they are
    recorded on the officer's page, where the service checks who may record what
    (no one their own; a district director only by appointment, DOMAIN.md §1, §6).
    Here they are read-only except for superusers."""

    def has_add_permission(self, request, *args):
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class PositionInline(PositionsByServiceMixin, RestrictedTabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["bureau"]
    fields = ["bureau", "post", "is_acting", "started_on", "ended_on", "end_reason", "note"]
    ordering = ["-started_on"]


@admin.register(Officer)
class OfficerAdmin(EditedInAdmin):
    list_display = ["name", "badge_number", "role", "bureau", "education", "is_active"]
    list_filter = ["role", "is_active", "bureau__court", "education", "legal_qualification", "rank"]
    search_fields = ["name", "badge_number", "user__username"]
    autocomplete_fields = ["user", "bureau"]
    list_select_related = ["bureau"]
    actions = ["deactivate_selected"]
    inlines = [PositionInline]

    def get_readonly_fields(self, request, obj=None):
        # Who an officer is (account), where and as what they serve (bureau, role)
        # and whether they serve (deactivation, a background job with its handover)
        # change through positions, appointments and services, never in this form:
        # nobody can move or promote themselves or a colleague here.
        readonly = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return readonly
        return [
            *readonly,
            *(f for f in ("user", "bureau", "role", "is_active") if f not in readonly),
        ]

    def has_add_permission(self, request):
        # An officer comes with an account; accounts are made by superusers.
        return request.user.is_superuser and super().has_add_permission(request)

    @admin.action(description=_("Take selected officers out of service (background job)"))
    def deactivate_selected(self, request, queryset):
        job = request_officer_deactivation(
            user=request.user, officer_ids=list(queryset.values_list("pk", flat=True))
        )
        self.message_user(
            request, _("Queued as background job #%(id)s.") % {"id": job.pk}, messages.INFO
        )


class TeamMembershipInline(RestrictedTabularInline):
    model = TeamMembership
    extra = 0
    autocomplete_fields = ["officer"]


@admin.register(Team)
class TeamAdmin(EditedInAdmin):
    list_display = ["name", "bureau", "is_active"]
    list_filter = ["is_active", "bureau__court"]
    search_fields = ["name", "memberships__officer__name"]
    autocomplete_fields = ["bureau"]
    inlines = [TeamMembershipInline]


@admin.register(TeamMembership)
class TeamMembershipAdmin(EditedInAdmin):
    list_display = ["team", "officer", "role", "started_on", "ended_on"]
    list_filter = ["role", "team__bureau__court"]
    search_fields = ["team__name", "officer__name"]
    autocomplete_fields = ["team", "officer"]


@admin.register(Position)
class PositionAdmin(PositionsByServiceMixin, EditedInAdmin):
    list_display = ["officer", "bureau", "post", "is_acting", "started_on", "ended_on"]
    list_filter = ["post", "is_acting", "bureau__court", "end_reason"]
    search_fields = ["officer__name", "officer__badge_number", "note"]
    autocomplete_fields = ["officer", "bureau"]
    list_select_related = ["officer", "bureau"]
    date_hierarchy = "started_on"


@admin.register(StaffingQuota)
class StaffingQuotaAdmin(WrittenByServicesAdmin):
    list_display = ["bureau", "headcount", "basis", "updated_on"]
    list_filter = ["bureau__court"]
    search_fields = ["bureau__name", "basis"]
    autocomplete_fields = ["bureau"]


@admin.register(PostQuota)
class PostQuotaAdmin(WrittenByServicesAdmin):
    list_display = ["bureau", "post", "quota"]
    list_filter = ["post", "bureau__court"]
    search_fields = ["bureau__name"]
    autocomplete_fields = ["bureau"]


@admin.register(RotationPolicy)
class RotationPolicyAdmin(EditedInAdmin):
    list_display = [
        "due_after_months",
        "coming_due_after_months",
        "count_acting_posts",
        "max_break_days",
        "min_leadership_stagger_days",
        "updated_at",
    ]
    search_fields = ["due_after_months"]


class RotationPlanItemInline(RestrictedTabularInline):
    model = RotationPlanItem
    extra = 0
    autocomplete_fields = ["officer", "position", "destination_bureau"]


@admin.register(RotationPlan)
class RotationPlanAdmin(WrittenByServicesAdmin):
    list_display = ["title", "court", "status", "created_by", "created_at"]
    list_filter = ["status", "court"]
    search_fields = ["title", "items__officer__name"]
    autocomplete_fields = ["court", "created_by", "decided_by"]
    readonly_fields = ["status", "decided_by", "decided_at"]
    inlines = [RotationPlanItemInline]


@admin.register(RotationPlanItem)
class RotationPlanItemAdmin(WrittenByServicesAdmin):
    list_display = ["plan", "officer", "effective_on", "destination_bureau", "destination_post"]
    list_filter = ["plan__status", "plan__court"]
    search_fields = ["officer__name", "plan__title", "destination_department"]
    autocomplete_fields = ["plan", "officer", "position", "destination_bureau"]


@admin.register(TrialExchange)
class TrialExchangeAdmin(WrittenByServicesAdmin):
    list_display = ["officer", "bureau", "direction", "department", "started_on", "ended_on"]
    list_filter = ["direction", "bureau__court"]
    search_fields = ["officer__name", "department"]
    autocomplete_fields = ["officer", "bureau"]


class HandoverItemInline(RestrictedTabularInline):
    model = HandoverItem
    extra = 0
    autocomplete_fields = ["successor"]
    readonly_fields = ["provider", "ref", "label", "due_on", "moved_at"]


@admin.register(Handover)
class HandoverAdmin(WrittenByServicesAdmin):
    list_display = ["officer", "bureau", "handover_on", "status"]
    list_filter = ["status", "bureau__court"]
    search_fields = ["officer__name", "reason"]
    autocomplete_fields = ["officer", "bureau", "rotation_item", "created_by"]
    readonly_fields = ["status", "completed_at"]
    inlines = [HandoverItemInline]


@admin.register(HandoverItem)
class HandoverItemAdmin(WrittenByServicesAdmin):
    list_display = ["handover", "provider", "label", "successor", "moved_at"]
    list_filter = ["provider", "handover__status"]
    search_fields = ["label", "ref", "handover__officer__name", "successor__name"]
    autocomplete_fields = ["handover", "successor"]
    readonly_fields = ["moved_at"]


@admin.register(DirectorAppointment)
class DirectorAppointmentAdmin(WrittenByServicesAdmin):
    list_display = ["candidate", "bureau", "effective_on", "status", "decided_at"]
    list_filter = ["status", "bureau__court"]
    search_fields = ["candidate__name", "reason", "opinion"]
    autocomplete_fields = ["bureau", "candidate", "proposed_by"]
    readonly_fields = [
        "status",
        "opinion",
        "decided_by",
        "decided_at",
        "took_effect_at",
        "position",
    ]


@admin.register(Specialty)
class SpecialtyAdmin(EditedInAdmin):
    list_display = ["name", "description"]
    search_fields = ["name", "description"]


@admin.register(TalentPoolMember)
class TalentPoolMemberAdmin(WrittenByServicesAdmin):
    list_display = ["officer", "joined_on", "left_on"]
    list_filter = ["specialties", "officer__bureau__court"]
    search_fields = ["officer__name", "note"]
    autocomplete_fields = ["officer", "specialties"]


@admin.register(Seminar)
class SeminarAdmin(WrittenByServicesAdmin):
    list_display = ["topic", "court", "held_on"]
    list_filter = ["court"]
    search_fields = ["topic", "question", "outcome"]
    autocomplete_fields = ["court", "participants"]
    date_hierarchy = "held_on"


@admin.register(ResearchOutput)
class ResearchOutputAdmin(WrittenByServicesAdmin):
    list_display = ["title", "kind", "court", "completed_on"]
    list_filter = ["kind", "court"]
    search_fields = ["title", "summary", "venue"]
    autocomplete_fields = ["court", "authors", "seminar"]


@admin.register(Secondment)
class SecondmentAdmin(WrittenByServicesAdmin):
    list_display = ["officer", "home_bureau", "host_bureau", "post", "started_on", "ended_on"]
    list_filter = ["home_bureau__court", "host_bureau__court"]
    search_fields = ["officer__name", "post"]
    autocomplete_fields = ["officer", "home_bureau", "host_bureau"]


@admin.register(Training)
class TrainingAdmin(WrittenByServicesAdmin):
    list_display = ["title", "court", "starts_on", "ends_on", "hours"]
    list_filter = ["court"]
    search_fields = ["title", "organiser", "location"]
    autocomplete_fields = ["court", "participants"]
    date_hierarchy = "starts_on"


class DutyReportAttachmentInline(RestrictedTabularInline):
    model = DutyReportAttachment
    extra = 0
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    fields = readonly_fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # uploads are checked by content in the service, not here


@admin.register(DutyReport)
class DutyReportAdmin(WrittenByServicesAdmin):
    list_display = ["officer", "bureau", "year", "status", "score"]
    list_filter = ["status", "year", "bureau__court"]
    search_fields = ["officer__name", "text"]
    autocomplete_fields = ["officer", "bureau"]
    readonly_fields = ["status", "submitted_at", "score", "score_comment", "scored_by", "scored_at"]
    inlines = [DutyReportAttachmentInline]


@admin.register(DutyReportAttachment)
class DutyReportAttachmentAdmin(WrittenByServicesAdmin):
    list_display = ["original_name", "report", "content_type", "size", "uploaded_at"]
    list_filter = ["content_type"]
    search_fields = ["original_name", "report__officer__name"]
    autocomplete_fields = ["report"]
    readonly_fields = ["file", "content_type", "size", "uploaded_by"]

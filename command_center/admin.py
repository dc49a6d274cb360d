from django.contrib import admin

from command_center.models import (
    AffairsTask,
    AssetQuery,
    Directive,
    DirectiveRecipient,
    DispatchLogEntry,
    FieldRecord,
    FieldRecordAttachment,
    FreezeRequest,
    Institution,
    InstitutionQualification,
    Operation,
    OperationAssignment,
    OperationParticipant,
    OutsourcedTask,
    PublicOpinionItem,
    RequeryRound,
    TaskTimeLimit,
    VideoConsultation,
)
from haikou_exec.admin_site import (
    EditedInAdmin,
    RestrictedTabularInline,
    WrittenByServicesAdmin,
)
from haikou_exec.models import BackgroundJob, Notification, OutboxMessage


@admin.register(BackgroundJob)
class BackgroundJobAdmin(WrittenByServicesAdmin):
    list_display = [
        "id",
        "kind",
        "status",
        "done",
        "total",
        "created_by",
        "created_at",
        "finished_at",
    ]
    list_filter = ["kind", "status", "court"]
    search_fields = ["celery_task_id", "message", "created_by__username"]
    autocomplete_fields = ["court", "created_by"]
    readonly_fields = [
        "created_at",
        "started_at",
        "finished_at",
        "heartbeat_at",
        "celery_task_id",
        "attempts",
    ]


@admin.register(Notification)
class NotificationAdmin(WrittenByServicesAdmin):
    list_display = ["title", "recipient", "level", "created_at", "read_at", "emailed_at"]
    list_filter = ["level"]
    search_fields = ["title", "recipient__username", "dedup_key"]
    raw_id_fields = ["recipient"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(WrittenByServicesAdmin):
    """The sweep sends these; the admin only shows what waits."""

    list_display = ["task_name", "created_at", "sent_at", "attempts", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["task_name"]


@admin.register(TaskTimeLimit)
class TaskTimeLimitAdmin(EditedInAdmin):
    """The time limit of each kind of affairs-centre task (editable data)."""

    list_display = ["kind", "limit_hours", "source"]
    list_editable = ["limit_hours"]


@admin.register(AffairsTask)
class AffairsTaskAdmin(WrittenByServicesAdmin):
    list_display = ["id", "kind", "case", "court", "status", "due_at", "claimed_by"]
    list_filter = ["kind", "status", "court"]
    search_fields = ["case__case_number", "instructions"]
    raw_id_fields = ["case", "sent_by", "sent_team", "claimed_by", "job"]


@admin.register(AssetQuery)
class AssetQueryAdmin(WrittenByServicesAdmin):
    list_display = ["id", "job", "case", "institution_name", "status", "attempts", "records_found"]
    list_filter = ["status", "institution_kind"]
    search_fields = ["case__case_number", "institution_code"]
    raw_id_fields = ["job", "case", "investigation_step"]


@admin.register(FreezeRequest)
class FreezeRequestAdmin(WrittenByServicesAdmin):
    list_display = ["id", "case", "institution_name", "account_reference", "amount", "status"]
    list_filter = ["status"]
    search_fields = ["case__case_number", "account_reference"]
    raw_id_fields = ["case", "finding", "measure", "requested_by"]


@admin.register(RequeryRound)
class RequeryRoundAdmin(WrittenByServicesAdmin):
    list_display = ["case", "round_number", "due_on", "status", "done_on", "found_property"]
    list_filter = ["status", "found_property"]
    search_fields = ["case__case_number"]
    raw_id_fields = ["case", "job"]


class DirectiveRecipientInline(RestrictedTabularInline):
    model = DirectiveRecipient
    extra = 0
    raw_id_fields = ["acknowledged_by", "reported_by"]


@admin.register(Directive)
class DirectiveAdmin(WrittenByServicesAdmin):
    list_display = ["title", "court", "feedback_due_on", "status", "issued_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    raw_id_fields = ["case", "issued_by"]
    inlines = [DirectiveRecipientInline]


class OperationAssignmentInline(RestrictedTabularInline):
    model = OperationAssignment
    extra = 0
    raw_id_fields = ["officer", "equipment"]


@admin.register(OperationParticipant)
class OperationParticipantAdmin(WrittenByServicesAdmin):
    list_display = ["operation", "bureau", "cases_targeted", "cases_concluded", "amount_recovered"]
    raw_id_fields = ["results_reported_by"]
    inlines = [OperationAssignmentInline]


class OperationParticipantInline(RestrictedTabularInline):
    model = OperationParticipant
    extra = 0
    fields = ["bureau", "task", "cases_targeted", "cases_concluded", "amount_recovered"]


@admin.register(Operation)
class OperationAdmin(WrittenByServicesAdmin):
    list_display = ["name", "court", "starts_on", "ends_on", "status"]
    list_filter = ["status"]
    search_fields = ["name"]
    raw_id_fields = ["created_by"]
    inlines = [OperationParticipantInline]


@admin.register(VideoConsultation)
class VideoConsultationAdmin(WrittenByServicesAdmin):
    list_display = ["subject", "court", "held_at", "case"]
    search_fields = ["subject", "minutes"]
    raw_id_fields = ["case", "participants", "recorded_by"]


class FieldRecordAttachmentInline(RestrictedTabularInline):
    model = FieldRecordAttachment
    extra = 0
    fields = ["title", "original_name", "content_type", "size", "sha256", "uploaded_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(FieldRecord)
class FieldRecordAdmin(WrittenByServicesAdmin):
    list_display = ["activity", "case", "court", "started_at", "place"]
    search_fields = ["case__case_number", "place", "activity"]
    raw_id_fields = ["case", "officers", "equipment", "recorded_by"]
    inlines = [FieldRecordAttachmentInline]


@admin.register(DispatchLogEntry)
class DispatchLogEntryAdmin(WrittenByServicesAdmin):
    list_display = ["occurred_at", "court", "severity", "location", "status"]
    list_filter = ["severity", "status", "court"]
    search_fields = ["location", "situation"]
    raw_id_fields = ["case", "logged_by"]


@admin.register(PublicOpinionItem)
class PublicOpinionItemAdmin(WrittenByServicesAdmin):
    list_display = ["title", "court", "source", "sentiment", "status", "discovered_at"]
    list_filter = ["source", "sentiment", "status"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["case", "responded_by", "recorded_by"]


class InstitutionQualificationInline(RestrictedTabularInline):
    model = InstitutionQualification
    extra = 1


@admin.register(Institution)
class InstitutionAdmin(EditedInAdmin):
    """The roster's particulars are kept here: contact, still on the roster or not,
    qualifications and their expiry. Admission is on the roster page, which checks
    the credit code and that no roster has the institution yet (DOMAIN.md §5)."""

    list_display = ["name", "kind", "court", "admitted_on", "is_active"]
    list_filter = ["kind", "is_active", "court"]
    search_fields = ["name", "credit_code"]
    readonly_fields = ["name", "kind", "credit_code", "admitted_on"]
    inlines = [InstitutionQualificationInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # commissions point to it; taken off the roster instead


@admin.register(OutsourcedTask)
class OutsourcedTaskAdmin(WrittenByServicesAdmin):
    list_display = ["id", "work", "institution", "court", "deadline", "status", "rating"]
    list_filter = ["work", "status"]
    search_fields = ["institution__name", "case__case_number", "scope"]
    raw_id_fields = ["case", "commissioned_by"]

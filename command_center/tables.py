import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from command_center.models import (
    AffairsTask,
    AssetQuery,
    Directive,
    DirectiveRecipient,
    DispatchLogEntry,
    FieldRecord,
    FreezeRequest,
    Institution,
    Operation,
    OperationParticipant,
    OutsourcedTask,
    PublicOpinionItem,
    RequeryRound,
    VideoConsultation,
)
from courts.tables import court_row_attrs
from haikou_exec.models import BackgroundJob, Notification
from haikou_exec.tables import MoneyColumn


class BackgroundJobTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    percent = tables.TemplateColumn(
        '<div class="progress" style="min-width:8rem"><div class="progress-bar" style="width: {{ record.percent }}%">{{ record.percent }}%</div></div>',
        verbose_name=_("Progress"),
        orderable=False,
    )

    class Meta:
        model = BackgroundJob
        fields = ("id", "kind", "status", "percent", "created_by", "created_at", "finished_at")
        row_attrs = court_row_attrs(lambda j: j.court)


class NotificationTable(tables.Table):
    title = tables.TemplateColumn(
        '{% if record.link %}<a href="{{ record.link }}">{{ record.title }}</a>{% else %}{{ record.title }}{% endif %}'
        '{% if not record.read_at %} <span class="badge text-bg-primary">{{ unread_label }}</span>{% endif %}',
        extra_context={"unread_label": _("Unread")},
    )

    class Meta:
        model = Notification
        fields = ("created_at", "level", "title", "body")
        row_attrs = {
            "data-court": lambda record: record.scope_court.code if record.scope_court else ""
        }


def _case_column():
    return tables.Column(
        accessor="case",
        linkify=lambda record: record.case.get_absolute_url(),
        verbose_name=_("Case"),
    )


class OverdueMixin:
    def render_is_overdue(self, record):
        if record.is_overdue:
            return format_html('<span class="badge text-bg-danger">{}</span>', _("Overdue"))
        return ""


class AffairsTaskTable(OverdueMixin, tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    case = _case_column()
    court = tables.Column(accessor="court__short_name", verbose_name=_("Court"))
    is_overdue = tables.Column(empty_values=(), orderable=False, verbose_name=_("Overdue"))

    class Meta:
        model = AffairsTask
        fields = ("id", "kind", "case", "court", "status", "sent_at", "due_at", "claimed_by")
        sequence = ("id", "kind", "case", "court", "status", "is_overdue", "...")
        row_attrs = court_row_attrs(lambda t: t.court)
        order_by = ("due_at",)


class AssetQueryTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    case = _case_column()
    job = tables.Column(
        linkify=lambda record: record.job.get_absolute_url(), verbose_name=_("Batch")
    )

    class Meta:
        model = AssetQuery
        fields = (
            "id",
            "case",
            "institution_name",
            "institution_kind",
            "status",
            "attempts",
            "records_found",
            "new_findings",
            "answered_at",
            "last_error",
            "job",
        )
        row_attrs = court_row_attrs(lambda q: q.case.court)


class FreezeRequestTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    case = _case_column()
    amount = MoneyColumn()
    frozen_amount = MoneyColumn()

    class Meta:
        model = FreezeRequest
        fields = (
            "id",
            "case",
            "institution_name",
            "account_reference",
            "amount",
            "status",
            "frozen_amount",
            "frozen_until",
            "requested_at",
        )
        row_attrs = court_row_attrs(lambda f: f.case.court)


class RequeryRoundTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    case = _case_column()
    court = tables.Column(
        accessor="case__court__short_name", verbose_name=_("Court"), orderable=False
    )

    # 轮次 of a re-query, not the 拍次 of an auction (both are "round" in English).
    round_number = tables.Column(verbose_name=pgettext_lazy("re-query", "round"))

    class Meta:
        model = RequeryRound
        fields = (
            "id",
            "case",
            "court",
            "round_number",
            "due_on",
            "status",
            "done_on",
            "found_property",
            "applicant_informed_at",
        )
        row_attrs = court_row_attrs(lambda r: r.case.court)


class DirectiveTable(tables.Table):
    title = tables.Column(linkify=True)

    class Meta:
        model = Directive
        fields = ("title", "feedback_due_on", "status", "issued_by", "issued_at")
        row_attrs = court_row_attrs(lambda d: d.court)


class DirectiveRecipientTable(tables.Table):
    directive = tables.Column(
        linkify=lambda record: record.get_absolute_url(), verbose_name=_("Directive")
    )
    due = tables.Column(accessor="directive__feedback_due_on", verbose_name=_("Feedback due on"))

    class Meta:
        model = DirectiveRecipient
        fields = (
            "directive",
            "bureau",
            "due",
            "status",
            "acknowledged_at",
            "reported_at",
            "escalated_at",
        )
        row_attrs = court_row_attrs(lambda r: r.bureau.court)


class OperationTable(tables.Table):
    name = tables.Column(linkify=True)

    class Meta:
        model = Operation
        fields = ("name", "starts_on", "ends_on", "status", "created_by")
        row_attrs = court_row_attrs(lambda o: o.court)


class OperationParticipantTable(tables.Table):
    operation = tables.Column(
        linkify=lambda record: record.get_absolute_url(), verbose_name=_("Operation")
    )
    amount_recovered = MoneyColumn()

    class Meta:
        model = OperationParticipant
        fields = (
            "operation",
            "bureau",
            "cases_targeted",
            "cases_concluded",
            "amount_recovered",
            "detentions",
            "results_reported_at",
        )
        row_attrs = court_row_attrs(lambda p: p.bureau.court)


class VideoConsultationTable(tables.Table):
    subject = tables.Column(linkify=True)

    class Meta:
        model = VideoConsultation
        fields = ("subject", "held_at", "case", "court", "recorded_by")
        row_attrs = court_row_attrs(lambda v: v.court)


class FieldRecordTable(tables.Table):
    activity = tables.Column(linkify=True)
    case = _case_column()

    class Meta:
        model = FieldRecord
        fields = ("activity", "case", "started_at", "place", "recorded_by")
        row_attrs = court_row_attrs(lambda r: r.court)


class DispatchLogEntryTable(tables.Table):
    occurred_at = tables.DateTimeColumn(linkify=True)

    class Meta:
        model = DispatchLogEntry
        fields = ("occurred_at", "severity", "location", "court", "status", "logged_by")
        row_attrs = court_row_attrs(lambda e: e.court)


class PublicOpinionItemTable(tables.Table):
    title = tables.Column(linkify=True)

    class Meta:
        model = PublicOpinionItem
        fields = ("title", "source", "sentiment", "court", "discovered_at", "status")
        row_attrs = court_row_attrs(lambda i: i.court)


class InstitutionTable(tables.Table):
    name = tables.Column(linkify=True)

    class Meta:
        model = Institution
        fields = ("name", "kind", "court", "contact_person", "phone", "admitted_on", "is_active")
        row_attrs = court_row_attrs(lambda i: i.court)


class OutsourcedTaskTable(OverdueMixin, tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    is_overdue = tables.Column(empty_values=(), orderable=False, verbose_name=_("Overdue"))

    class Meta:
        model = OutsourcedTask
        fields = ("id", "work", "institution", "case", "court", "deadline", "status", "rating")
        sequence = ("id", "work", "institution", "case", "court", "deadline", "is_overdue", "...")
        row_attrs = court_row_attrs(lambda t: t.court)

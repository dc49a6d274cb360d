"""Filters shared by the command-centre pages and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.numbers import normalise_parentheses
from command_center.choices import AffairsTaskStatus, OperationStatus, RequeryStatus
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
from courts.filtersets import CourtCodeFilter
from haikou_exec.choices import NotificationLevel
from haikou_exec.models import BackgroundJob, Notification


class BackgroundJobFilterSet(django_filters.FilterSet):
    class Meta:
        model = BackgroundJob
        fields = ["kind", "status"]


class NotificationFilterSet(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", label=_("Unread only")
    )

    class Meta:
        model = Notification
        fields = ["level"]


class NotificationApiFilterSet(django_filters.FilterSet):
    """The API's filters: ``?level=info|due_soon|overdue`` and ``?unread=true``."""

    level = django_filters.ChoiceFilter(
        method="filter_level",
        label=_("level"),
        choices=[
            ("info", NotificationLevel.INFO.label),
            ("due_soon", NotificationLevel.WARNING.label),
            ("overdue", NotificationLevel.DANGER.label),
        ],
    )
    unread = django_filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", label=_("Unread only")
    )

    class Meta:
        model = Notification
        fields: list[str] = []

    def filter_level(self, queryset, name, value):
        from haikou_exec.notifications import LEVEL_VALUES

        return queryset.filter(level=LEVEL_VALUES[value])


class CourtFilterSet(django_filters.FilterSet):
    """``?court=琼0105`` (the court code, as everywhere): on a page, a select of the
    reader's courts."""

    court_path = "court"
    court = CourtCodeFilter()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["court"].field_name = self.court_path


class CaseNumberMixin(django_filters.FilterSet):
    case_number = django_filters.CharFilter(method="filter_case_number", label=_("Case number"))

    def filter_case_number(self, queryset, name, value):
        value = normalise_parentheses(value)
        return queryset.filter(case__case_number__startswith=value) if value else queryset


class AffairsTaskFilterSet(CourtFilterSet, CaseNumberMixin):
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("Claimed by me"))
    open = django_filters.BooleanFilter(method="filter_open", label=_("Open (waiting or claimed)"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = AffairsTask
        fields = ["court", "case_number", "kind", "status", "open", "mine", "overdue"]

    def filter_mine(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if value is None or user is None:
            return queryset
        return queryset.filter(claimed_by=user) if value else queryset.exclude(claimed_by=user)

    def filter_open(self, queryset, name, value):
        q = Q(status__in=list(AffairsTaskStatus.open_states()))
        return queryset.filter(q) if value else queryset.exclude(q)

    def filter_overdue(self, queryset, name, value):
        q = Q(status__in=list(AffairsTaskStatus.open_states()), due_at__lt=timezone.now())
        return queryset.filter(q) if value else queryset.exclude(q)


class AssetQueryFilterSet(CourtFilterSet, CaseNumberMixin):
    court_path = "case__court"
    # From the batch's and the case's pages: hidden fields, never a number to type.
    job = django_filters.NumberFilter(
        field_name="job_id", label=_("Batch"), widget=forms.HiddenInput
    )
    case = django_filters.NumberFilter(
        field_name="case_id", label=_("Case"), widget=forms.HiddenInput
    )
    found = django_filters.BooleanFilter(method="filter_found", label=_("Records found"))

    class Meta:
        model = AssetQuery
        fields = ["court", "case_number", "job", "case", "institution_kind", "status", "found"]

    def filter_found(self, queryset, name, value):
        return queryset.filter(records_found__gt=0) if value else queryset.filter(records_found=0)


class FreezeRequestFilterSet(CourtFilterSet, CaseNumberMixin):
    court_path = "case__court"

    class Meta:
        model = FreezeRequest
        fields = ["court", "case_number", "status"]


class RequeryRoundFilterSet(CourtFilterSet, CaseNumberMixin):
    court_path = "case__court"
    open = django_filters.BooleanFilter(method="filter_open", label=_("Due or being queried"))

    class Meta:
        model = RequeryRound
        fields = ["court", "case_number", "status", "open", "found_property"]

    def filter_open(self, queryset, name, value):
        q = Q(status__in=[RequeryStatus.DUE, RequeryStatus.QUERYING])
        return queryset.filter(q) if value else queryset.exclude(q)


class DirectiveFilterSet(CourtFilterSet):
    class Meta:
        model = Directive
        fields = ["status"]


class DirectiveRecipientFilterSet(CourtFilterSet):
    court_path = "bureau__court"
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Feedback overdue"))

    class Meta:
        model = DirectiveRecipient
        fields = ["court", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        q = ~Q(status="reported") & Q(directive__feedback_due_on__lt=timezone.localdate())
        return queryset.filter(q) if value else queryset.exclude(q)


class OperationFilterSet(CourtFilterSet):
    class Meta:
        model = Operation
        fields = ["status"]


class OperationParticipantFilterSet(CourtFilterSet):
    court_path = "bureau__court"
    # Labelled as one word (django-filter would join the two: 行动 状态).
    operation__status = django_filters.ChoiceFilter(
        choices=OperationStatus.choices, label=_("Operation status")
    )

    class Meta:
        model = OperationParticipant
        fields = ["court", "operation__status"]


class VideoConsultationFilterSet(CourtFilterSet, CaseNumberMixin):
    class Meta:
        model = VideoConsultation
        fields = ["court", "case_number"]


class FieldRecordFilterSet(CourtFilterSet, CaseNumberMixin):
    started_from = django_filters.DateFilter(
        field_name="started_at", lookup_expr="date__gte", label=_("From")
    )
    started_to = django_filters.DateFilter(
        field_name="started_at", lookup_expr="date__lte", label=_("Until")
    )

    class Meta:
        model = FieldRecord
        fields = ["court", "case_number", "started_from", "started_to"]


class DispatchLogEntryFilterSet(CourtFilterSet):
    class Meta:
        model = DispatchLogEntry
        fields = ["court", "severity", "status"]


class PublicOpinionItemFilterSet(CourtFilterSet):
    class Meta:
        model = PublicOpinionItem
        fields = ["court", "source", "sentiment", "status"]


class InstitutionFilterSet(CourtFilterSet):
    class Meta:
        model = Institution
        fields = ["court", "kind", "is_active"]


class OutsourcedTaskFilterSet(CourtFilterSet, CaseNumberMixin):
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = OutsourcedTask
        fields = ["court", "case_number", "work", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        q = Q(status__in=["commissioned", "rejected"], deadline__lt=timezone.localdate())
        return queryset.filter(q) if value else queryset.exclude(q)

"""Filters shared by the supervision pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courts.filtersets import CourtCodeFilter
from supervision.choices import (
    AlertStatus,
    FindingCategory,
    FindingStatus,
    InspectionKind,
    InspectionStatus,
    OrderStatus,
    ReviewStatus,
    Severity,
    SupervisionStatus,
    SupervisionTrigger,
    TalkStatus,
)
from supervision.models import (
    Alert,
    AlertRule,
    CaseReview,
    DirectorTalk,
    Inspection,
    InspectionFinding,
    JointInspection,
    SupervisionCase,
    SupervisionOrder,
)


class _CourtFilter(django_filters.FilterSet):
    court = CourtCodeFilter()


class AlertFilterSet(_CourtFilter):
    rule = django_filters.ModelChoiceFilter(queryset=AlertRule.objects.all(), label=_("Rule"))
    status = django_filters.ChoiceFilter(choices=AlertStatus.choices, label=_("Status"))
    case = django_filters.CharFilter(
        field_name="case__case_number", lookup_expr="startswith", label=_("Case number")
    )

    class Meta:
        model = Alert
        fields = ["court", "rule", "status", "severity", "case"]


class SupervisionCaseFilterSet(_CourtFilter):
    status = django_filters.ChoiceFilter(choices=SupervisionStatus.choices, label=_("Status"))
    trigger = django_filters.ChoiceFilter(choices=SupervisionTrigger.choices, label=_("Trigger"))
    q = django_filters.CharFilter(method="search", label=_("Reference, subject or case number"))

    class Meta:
        model = SupervisionCase
        fields = ["court", "status", "trigger", "source", "q"]

    def search(self, queryset, name, value):
        from django.db.models import Q

        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(reference__contains=value)
            | Q(title__contains=value)
            | Q(supervised_case__case_number__startswith=value)
        )


class SupervisionOrderFilterSet(_CourtFilter):
    status = django_filters.ChoiceFilter(choices=OrderStatus.choices, label=_("Status"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = SupervisionOrder
        fields = ["court", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        from django.utils import timezone

        overdue = {
            "status__in": [OrderStatus.ISSUED, OrderStatus.RETURNED],
            "respond_by__lt": timezone.localdate(),
        }
        return queryset.filter(**overdue) if value else queryset.exclude(**overdue)


class InspectionFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=InspectionKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=InspectionStatus.choices, label=_("Status"))

    class Meta:
        model = Inspection
        fields = ["kind", "status"]


class InspectionFindingFilterSet(_CourtFilter):
    category = django_filters.ChoiceFilter(choices=FindingCategory.choices, label=_("Category"))
    severity = django_filters.ChoiceFilter(
        choices=Severity.choices, label=pgettext_lazy("supervision", "Severity")
    )
    status = django_filters.ChoiceFilter(choices=FindingStatus.choices, label=_("Status"))

    class Meta:
        model = InspectionFinding
        fields = ["court", "inspection", "category", "severity", "status"]


class CaseReviewFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="case__court")
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices, label=_("Status"))

    class Meta:
        model = CaseReview
        fields = ["court", "status", "grade", "inspection"]


class JointInspectionFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="case__court")

    class Meta:
        model = JointInspection
        fields = ["court", "status", "case_conclusion"]


class DirectorTalkFilterSet(_CourtFilter):
    status = django_filters.ChoiceFilter(choices=TalkStatus.choices, label=_("Status"))

    class Meta:
        model = DirectorTalk
        fields = ["court", "status"]

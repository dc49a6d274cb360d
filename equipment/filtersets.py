"""Filters shared by the pages and the API (STYLE.md §5). Dashboard figures link
to lists through these parameters."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courts.filtersets import CourtCodeFilter
from equipment.choices import InspectionStatus, ItemStatus
from equipment.models import (
    ComplianceScore,
    EquipmentAssignment,
    EquipmentInspection,
    EquipmentItem,
    EquipmentStandard,
)


class EquipmentItemFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Serial number or name contains"))
    court = CourtCodeFilter()
    in_service = django_filters.BooleanFilter(
        method="filter_in_service", label=pgettext_lazy("equipment", "In service")
    )
    service_end_before = django_filters.DateFilter(
        field_name="service_end_on", lookup_expr="lte", label=_("Service life ends by")
    )
    held = django_filters.BooleanFilter(method="filter_held", label=_("Still held"))
    counted_on = django_filters.DateFilter(
        method="filter_counted_on", label=_("Counts towards the standard on")
    )
    # By id (from links: a hidden field on the page) or name, never a drop-down of
    # every officer (it would list other courts' people and grow with the staff).
    custodian = django_filters.NumberFilter(
        field_name="custodian_id", label=_("Custodian"), widget=forms.HiddenInput
    )
    custodian_name = django_filters.CharFilter(
        field_name="custodian__name", lookup_expr="icontains", label=_("Custodian name contains")
    )

    class Meta:
        model = EquipmentItem
        fields = ["category", "status"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(serial_number__icontains=value) | Q(name__icontains=value))

    def filter_in_service(self, queryset, name, value):
        # The items that count towards a standard (ItemStatus.in_service).
        statuses = list(ItemStatus.in_service())
        return (
            queryset.filter(status__in=statuses) if value else queryset.exclude(status__in=statuses)
        )

    def filter_counted_on(self, queryset, name, value):
        # The items the compliance score counts on that day (services.compliance).
        return queryset.filter(
            status__in=list(ItemStatus.in_service()),
            purchase_date__lte=value,
            service_end_on__gt=value,
        )

    def filter_held(self, queryset, name, value):
        # Not yet lost or scrapped: what the end-of-life reminder looks at.
        gone = [ItemStatus.LOST, ItemStatus.SCRAPPED]
        return queryset.exclude(status__in=gone) if value else queryset.filter(status__in=gone)


class EquipmentAssignmentFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="item__court")
    open = django_filters.BooleanFilter(
        field_name="returned_at", lookup_expr="isnull", label=_("Not yet returned")
    )
    operation = django_filters.CharFilter(
        field_name="operation_reference",
        lookup_expr="icontains",
        label=_("Field operation contains"),
    )

    # From the item's and the officer's pages: hidden fields, never a number to type.
    item = django_filters.NumberFilter(
        field_name="item_id", label=pgettext_lazy("equipment", "Item"), widget=forms.HiddenInput
    )
    officer = django_filters.NumberFilter(
        field_name="officer_id", label=_("Officer"), widget=forms.HiddenInput
    )
    officer_name = django_filters.CharFilter(
        field_name="officer__name", lookup_expr="icontains", label=_("Officer name contains")
    )

    class Meta:
        model = EquipmentAssignment
        fields = []


class EquipmentStandardFilterSet(django_filters.FilterSet):
    class Meta:
        model = EquipmentStandard
        fields = ["tier", "category"]


class EquipmentInspectionFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter()
    open_rectification = django_filters.BooleanFilter(
        method="filter_open_rectification", label=_("Rectification open")
    )
    scheduled_after = django_filters.DateFilter(
        field_name="scheduled_on", lookup_expr="gte", label=_("Scheduled from")
    )
    scheduled_before = django_filters.DateFilter(
        field_name="scheduled_on", lookup_expr="lte", label=_("Scheduled until")
    )

    class Meta:
        model = EquipmentInspection
        fields = ["status"]

    def filter_open_rectification(self, queryset, name, value):
        states = list(InspectionStatus.open_rectification())
        return queryset.filter(status__in=states) if value else queryset.exclude(status__in=states)


class ComplianceScoreFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter()

    class Meta:
        model = ComplianceScore
        fields = ["year"]

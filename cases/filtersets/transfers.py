"""Filters of transfers, suggestions, criminal judgments and 刑更 reviews, shared
by the pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.choices import (
    CommutationKind,
    CriminalJudgmentStatus,
    SuggestionStatus,
    TransferKind,
    TransferStatus,
)
from cases.models import CommutationReview, CriminalJudgment, TransferRequest, TransferSuggestion
from cases.numbers import normalise_parentheses
from courts.filtersets import CourtCodeFilter


class TransferRequestFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Case number"))
    court = CourtCodeFilter(field_name="case__court")
    # Any court of the city may receive a transfer.
    target_court = CourtCodeFilter(
        field_name="target_court", label=_("Receiving court"), scoped=False
    )
    kind = django_filters.ChoiceFilter(choices=TransferKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=TransferStatus.choices, label=_("Status"))

    class Meta:
        model = TransferRequest
        fields = ["q", "court", "target_court", "kind", "status"]

    def search(self, queryset, name, value):
        value = normalise_parentheses(value)
        if not value:
            return queryset
        return queryset.filter(
            Q(case__case_number__startswith=value) | Q(new_case__case_number__startswith=value)
        )


class TransferSuggestionFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="case__court")
    kind = django_filters.ChoiceFilter(choices=TransferKind.choices, label=_("Proposed"))
    status = django_filters.ChoiceFilter(choices=SuggestionStatus.choices, label=_("Status"))

    class Meta:
        model = TransferSuggestion
        fields = ["court", "kind", "status"]


class CriminalJudgmentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Judgment number or convict"))
    status = django_filters.ChoiceFilter(choices=CriminalJudgmentStatus.choices, label=_("Status"))
    judging_court = CourtCodeFilter(
        field_name="judging_court", label=_("Judging court"), scoped=False
    )

    class Meta:
        model = CriminalJudgment
        fields = ["q", "status", "judging_court"]

    def search(self, queryset, name, value):
        value = normalise_parentheses(value)
        if not value:
            return queryset
        return queryset.filter(
            Q(judgment_number__startswith=value)
            | Q(convict_name__startswith=value)
            | Q(convict_id_number=value.upper())
        )


class CommutationReviewFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Case number or convict"))
    kind = django_filters.ChoiceFilter(choices=CommutationKind.choices, label=_("Kind"))
    pending = django_filters.BooleanFilter(
        field_name="certificate_issued_on", lookup_expr="isnull", label=_("Certificate pending")
    )

    class Meta:
        model = CommutationReview
        fields = ["q", "kind", "pending"]

    def search(self, queryset, name, value):
        value = normalise_parentheses(value)
        if not value:
            return queryset
        return queryset.filter(
            Q(case__case_number__startswith=value)
            | Q(convict_name__startswith=value)
            | Q(convict_id_number=value.upper())
        )

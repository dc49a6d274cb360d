"""Filters of commissions (委托执行) and disposals after auctions (变卖 / 以物抵债)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.choices import CommissionDirection, CommissionStatus, DisposalKind
from cases.models import AssetDisposal, Commission
from cases.numbers import normalise_parentheses
from courts.filtersets import CourtCodeFilter


class CommissionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Case number"))
    court = CourtCodeFilter(field_name="case__court")
    direction = django_filters.ChoiceFilter(
        choices=CommissionDirection.choices, label=pgettext_lazy("commission", "direction")
    )
    status = django_filters.ChoiceFilter(choices=CommissionStatus.choices, label=_("Status"))

    class Meta:
        model = Commission
        fields = ["q", "court", "direction", "status"]

    def search(self, queryset, name, value):
        value = normalise_parentheses(value)
        return queryset.filter(case__case_number__startswith=value) if value else queryset


class AssetDisposalFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Case number"))
    court = CourtCodeFilter(field_name="measure__case__court")
    kind = django_filters.ChoiceFilter(choices=DisposalKind.choices, label=_("Kind"))

    class Meta:
        model = AssetDisposal
        fields = ["q", "court", "kind"]

    def search(self, queryset, name, value):
        value = normalise_parentheses(value)
        return queryset.filter(measure__case__case_number__startswith=value) if value else queryset

"""Filters of the case-funds lists (shared by pages and, where there is one, the API)."""

from __future__ import annotations

import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cases.choices import ApprovalStatus, LedgerEntryKind
from cases.models import CaseAccount, CaseNode, DisbursementRequest, LedgerEntry
from cases.numbers import normalise_parentheses
from courts.models import Court
from haikou_exec.natural import natural_order
from personnel.models import Team


def court_filter(path: str) -> django_filters.ModelChoiceFilter:
    """``?court=琼0105`` (the court code, as everywhere)."""
    return django_filters.ModelChoiceFilter(
        field_name=path, queryset=Court.objects.none(), to_field_name="code", label=_("Court")
    )


class CourtScopedFilterSet(django_filters.FilterSet):
    """The court choices are the courts the user sees."""

    court = court_filter("case__court")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self.filters["court"].queryset = Court.objects.restrict(user).order_by("sort_order")


class LedgerEntryListFilterSet(CourtScopedFilterSet):
    court = court_filter("account__case__court")
    case = django_filters.CharFilter(method="filter_case", label=_("Case number"))
    kind = django_filters.ChoiceFilter(choices=LedgerEntryKind.choices, label=_("Kind"))
    occurred_from = django_filters.DateFilter(
        field_name="occurred_on", lookup_expr="gte", label=_("From")
    )
    occurred_to = django_filters.DateFilter(
        field_name="occurred_on", lookup_expr="lte", label=_("Until")
    )

    class Meta:
        model = LedgerEntry
        fields = ["court", "case", "kind", "occurred_from", "occurred_to"]

    def filter_case(self, queryset, name, value):
        value = normalise_parentheses(value)
        return queryset.filter(account__case__case_number__startswith=value) if value else queryset


class CaseAccountFilterSet(CourtScopedFilterSet):
    has_balance = django_filters.BooleanFilter(method="filter_has_balance", label=_("Holds funds"))
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Funds undisbursed over 30 days")
    )
    mismatch = django_filters.BooleanFilter(
        method="filter_mismatch", label=_("Balance disagrees with the entries")
    )

    class Meta:
        model = CaseAccount
        fields = ["court", "has_balance", "overdue", "mismatch"]

    def filter_has_balance(self, queryset, name, value):
        return queryset.filter(balance__gt=0) if value else queryset.filter(balance=0)

    def filter_overdue(self, queryset, name, value):
        # needs cases.selectors.funds.account_list's annotation
        return queryset.filter(has_overdue_funds=value)

    def filter_mismatch(self, queryset, name, value):
        differs = ~Q(ledger_sum=F("balance"))
        return queryset.filter(differs) if value else queryset.exclude(differs)


class DisbursementRequestFilterSet(CourtScopedFilterSet):
    status = django_filters.ChoiceFilter(choices=ApprovalStatus.choices, label=_("Status"))

    class Meta:
        model = DisbursementRequest
        fields = ["court", "status"]


class UndisbursedFundsFilterSet(CourtScopedFilterSet):
    team = django_filters.ModelChoiceFilter(
        field_name="case__team", queryset=Team.objects.none(), label=_("Team")
    )

    class Meta:
        model = CaseNode
        fields = ["court", "team"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self.filters["team"].queryset = (
                Team.objects.restrict(user)
                .select_related("bureau__court")
                .order_by("bureau__court__sort_order", *natural_order())
            )

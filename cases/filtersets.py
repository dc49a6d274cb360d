"""Filters shared by the case pages and the API."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import CaseStatus, CaseType, ClosingType, NodeStatus
from cases.models import CaseNode, EnforcementCase, LedgerEntry, Measure, Party
from cases.numbers import normalise_parentheses
from courts.filtersets import CourtCodeFilter
from haikou_exec.expressions import InArray
from haikou_exec.widgets import FastDateInput, FastNullBooleanSelect, FastSelect, FastTextInput
from personnel.models import Team


class EnforcementCaseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search", label=_("Case number, party name or ID number"), widget=FastTextInput
    )
    court = CourtCodeFilter(widget=FastTextInput)
    case_type = django_filters.ChoiceFilter(
        choices=CaseType.choices, label=_("Type code"), widget=FastSelect
    )
    status = django_filters.ChoiceFilter(
        choices=CaseStatus.choices, label=_("Status"), widget=FastSelect
    )
    closing_type = django_filters.ChoiceFilter(
        choices=ClosingType.choices, label=_("Closing type"), widget=FastSelect
    )
    # City-wide readers choose among hundreds of teams: grouped by court, read as
    # tuples (FastSelect).
    team = django_filters.ModelChoiceFilter(
        queryset=Team.objects.all(),
        label=_("Team"),
        widget=FastSelect(label_field="name", group_field="bureau__court__short_name"),
    )
    filed_from = django_filters.DateFilter(
        field_name="filed_on", lookup_expr="gte", label=_("Filed from"), widget=FastDateInput
    )
    filed_to = django_filters.DateFilter(
        field_name="filed_on", lookup_expr="lte", label=_("Filed until"), widget=FastDateInput
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Has overdue nodes"), widget=FastNullBooleanSelect
    )
    # Used by the leadership dashboards' drill-down (command_center/dashboard.py).
    is_open = django_filters.BooleanFilter(
        method="filter_is_open", label=_("Open (not closed)"), widget=FastNullBooleanSelect
    )
    closed_from = django_filters.DateFilter(
        field_name="closed_on", lookup_expr="gte", label=_("Closed from"), widget=FastDateInput
    )
    closed_to = django_filters.DateFilter(
        field_name="closed_on", lookup_expr="lte", label=_("Closed until"), widget=FastDateInput
    )

    class Meta:
        model = EnforcementCase
        fields = [
            "q",
            "court",
            "case_type",
            "status",
            "closing_type",
            "team",
            "filed_from",
            "filed_to",
            "overdue",
            "is_open",
            "closed_from",
            "closed_to",
        ]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self.filters["team"].queryset = Team.objects.restrict(user)

    @property
    def form(self):
        # The case list writes its filter fields out (cases/case_list.html): the
        # Bootstrap classes go on the widgets here.
        form = super().form
        for field in form.fields.values():
            widget = field.widget
            css = (
                "form-select form-select-sm"
                if hasattr(widget, "choices")
                else "form-control form-control-sm"
            )
            widget.attrs.setdefault("class", css)
        return form

    def search(self, queryset, name, value):
        value = normalise_parentheses(value)
        if not value:
            return queryset
        # A case number starts with its year in parentheses (either form, made
        # full-width above): a prefix search on the number's pattern index. Anything
        # else is a party's name prefix or ID number: the matching parties' cases,
        # as a semi-join (no DISTINCT over a join, no OR across two tables).
        if value.startswith("（"):
            return queryset.filter(case_number__startswith=value)
        parties = Party.objects.filter(Q(name__startswith=value) | Q(id_number=value.upper()))
        return queryset.filter(pk__in=parties.values("case_id"))

    def filter_overdue(self, queryset, name, value):
        overdue = CaseNode.objects.filter(status=NodeStatus.OPEN, due_on__lt=timezone.localdate())
        if value:
            # The overdue nodes' cases, computed once from the partial index of open
            # nodes (InArray says why not EXISTS or IN).
            return queryset.filter(InArray("pk", overdue.values("case_id")))
        return queryset.exclude(Exists(overdue.filter(case=OuterRef("pk"))))

    def filter_is_open(self, queryset, name, value):
        closed = Q(status=CaseStatus.CLOSED)
        return queryset.exclude(closed) if value else queryset.filter(closed)


class CaseNodeFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="case__court")
    team = django_filters.NumberFilter(field_name="case__team_id", label=_("Team"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))
    due_within = django_filters.NumberFilter(
        method="filter_due_within", label=_("Due within (days)")
    )

    class Meta:
        model = CaseNode
        fields = ["status", "definition"]

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(due_on__lt=today) if value else queryset.filter(due_on__gte=today)

    def filter_due_within(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(
            due_on__gte=today, due_on__lte=today + timezone.timedelta(days=int(value))
        )


class MeasureFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="case__court")
    expires_before = django_filters.DateFilter(
        field_name="expires_on", lookup_expr="lte", label=_("Expires by")
    )

    class Meta:
        model = Measure
        fields = ["kind", "asset_type", "status"]


class LedgerEntryFilterSet(django_filters.FilterSet):
    class Meta:
        model = LedgerEntry
        fields = ["kind"]

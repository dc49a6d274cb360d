"""Filters shared by the case pages and the API; the funds pages' are in
``cases.filtersets.funds``, transfers' and criminal property's in
``cases.filtersets.transfers``."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import CaseStatus, CaseType, ClosingType
from cases.models import CaseNode, EnforcementCase, Measure
from cases.search import filter_cases, parse_query
from cases.selectors import dossier_to_file, overdue_nodes
from courts.access import scope_for
from courts.filtersets import CourtCodeFilter
from haikou_exec.expressions import InArray
from haikou_exec.natural import natural_order
from haikou_exec.widgets import FastDateInput, FastNullBooleanSelect, FastSelect, FastTextInput
from personnel.models import Team


def teams_for(user):
    """The teams a reader may choose, by court and then in natural order (2组 before
    10组)."""
    return Team.objects.restrict(user).order_by("bureau__court__sort_order", *natural_order())


class EnforcementCaseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search", label=_("Case number, party name or ID number"), widget=FastTextInput
    )
    court = CourtCodeFilter()
    case_type = django_filters.ChoiceFilter(
        choices=CaseType.choices, label=_("Type code"), widget=FastSelect
    )
    # One stored state reads 执行中, 审查中 or 审理中 by the case's class
    # (cases.choices.STATUS_WORDING_BY_CLASS); the filter names the three together.
    status = django_filters.ChoiceFilter(
        choices=[
            (
                value,
                _("In progress, under review or being heard")
                if value == CaseStatus.IN_PROGRESS
                else label,
            )
            for value, label in CaseStatus.choices
        ],
        label=_("Status"),
        widget=FastSelect,
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
    # The clerk's "dossier items to file" (command_center.worklist), in full.
    dossier_to_file = django_filters.BooleanFilter(
        method="filter_dossier_to_file",
        label=_("Filing materials not in the dossier"),
        widget=FastNullBooleanSelect,
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
            "dossier_to_file",
        ]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self.filters["team"].queryset = teams_for(user)

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
        # Any distinctive part of a case number, part of a party's name or the end
        # of an ID number (cases/search.py reads the query and says which index
        # serves each reading).
        query = parse_query(value)
        if not query.text:
            return queryset
        user = getattr(self.request, "user", None)
        own_court = scope_for(user).court_id if user is not None else None
        return filter_cases(queryset, query, own_court_id=own_court)

    def filter_overdue(self, queryset, name, value):
        # Running clocks only: a stayed case is never overdue (cases.selectors).
        overdue = overdue_nodes(today=timezone.localdate())
        if value:
            # The overdue nodes' cases, computed once from the partial index of open
            # nodes (InArray says why not EXISTS or IN).
            return queryset.filter(InArray("pk", overdue.values("case_id")))
        return queryset.exclude(Exists(overdue.filter(case=OuterRef("pk"))))

    def filter_dossier_to_file(self, queryset, name, value):
        missing = dossier_to_file(queryset)
        return missing if value else queryset.exclude(pk__in=missing.values("pk"))

    def filter_is_open(self, queryset, name, value):
        closed = Q(status=CaseStatus.CLOSED)
        return queryset.exclude(closed) if value else queryset.filter(closed)


class CaseNodeFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="case__court")
    # A select of the reader's teams (the API takes the same id as before).
    team = django_filters.ModelChoiceFilter(
        field_name="case__team",
        queryset=Team.objects.none(),
        label=_("Team"),
        widget=FastSelect(label_field="name", group_field="bureau__court__short_name"),
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))
    due_within = django_filters.NumberFilter(
        method="filter_due_within", label=_("Due within (days)")
    )

    class Meta:
        model = CaseNode
        fields = ["status", "definition"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self.filters["team"].queryset = teams_for(user)

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        overdue = overdue_nodes(today=today)
        if value:
            return overdue_nodes(queryset, today)
        return queryset.exclude(pk__in=overdue.values("pk"))

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

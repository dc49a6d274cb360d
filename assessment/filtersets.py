"""Filters shared by the assessment pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from assessment.choices import AssessmentStatus, FigureLevel, PeriodKind, ReportStatus
from assessment.models import (
    BureauAssessmentResult,
    IndicatorSnapshot,
    MonthlyReport,
    OfficerScheme,
)
from courts.filtersets import CourtCodeFilter


def indicator_choices() -> list[tuple[str, str]]:
    """Each indicator once (its latest version's name), valued by its code."""
    from assessment.models import IndicatorDefinition

    names: dict[str, str] = {}
    rows = IndicatorDefinition.objects.order_by("sort_order", "code", "-version")
    for code, name in rows.values_list("code", "name"):
        names.setdefault(code, name)
    return list(names.items())


class IndicatorSnapshotFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter()
    # ``?code=`` as before; on the page, a select of the indicators by name.
    code = django_filters.ChoiceFilter(
        field_name="definition__code", choices=indicator_choices, label=_("Indicator")
    )
    level = django_filters.ChoiceFilter(choices=FigureLevel.choices, label=_("Level"))
    period_kind = django_filters.ChoiceFilter(choices=PeriodKind.choices, label=_("Period"))
    period_end = django_filters.DateFilter(label=_("Period ending on"))

    class Meta:
        model = IndicatorSnapshot
        fields = ["court", "code", "level", "period_kind", "period_end", "is_final"]


class BureauAssessmentResultFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter(field_name="bureau__court")
    year = django_filters.NumberFilter(field_name="assessment__year", label=_("Year"))
    status = django_filters.ChoiceFilter(
        field_name="assessment__status", choices=AssessmentStatus.choices, label=_("Status")
    )
    flagged = django_filters.BooleanFilter(
        field_name="director_adjustment_flag", label=_("Director to be adjusted")
    )

    class Meta:
        model = BureauAssessmentResult
        fields = ["court", "year", "status", "praised", "flagged"]


class MonthlyReportFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter()
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, label=_("Status"))
    year = django_filters.NumberFilter(label=_("Year"))
    month = django_filters.NumberFilter(label=_("Month"))
    late = django_filters.BooleanFilter(field_name="submitted_late", label=_("Submitted late"))

    class Meta:
        model = MonthlyReport
        fields = ["court", "year", "month", "status", "late"]


class OfficerSchemeFilterSet(django_filters.FilterSet):
    court = CourtCodeFilter()

    class Meta:
        model = OfficerScheme
        fields = ["court", "year"]

"""Read paths of assessment: figures per subject for the pages (one aggregate
query per indicator and level), the drill-down querysets, and list rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet, Sum
from django.http import Http404
from django.urls import reverse

from assessment.choices import FigureLevel
from assessment.indicators import (
    NODE,
    Calculation,
    Figure,
    calculation,
    compute_figures,
    subject_filter,
)
from assessment.models import (
    BureauAssessmentResult,
    IndicatorDefinition,
    IndicatorSnapshot,
    MonthlyReport,
    OfficerScheme,
)
from assessment.periods import Period
from cases.models import CaseNode, EnforcementCase
from courts.models import Bureau, Court

SUBJECT_MODELS = {
    FigureLevel.COURT: Court,
    FigureLevel.BUREAU: Bureau,
}


def subject_model(level: str):
    from personnel.models import Officer, Team

    return {**SUBJECT_MODELS, FigureLevel.TEAM: Team, FigureLevel.OFFICER: Officer}[level]


def subject_label(obj) -> str:
    return getattr(obj, "short_name", None) or getattr(obj, "name", str(obj))


def drilldown_url(
    code: str,
    level: str,
    subject_id: int | None,
    period: Period,
    part: str,
    as_of: dt.date | None = None,
) -> str:
    params = {"code": code, "level": level, "period": period.key, "part": part}
    if subject_id is not None:
        params["subject"] = subject_id
    if as_of is not None:
        params["as_of"] = as_of.isoformat()
    return reverse("assessment:drilldown") + "?" + urlencode(params)


def visible_subjects(user, level: str) -> QuerySet:
    model = subject_model(level)
    queryset = model.objects.restrict(user)
    if level == FigureLevel.BUREAU:
        queryset = queryset.select_related("court")
    elif level == FigureLevel.TEAM or level == FigureLevel.OFFICER:
        queryset = queryset.select_related("bureau__court").filter(is_active=True)
    return queryset


@dataclass
class Row:
    subject: object
    label: str
    figure: Figure
    numerator_url: str
    denominator_url: str


def figure_rows(
    user, definition: IndicatorDefinition, period: Period, level: str, as_of: dt.date
) -> list[Row]:
    """One row per subject the user may see, with the figure and its drill-down links."""
    subjects = list(visible_subjects(user, level))
    figures = compute_figures(definition, period, level, as_of, [s.pk for s in subjects])
    empty = Figure.of(0, 0, 1)
    return [
        Row(
            subject,
            subject_label(subject),
            figures.get(subject.pk, empty),
            drilldown_url(definition.code, level, subject.pk, period, "numerator", as_of),
            drilldown_url(definition.code, level, subject.pk, period, "denominator", as_of),
        )
        for subject in subjects
    ]


def restricted_units(user, calc: Calculation) -> QuerySet:
    """The units whose case the user may see (the one restriction point)."""
    visible = EnforcementCase.objects.restrict(user).values("pk")
    return calc.units.filter(
        **{f"{calc.case_prefix}id__in" if calc.case_prefix else "pk__in": visible}
    )


def drilldown(
    user, definition, period: Period, level: str, subject_id: int | None, part: str, as_of: dt.date
):
    """The units behind a figure: the denominator, or the numerator. 404 for a
    subject outside the user's scope."""
    calc = calculation(definition, period, as_of)
    if subject_id is None:
        # Everything the user sees (the city for the city-wide scope).
        units = restricted_units(user, calc)
        subject = None
    else:
        model = subject_model(level)
        subject = model.objects.restrict(user).filter(pk=subject_id).first()
        if subject is None:
            raise Http404
        units = restricted_units(user, calc).filter(
            subject_filter(level, subject_id, calc, period, as_of)
        )
    denominator_units = units
    numerator_units = units if calc.numerator is None else units.filter(calc.numerator)
    figure = _figure_of(calc, numerator_units, denominator_units)
    listed = numerator_units if part == "numerator" else denominator_units
    if calc.unit_kind == NODE:
        listed = listed.select_related("case__court", "definition")
    else:
        listed = listed.select_related("court", "team")
    return {"calc": calc, "subject": subject, "figure": figure, "units": listed.order_by("pk")}


def _figure_of(calc: Calculation, numerator_units, denominator_units) -> Figure:
    if calc.numerator_sum is None:
        numerator = numerator_units.count()
    else:
        numerator = numerator_units.aggregate(s=Sum(calc.numerator_sum))["s"] or 0
    if calc.denominator_sum is None:
        denominator = denominator_units.count()
    else:
        denominator = denominator_units.aggregate(s=Sum(calc.denominator_sum))["s"] or 0
    return Figure.of(numerator, denominator, calc.scale)


def snapshot_units(user, snapshot: IndicatorSnapshot, part: str) -> QuerySet:
    ids = snapshot.numerator_ids if part == "numerator" else snapshot.denominator_ids
    if snapshot.unit_kind == NODE:
        return (
            CaseNode.objects.restrict(user)
            .filter(pk__in=ids)
            .select_related("case__court", "definition")
            .order_by("pk")
        )
    return (
        EnforcementCase.objects.restrict(user)
        .filter(pk__in=ids)
        .select_related("court", "team")
        .order_by("pk")
    )


def snapshot_list(queryset: QuerySet[IndicatorSnapshot]) -> QuerySet[IndicatorSnapshot]:
    return queryset.select_related("definition", "court").defer("numerator_ids", "denominator_ids")


def result_list(queryset: QuerySet[BureauAssessmentResult]) -> QuerySet[BureauAssessmentResult]:
    return queryset.select_related("assessment", "bureau__court").defer("inputs")


def report_list(queryset: QuerySet[MonthlyReport]) -> QuerySet[MonthlyReport]:
    return queryset.select_related("court", "submitted_by").defer("prefilled", "figures")


def officer_scheme_list(queryset: QuerySet[OfficerScheme]) -> QuerySet[OfficerScheme]:
    return queryset.select_related("court")

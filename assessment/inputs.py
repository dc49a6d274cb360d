"""The inputs of the annual bureau assessment (DOMAIN.md §9): what each kind of
component reads, per bureau, for a year up to the data date. They are stored with
the results as the evidence, and ``assessment.scoring`` scores them without a
query.

A component whose source does not exist (the equipment or personnel app does not
provide the score, or no score was recorded for the year) is recorded as not
available, with the reason."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Q

from assessment.choices import AssessmentStatus, ComponentKind, FigureLevel
from assessment.indicators import compute_figures
from assessment.models import BureauAssessmentResult, MonthlyReport
from assessment.periods import Period
from assessment.scoring import DEFAULT_SUPERVISION_POINTS, quantize
from assessment.services.definitions import definition_for
from courts.choices import BureauKind
from courts.models import Bureau


def assessed_bureaus():
    """The district enforcement bureaus (the intermediate bureau assesses each)."""
    return list(
        Bureau.objects.filter(kind=BureauKind.ENFORCEMENT, business_superior__isnull=False)
        .select_related("court")
        .order_by("court__sort_order", "pk")
    )


def _indicator_inputs(code: str, bureaus, year: int, as_of: dt.date) -> dict[int, dict]:
    period = Period.year(year)
    definition = definition_for(code, period.end)
    if definition is None:
        return {b.pk: {"available": False, "reason": "unknown indicator"} for b in bureaus}
    figures = compute_figures(
        definition, period, FigureLevel.BUREAU, as_of, [b.pk for b in bureaus]
    )
    out = {}
    for bureau in bureaus:
        figure = figures.get(bureau.pk)
        base = {
            "definition_id": definition.pk,
            "version": definition.version,
            "unit": definition.unit,
            "target": None if definition.target is None else str(definition.target),
            "higher_is_better": definition.higher_is_better,
        }
        if figure is None or figure.value is None:
            out[bureau.pk] = {
                **base,
                "available": False,
                "reason": "no cases in the period",
                "numerator": "0",
                "denominator": "0",
                "value": None,
            }
        else:
            out[bureau.pk] = {
                **base,
                "available": True,
                "numerator": str(figure.numerator),
                "denominator": str(figure.denominator),
                "value": str(figure.value),
            }
    return out


def _equipment_inputs(bureaus, year: int) -> dict[int, dict]:
    try:
        model = apps.get_model("equipment", "ComplianceScore")
    except LookupError:
        return {
            b.pk: {"available": False, "reason": "the equipment app provides no score"}
            for b in bureaus
        }
    scores = {
        s.court_id: s
        for s in model.objects.filter(court_id__in=[b.court_id for b in bureaus], year=year)
    }
    out = {}
    for bureau in bureaus:
        score = scores.get(bureau.court_id)
        if score is None:
            out[bureau.pk] = {"available": False, "reason": "no compliance score for the year"}
        else:
            out[bureau.pk] = {
                "available": True,
                "score": str(score.score),
                "source": f"equipment.ComplianceScore#{score.pk}",
                "formula_version": getattr(score, "formula_version", ""),
            }
    return out


def _duty_report_inputs(bureaus, year: int) -> dict[int, dict]:
    try:
        model = apps.get_model("personnel", "DutyReport")
    except LookupError:
        return {
            b.pk: {"available": False, "reason": "the personnel app provides no 述职 score"}
            for b in bureaus
        }
    scored = defaultdict(list)
    for report in model.objects.filter(
        bureau_id__in=[b.pk for b in bureaus], year=year, score__isnull=False
    ).order_by("pk"):
        scored[report.bureau_id].append(report)
    out = {}
    for bureau in bureaus:
        reports = scored.get(bureau.pk, [])
        if not reports:
            out[bureau.pk] = {
                "available": False,
                "reason": "no scored report of duties for the year",
            }
        else:
            mean = sum((r.score for r in reports), Decimal(0)) / len(reports)
            out[bureau.pk] = {
                "available": True,
                "score": str(quantize(mean)),
                "sources": [f"personnel.DutyReport#{r.pk}" for r in reports],
            }
    return out


def _supervision_inputs(bureaus, year: int, as_of: dt.date) -> dict[int, dict]:
    """Counts, per court and year: inspection findings by severity, established
    supervision cases, 一案双查 conduct violations, orders answered late or not by
    their deadline."""
    from supervision.choices import (
        ConductConclusion,
        OrderStatus,
        SupervisionOutcome,
        SupervisionStatus,
    )
    from supervision.models import (
        ConductFinding,
        InspectionFinding,
        SupervisionCase,
        SupervisionOrder,
    )

    court_ids = [b.court_id for b in bureaus]
    start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), as_of)
    counts: dict[int, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(DEFAULT_SUPERVISION_POINTS, 0)
    )
    for row in (
        InspectionFinding.objects.filter(
            court_id__in=court_ids, found_on__gte=start, found_on__lte=end
        )
        .values("court_id", "severity")
        .annotate(n=Count("pk"))
    ):
        counts[row["court_id"]][row["severity"]] += row["n"]
    for row in (
        SupervisionCase.objects.filter(
            court_id__in=court_ids,
            status=SupervisionStatus.CONCLUDED,
            outcome__in=[SupervisionOutcome.ESTABLISHED, SupervisionOutcome.PARTLY_ESTABLISHED],
            concluded_on__gte=start,
            concluded_on__lte=end,
        )
        .values("court_id")
        .annotate(n=Count("pk"))
    ):
        counts[row["court_id"]]["established_case"] += row["n"]
    for row in (
        ConductFinding.objects.filter(
            joint__case__court_id__in=court_ids,
            conclusion__in=list(ConductConclusion.violations()),
            joint__opened_on__gte=start,
            joint__opened_on__lte=end,
        )
        .values("joint__case__court_id")
        .annotate(n=Count("pk"))
    ):
        counts[row["joint__case__court_id"]]["conduct_violation"] += row["n"]
    late = Q(responded_late=True) | Q(
        status__in=[OrderStatus.ISSUED, OrderStatus.RETURNED],
        respond_by__lt=end,
        first_responded_on__isnull=True,
    )
    for row in (
        SupervisionOrder.objects.filter(
            court_id__in=court_ids, respond_by__gte=start, respond_by__lte=end
        )
        .filter(late)
        .values("court_id")
        .annotate(n=Count("pk"))
    ):
        counts[row["court_id"]]["overdue_order"] += row["n"]
    return {b.pk: {"available": True, "counts": dict(counts[b.court_id])} for b in bureaus}


def _report_inputs(bureaus, year: int, as_of: dt.date) -> dict[int, dict]:
    """Monthly reports due in the year up to the data date, and how many were
    first submitted by their deadline."""
    rows = {
        row["court_id"]: row
        for row in MonthlyReport.objects.filter(
            court_id__in=[b.court_id for b in bureaus], year=year, due_on__lte=as_of
        )
        .values("court_id")
        .annotate(
            due=Count("pk"),
            on_time=Count(
                "pk",
                filter=Q(first_submitted_at__isnull=False, submitted_late=False),
            ),
        )
    }
    out = {}
    for bureau in bureaus:
        row = rows.get(bureau.court_id)
        if not row or not row["due"]:
            out[bureau.pk] = {
                "available": False,
                "reason": "no monthly report due yet",
                "due": 0,
                "on_time": 0,
            }
        else:
            out[bureau.pk] = {"available": True, "due": row["due"], "on_time": row["on_time"]}
    return out


def gather_inputs(snapshot: dict, bureaus, year: int, as_of: dt.date) -> dict[int, dict]:
    """Every input of every component, per bureau (the stored evidence)."""
    inputs: dict[int, dict] = {b.pk: {} for b in bureaus}
    for component in snapshot["components"]:
        kind, key = component["kind"], component["key"]
        if kind == ComponentKind.INDICATOR:
            values = _indicator_inputs(component["indicator_code"], bureaus, year, as_of)
        elif kind == ComponentKind.EQUIPMENT:
            values = _equipment_inputs(bureaus, year)
        elif kind == ComponentKind.SUPERVISION:
            values = _supervision_inputs(bureaus, year, as_of)
        elif kind == ComponentKind.REPORT_TIMELINESS:
            values = _report_inputs(bureaus, year, as_of)
        else:
            values = _duty_report_inputs(bureaus, year)
        for bureau in bureaus:
            inputs[bureau.pk][key] = values[bureau.pk]
    return inputs


def previous_bottoms(
    year: int, bureau_ids, exclude_assessment_id=None
) -> dict[int, dict[int, bool]]:
    """Bureau id → {year: at the bottom} from the published results of the years
    before ``year`` (the streaks of ``assessment.scoring.bottom_streaks``)."""
    previous: dict[int, dict[int, bool]] = defaultdict(dict)
    rows = BureauAssessmentResult.objects.filter(
        assessment__status=AssessmentStatus.PUBLISHED,
        assessment__year__lt=year,
        bureau_id__in=list(bureau_ids),
    )
    if exclude_assessment_id:
        rows = rows.exclude(assessment_id=exclude_assessment_id)
    for bureau_id, y, bottom in rows.values_list("bureau_id", "assessment__year", "at_bottom"):
        previous[bureau_id][y] = bottom
    return previous

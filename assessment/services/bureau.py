"""The annual assessment of the district bureaus (DOMAIN.md §9).

The intermediate bureau sets a scheme of weights (indicators, equipment
compliance, supervision findings, report timeliness, the director's 述职
score). Computing an assessment gathers every input per bureau and stores it
with the result; the scores, the ranking, the praise list and the bottom flags
are a pure function of the stored inputs and the stored copy of the scheme, so
``verify_assessment`` recomputes them from what is stored.

A component whose source does not exist (the equipment or personnel app does
not provide the score, or no score was recorded for the year) is recorded as
not available, and its weight is shared among the available components in
proportion to their weights.

A bureau at the bottom three years running is flagged "director to be adjusted
by procedure" (按程序调整局长): the system flags, people decide."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.choices import AssessmentStatus, ComponentKind, FigureLevel
from assessment.indicators import compute_figures
from assessment.models import (
    AssessmentScheme,
    BureauAssessment,
    BureauAssessmentResult,
    MonthlyReport,
    SchemeComponent,
)
from assessment.periods import Period
from assessment.services.definitions import definition_for
from courts.access import scope_for
from courts.choices import BureauKind
from courts.models import Bureau

HUNDRED = Decimal("100")
CENT = Decimal("0.01")
DEFAULT_SUPERVISION_POINTS = {
    "minor": 1,
    "major": 3,
    "serious": 5,
    "established_case": 5,
    "conduct_violation": 5,
    "overdue_order": 2,
}


def _q(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT, ROUND_HALF_UP)


def may_manage(user) -> bool:
    """The intermediate bureau's leadership assesses the district bureaus."""
    return user.is_authenticated and (user.is_superuser or scope_for(user).city_leadership)


def _ensure_may_manage(user) -> None:
    if not may_manage(user):
        raise PermissionDenied(_("Only the intermediate bureau's leadership runs the assessment."))


# ---------------------------------------------------------------- schemes


def validate_weights(components) -> None:
    """The weights of a scheme must sum to 100 %."""
    total = sum(
        (Decimal(str(c["weight"] if isinstance(c, dict) else c.weight)) for c in components),
        Decimal(0),
    )
    if total != HUNDRED:
        raise ValidationError(
            {
                "weight": [
                    _("The weights sum to %(total)s %%, not 100 %%.") % {"total": total.normalize()}
                ]
            }
        )


def _clean_components(components: list[dict]) -> list[dict]:
    seen = set()
    clean = []
    for index, c in enumerate(components):
        kind = c.get("kind")
        if kind not in ComponentKind.values:
            raise ValidationError({"kind": [_("Unknown component: %(kind)s") % {"kind": kind}]})
        code = (c.get("indicator_code") or "").strip() if kind == ComponentKind.INDICATOR else ""
        if kind == ComponentKind.INDICATOR and definition_for(code, dt.date.max) is None:
            raise ValidationError(
                {"indicator_code": [_("Unknown indicator: %(code)s") % {"code": code}]}
            )
        key = (kind, code)
        if key in seen:
            raise ValidationError({"kind": [_("A component appears twice.")]})
        seen.add(key)
        try:
            weight = Decimal(str(c.get("weight")))
        except ArithmeticError as exc:
            raise ValidationError({"weight": [_("Enter a weight.")]}) from exc
        if weight <= 0:
            raise ValidationError({"weight": [_("A weight is more than 0.")]})
        clean.append(
            {
                "kind": kind,
                "indicator_code": code,
                "weight": weight,
                "parameters": c.get("parameters") or {},
                "sort_order": c.get("sort_order", (index + 1) * 10),
            }
        )
    validate_weights(clean)
    return clean


@transaction.atomic
def save_scheme(
    *,
    user,
    name: str,
    year: int,
    components: list[dict],
    scheme_id: int | None = None,
    praise_count: int = 1,
    praise_min_score=Decimal("85"),
    bottom_count: int = 1,
    bottom_years: int = 3,
    notes: str = "",
) -> AssessmentScheme:
    """Create or replace a scheme with its components. Weights not summing to
    100 % are refused; a locked scheme is not changed."""
    _ensure_may_manage(user)
    if not (name or "").strip():
        raise ValidationError({"name": [_("Name the scheme.")]})
    clean = _clean_components(components)
    if scheme_id:
        scheme = AssessmentScheme.objects.select_for_update().get(pk=scheme_id)
        if scheme.locked:
            raise ValidationError(
                _("The scheme was used by a published assessment; copy it to change it.")
            )
    else:
        scheme = AssessmentScheme(created_by=user)
    scheme.name, scheme.year, scheme.notes = name.strip(), year, notes
    scheme.praise_count, scheme.praise_min_score = praise_count, Decimal(str(praise_min_score))
    scheme.bottom_count, scheme.bottom_years = bottom_count, bottom_years
    scheme.save()
    scheme.components.all().delete()
    SchemeComponent.objects.bulk_create([SchemeComponent(scheme=scheme, **c) for c in clean])
    return scheme


@transaction.atomic
def copy_scheme(*, user, scheme_id: int, year: int, name: str = "") -> AssessmentScheme:
    _ensure_may_manage(user)
    source = AssessmentScheme.objects.get(pk=scheme_id)
    return save_scheme(
        user=user,
        name=name or source.name,
        year=year,
        components=[
            {
                "kind": c.kind,
                "indicator_code": c.indicator_code,
                "weight": c.weight,
                "parameters": c.parameters,
                "sort_order": c.sort_order,
            }
            for c in source.components.all()
        ],
        praise_count=source.praise_count,
        praise_min_score=source.praise_min_score,
        bottom_count=source.bottom_count,
        bottom_years=source.bottom_years,
        notes=source.notes,
    )


def scheme_snapshot(scheme: AssessmentScheme) -> dict:
    components = list(scheme.components.all())
    validate_weights(components)
    return {
        "scheme_id": scheme.pk,
        "name": scheme.name,
        "year": scheme.year,
        "praise_count": scheme.praise_count,
        "praise_min_score": str(scheme.praise_min_score),
        "bottom_count": scheme.bottom_count,
        "bottom_years": scheme.bottom_years,
        "components": [
            {
                "key": c.key,
                "kind": c.kind,
                "indicator_code": c.indicator_code,
                "weight": str(c.weight),
                "parameters": c.parameters,
            }
            for c in components
        ],
    }


# ---------------------------------------------------------------- inputs


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
                "score": str(_q(mean)),
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


# ---------------------------------------------------------------- scoring (pure)


def score_component(component: dict, value: dict) -> Decimal | None:
    """A component's score (0–100) from its stored input; None when not available."""
    if not value.get("available"):
        return None
    kind, params = component["kind"], component.get("parameters") or {}
    if kind == ComponentKind.INDICATOR:
        figure = Decimal(value["value"])
        target = params.get("target", value.get("target"))
        higher = value.get("higher_is_better", True)
        if target in (None, ""):
            if value.get("unit") == "days":
                return None
            score = figure if higher else HUNDRED - figure
        else:
            target = Decimal(str(target))
            if higher:
                score = figure * HUNDRED / target if target else HUNDRED
            else:
                score = HUNDRED if figure <= 0 else target * HUNDRED / figure
        return _q(max(Decimal(0), min(HUNDRED, score)))
    if kind in (ComponentKind.EQUIPMENT, ComponentKind.DUTY_REPORT, "manual"):
        return _q(value["score"])
    if kind == ComponentKind.SUPERVISION:
        points = {**DEFAULT_SUPERVISION_POINTS, **params}
        deduction = sum(
            (Decimal(str(points.get(k, 0))) * n for k, n in value["counts"].items()), Decimal(0)
        )
        return _q(max(Decimal(0), HUNDRED - deduction))
    if kind == ComponentKind.REPORT_TIMELINESS:
        return _q(Decimal(value["on_time"]) * HUNDRED / Decimal(value["due"]))
    return None


def score_bureau(snapshot: dict, inputs: dict) -> tuple[Decimal, dict]:
    """The total (0–100) and each component's score and effective weight."""
    scores = {}
    available_weight = Decimal(0)
    for component in snapshot["components"]:
        score = score_component(component, inputs.get(component["key"], {}))
        weight = Decimal(component["weight"])
        scores[component["key"]] = {"score": score, "weight": weight}
        if score is not None:
            available_weight += weight
    total = Decimal(0)
    for entry in scores.values():
        if entry["score"] is None or not available_weight:
            entry["effective_weight"] = Decimal(0)
            continue
        entry["effective_weight"] = entry["weight"] * HUNDRED / available_weight
        total += entry["score"] * entry["effective_weight"] / HUNDRED
    rendered = {
        key: {
            "score": None if e["score"] is None else str(e["score"]),
            "weight": str(e["weight"]),
            "effective_weight": str(_q(e["effective_weight"])),
            "available": e["score"] is not None,
        }
        for key, e in scores.items()
    }
    return _q(total), rendered


def rank_bureaus(snapshot: dict, bureau_inputs: list[tuple[int, int, dict]]) -> list[dict]:
    """Score, rank (ties broken by the court's order), praise and bottom marks.

    ``bureau_inputs``: (bureau id, court sort order, inputs)."""
    scored = []
    for bureau_id, order, inputs in bureau_inputs:
        total, components = score_bureau(snapshot, inputs)
        scored.append(
            {"bureau_id": bureau_id, "order": order, "total": total, "components": components}
        )
    scored.sort(key=lambda r: (-r["total"], r["order"], r["bureau_id"]))
    n = len(scored)
    praise_left = int(snapshot["praise_count"])
    praise_min = Decimal(snapshot["praise_min_score"])
    bottom_from = n - int(snapshot["bottom_count"]) + 1
    for rank, row in enumerate(scored, start=1):
        row["rank"] = rank
        row["at_bottom"] = n > 1 and rank >= bottom_from
        row["praised"] = praise_left > 0 and row["total"] >= praise_min and not row["at_bottom"]
        if row["praised"]:
            praise_left -= 1
    return scored


def bottom_streaks(
    year: int, bureau_ids, at_bottom: dict[int, bool], exclude_assessment_id=None
) -> dict[int, int]:
    """Consecutive years at the bottom up to ``year``, from the published results
    of the previous years."""
    previous = defaultdict(dict)
    rows = BureauAssessmentResult.objects.filter(
        assessment__status=AssessmentStatus.PUBLISHED,
        assessment__year__lt=year,
        bureau_id__in=list(bureau_ids),
    )
    if exclude_assessment_id:
        rows = rows.exclude(assessment_id=exclude_assessment_id)
    for bureau_id, y, bottom in rows.values_list("bureau_id", "assessment__year", "at_bottom"):
        previous[bureau_id][y] = bottom
    streaks = {}
    for bureau_id in bureau_ids:
        if not at_bottom.get(bureau_id):
            streaks[bureau_id] = 0
            continue
        streak, y = 1, year - 1
        while previous[bureau_id].get(y):
            streak += 1
            y -= 1
        streaks[bureau_id] = streak
    return streaks


# ---------------------------------------------------------------- services


@transaction.atomic
def compute_assessment(
    *,
    user,
    scheme_id: int,
    year: int | None = None,
    as_of: dt.date | None = None,
    assessment_id: int | None = None,
) -> BureauAssessment:
    """Gather the inputs, store them with the results, score and rank. A draft
    may be computed again (its results are replaced); a published one is frozen."""
    _ensure_may_manage(user)
    scheme = AssessmentScheme.objects.get(pk=scheme_id)
    year = year or scheme.year
    as_of = as_of or min(timezone.localdate(), dt.date(year, 12, 31))
    snapshot = scheme_snapshot(scheme)
    if assessment_id:
        assessment = BureauAssessment.objects.select_for_update().get(pk=assessment_id)
        if assessment.status != AssessmentStatus.DRAFT:
            raise ValidationError(_("A published assessment is not computed again."))
        assessment.results.all().delete()
        assessment.scheme, assessment.year, assessment.as_of = scheme, year, as_of
    else:
        assessment = BureauAssessment(scheme=scheme, year=year, as_of=as_of)
    assessment.scheme_snapshot = snapshot
    assessment.computed_at, assessment.computed_by = timezone.now(), user
    assessment.save()
    bureaus = assessed_bureaus()
    inputs = gather_inputs(snapshot, bureaus, year, as_of)
    ranked = rank_bureaus(snapshot, [(b.pk, b.court.sort_order, inputs[b.pk]) for b in bureaus])
    streaks = bottom_streaks(
        year, [r["bureau_id"] for r in ranked], {r["bureau_id"]: r["at_bottom"] for r in ranked}
    )
    BureauAssessmentResult.objects.bulk_create(
        [
            BureauAssessmentResult(
                assessment=assessment,
                bureau_id=row["bureau_id"],
                inputs=inputs[row["bureau_id"]],
                component_scores=row["components"],
                total=row["total"],
                rank=row["rank"],
                praised=row["praised"],
                at_bottom=row["at_bottom"],
                bottom_streak=streaks[row["bureau_id"]],
                director_adjustment_flag=streaks[row["bureau_id"]] >= int(snapshot["bottom_years"]),
            )
            for row in ranked
        ]
    )
    return assessment


def verify_assessment(assessment: BureauAssessment) -> dict:
    """Recompute the scores and ranking from the stored inputs and the stored copy
    of the scheme; report any difference from the stored results."""
    results = list(assessment.results.select_related("bureau__court"))
    ranked = rank_bureaus(
        assessment.scheme_snapshot,
        [(r.bureau_id, r.bureau.court.sort_order, r.inputs) for r in results],
    )
    stored = {r.bureau_id: r for r in results}
    differences = []
    for row in ranked:
        r = stored[row["bureau_id"]]
        if (row["total"], row["rank"], row["praised"], row["at_bottom"]) != (
            r.total,
            r.rank,
            r.praised,
            r.at_bottom,
        ):
            differences.append(
                {
                    "bureau": str(r.bureau),
                    "stored": [str(r.total), r.rank, r.praised, r.at_bottom],
                    "recomputed": [
                        str(row["total"]),
                        row["rank"],
                        row["praised"],
                        row["at_bottom"],
                    ],
                }
            )
    return {
        "reproduced": not differences,
        "ranking": [(row["bureau_id"], str(row["total"]), row["rank"]) for row in ranked],
        "differences": differences,
    }


@transaction.atomic
def publish_assessment(*, user, assessment_id: int) -> BureauAssessment:
    """Publish: the ranking is frozen, the scheme locked, the bottom streaks
    settled against the previous years' published results, and the flag raised
    for a bureau at the bottom for ``bottom_years`` years running."""
    from command_center.notifications import notify
    from supervision.services.common import supervisor_user_ids

    _ensure_may_manage(user)
    assessment = BureauAssessment.objects.select_for_update().get(pk=assessment_id)
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError(_("The assessment is already published."))
    if BureauAssessment.objects.filter(
        year=assessment.year, status=AssessmentStatus.PUBLISHED
    ).exists():
        raise ValidationError(
            _("An assessment for %(year)s is already published.") % {"year": assessment.year}
        )
    check = verify_assessment(assessment)
    if not check["reproduced"]:
        raise ValidationError(
            _("The stored results do not follow from the stored inputs; compute again.")
        )
    results = list(assessment.results.select_related("bureau"))
    streaks = bottom_streaks(
        assessment.year,
        [r.bureau_id for r in results],
        {r.bureau_id: r.at_bottom for r in results},
        exclude_assessment_id=assessment.pk,
    )
    years = int(assessment.scheme_snapshot.get("bottom_years", 3))
    flagged = []
    for result in results:
        result.bottom_streak = streaks[result.bureau_id]
        result.director_adjustment_flag = result.bottom_streak >= years
        if result.director_adjustment_flag:
            flagged.append(result)
    BureauAssessmentResult.objects.bulk_update(
        results, ["bottom_streak", "director_adjustment_flag"]
    )
    assessment.status = AssessmentStatus.PUBLISHED
    assessment.published_at, assessment.published_by = timezone.now(), user
    assessment.save(update_fields=["status", "published_at", "published_by"])
    AssessmentScheme.objects.filter(pk=assessment.scheme_id).update(locked=True)
    for result in flagged:
        notify(
            supervisor_user_ids(),
            title=_(
                "%(bureau)s: at the bottom %(n)d years running — director to be adjusted by procedure"
            )
            % {"bureau": result.bureau, "n": result.bottom_streak},
            dedup_key=f"assessment:{assessment.pk}:flag:{result.bureau_id}",
            link=result.get_absolute_url(),
            level="danger",
        )
    return assessment

"""The annual assessment of the district bureaus (DOMAIN.md §9): the schemes and
the services that compute, verify and publish an assessment.

The intermediate bureau sets a scheme of weights (indicators, equipment
compliance, supervision findings, report timeliness, the director's 述职
score). Computing an assessment gathers every input per bureau
(``assessment.inputs``) and stores it with the result; the scores, the ranking,
the praise list and the bottom flags are a pure function of the stored inputs and
the stored copy of the scheme (``assessment.scoring``), so ``verify_assessment``
recomputes them from what is stored.

A bureau at the bottom three years running is flagged "director to be adjusted
by procedure" (按程序调整局长): the system flags, people decide."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.choices import ASSESSMENT_TRANSITIONS, AssessmentStatus, ComponentKind
from assessment.inputs import assessed_bureaus, gather_inputs, previous_bottoms
from assessment.models import (
    AssessmentScheme,
    BureauAssessment,
    BureauAssessmentResult,
    SchemeComponent,
)
from assessment.parameters import COMPONENT_PARAMETERS
from assessment.scoring import bottom_streaks, rank_bureaus, validate_weights
from assessment.services.definitions import definition_for
from courts.access import scope_for
from haikou_exec.parameters import problems
from haikou_exec.states import ensure_allowed, move


def may_manage(user) -> bool:
    """The intermediate bureau's leadership assesses the district bureaus."""
    return user.is_authenticated and (user.is_superuser or scope_for(user).city_leadership)


def _ensure_may_manage(user) -> None:
    if not may_manage(user):
        raise PermissionDenied(_("Only the intermediate bureau's leadership runs the assessment."))


# ---------------------------------------------------------------- schemes


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
        found = problems(COMPONENT_PARAMETERS.get(kind, []), c.get("parameters") or {})
        if found:
            raise ValidationError({"parameters": found})
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
    100 % are refused; a locked scheme is not changed.
    Source: DOMAIN.md §9."""
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
    """Copy a scheme to another year, the way to change a scheme a published assessment
    locked (DOMAIN.md §9)."""
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
    """The scheme as it stands, kept with each assessment so a later edit of the scheme does not
    change a result already given (DOMAIN.md §9: each formula versioned)."""
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
    may be computed again (its results are replaced); a published one is frozen.
    Source: DOMAIN.md §9."""
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
    bureau_ids = [r["bureau_id"] for r in ranked]
    streaks = bottom_streaks(
        year,
        bureau_ids,
        {r["bureau_id"]: r["at_bottom"] for r in ranked},
        previous_bottoms(year, bureau_ids),
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
    for a bureau at the bottom for ``bottom_years`` years running.
    Source: DOMAIN.md §9 "Consequences"."""
    from haikou_exec.notifications import notify
    from supervision.services.common import supervisor_user_ids

    _ensure_may_manage(user)
    assessment = BureauAssessment.objects.select_for_update().get(pk=assessment_id)
    # Published once (ASSESSMENT_TRANSITIONS), checked before anything is computed.
    ensure_allowed(
        ASSESSMENT_TRANSITIONS,
        assessment.status,
        AssessmentStatus.PUBLISHED,
        message=_("The assessment is already published."),
        code=None,
    )
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
    bureau_ids = [r.bureau_id for r in results]
    streaks = bottom_streaks(
        assessment.year,
        bureau_ids,
        {r.bureau_id: r.at_bottom for r in results},
        previous_bottoms(assessment.year, bureau_ids, exclude_assessment_id=assessment.pk),
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
    move(assessment, AssessmentStatus.PUBLISHED, ASSESSMENT_TRANSITIONS)
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

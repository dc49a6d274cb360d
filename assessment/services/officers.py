"""Officer performance (DOMAIN.md §9): each court assesses its own officers with
its own scheme — indicator items computed on the cases of the teams the officer
served in, and items the bureau scores by hand. Only the court's own bureau
leadership acts (``OfficerScheme.access_q``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.choices import FigureLevel, OfficerItemKind
from assessment.indicators import compute_figures
from assessment.models import (
    OfficerManualScore,
    OfficerPerformanceResult,
    OfficerPerformanceRun,
    OfficerScheme,
    OfficerSchemeItem,
)
from assessment.parameters import OFFICER_ITEM_PARAMETERS
from assessment.periods import Period
from assessment.scoring import score_bureau, validate_weights
from assessment.services.definitions import definition_for
from courts.access import CHANGE
from courts.policy import leads_court
from haikou_exec.parameters import problems
from personnel.choices import OfficerRole
from personnel.models import Officer

ASSESSED_ROLES = [OfficerRole.JUDGE, OfficerRole.ASSISTANT, OfficerRole.CLERK]


def suggested_items() -> list[dict]:
    """The items a new officer scheme starts from (the form's first rows, the demo's
    scheme): two indicators of the court's own cases and one item scored by hand."""
    return [
        {
            "kind": "indicator",
            "indicator_code": "closed_within_term",
            "label": "法定期限内结案率",
            "weight": 30,
            "parameters": {"target": 90},
        },
        {
            "kind": "indicator",
            "indicator_code": "recovery_rate",
            "label": "执行到位率",
            "weight": 30,
            "parameters": {"target": 60},
        },
        {
            "kind": "manual",
            "indicator_code": "",
            "label": "作风纪律",
            "weight": 40,
            "parameters": {},
        },
    ]


def may_manage_court(user, court_id: int) -> bool:
    """A district court assesses its own officers: its leadership (DOMAIN.md §9 "Who assesses
    whom")."""
    return user.is_authenticated and (user.is_superuser or leads_court(user, court_id))


def _ensure(user, court_id: int) -> None:
    if not may_manage_court(user, court_id):
        raise PermissionDenied(_("Only the court's own bureau leadership assesses its officers."))


@transaction.atomic
def save_officer_scheme(
    *,
    user,
    court_id: int,
    year: int,
    name: str,
    items: list[dict],
    scheme_id: int | None = None,
    notes: str = "",
) -> OfficerScheme:
    """A court's own scheme: items (indicator or scored by hand) whose weights sum to 100 %.
    Source: DOMAIN.md §9: district courts assess their own officers."""
    _ensure(user, court_id)
    if not (name or "").strip():
        raise ValidationError({"name": [_("Name the scheme.")]})
    clean = []
    for index, item in enumerate(items):
        kind = item.get("kind")
        if kind not in OfficerItemKind.values:
            raise ValidationError({"kind": [_("Unknown item kind.")]})
        code = (item.get("indicator_code") or "").strip()
        if kind == OfficerItemKind.INDICATOR and definition_for(code, dt.date.max) is None:
            raise ValidationError(
                {"indicator_code": [_("Unknown indicator: %(code)s") % {"code": code}]}
            )
        if not (item.get("label") or "").strip():
            raise ValidationError({"label": [_("Name every item.")]})
        try:
            weight = Decimal(str(item.get("weight")))
        except (InvalidOperation, ValueError) as exc:
            raise ValidationError({"weight": [_("Enter a weight.")]}) from exc
        found = problems(OFFICER_ITEM_PARAMETERS.get(kind, []), item.get("parameters") or {})
        if found:
            raise ValidationError({"parameters": found})
        clean.append(
            {
                "kind": kind,
                "indicator_code": code if kind == OfficerItemKind.INDICATOR else "",
                "label": item["label"].strip(),
                "weight": weight,
                "parameters": item.get("parameters") or {},
                "sort_order": (index + 1) * 10,
            }
        )
    validate_weights(clean)
    if scheme_id:
        scheme = OfficerScheme.objects.restrict(user, CHANGE).select_for_update().get(pk=scheme_id)
        if scheme.runs.exists():
            raise ValidationError(_("The scheme has been used; make a new one for changes."))
    else:
        scheme = OfficerScheme(court_id=court_id, created_by=user)
    scheme.year, scheme.name, scheme.notes = year, name.strip(), notes
    scheme.save()
    scheme.items.all().delete()
    OfficerSchemeItem.objects.bulk_create([OfficerSchemeItem(scheme=scheme, **c) for c in clean])
    return scheme


def assessed_officers(scheme: OfficerScheme):
    """The court's active officers of the assessed roles, by name."""
    return Officer.objects.filter(
        bureau__court_id=scheme.court_id, role__in=ASSESSED_ROLES, is_active=True
    ).order_by("name", "pk")


@transaction.atomic
def record_manual_score(
    *, user, item_id: int, officer_id: int, score, note: str = ""
) -> OfficerManualScore:
    """The court's bureau leadership scores an officer (0–100) on an item of its scheme
    scored by hand (DOMAIN.md §9: district courts assess their own officers)."""
    item = OfficerSchemeItem.objects.select_related("scheme").get(pk=item_id)
    _ensure(user, item.scheme.court_id)
    if item.kind != OfficerItemKind.MANUAL:
        raise ValidationError(_("This item is computed, not scored by hand."))
    officer = Officer.objects.select_related("bureau").get(pk=officer_id)
    if officer.bureau.court_id != item.scheme.court_id:
        raise ValidationError({"officer": [_("The officer works at another court.")]})
    try:
        value = Decimal(str(score))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"score": [_("Enter a number.")]}) from exc
    if not Decimal(0) <= value <= Decimal(100):
        raise ValidationError({"score": [_("A score is between 0 and 100.")]})
    row, _created = OfficerManualScore.objects.update_or_create(
        item=item,
        officer=officer,
        defaults={"score": value, "note": note[:200], "entered_by": user},
    )
    return row


@transaction.atomic
def run_officer_assessment(
    *, user, scheme_id: int, as_of: dt.date | None = None
) -> OfficerPerformanceRun:
    """Compute every officer's items and total; inputs are stored with the result.
    Source: DOMAIN.md §9."""
    scheme = OfficerScheme.objects.get(pk=scheme_id)
    _ensure(user, scheme.court_id)
    items = list(scheme.items.all())
    validate_weights(items)
    as_of = as_of or min(timezone.localdate(), dt.date(scheme.year, 12, 31))
    period = Period.year(scheme.year)
    officers = list(assessed_officers(scheme))
    officer_ids = [o.pk for o in officers]
    snapshot = {
        "scheme_id": scheme.pk,
        "components": [
            {
                "key": f"item:{i.pk}",
                "kind": i.kind,
                "indicator_code": i.indicator_code,
                "label": i.label,
                "weight": str(i.weight),
                "parameters": i.parameters,
            }
            for i in items
        ],
    }
    inputs: dict[int, dict] = {o: {} for o in officer_ids}
    for item in items:
        key = f"item:{item.pk}"
        if item.kind == OfficerItemKind.INDICATOR:
            definition = definition_for(item.indicator_code, period.end)
            figures = compute_figures(definition, period, FigureLevel.OFFICER, as_of, officer_ids)
            for officer_id in officer_ids:
                figure = figures.get(officer_id)
                available = figure is not None and figure.value is not None
                inputs[officer_id][key] = {
                    "available": available,
                    "definition_id": definition.pk,
                    "version": definition.version,
                    "unit": definition.unit,
                    "target": None if definition.target is None else str(definition.target),
                    "higher_is_better": definition.higher_is_better,
                    "numerator": str(figure.numerator) if figure else "0",
                    "denominator": str(figure.denominator) if figure else "0",
                    "value": str(figure.value) if available else None,
                }
        else:
            scores = dict(item.scores.values_list("officer_id", "score"))
            for officer_id in officer_ids:
                score = scores.get(officer_id)
                inputs[officer_id][key] = (
                    {"available": True, "score": str(score)}
                    if score is not None
                    else {"available": False, "reason": "not scored"}
                )
    rows = []
    for officer in officers:
        total, components = score_bureau(snapshot, inputs[officer.pk])
        rows.append((officer, total, components))
    rows.sort(key=lambda r: (-r[1], r[0].name, r[0].pk))
    run = OfficerPerformanceRun.objects.create(
        scheme=scheme,
        as_of=as_of,
        scheme_snapshot=snapshot,
        computed_at=timezone.now(),
        computed_by=user,
    )
    OfficerPerformanceResult.objects.bulk_create(
        [
            OfficerPerformanceResult(
                run=run,
                officer=officer,
                inputs=inputs[officer.pk],
                component_scores=components,
                total=total,
                rank=rank,
            )
            for rank, (officer, total, components) in enumerate(rows, start=1)
        ]
    )
    return run

"""The scoring of the annual bureau assessment (DOMAIN.md §9), a pure function of
the stored inputs and the stored copy of the scheme: no query here, so
``verify_assessment`` recomputes exactly what ``compute_assessment`` stored, and the
officers' scoring reuses ``score_bureau``. What each component reads is in
``assessment.inputs``; the writes in ``assessment.services.bureau``.

A component whose input is not available has its weight shared among the
available components in proportion to their weights."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from assessment.choices import ComponentKind

HUNDRED = Decimal("100")
CENT = Decimal("0.01")
# Points deducted per supervision finding, unless the scheme's component sets its own.
DEFAULT_SUPERVISION_POINTS = {
    "minor": 1,
    "major": 3,
    "serious": 5,
    "established_case": 5,
    "conduct_violation": 5,
    "overdue_order": 2,
}


def quantize(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT, ROUND_HALF_UP)


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
        return quantize(max(Decimal(0), min(HUNDRED, score)))
    if kind in (ComponentKind.EQUIPMENT, ComponentKind.DUTY_REPORT, "manual"):
        return quantize(value["score"])
    if kind == ComponentKind.SUPERVISION:
        points = {**DEFAULT_SUPERVISION_POINTS, **params}
        deduction = sum(
            (Decimal(str(points.get(k, 0))) * n for k, n in value["counts"].items()), Decimal(0)
        )
        return quantize(max(Decimal(0), HUNDRED - deduction))
    if kind == ComponentKind.REPORT_TIMELINESS:
        return quantize(Decimal(value["on_time"]) * HUNDRED / Decimal(value["due"]))
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
            "effective_weight": str(quantize(e["effective_weight"])),
            "available": e["score"] is not None,
        }
        for key, e in scores.items()
    }
    return quantize(total), rendered


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
    year: int, bureau_ids, at_bottom: dict[int, bool], previous: dict[int, dict[int, bool]]
) -> dict[int, int]:
    """Consecutive years at the bottom up to ``year``: this year's mark, then
    ``previous`` (bureau id → {year: at the bottom}, from the published results of
    the previous years) back to the first year not at the bottom."""
    streaks = {}
    for bureau_id in bureau_ids:
        if not at_bottom.get(bureau_id):
            streaks[bureau_id] = 0
            continue
        streak, y = 1, year - 1
        while previous.get(bureau_id, {}).get(y):
            streak += 1
            y -= 1
        streaks[bureau_id] = streak
    return streaks

"""Case reviews (案件评查) on a scoring sheet whose items and points are data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import EnforcementCase
from courts.access import lock_for
from haikou_exec.states import move
from supervision.choices import REVIEW_TRANSITIONS, ReviewStatus
from supervision.models import CaseReview, Inspection, ReviewScore, ScoringSheet
from supervision.services.common import ensure_supervises, today


@transaction.atomic
def start_review(
    *,
    user,
    case_id: int,
    sheet_id: int,
    reviewed_on: dt.date | None = None,
    inspection_id: int | None = None,
) -> CaseReview:
    """Start a case review (案件评查) on a scoring sheet still in use (DOMAIN.md §8
    "Means")."""
    ensure_supervises(user)
    sheet = ScoringSheet.objects.get(pk=sheet_id)
    if not sheet.is_active:
        raise ValidationError({"sheet": [_("This scoring sheet is no longer in use.")]})
    case = EnforcementCase.objects.get(pk=case_id)
    inspection = Inspection.objects.get(pk=inspection_id) if inspection_id else None
    return CaseReview.objects.create(
        case=case,
        sheet=sheet,
        inspection=inspection,
        reviewer=user,
        reviewed_on=reviewed_on or today(),
        max_points=sheet.max_points,
    )


@transaction.atomic
def score_review(
    *,
    user,
    review_id: int,
    points: dict[int, object],
    notes: dict[int, str] | None = None,
    remarks: str = "",
    finalise: bool = False,
) -> CaseReview:
    """Score each item of the sheet (0 … its maximum). The total and grade follow
    from the sheet (grade thresholds are data). A final review is not changed.
    Source: DOMAIN.md §8 "Means" (案件评查)."""
    ensure_supervises(user)
    review = lock_for(CaseReview, review_id, user, related=("sheet",))
    if review.status == ReviewStatus.FINAL:
        raise ValidationError(_("The review is final and is not changed."))
    notes = notes or {}
    items = list(review.sheet.items.all())
    errors = {}
    clean: dict[int, Decimal] = {}
    for item in items:
        raw = points.get(item.pk)
        if raw in (None, ""):
            if finalise:
                errors[f"item_{item.pk}"] = [_("Score every item before finalising.")]
            continue
        try:
            value = Decimal(str(raw))
        except (InvalidOperation, ValueError):
            errors[f"item_{item.pk}"] = [_("Enter a number.")]
            continue
        if value < 0 or value > item.max_points:
            errors[f"item_{item.pk}"] = [
                _("Between 0 and %(max)s points.") % {"max": item.max_points}
            ]
            continue
        clean[item.pk] = value
    if errors:
        raise ValidationError(errors)
    for item in items:
        if item.pk in clean:
            ReviewScore.objects.update_or_create(
                review=review,
                item=item,
                defaults={"points": clean[item.pk], "note": (notes.get(item.pk) or "")[:300]},
            )
    total = sum((s.points for s in review.scores.all()), Decimal("0"))
    maximum = sum((i.max_points for i in items), Decimal("0"))
    review.total_points, review.max_points = total, maximum
    review.grade = review.sheet.grade_for(total, maximum)
    review.remarks = remarks.strip()
    if finalise:
        move(review, ReviewStatus.FINAL, REVIEW_TRANSITIONS)
    review.save()
    return review

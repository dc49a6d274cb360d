"""Inspections of each court's equipment by the intermediate court (DOMAIN.md §7
"Inspections"): schedule, record the checklist results, rectify, follow up."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courts.access import CHANGE, lock_for
from courts.choices import CourtTier
from courts.models import Court
from equipment.choices import (
    INSPECTION_TRANSITIONS,
    CheckResult,
    EquipmentCategory,
    FollowUpKind,
    InspectionStatus,
)
from equipment.models import (
    EquipmentInspection,
    EquipmentStandard,
    InspectionCheckItem,
    InspectionFollowUp,
    InspectionPhoto,
)
from equipment.policy import can_schedule_inspections
from equipment.services.common import require, today
from haikou_exec.formats import written_date
from haikou_exec.states import move
from haikou_exec.uploads import UploadRule, check_upload
from personnel.models import Officer

# A photo is a JPEG, PNG or WebP picture that Pillow decodes whole; its name and
# declared type are ignored (haikou_exec.uploads checks it).
PHOTOS = UploadRule(
    types={"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WebP"},
    # Pillow's format → (content type, file ending). Anything else is refused.
    pictures={
        "JPEG": ("image/jpeg", "jpg"),
        "PNG": ("image/png", "png"),
        "WEBP": ("image/webp", "webp"),
    },
    max_bytes=10 * 1024 * 1024,
    max_pixels=50_000_000,
    field="image",
    messages={
        "size": gettext_lazy("A photo may be at most 10 MB."),
        "type": gettext_lazy("The file is not a JPEG, PNG or WebP picture."),
        "pixels": gettext_lazy("The picture has too many pixels."),
    },
)


def _move(inspection: EquipmentInspection, status: str) -> None:
    message = _("An inspection cannot go from “%(from)s” to “%(to)s”.")
    move(inspection, status, INSPECTION_TRANSITIONS, message=message, code=None)


def checklist_for(court: Court) -> list[tuple[str, str]]:
    """The checklist an inspection of ``court`` starts with: the inventory check,
    then per standard of the court's tier its quantity and its inspection points
    (set with the standard by the intermediate bureau)."""
    lines: list[tuple[str, str]] = [("", _("The inventory records match the equipment on hand."))]
    standards = EquipmentStandard.objects.filter(tier=court.tier)
    for standard in sorted(standards, key=lambda s: EquipmentCategory.order(s.category)):
        label = standard.get_category_display()
        lines.append(
            (
                standard.category,
                _("%(category)s: at least %(n)d in service, to the specification “%(spec)s”.")
                % {
                    "category": label,
                    "n": standard.required_quantity,
                    "spec": standard.specification[:80],
                },
            )
        )
        lines += [
            (standard.category, f"{label}：{point}"[:200])
            for point in standard.inspection_point_list
        ]
    return lines


@transaction.atomic
def schedule_inspection(
    *, user, court: Court, scheduled_on: datetime.date, inspector: Officer | None = None
) -> EquipmentInspection:
    """The intermediate court schedules an inspection of one court (DOMAIN.md §7)."""
    require(can_schedule_inspections(user))
    errors: dict[str, list[str]] = {}
    if scheduled_on < today():
        errors["scheduled_on"] = [_("An inspection cannot be scheduled in the past.")]
    elif EquipmentInspection.objects.filter(
        court=court, scheduled_on=scheduled_on, status=InspectionStatus.SCHEDULED
    ).exists():
        errors["scheduled_on"] = [
            _("%(court)s already has an inspection scheduled that day.") % {"court": court}
        ]
    if inspector is not None and (
        inspector.bureau.court.tier != CourtTier.INTERMEDIATE or not inspector.is_active
    ):
        errors["inspector"] = [
            _("The inspector must be an officer in service at the intermediate court.")
        ]
    if errors:
        raise ValidationError(errors)
    inspection = EquipmentInspection.objects.create(
        court=court, scheduled_on=scheduled_on, scheduled_by=user, inspector=inspector
    )
    InspectionCheckItem.objects.bulk_create(
        [
            InspectionCheckItem(
                inspection=inspection, category=category, description=text, sort_order=i
            )
            for i, (category, text) in enumerate(checklist_for(court))
        ]
    )
    transaction.on_commit(lambda: _notify_scheduled(inspection.pk))
    return inspection


def _notify_scheduled(inspection_id: int) -> None:
    from equipment.services.reminders import notify_court_leadership

    inspection = EquipmentInspection.objects.select_related("court").get(pk=inspection_id)
    notify_court_leadership(
        inspection.court,
        title=_("Equipment inspection scheduled for %(date)s")
        % {"date": written_date(inspection.scheduled_on)},
        dedup_key=f"equipment:inspection:{inspection.pk}:scheduled",
        link=inspection.get_absolute_url(),
    )


def score_of(results: list[str]) -> Decimal:
    """Passed checks ÷ checks that apply × 100 (not-applicable lines do not count)."""
    passed = sum(1 for r in results if r == CheckResult.PASS)
    applicable = sum(1 for r in results if r in (CheckResult.PASS, CheckResult.FAIL))
    if applicable == 0:
        return Decimal("100.00")
    return (Decimal(passed) * 100 / applicable).quantize(Decimal("0.01"), ROUND_HALF_UP)


@transaction.atomic
def record_inspection_results(
    *,
    user,
    inspection_id: int,
    conducted_on: datetime.date,
    results: dict[int, tuple[str, str]],
    summary: str = "",
    rectification_deadline: datetime.date | None = None,
) -> EquipmentInspection:
    """Record every checklist line's result. A failed line requires rectification
    by a deadline; otherwise the inspection passes. The court's compliance score
    for the year is recomputed, since the latest inspection counts in it.
    Source: DOMAIN.md §7 "Inspections"."""
    require(can_schedule_inspections(user))
    inspection = lock_for(EquipmentInspection, inspection_id, user)
    if inspection.status != InspectionStatus.SCHEDULED:
        raise ValidationError(_("The results of this inspection have already been recorded."))
    items = list(inspection.check_items.select_for_update().order_by("sort_order", "pk"))
    errors: dict[str, list[str]] = {}
    unchecked = [
        item.description
        for item in items
        if results.get(item.pk, (CheckResult.PENDING, ""))[0] not in CheckResult.values
        or results.get(item.pk, (CheckResult.PENDING, ""))[0] == CheckResult.PENDING
    ]
    if unchecked:
        errors["__all__"] = [
            _("Every checklist line needs a result; missing: %(lines)s")
            % {"lines": "；".join(unchecked)}
        ]
    if conducted_on > today():
        errors["conducted_on"] = [_("The inspection date cannot be in the future.")]
    failed = any(results.get(i.pk, ("", ""))[0] == CheckResult.FAIL for i in items)
    if failed and rectification_deadline is None:
        errors["rectification_deadline"] = [_("A failed check needs a rectification deadline.")]
    elif failed and rectification_deadline <= conducted_on:
        errors["rectification_deadline"] = [
            _("The rectification deadline must come after the inspection.")
        ]
    if errors:
        raise ValidationError(errors)
    for item in items:
        item.result, remark = results[item.pk]
        item.remark = (remark or "").strip()[:200]
    InspectionCheckItem.objects.bulk_update(items, ["result", "remark"])
    _move(inspection, InspectionStatus.RECTIFYING if failed else InspectionStatus.PASSED)
    inspection.conducted_on = conducted_on
    inspection.score = score_of([i.result for i in items])
    inspection.summary = summary.strip()
    inspection.rectification_deadline = rectification_deadline if failed else None
    if not failed:
        inspection.closed_at = timezone.now()
    inspection.save()
    if conducted_on.year == today().year:
        from equipment.services.compliance import record_compliance_score

        record_compliance_score(inspection.court, user=user)
    transaction.on_commit(lambda: _notify_results(inspection.pk))
    return inspection


def _notify_results(inspection_id: int) -> None:
    from equipment.services.reminders import notify_court_leadership
    from haikou_exec.choices import NotificationLevel

    inspection = EquipmentInspection.objects.select_related("court").get(pk=inspection_id)
    if inspection.status == InspectionStatus.RECTIFYING:
        title = _("Equipment inspection: rectify by %(date)s") % {
            "date": written_date(inspection.rectification_deadline)
        }
        level = NotificationLevel.WARNING
    else:
        title = _("Equipment inspection passed (score %(score)s)") % {"score": inspection.score}
        level = NotificationLevel.INFO
    notify_court_leadership(
        inspection.court,
        title=title,
        body=inspection.summary,
        dedup_key=f"equipment:inspection:{inspection.pk}:results",
        link=inspection.get_absolute_url(),
        level=level,
    )


@transaction.atomic
def cancel_inspection(*, user, inspection_id: int, reason: str) -> EquipmentInspection:
    """The intermediate bureau cancels a scheduled inspection, with the reason
    (DOMAIN.md §7 "Inspections")."""
    require(can_schedule_inspections(user))
    inspection = lock_for(EquipmentInspection, inspection_id, user)
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for cancelling.")]})
    _move(inspection, InspectionStatus.CANCELLED)
    inspection.summary = reason.strip()
    inspection.save(update_fields=["status", "summary"])
    return inspection


@transaction.atomic
def report_rectification(*, user, inspection_id: int, note: str) -> InspectionFollowUp:
    """The inspected court's leadership reports the rectification done (the
    restriction point gives "change" to that court's leadership).
    Source: DOMAIN.md §7 "Inspections"."""
    inspection = lock_for(EquipmentInspection, inspection_id, user, CHANGE)
    if not note.strip():
        raise ValidationError({"note": [_("Describe what was rectified.")]})
    _move(inspection, InspectionStatus.RECTIFICATION_REPORTED)
    inspection.save(update_fields=["status"])
    follow_up = InspectionFollowUp.objects.create(
        inspection=inspection, kind=FollowUpKind.REPORTED, note=note.strip(), recorded_by=user
    )
    from haikou_exec.notifications import notify

    transaction.on_commit(
        lambda: notify(
            [inspection.scheduled_by_id],
            title=_("%(court)s reported its equipment rectification")
            % {"court": inspection.court.short_name},
            body=follow_up.note,
            dedup_key=f"equipment:inspection:{inspection.pk}:reported:{follow_up.pk}",
            link=inspection.get_absolute_url(),
        )
    )
    return follow_up


@transaction.atomic
def review_rectification(
    *,
    user,
    inspection_id: int,
    accepted: bool,
    note: str,
    new_deadline: datetime.date | None = None,
) -> InspectionFollowUp:
    """The intermediate court accepts the rectification (the inspection closes) or
    rejects it with a new deadline (DOMAIN.md §7; the follow-up of issue 8)."""
    require(can_schedule_inspections(user))
    inspection = lock_for(EquipmentInspection, inspection_id, user)
    if not accepted and (new_deadline is None or new_deadline <= today()):
        raise ValidationError(
            {"new_deadline": [_("A rejected rectification needs a new deadline after today.")]}
        )
    if not note.strip():
        raise ValidationError({"note": [_("Write down the verification result.")]})
    _move(inspection, InspectionStatus.CLOSED if accepted else InspectionStatus.RECTIFYING)
    if accepted:
        inspection.closed_at = timezone.now()
    else:
        inspection.rectification_deadline = new_deadline
    inspection.save(update_fields=["status", "closed_at", "rectification_deadline"])
    follow_up = InspectionFollowUp.objects.create(
        inspection=inspection,
        kind=FollowUpKind.ACCEPTED if accepted else FollowUpKind.REJECTED,
        note=note.strip(),
        new_deadline=None if accepted else new_deadline,
        recorded_by=user,
    )

    def _notify():
        from equipment.services.reminders import notify_court_leadership

        notify_court_leadership(
            inspection.court,
            title=(
                _("Equipment rectification accepted")
                if accepted
                else _("Equipment rectification rejected; new deadline %(date)s")
                % {"date": written_date(new_deadline)}
            ),
            body=follow_up.note,
            dedup_key=f"equipment:inspection:{inspection.pk}:review:{follow_up.pk}",
            link=inspection.get_absolute_url(),
        )

    transaction.on_commit(_notify)
    return follow_up


@transaction.atomic
def add_inspection_photo(
    *, user, inspection_id: int, uploaded, caption: str = "", check_item_id: int | None = None
) -> InspectionPhoto:
    """Attach a photo to an inspection: the inspectors' evidence or the inspected
    court's proof of rectification. Stored by the default storage, outside the
    web root.
    Source: DOMAIN.md §7 "Inspections"."""
    inspection = lock_for(EquipmentInspection, inspection_id, user, CHANGE)
    if inspection.status == InspectionStatus.CANCELLED:
        raise ValidationError(_("A cancelled inspection takes no photos."))
    check_item = None
    if check_item_id:
        check_item = inspection.check_items.filter(pk=check_item_id).first()
        if check_item is None:
            raise ValidationError(
                {"check_item": [_("That line is not on this inspection's checklist.")]}
            )
    checked = check_upload(uploaded, PHOTOS)
    photo = InspectionPhoto(
        inspection=inspection,
        check_item=check_item,
        content_type=checked.content_type,
        width=checked.width,
        height=checked.height,
        size_bytes=checked.size,
        caption=caption.strip()[:120],
        uploaded_by=user,
    )
    photo.image.save(f"photo.{checked.extension}", ContentFile(checked.data), save=False)
    try:
        photo.save()
    except Exception:
        # Do not leave a stored file behind without its row.
        photo.image.storage.delete(photo.image.name)
        raise
    return photo

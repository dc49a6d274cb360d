"""Inspections and special campaigns (巡查, 专项活动) with findings per court — DOMAIN.md §8."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import EnforcementCase
from courts.access import lock_for
from courts.choices import CourtTier
from courts.models import Court
from courts.policy import leads_court
from supervision.choices import (
    FINDING_TRANSITIONS,
    INSPECTION_TRANSITIONS,
    FindingCategory,
    FindingStatus,
    InspectionKind,
    InspectionStatus,
    Severity,
)
from supervision.models import Inspection, InspectionFinding
from supervision.services.common import (
    allocate_reference,
    ensure_supervises,
    move,
    require_text,
    today,
)


@transaction.atomic
def create_inspection(
    *,
    user,
    kind: str,
    title: str,
    focus: str,
    starts_on: dt.date,
    ends_on: dt.date,
    court_ids: list[int],
    led_by_id: int | None = None,
) -> Inspection:
    """The intermediate bureau inspects district work or runs a special campaign.
    Source: DOMAIN.md §8 "Means"."""
    ensure_supervises(user)
    if kind not in InspectionKind.values:
        raise ValidationError({"kind": [_("Choose inspection or campaign.")]})
    require_text("title", title, _("Give the inspection a title."))
    require_text("focus", focus, _("Describe the focus and method."))
    if ends_on < starts_on:
        raise ValidationError({"ends_on": [_("The end lies after the start.")]})
    courts = list(Court.objects.filter(pk__in=court_ids))
    if not courts:
        raise ValidationError({"courts": [_("Choose at least one court.")]})
    organiser = Court.objects.filter(tier=CourtTier.INTERMEDIATE).order_by("pk").first()
    inspection = Inspection.objects.create(
        reference=allocate_reference("inspection", starts_on.year),
        kind=kind,
        title=title.strip(),
        court=organiser,
        focus=focus.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        led_by_id=led_by_id or getattr(getattr(user, "officer", None), "pk", None),
        created_by=user,
    )
    inspection.courts.set(courts)
    return inspection


@transaction.atomic
def start_inspection(*, user, inspection_id: int) -> Inspection:
    """The supervisors start a planned inspection (DOMAIN.md §8 "Means";
    INSPECTION_TRANSITIONS)."""
    ensure_supervises(user)
    inspection = lock_for(Inspection, inspection_id, user)
    move(inspection, InspectionStatus.IN_PROGRESS, INSPECTION_TRANSITIONS)
    inspection.save(update_fields=["status"])
    return inspection


@transaction.atomic
def conclude_inspection(*, user, inspection_id: int, summary: str) -> Inspection:
    """The supervisors conclude an inspection with a summary of its results (DOMAIN.md
    §8 "Means"; INSPECTION_TRANSITIONS)."""
    ensure_supervises(user)
    inspection = lock_for(Inspection, inspection_id, user)
    require_text("summary", summary, _("Summarise the results."))
    move(inspection, InspectionStatus.CONCLUDED, INSPECTION_TRANSITIONS)
    inspection.summary = summary.strip()
    inspection.save(update_fields=["status", "summary"])
    return inspection


@transaction.atomic
def record_finding(
    *,
    user,
    inspection_id: int,
    court_id: int,
    category: str,
    severity: str,
    description: str,
    found_on: dt.date | None = None,
    rectify_by: dt.date | None = None,
    case_id: int | None = None,
) -> InspectionFinding:
    """A finding about one of the courts inspected; it counts in that court's
    assessment (supervision findings, DOMAIN.md §9)."""
    ensure_supervises(user)
    inspection = lock_for(Inspection, inspection_id, user)
    if inspection.status == InspectionStatus.CONCLUDED:
        raise ValidationError(_("The inspection is concluded; findings are closed."))
    if not inspection.courts.filter(pk=court_id).exists():
        raise ValidationError({"court": [_("That court is not among the courts inspected.")]})
    if category not in FindingCategory.values:
        raise ValidationError({"category": [_("Choose a category.")]})
    if severity not in Severity.values:
        raise ValidationError({"severity": [_("Choose a severity.")]})
    require_text("description", description, _("Describe the finding."))
    found_on = found_on or today()
    if rectify_by and rectify_by < found_on:
        raise ValidationError(
            {"rectify_by": [_("The rectification deadline follows the finding.")]}
        )
    case = None
    if case_id:
        case = EnforcementCase.objects.get(pk=case_id)
        if case.court_id != court_id:
            raise ValidationError({"case": [_("The case belongs to another court.")]})
    return InspectionFinding.objects.create(
        inspection=inspection,
        court_id=court_id,
        case=case,
        category=category,
        severity=severity,
        description=description.strip(),
        found_on=found_on,
        rectify_by=rectify_by,
        recorded_by=user,
    )


@transaction.atomic
def report_rectification(
    *, user, finding_id: int, rectification: str, rectified_on: dt.date | None = None
) -> InspectionFinding:
    """The court's bureau leadership reports how the finding was rectified.
    Source: DOMAIN.md §8 "Means"; FINDING_TRANSITIONS."""
    finding = lock_for(InspectionFinding, finding_id, user)
    if not (user.is_superuser or leads_court(user, finding.court_id)):
        raise PermissionDenied(_("The court's bureau leadership reports the rectification."))
    require_text("rectification", rectification, _("Describe the rectification."))
    move(finding, FindingStatus.RECTIFIED, FINDING_TRANSITIONS)
    finding.rectification = rectification.strip()
    finding.rectified_on = rectified_on or today()
    finding.save(update_fields=["status", "rectification", "rectified_on"])
    return finding


@transaction.atomic
def review_rectification(
    *, user, finding_id: int, accept: bool, remarks: str = ""
) -> InspectionFinding:
    """The inspectors accept the rectification or reopen the finding.
    Source: DOMAIN.md §8 "Means"; FINDING_TRANSITIONS."""
    ensure_supervises(user)
    finding = lock_for(InspectionFinding, finding_id, user)
    if not accept:
        require_text("remarks", remarks, _("Say why the rectification is not accepted."))
    move(finding, FindingStatus.ACCEPTED if accept else FindingStatus.OPEN, FINDING_TRANSITIONS)
    if not accept:
        finding.rectification = f"{finding.rectification}\n——{_('Not accepted')}：{remarks.strip()}"
    finding.save(update_fields=["status", "rectification"])
    return finding

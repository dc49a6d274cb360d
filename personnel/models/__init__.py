"""Personnel models (DOMAIN.md §1, §5, §6), one module per concern."""

from personnel.models.appointments import DirectorAppointment
from personnel.models.duty_reports import DutyReport, DutyReportAttachment, duty_report_upload_to
from personnel.models.handovers import Handover, HandoverItem
from personnel.models.officers import (
    Officer,
    Team,
    TeamMembership,
    age_on,
    birth_date_from_resident_id,
    validate_resident_id_field,
)
from personnel.models.positions import (
    Position,
    PostQuota,
    RotationPlan,
    RotationPlanItem,
    RotationPolicy,
    StaffingQuota,
    TrialExchange,
)
from personnel.models.talent import (
    ResearchOutput,
    Secondment,
    Seminar,
    Specialty,
    TalentPoolMember,
    Training,
)

# pghistory registers each event model (OfficerEvent, PositionEvent …) on this
# package module itself, so ``from personnel.models import OfficerEvent`` works.

__all__ = [
    "DirectorAppointment",
    "DutyReport",
    "DutyReportAttachment",
    "Handover",
    "HandoverItem",
    "Officer",
    "Position",
    "PostQuota",
    "ResearchOutput",
    "RotationPlan",
    "RotationPlanItem",
    "RotationPolicy",
    "Secondment",
    "Seminar",
    "Specialty",
    "StaffingQuota",
    "TalentPoolMember",
    "Team",
    "TeamMembership",
    "Training",
    "TrialExchange",
    "age_on",
    "birth_date_from_resident_id",
    "duty_report_upload_to",
    "validate_resident_id_field",
]

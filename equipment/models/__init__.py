"""Equipment models (DOMAIN.md §7): standards, inventory and assignments,
inspections, and the compliance score the annual assessment reads."""

from equipment.models.compliance import ComplianceScore, ComplianceWeighting
from equipment.models.inspections import (
    EquipmentInspection,
    InspectionCheckItem,
    InspectionFollowUp,
    InspectionPhoto,
)
from equipment.models.inventory import (
    EquipmentAssignment,
    EquipmentItem,
    EquipmentStandard,
    add_years,
)

__all__ = [
    "ComplianceScore",
    "ComplianceWeighting",
    "EquipmentAssignment",
    "EquipmentInspection",
    "EquipmentItem",
    "EquipmentStandard",
    "InspectionCheckItem",
    "InspectionFollowUp",
    "InspectionPhoto",
    "add_years",
]

"""Supervision models (DOMAIN.md §8), one module per concern."""

from supervision.models.alerts import Alert, AlertRule
from supervision.models.base import ReferenceSequence
from supervision.models.cases import OrderResponse, SupervisionCase, SupervisionOrder
from supervision.models.inspections import Inspection, InspectionFinding
from supervision.models.joint import ConductFinding, JointInspection
from supervision.models.reviews import CaseReview, ReviewScore, ScoringItem, ScoringSheet
from supervision.models.talks import DirectorTalk

__all__ = [
    "Alert",
    "AlertRule",
    "CaseReview",
    "ConductFinding",
    "DirectorTalk",
    "Inspection",
    "InspectionFinding",
    "JointInspection",
    "OrderResponse",
    "ReferenceSequence",
    "ReviewScore",
    "ScoringItem",
    "ScoringSheet",
    "SupervisionCase",
    "SupervisionOrder",
]

"""Models of the cases app, one module per concern."""

from cases.models.case import CaseAssignment, CaseNumberSequence, EnforcementCase, Party
from cases.models.closing import ApplicantInterview
from cases.models.dossier import DossierFile, GeneratedDocument
from cases.models.ledger import CaseAccount, DisbursementRequest, LedgerEntry
from cases.models.measures import (
    AuctionRound,
    InvestigationStep,
    Measure,
    MeasureTermRule,
    PropertyFinding,
)
from cases.models.nodes import CaseNode, ClockPause, DeadlineExtension, NodeDefinition

__all__ = [
    "ApplicantInterview",
    "AuctionRound",
    "CaseAccount",
    "CaseAssignment",
    "CaseNode",
    "CaseNumberSequence",
    "ClockPause",
    "DeadlineExtension",
    "DisbursementRequest",
    "DossierFile",
    "EnforcementCase",
    "GeneratedDocument",
    "InvestigationStep",
    "LedgerEntry",
    "Measure",
    "MeasureTermRule",
    "NodeDefinition",
    "Party",
    "PropertyFinding",
]

"""Models of the cases app, one module per concern."""

from cases.models.agents import PartyAgent
from cases.models.case import CaseAssignment, CaseNumberSequence, EnforcementCase, Party
from cases.models.closing import ApplicantInterview
from cases.models.commission import Commission
from cases.models.criminal import (
    AbilityToPayFact,
    CommutationLink,
    CommutationReview,
    CriminalJudgment,
    CriminalJudgmentItem,
    PerformanceCertificate,
    ReceiptAllocation,
)
from cases.models.disposal import AssetDisposal
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
from cases.models.transfers import (
    Petition,
    SuggestionSettings,
    TransferRequest,
    TransferSuggestion,
)

__all__ = [
    "AssetDisposal",
    "Commission",
    "AbilityToPayFact",
    "CommutationLink",
    "CommutationReview",
    "CriminalJudgment",
    "CriminalJudgmentItem",
    "PerformanceCertificate",
    "ReceiptAllocation",
    "Petition",
    "SuggestionSettings",
    "TransferRequest",
    "TransferSuggestion",
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
    "PartyAgent",
    "PropertyFinding",
]

"""Models of the command and affairs centres, one module per concern."""

from command_center.models.affairs import AffairsTask, TaskTimeLimit
from command_center.models.command import (
    Directive,
    DirectiveRecipient,
    DispatchLogEntry,
    FieldRecord,
    FieldRecordAttachment,
    Operation,
    OperationAssignment,
    OperationParticipant,
    VideoConsultation,
)
from command_center.models.outsourcing import Institution, InstitutionQualification, OutsourcedTask
from command_center.models.public import PublicOpinionItem
from command_center.models.queries import AssetQuery, FreezeRequest, RequeryRound

# pghistory registers each event model on this package module.

__all__ = [
    "AffairsTask",
    "AssetQuery",
    "Directive",
    "DirectiveRecipient",
    "DispatchLogEntry",
    "FieldRecord",
    "FieldRecordAttachment",
    "FreezeRequest",
    "Institution",
    "InstitutionQualification",
    "Operation",
    "OperationAssignment",
    "OperationParticipant",
    "OutsourcedTask",
    "PublicOpinionItem",
    "RequeryRound",
    "TaskTimeLimit",
    "VideoConsultation",
]

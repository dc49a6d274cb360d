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

# The platform's rows are the kernel's (haikou_exec.models); named here as before.
from haikou_exec.models import BackgroundJob, Notification, OutboxMessage

# pghistory registers each event model on this package module.

__all__ = [
    "AffairsTask",
    "AssetQuery",
    "BackgroundJob",
    "Directive",
    "DirectiveRecipient",
    "DispatchLogEntry",
    "FieldRecord",
    "FieldRecordAttachment",
    "OutboxMessage",
    "FreezeRequest",
    "Institution",
    "InstitutionQualification",
    "Notification",
    "Operation",
    "OperationAssignment",
    "OperationParticipant",
    "OutsourcedTask",
    "PublicOpinionItem",
    "RequeryRound",
    "TaskTimeLimit",
    "VideoConsultation",
]

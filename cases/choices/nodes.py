"""Process nodes and the closing clock (DOMAIN.md §2 "Process nodes"): trigger
and completion events, limit units, node states, clock pauses, and the approval
states shared by every approval (deadline extensions, disbursements)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TriggerEvent(models.TextChoices):
    """Events that start a node's legal time limit (DOMAIN.md §2 table)."""

    FILING = "filing", _("Filing")
    FILE_RECEIVED = "file_received", _("File received by the handler")
    CLUE_RECEIVED = "clue_received", _("Property clue received from the applicant")
    SEIZURE = "seizure", _("Seizure")
    APPRAISAL_REQUESTED = "appraisal_requested", _("Appraisal or price inquiry requested")
    FUNDS_ARRIVED = "funds_arrived", _("Case funds arrived")
    OBJECTION_FILED = "objection_filed", _("Objection filed")
    RECONSIDERATION_FILED = "reconsideration_filed", _("Reconsideration applied for")
    PETITION_RECEIVED = "petition_received", _("Petition received")
    COMMISSION_RECEIVED = "commission_received", _("Commission received")
    TRANSFER_RECEIVED = "transfer_received", _("Transfer form received")
    PERFORMED = "performed", _("Title performed in full")


class CompletionEvent(models.TextChoices):
    """Actions that complete a node without a separate click."""

    ASSIGNED = "assigned", _("Case assigned")
    NOTICE_SENT = "notice_sent", _("Enforcement notice issued")
    ONLINE_QUERY_STARTED = "online_query_started", _("Online query started")
    CLUE_VERIFIED = "clue_verified", _("Clue verified")
    INVESTIGATION_DONE = "investigation_done", _("Property investigation done")
    REFERENCE_PRICE_STARTED = "reference_price_started", _("Reference-price procedure started")
    FUNDS_DISBURSED = "funds_disbursed", _("Funds disbursed")
    DECIDED = "decided", _("Decided")
    CLOSED = "closed", _("Case closed")
    MEASURE_RELEASED = "measure_released", _("Listing removed or restriction lifted")
    VALUATION_REPORTED = "valuation_reported", _("Valuation report received")

    @classmethod
    def by_their_act_only(cls) -> frozenset[str]:
        """Nodes done only by the act that completes them, never by a click on
        "complete": closing the case (the 执行结案 node), releasing the measure."""
        return frozenset({cls.CLOSED, cls.MEASURE_RELEASED})


class LimitUnit(models.TextChoices):
    DAYS = "days", _("calendar days")
    WORKING_DAYS = "working_days", _("working days")
    MONTHS = "months", _("months")


class NodeStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# A node is done or cancelled once (DOMAIN.md §2 "Process nodes").
NODE_TRANSITIONS: dict[str, set[str]] = {
    NodeStatus.OPEN: {NodeStatus.DONE, NodeStatus.CANCELLED},
    NodeStatus.DONE: set(),
    NodeStatus.CANCELLED: set(),
}


class ClockPauseKind(models.TextChoices):
    """Periods excluded from the closing clock (DOMAIN.md §2)."""

    STAY = "stay", _("Stay (中止)")
    SUSPENSION = "suspension", _("Suspension (暂缓)")
    PUBLIC_NOTICE = "public_notice", _("Public notice (公告)")
    APPRAISAL = "appraisal", _("Appraisal (评估)")


class ApprovalStatus(models.TextChoices):
    """pending → approved | rejected (decided once)."""

    PENDING = "pending", pgettext_lazy("approval", "Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


# Shared by every approval (DeadlineExtension, DisbursementRequest): decided once,
# never reopened (DOMAIN.md §2 "Process nodes", "Case funds").
APPROVAL_TRANSITIONS: dict[str, set[str]] = {
    ApprovalStatus.PENDING: {ApprovalStatus.APPROVED, ApprovalStatus.REJECTED},
    ApprovalStatus.APPROVED: set(),
    ApprovalStatus.REJECTED: set(),
}

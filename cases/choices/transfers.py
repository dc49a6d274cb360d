"""Moving cases between courts (DOMAIN.md §3): transfer requests (提级执行,
交叉执行, 指定执行) and the system's suggestions, with their transition tables."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TransferKind(models.TextChoices):
    """提级执行, 交叉执行, 指定执行 — each decided by the intermediate bureau."""

    ELEVATED = "elevated", _("Elevated execution (提级执行)")
    CROSS = "cross", _("Cross execution (交叉执行)")
    DESIGNATED = "designated", _("Designated execution (指定执行)")


class TransferSource(models.TextChoices):
    """Who raised the request (DOMAIN.md §3)."""

    DISTRICT = "district", _("District bureau")
    INTERMEDIATE_REVIEW = "intermediate_review", _("Intermediate bureau's own review")
    SUPERVISION = "supervision", _("Supervision")


class TransferReason(models.TextChoices):
    DIFFICULTY = "difficulty", _("Difficult case")
    LOCAL_PROTECTION = "local_protection", _("Local protectionism")
    CONFLICT_OF_INTEREST = "conflict_of_interest", _("Conflict of interest")
    NEGATIVE_EXECUTION = "negative_execution", _("Negative execution (消极执行)")
    OTHER = "other", _("Other")


class TransferStatus(models.TextChoices):
    """pending → approved | rejected | withdrawn (decided once, never reopened)."""

    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


TRANSFER_TRANSITIONS: dict[str, set[str]] = {
    TransferStatus.PENDING: {
        TransferStatus.APPROVED,
        TransferStatus.REJECTED,
        TransferStatus.WITHDRAWN,
    },
    TransferStatus.APPROVED: set(),
    TransferStatus.REJECTED: set(),
    TransferStatus.WITHDRAWN: set(),
}


class SuggestionReason(models.TextChoices):
    """Why the system proposes a case for elevation or cross execution."""

    LOCAL_RESPONDENT = (
        "local_respondent",
        _("Respondent is a government body or state enterprise of the court's own district"),
    )
    LONG_PENDING_HIGH_VALUE = "long_pending_high_value", _("Long pending with a high amount")
    OVERDUE_NODES = "overdue_nodes", _("Overdue process nodes")
    REPEATED_PETITIONS = "repeated_petitions", _("Repeated petitions")


class SuggestionStatus(models.TextChoices):
    """open → accepted | dismissed | lapsed; the decision is kept."""

    OPEN = "open", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")
    LAPSED = "lapsed", _("Lapsed (no longer applies)")


SUGGESTION_TRANSITIONS: dict[str, set[str]] = {
    SuggestionStatus.OPEN: {
        SuggestionStatus.ACCEPTED,
        SuggestionStatus.DISMISSED,
        SuggestionStatus.LAPSED,
    },
    SuggestionStatus.ACCEPTED: set(),
    SuggestionStatus.DISMISSED: set(),
    SuggestionStatus.LAPSED: set(),
}

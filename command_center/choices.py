"""States and codes of the command and affairs centres (DOMAIN.md §5).

Every status is a ``TextChoices`` with its transition table next to it; the
services check the table before any change (STYLE.md "States as TextChoices")."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# --- Affairs-centre task queues (执行事务中心) -------------------------------


class AffairsTaskKind(models.TextChoices):
    """Auxiliary affairs the teams hand to the centre (DOMAIN.md §5)."""

    RECEPTION = "reception", _("First reception (初次接待)")
    DRAFTING = "drafting", _("Document drafting (文书制作)")
    ONLINE_QUERY = "online_query", _("Online query and control (网络查控)")
    SERVICE = "service", _("Service of documents (送达)")
    PROPERTY_INVESTIGATION = "property_investigation", _("Property investigation (财产调查)")


class AffairsTaskStatus(models.TextChoices):
    """::

    pending ──claim──▶ claimed ──complete──▶ completed
       ▲  │              │  └──return──▶ returned ──resend──▶ pending
       │  └─cancel─▶ cancelled ◀──cancel────────────┘
       └────release──────┘
    """

    PENDING = "pending", _("Waiting in the queue")
    CLAIMED = "claimed", _("Claimed")
    COMPLETED = "completed", _("Completed")
    RETURNED = "returned", _("Returned to the team")
    CANCELLED = "cancelled", _("Cancelled")

    @classmethod
    def open_states(cls) -> frozenset[str]:
        return frozenset({cls.PENDING, cls.CLAIMED})


AFFAIRS_TASK_TRANSITIONS: dict[str, frozenset[str]] = {
    AffairsTaskStatus.PENDING: frozenset({AffairsTaskStatus.CLAIMED, AffairsTaskStatus.CANCELLED}),
    AffairsTaskStatus.CLAIMED: frozenset(
        {AffairsTaskStatus.COMPLETED, AffairsTaskStatus.RETURNED, AffairsTaskStatus.PENDING}
    ),
    AffairsTaskStatus.RETURNED: frozenset({AffairsTaskStatus.PENDING, AffairsTaskStatus.CANCELLED}),
    AffairsTaskStatus.COMPLETED: frozenset(),
    AffairsTaskStatus.CANCELLED: frozenset(),
}


# --- Online property query and control (网络查控) ----------------------------


class InstitutionKind(models.TextChoices):
    """The kinds of institution on the national query network."""

    BANK = "bank", _("Bank")
    REAL_ESTATE = "real_estate", _("Real-estate registry")
    VEHICLE = "vehicle", _("Vehicle administration")
    SECURITIES = "securities", _("Securities depository")


class QueryStatus(models.TextChoices):
    """One institution queried for one case::

    pending ──▶ ok
       │  └───▶ retrying ──▶ ok | retrying | failed (after the last attempt)
       └──────▶ failed (a permanent error)
    """

    PENDING = "pending", _("Pending")
    OK = "ok", _("Answered")
    RETRYING = "retrying", _("Retrying")
    FAILED = "failed", _("Failed")

    @classmethod
    def terminal(cls) -> frozenset[str]:
        return frozenset({cls.OK, cls.FAILED})


QUERY_TRANSITIONS: dict[str, frozenset[str]] = {
    QueryStatus.PENDING: frozenset({QueryStatus.OK, QueryStatus.RETRYING, QueryStatus.FAILED}),
    QueryStatus.RETRYING: frozenset({QueryStatus.OK, QueryStatus.RETRYING, QueryStatus.FAILED}),
    QueryStatus.OK: frozenset(),
    QueryStatus.FAILED: frozenset(),
}


class FreezeStatus(models.TextChoices):
    """pending → frozen | retrying | failed; retrying → frozen | retrying | failed."""

    PENDING = "pending", _("Pending")
    FROZEN = "frozen", _("Frozen")
    RETRYING = "retrying", _("Retrying")
    FAILED = "failed", _("Failed")


FREEZE_TRANSITIONS: dict[str, frozenset[str]] = {
    FreezeStatus.PENDING: frozenset(
        {FreezeStatus.FROZEN, FreezeStatus.RETRYING, FreezeStatus.FAILED}
    ),
    FreezeStatus.RETRYING: frozenset(
        {FreezeStatus.FROZEN, FreezeStatus.RETRYING, FreezeStatus.FAILED}
    ),
    FreezeStatus.FROZEN: frozenset(),
    FreezeStatus.FAILED: frozenset(),
}


class RequeryStatus(models.TextChoices):
    """One six-monthly re-query of a 终本 case (DOMAIN.md §2 "After 终本")::

    due ──enqueue──▶ querying ──▶ done
                        └──(every institution failed)──▶ due (queried again)
    """

    DUE = "due", _("Due")
    QUERYING = "querying", _("Querying")
    DONE = "done", _("Done")


REQUERY_TRANSITIONS: dict[str, frozenset[str]] = {
    RequeryStatus.DUE: frozenset({RequeryStatus.QUERYING}),
    RequeryStatus.QUERYING: frozenset({RequeryStatus.DONE, RequeryStatus.DUE}),
    RequeryStatus.DONE: frozenset(),
}


# --- Command (统一指挥、协同执行) ---------------------------------------------


class DirectiveStatus(models.TextChoices):
    """issued → closed (by the intermediate bureau once the feedback is in)."""

    ISSUED = "issued", _("Issued")
    CLOSED = "closed", _("Closed")


DIRECTIVE_TRANSITIONS: dict[str, frozenset[str]] = {
    DirectiveStatus.ISSUED: frozenset({DirectiveStatus.CLOSED}),
    DirectiveStatus.CLOSED: frozenset(),
}


class FeedbackStatus(models.TextChoices):
    """A district bureau's side of a directive: issued → acknowledged → reported."""

    ISSUED = "issued", _("Awaiting acknowledgement")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    REPORTED = "reported", _("Feedback reported")


FEEDBACK_TRANSITIONS: dict[str, frozenset[str]] = {
    FeedbackStatus.ISSUED: frozenset({FeedbackStatus.ACKNOWLEDGED, FeedbackStatus.REPORTED}),
    FeedbackStatus.ACKNOWLEDGED: frozenset({FeedbackStatus.REPORTED}),
    FeedbackStatus.REPORTED: frozenset(),
}


class OperationStatus(models.TextChoices):
    """planned → under_way → concluded; planned → cancelled."""

    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    CONCLUDED = "concluded", _("Concluded")
    CANCELLED = "cancelled", _("Cancelled")


OPERATION_TRANSITIONS: dict[str, frozenset[str]] = {
    OperationStatus.PLANNED: frozenset({OperationStatus.UNDER_WAY, OperationStatus.CANCELLED}),
    OperationStatus.UNDER_WAY: frozenset({OperationStatus.CONCLUDED}),
    OperationStatus.CONCLUDED: frozenset(),
    OperationStatus.CANCELLED: frozenset(),
}


class DispatchSeverity(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    URGENT = "urgent", _("Urgent")
    EMERGENCY = "emergency", _("Emergency")


class DispatchStatus(models.TextChoices):
    """open → handled → closed."""

    OPEN = "open", _("Open")
    HANDLED = "handled", _("Handled")
    CLOSED = "closed", _("Closed")


DISPATCH_TRANSITIONS: dict[str, frozenset[str]] = {
    DispatchStatus.OPEN: frozenset({DispatchStatus.HANDLED, DispatchStatus.CLOSED}),
    DispatchStatus.HANDLED: frozenset({DispatchStatus.CLOSED}),
    DispatchStatus.CLOSED: frozenset(),
}


# --- Public opinion (舆情监测) -------------------------------------------------


class OpinionSource(models.TextChoices):
    NEWS = "news", _("News media")
    WEIBO = "weibo", _("Weibo")
    WECHAT = "wechat", _("WeChat")
    SHORT_VIDEO = "short_video", _("Short-video platform")
    FORUM = "forum", _("Forum or message board")
    PETITION = "petition", _("Letter or petition")
    OTHER = "other", _("Other")


class Sentiment(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")


class OpinionStatus(models.TextChoices):
    """new → verifying → responded → closed; new/verifying → closed (no response needed)."""

    NEW = "new", _("New")
    VERIFYING = "verifying", _("Being verified")
    RESPONDED = "responded", _("Responded")
    CLOSED = "closed", _("Closed")


OPINION_TRANSITIONS: dict[str, frozenset[str]] = {
    OpinionStatus.NEW: frozenset(
        {OpinionStatus.VERIFYING, OpinionStatus.RESPONDED, OpinionStatus.CLOSED}
    ),
    OpinionStatus.VERIFYING: frozenset({OpinionStatus.RESPONDED, OpinionStatus.CLOSED}),
    OpinionStatus.RESPONDED: frozenset({OpinionStatus.CLOSED}),
    OpinionStatus.CLOSED: frozenset(),
}


# --- Outsourcing (社会化协作) ---------------------------------------------------


class InstitutionType(models.TextChoices):
    """Outside professionals and auxiliary services (DOMAIN.md §5)."""

    ARBITRATION = "arbitration", _("Arbitration body")
    NOTARY = "notary", _("Notary office")
    LAW_FIRM = "law_firm", _("Law firm")
    ACCOUNTING = "accounting", _("Accounting firm")
    AUDIT = "audit", _("Audit firm")
    AUCTION_ASSISTANCE = "auction_assistance", _("Auction assistance")
    SERVICE_OF_DOCUMENTS = "service_of_documents", _("Service of documents")


class OutsourcedWork(models.TextChoices):
    PROPERTY_INVESTIGATION = "property_investigation", _("Property investigation")
    AUCTION_ASSISTANCE = "auction_assistance", _("Auction assistance")
    SERVICE_OF_DOCUMENTS = "service_of_documents", _("Service of documents")
    AUDIT = "audit", _("Audit or accounting")
    LEGAL_SERVICE = "legal_service", _("Legal service")
    NOTARISATION = "notarisation", _("Notarisation")
    MEDIATION = "mediation", _("Mediation or arbitration")


class OutsourcedStatus(models.TextChoices):
    """commissioned → delivered → accepted | rejected; rejected → delivered (redone);
    commissioned → cancelled."""

    COMMISSIONED = "commissioned", _("Commissioned")
    DELIVERED = "delivered", _("Result delivered")
    ACCEPTED = "accepted", pgettext_lazy("outsourcing", "Accepted")
    REJECTED = "rejected", _("Rejected, to be redone")
    CANCELLED = "cancelled", _("Cancelled")


OUTSOURCED_TRANSITIONS: dict[str, frozenset[str]] = {
    OutsourcedStatus.COMMISSIONED: frozenset(
        {OutsourcedStatus.DELIVERED, OutsourcedStatus.CANCELLED}
    ),
    OutsourcedStatus.DELIVERED: frozenset({OutsourcedStatus.ACCEPTED, OutsourcedStatus.REJECTED}),
    OutsourcedStatus.REJECTED: frozenset({OutsourcedStatus.DELIVERED, OutsourcedStatus.CANCELLED}),
    OutsourcedStatus.ACCEPTED: frozenset(),
    OutsourcedStatus.CANCELLED: frozenset(),
}

"""States and codes of supervision (DOMAIN.md §8). Each state machine has its
transition table next to it; the services check it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SupervisionTrigger(models.TextChoices):
    """What a supervision answers to (DOMAIN.md §8 "Triggers")."""

    NEGATIVE_EXECUTION = "negative", _("Negative execution (消极执行)")
    SELECTIVE_EXECUTION = "selective", _("Selective execution (选择性执行)")
    ARBITRARY_EXECUTION = "arbitrary", _("Arbitrary execution (乱执行)")
    DISCIPLINE = "discipline", _("Violation of discipline or law")
    DEFIANCE = "defiance", _("Defying the higher court's rules or opinions")
    OTHER = "other", _("Other")


class SupervisionSource(models.TextChoices):
    ALERT = "alert", _("Negative-execution alert")
    PETITION = "petition", _("Petition or complaint")
    INSPECTION = "inspection", _("Inspection or campaign")
    REVIEW = "review", _("Case review")
    LEADERSHIP = "leadership", _("Leadership instruction")
    OTHER = "other", _("Other")


class SupervisionStatus(models.TextChoices):
    """open → investigating → concluded (open → concluded directly too)."""

    OPEN = "open", pgettext_lazy("supervision", "Open")
    INVESTIGATING = "investigating", _("Investigating")
    CONCLUDED = "concluded", pgettext_lazy("supervision", "Concluded")


SUPERVISION_TRANSITIONS: dict[str, frozenset[str]] = {
    SupervisionStatus.OPEN: frozenset(
        {SupervisionStatus.INVESTIGATING, SupervisionStatus.CONCLUDED}
    ),
    SupervisionStatus.INVESTIGATING: frozenset({SupervisionStatus.CONCLUDED}),
    SupervisionStatus.CONCLUDED: frozenset(),
}


class SupervisionOutcome(models.TextChoices):
    ESTABLISHED = "established", _("Problem established")
    PARTLY_ESTABLISHED = "partly", _("Partly established")
    NOT_ESTABLISHED = "not_established", _("Not established")


class OrderStatus(models.TextChoices):
    """督办: issued → responded → accepted, or returned → responded again."""

    ISSUED = "issued", _("Issued, awaiting response")
    RESPONDED = "responded", pgettext_lazy("supervision", "Responded")
    RETURNED = "returned", _("Returned for a better response")
    ACCEPTED = "accepted", pgettext_lazy("supervision", "Accepted")


ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    OrderStatus.ISSUED: frozenset({OrderStatus.RESPONDED}),
    OrderStatus.RESPONDED: frozenset({OrderStatus.ACCEPTED, OrderStatus.RETURNED}),
    OrderStatus.RETURNED: frozenset({OrderStatus.RESPONDED}),
    OrderStatus.ACCEPTED: frozenset(),
}


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", _("Inspection (巡查)")
    CAMPAIGN = "campaign", _("Special campaign (专项活动)")


class InspectionStatus(models.TextChoices):
    """planned → in_progress → concluded."""

    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("supervision", "In progress")
    CONCLUDED = "concluded", pgettext_lazy("supervision", "Concluded")


INSPECTION_TRANSITIONS: dict[str, frozenset[str]] = {
    InspectionStatus.PLANNED: frozenset({InspectionStatus.IN_PROGRESS}),
    InspectionStatus.IN_PROGRESS: frozenset({InspectionStatus.CONCLUDED}),
    InspectionStatus.CONCLUDED: frozenset(),
}


class FindingCategory(models.TextChoices):
    NEGATIVE = "negative", _("Negative execution")
    SELECTIVE = "selective", _("Selective execution")
    ARBITRARY = "arbitrary", _("Arbitrary execution")
    PROCESS = "process", _("Process nodes and deadlines")
    FUNDS = "funds", _("Case funds")
    TERMINATION = "termination", _("终本 quality")
    DISCIPLINE = "discipline", _("Discipline and conduct")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    MINOR = "minor", _("Minor")
    MAJOR = "major", _("Major")
    SERIOUS = "serious", _("Serious")


class FindingStatus(models.TextChoices):
    """open → rectified (reported by the court) → accepted (by the inspectors)."""

    OPEN = "open", pgettext_lazy("supervision finding", "Open")
    RECTIFIED = "rectified", _("Rectification reported")
    ACCEPTED = "accepted", _("Rectification accepted")


FINDING_TRANSITIONS: dict[str, frozenset[str]] = {
    FindingStatus.OPEN: frozenset({FindingStatus.RECTIFIED}),
    FindingStatus.RECTIFIED: frozenset({FindingStatus.ACCEPTED, FindingStatus.OPEN}),
    FindingStatus.ACCEPTED: frozenset(),
}


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


# A review is final once finalised (supervision.services.reviews).
REVIEW_TRANSITIONS: dict[str, frozenset[str]] = {
    ReviewStatus.DRAFT: frozenset({ReviewStatus.FINAL}),
    ReviewStatus.FINAL: frozenset(),
}


class ReviewGrade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    QUALIFIED = "qualified", _("Qualified")
    UNQUALIFIED = "unqualified", _("Unqualified")


class CaseConclusion(models.TextChoices):
    """The case side of 一案双查."""

    PROPER = "proper", _("Handled properly")
    FLAWED = "flawed", _("Flaws in handling")
    SERIOUSLY_FLAWED = "seriously_flawed", _("Serious errors in handling")


class ConductConclusion(models.TextChoices):
    """The officer side of 一案双查."""

    NO_FAULT = "no_fault", _("No fault")
    IRREGULARITY = "irregularity", _("Irregularity in work")
    DISCIPLINE = "discipline", _("Violation of discipline")
    LAW = "law", _("Violation of law")

    @classmethod
    def violations(cls) -> frozenset[str]:
        return frozenset({cls.DISCIPLINE, cls.LAW})


class JointStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("supervision", "Open")
    CONCLUDED = "concluded", pgettext_lazy("supervision", "Concluded")


JOINT_TRANSITIONS: dict[str, frozenset[str]] = {
    JointStatus.OPEN: frozenset({JointStatus.CONCLUDED}),
    JointStatus.CONCLUDED: frozenset(),
}


class TalkStatus(models.TextChoices):
    """约谈: scheduled → held → closed (follow-up done); scheduled → cancelled."""

    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held, follow-up pending")
    CLOSED = "closed", _("Follow-up completed")
    CANCELLED = "cancelled", _("Cancelled")


TALK_TRANSITIONS: dict[str, frozenset[str]] = {
    TalkStatus.SCHEDULED: frozenset({TalkStatus.HELD, TalkStatus.CANCELLED}),
    TalkStatus.HELD: frozenset({TalkStatus.CLOSED}),
    TalkStatus.CLOSED: frozenset(),
    TalkStatus.CANCELLED: frozenset(),
}


class AlertRuleCode(models.TextChoices):
    """The evaluators in code (supervision.alerts); the rules themselves —
    parameters, activity, severity — are data (``AlertRule``)."""

    PROPERTY_WITHOUT_MEASURE = "property_without_measure", _("Property found, no measure in time")
    NO_NODE_PROGRESS = "no_node_progress", _("No node progress")
    TERMINATION_INCOMPLETE = "termination_incomplete", _("终本 without every condition")
    FUNDS_UNPAID = "funds_unpaid", _("Case funds unpaid")
    SELECTIVE_EXECUTION = "selective_execution", _("Similar cases treated differently")


class AlertStatus(models.TextChoices):
    """open → dismissed (with a reason) | supervised (a supervision case opened);
    open → cleared when the facts no longer hold, and back to open if they return."""

    OPEN = "open", pgettext_lazy("supervision alert", "Open")
    DISMISSED = "dismissed", pgettext_lazy("supervision", "Dismissed")
    SUPERVISED = "supervised", _("Supervision opened")
    CLEARED = "cleared", _("Cleared (no longer firing)")


ALERT_TRANSITIONS: dict[str, frozenset[str]] = {
    AlertStatus.OPEN: frozenset(
        {AlertStatus.DISMISSED, AlertStatus.SUPERVISED, AlertStatus.CLEARED}
    ),
    AlertStatus.CLEARED: frozenset({AlertStatus.OPEN}),
    AlertStatus.DISMISSED: frozenset(),
    AlertStatus.SUPERVISED: frozenset(),
}


# The discipline office (纪检监察) reads the 一案双查 records shared with it: its
# members get a per-object grant when a record is shared (django-guardian).
DISCIPLINE_GROUP = "discipline_office"

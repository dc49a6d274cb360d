"""The case itself: type codes (类型代字) and their classes, filing rights by
court level, the origin of the title, the case status with its transition
table, and how a case is assigned (DOMAIN.md §2)."""

from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseType(models.TextChoices):
    """类型代字. Cases may be filed under no other code (DOMAIN.md §2)."""

    FIRST = "执", _("First enforcement (执)")
    RESUMED = "执恢", _("Resumed enforcement (执恢)")
    PRESERVATION = "执保", _("Preservation enforcement (执保)")
    OBJECTION = "执异", _("Enforcement objection (执异)")
    RECONSIDERATION = "执复", _("Reconsideration (执复)")
    SUPERVISION = "执监", _("Enforcement supervision (执监)")
    COORDINATION = "执协", _("Enforcement coordination (执协)")
    OTHER = "执他", _("Other enforcement matters (执他)")
    COMMUTATION = "刑更", _("Commutation/parole review (刑更)")

    @classmethod
    def implementation_codes(cls) -> frozenset[str]:
        return frozenset({cls.FIRST, cls.RESUMED, cls.PRESERVATION})


class CaseClass(models.TextChoices):
    IMPLEMENTATION = "implementation", _("Implementation (执行实施类)")
    REVIEW = "review", _("Review (执行审查类)")
    CRIMINAL_CHANGE = "criminal_change", _("Criminal execution change")


CASE_CLASS = {
    CaseType.FIRST: CaseClass.IMPLEMENTATION,
    CaseType.RESUMED: CaseClass.IMPLEMENTATION,
    CaseType.PRESERVATION: CaseClass.IMPLEMENTATION,
    CaseType.OBJECTION: CaseClass.REVIEW,
    CaseType.RECONSIDERATION: CaseClass.REVIEW,
    CaseType.SUPERVISION: CaseClass.REVIEW,
    CaseType.COORDINATION: CaseClass.REVIEW,
    CaseType.OTHER: CaseClass.REVIEW,
    CaseType.COMMUTATION: CaseClass.CRIMINAL_CHANGE,
}


class FilingRight(NamedTuple):
    """Where a type code is filed: the court tiers, the bureau kind, and whether
    only a dedicated intake (not the generic filing page or API) may file it."""

    tiers: frozenset[str]
    bureau: str
    intake_only: bool = False
    rule: str = ""


_ANY_TIER = frozenset({"district", "intermediate"})
_INTERMEDIATE = frozenset({"intermediate"})

# The one table of filing rights (DOMAIN.md §2 "Filing rights by court level"):
# type code → who may file it where. Values of courts.choices.CourtTier and
# BureauKind (kept as strings here so that this module imports nothing).
FILING_RIGHTS: dict[str, FilingRight] = {
    CaseType.FIRST: FilingRight(_ANY_TIER, "enforcement"),
    CaseType.RESUMED: FilingRight(_ANY_TIER, "enforcement"),
    CaseType.PRESERVATION: FilingRight(_ANY_TIER, "enforcement"),
    CaseType.OBJECTION: FilingRight(_ANY_TIER, "enforcement"),
    CaseType.RECONSIDERATION: FilingRight(
        _INTERMEDIATE,
        "enforcement",
        rule=_("执复 is decided by the court one level up: it is filed at the intermediate court"),
    ),
    CaseType.SUPERVISION: FilingRight(
        _INTERMEDIATE,
        "enforcement",
        rule=_("执监 over a district case is filed by the intermediate court"),
    ),
    CaseType.COORDINATION: FilingRight(_ANY_TIER, "enforcement"),
    CaseType.OTHER: FilingRight(_ANY_TIER, "enforcement"),
    CaseType.COMMUTATION: FilingRight(
        _INTERMEDIATE,
        "criminal_enforcement",
        intake_only=True,
        rule=_(
            "刑更 is heard by the intermediate court; its criminal enforcement bureau files it "
            "from the prison's request (commutation and parole intake)"
        ),
    ),
}

# Criminal-property enforcement is not a type code but a kind of 执 case: filed by
# the criminal enforcement bureau from the trial department's transfer form (§4).
CRIMINAL_PROPERTY_RIGHT = FilingRight(
    _INTERMEDIATE,
    "criminal_enforcement",
    intake_only=True,
    rule=_(
        "criminal-property enforcement is filed by the criminal enforcement bureau from the "
        "trial department's transfer form"
    ),
)


class CaseOrigin(models.TextChoices):
    """What the title of execution is (drives the 6- or 3-month closing limit)."""

    CIVIL = "civil", _("Civil judgment or mediation")
    ARBITRATION = "arbitration", _("Arbitral award")
    NOTARIAL = "notarial", _("Notarised debt instrument")
    ADMINISTRATIVE_NON_LITIGATION = "admin_non_litigation", _("Non-litigation administrative")
    CRIMINAL_PROPERTY = "criminal_property", _("Property part of a criminal judgment")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    """filed → assigned → in_progress ⇄ stayed/suspended → closed.

    A closed case never reopens: resumption files a new 执恢 case (DOMAIN.md §2)."""

    FILED = "filed", _("Filed")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    STAYED = "stayed", _("Stayed (中止)")
    SUSPENDED = "suspended", _("Suspended (暂缓)")
    CLOSED = "closed", _("Closed")


CASE_TRANSITIONS: dict[str, set[str]] = {
    CaseStatus.FILED: {CaseStatus.ASSIGNED, CaseStatus.CLOSED},
    CaseStatus.ASSIGNED: {
        CaseStatus.ASSIGNED,
        CaseStatus.IN_PROGRESS,
        CaseStatus.STAYED,
        CaseStatus.SUSPENDED,
        CaseStatus.CLOSED,
    },
    CaseStatus.IN_PROGRESS: {
        CaseStatus.IN_PROGRESS,
        CaseStatus.STAYED,
        CaseStatus.SUSPENDED,
        CaseStatus.CLOSED,
    },
    CaseStatus.STAYED: {CaseStatus.IN_PROGRESS, CaseStatus.CLOSED},
    CaseStatus.SUSPENDED: {CaseStatus.IN_PROGRESS, CaseStatus.CLOSED},
    CaseStatus.CLOSED: set(),
}


# How an open case's state reads by its class: a review case (执异, 执复, 执监, 执协,
# 执他) is examined, not enforced — it closes by 终结审查, 驳回 … (DOMAIN.md §2
# "Review cases close as reviews") — and a 刑更 case is heard. The stored state is
# the same, so the lists still filter all of them as one.
STATUS_WORDING_BY_CLASS: dict[tuple[str, str], str] = {
    (CaseClass.REVIEW, CaseStatus.IN_PROGRESS): _("Under review (审查中)"),
    (CaseClass.CRIMINAL_CHANGE, CaseStatus.IN_PROGRESS): _("Being heard (审理中)"),
}


def case_status_label(status: str, case_type: str) -> str:
    """The words for a case's state, for the class of its type code."""
    wording = STATUS_WORDING_BY_CLASS.get((CASE_CLASS.get(case_type), status))
    return str(wording if wording is not None else CaseStatus(status).label)


class AssignmentMethod(models.TextChoices):
    MANUAL = "manual", _("By hand")
    AUTOMATIC = "automatic", _("Automatic (weighted workload)")
    HANDOVER = "handover", _("Handover")

"""Equipment categories and the states of items and inspections (DOMAIN.md §7).

Every status is a ``TextChoices`` with its transition table next to it; the
services check the table before any change (STYLE.md "States as TextChoices")."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EquipmentCategory(models.TextChoices):
    """The seven kinds of equipment the intermediate bureau sets standards for
    (DOMAIN.md §7 "Standards")."""

    COMMAND_DISPATCH = "command_dispatch", _("Emergency command and dispatch system")
    VEHICLE = "vehicle", pgettext_lazy("equipment", "Vehicle")
    COMMUNICATIONS = "communications", _("Communications")
    RECORDER = "recorder", _("Law-enforcement recorder")
    SMART_ENFORCEMENT = "smart_enforcement", _("Smart-enforcement system")
    STORAGE = "storage", _("Storage")
    OTHER = "other", _("Other materiel")

    @classmethod
    def order(cls, value: str) -> int:
        """Position in the declared order (lists and checklists follow it)."""
        return cls.values.index(value)


class ItemStatus(models.TextChoices):
    """An inventory item's state.

    ::

        in_stock ──assign──▶ in_use ──return──▶ in_stock
           │  ▲                 │
           ▼  │                 ▼
        under_repair ◀──────────┘        lost ──found──▶ in_stock
           │                              │
           ▼                              ▼
        scrapped (final) ◀────────────────┘

    ``in_use`` is entered and left only through an assignment (``assign_item`` /
    ``return_item``), so an item is in use exactly when it has an open assignment.
    """

    IN_STOCK = "in_stock", _("In stock")
    IN_USE = "in_use", _("In use")
    UNDER_REPAIR = "under_repair", _("Under repair")
    LOST = "lost", _("Lost")
    SCRAPPED = "scrapped", _("Scrapped")

    @classmethod
    def in_service(cls) -> tuple[str, ...]:
        """States that count towards a court's standard (serviceable equipment).
        A tuple, not a set: constraints built from it must not change order
        between runs (makemigrations --check)."""
        return (cls.IN_STOCK, cls.IN_USE)


ITEM_TRANSITIONS: dict[str, set[str]] = {
    ItemStatus.IN_STOCK: {
        ItemStatus.IN_USE,
        ItemStatus.UNDER_REPAIR,
        ItemStatus.LOST,
        ItemStatus.SCRAPPED,
    },
    ItemStatus.IN_USE: {ItemStatus.IN_STOCK, ItemStatus.UNDER_REPAIR, ItemStatus.LOST},
    ItemStatus.UNDER_REPAIR: {ItemStatus.IN_STOCK, ItemStatus.SCRAPPED},
    ItemStatus.LOST: {ItemStatus.IN_STOCK, ItemStatus.SCRAPPED},
    ItemStatus.SCRAPPED: set(),
}
# Entered or left only by assigning or returning an item.
ASSIGNMENT_STATES = {ItemStatus.IN_USE}


class InspectionStatus(models.TextChoices):
    """An inspection of one court's equipment by the intermediate court.

    ::

        scheduled ──results, all pass──▶ passed (final)
           │  └────results, failures──▶ rectifying ──report──▶ rectification_reported
           ▼                               ▲                         │
        cancelled (final)                  └────────rejected─────────┤
                                                                     ▼
                                                               closed (final)
    """

    SCHEDULED = "scheduled", _("Scheduled")
    PASSED = "passed", _("Passed")
    RECTIFYING = "rectifying", _("Rectification required")
    RECTIFICATION_REPORTED = "rectification_reported", _("Rectification reported")
    CLOSED = "closed", _("Closed after rectification")
    CANCELLED = "cancelled", _("Cancelled")

    @classmethod
    def with_results(cls) -> tuple[str, ...]:
        """States in which the checklist results have been recorded (ordered, see
        ItemStatus.in_service)."""
        return (cls.PASSED, cls.RECTIFYING, cls.RECTIFICATION_REPORTED, cls.CLOSED)

    @classmethod
    def open_rectification(cls) -> tuple[str, ...]:
        return (cls.RECTIFYING, cls.RECTIFICATION_REPORTED)


INSPECTION_TRANSITIONS: dict[str, set[str]] = {
    InspectionStatus.SCHEDULED: {
        InspectionStatus.PASSED,
        InspectionStatus.RECTIFYING,
        InspectionStatus.CANCELLED,
    },
    InspectionStatus.RECTIFYING: {InspectionStatus.RECTIFICATION_REPORTED},
    InspectionStatus.RECTIFICATION_REPORTED: {InspectionStatus.CLOSED, InspectionStatus.RECTIFYING},
    InspectionStatus.PASSED: set(),
    InspectionStatus.CLOSED: set(),
    InspectionStatus.CANCELLED: set(),
}


class CheckResult(models.TextChoices):
    PENDING = "pending", _("Not checked yet")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class FollowUpKind(models.TextChoices):
    REPORTED = "reported", _("Rectification reported")
    ACCEPTED = "accepted", _("Rectification accepted")
    REJECTED = "rejected", _("Rectification rejected")

"""Process nodes and their legal time limits, kept as data (DOMAIN.md §2)."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.choices import (
    ApprovalStatus,
    CaseType,
    ClockPauseKind,
    CompletionEvent,
    LimitUnit,
    NodeStatus,
    TriggerEvent,
)
from courts.access import CourtScoped, RestrictedManager, Scope
from haikou_exec.formats import written_date as _day


@pghistory.track()
class NodeDefinition(models.Model):
    """A node with its limit, unit, trigger and source; editable in the admin."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    trigger = models.CharField(_("trigger event"), max_length=32, choices=TriggerEvent.choices)
    limit_value = models.PositiveSmallIntegerField(_("limit"))
    limit_unit = models.CharField(_("unit"), max_length=16, choices=LimitUnit.choices)
    urgent_limit_value = models.PositiveSmallIntegerField(
        _("limit when urgent"), null=True, blank=True
    )
    # The closing clock excludes stays, suspensions, notices and appraisals.
    pausable = models.BooleanField(_("stopped by stays and suspensions"), default=False)
    extendable = models.BooleanField(_("extension possible with approval"), default=False)
    # Case types the node applies to; empty means every type.
    case_types = ArrayField(
        models.CharField(max_length=8, choices=CaseType.choices),
        verbose_name=_("case types"),
        default=list,
        blank=True,
    )
    # For the closing node: a shorter limit for some title kinds (non-litigation administrative).
    origin_limit_overrides = models.JSONField(_("limit per title kind"), default=dict, blank=True)
    # The event that completes the node automatically (e.g. assignment, notice sent).
    completion_event = models.CharField(
        _("completed by"), max_length=32, choices=CompletionEvent.choices, blank=True
    )
    source = models.CharField(_("legal source"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    objects = RestrictedManager()

    class Meta:
        verbose_name = _("node definition")
        verbose_name_plural = _("node definitions")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def access_q(cls, scope: Scope, action: str):
        return None  # reference data: visible to every officer with the permission


@pghistory.track()
class CaseNode(CourtScoped):
    access_court_path = "case__court"

    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="nodes",
    )
    definition = models.ForeignKey(
        NodeDefinition, verbose_name=_("node"), on_delete=models.PROTECT, related_name="+"
    )
    # Distinguishes repeated nodes (one per seizure, per receipt, …).
    trigger_ref = models.CharField(_("trigger reference"), max_length=40, blank=True)
    triggered_on = models.DateField(_("triggered on"))
    is_urgent = models.BooleanField(_("urgent"), default=False)
    base_due_on = models.DateField(_("due (before pauses and extensions)"))
    due_on = models.DateField(_("due on"))
    extension_days = models.PositiveSmallIntegerField(_("approved extension (days)"), default=0)
    status = models.CharField(
        _("status"), max_length=16, choices=NodeStatus.choices, default=NodeStatus.OPEN
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    # How the deadline was computed, step by step (rendered in the user's language).
    computation = models.JSONField(_("how the deadline was computed"), default=list)

    class Meta:
        verbose_name = _("case node")
        verbose_name_plural = _("case nodes")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "definition", "trigger_ref"], name="node_once_per_trigger"
            )
        ]
        indexes = [
            # The deadline scan, the overdue lists and the dashboard read open nodes
            # by due date; with their case and definition, index-only.
            models.Index(
                fields=["due_on"],
                include=["case", "definition"],
                condition=models.Q(status="open"),
                name="node_open_due",
            ),
            # The worklist's sections read the open nodes of one definition (funds
            # to pay out, 终本 reviews, …) soonest first: without this PostgreSQL
            # intersected the definition's 0.5M nodes with the open ones (200 ms at
            # the design scale; `make load`).
            models.Index(
                fields=["definition", "due_on"],
                condition=models.Q(status="open"),
                name="node_open_definition_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.definition}"


@pghistory.track()
class ClockPause(CourtScoped):
    """A stay, suspension, notice or appraisal period: stops pausable clocks."""

    access_court_path = "case__court"

    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="pauses",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ClockPauseKind.choices)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("clock pause")
        verbose_name_plural = _("clock pauses")
        ordering = ["started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_pause_per_case",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="pause_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {_day(self.started_on)}–{_day(self.ended_on)}"


@pghistory.track()
class DeadlineExtension(CourtScoped):
    """An extension of a node's limit; it counts only once approved (by the court
    president for the closing limit, requested ≥ 5 days before expiry)."""

    access_court_path = "node__case__court"

    node = models.ForeignKey(
        CaseNode, verbose_name=_("node"), on_delete=models.CASCADE, related_name="extensions"
    )
    days = models.PositiveSmallIntegerField(_("days"))
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_on = models.DateField(_("requested on"))
    status = models.CharField(
        _("status"), max_length=16, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    opinion = models.TextField(_("opinion"), blank=True)

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["-requested_on", "-id"]

    def __str__(self) -> str:
        return f"{self.node} +{self.days}"

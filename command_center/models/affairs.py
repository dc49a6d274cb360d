"""The affairs centre's task queues (执行事务中心, DOMAIN.md §5): teams send
auxiliary tasks, the centre claims, completes or returns them."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from command_center.choices import AffairsTaskKind, AffairsTaskStatus
from command_center.models.common import CentreWorked, case_criminal_q, case_team_q
from courts.access import RestrictedManager, Scope


class TaskTimeLimit(models.Model):
    """How long the centre has for each kind of task [assumed: local rule, editable
    in the admin]. A task's due time is computed when it is sent."""

    kind = models.CharField(
        _("task kind"), max_length=32, choices=AffairsTaskKind.choices, unique=True
    )
    limit_hours = models.PositiveIntegerField(_("time limit (hours)"))
    source = models.CharField(_("source of the limit"), max_length=200, blank=True)

    objects = RestrictedManager()

    class Meta:
        verbose_name = _("task time limit")
        verbose_name_plural = _("task time limits")
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.limit_hours} h"

    @classmethod
    def access_q(cls, scope: Scope, action: str):
        return None  # reference data


@pghistory.track()
class AffairsTask(CentreWorked):
    """One auxiliary task a team hands to the centre for a case."""

    court = models.ForeignKey(
        "courts.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="affairs_tasks",
    )
    kind = models.CharField(_("task kind"), max_length=32, choices=AffairsTaskKind.choices)
    instructions = models.TextField(_("instructions"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AffairsTaskStatus.choices,
        default=AffairsTaskStatus.PENDING,
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_team = models.ForeignKey(
        "personnel.Team",
        verbose_name=_("sending team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    due_at = models.DateTimeField(_("due at"))
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("claimed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("completed or returned at"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    # The online query run for an online-query task (its progress and findings).
    job = models.ForeignKey(
        "haikou_exec.BackgroundJob",
        verbose_name=_("query job"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("affairs-centre task")
        verbose_name_plural = _("affairs-centre tasks")
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="cc_task_status_due"),
            models.Index(fields=["claimed_by", "status"], name="cc_task_claimed_status"),
            models.Index(fields=["court", "status"], name="cc_task_court_status"),
            # A judge's home lists the tasks he sent, newest first: without it the
            # planner joined them to the cases by merging along the 500k cases'
            # primary key (100–200 ms a judge's home under `make load`).
            models.Index(fields=["sent_by", "sent_at"], name="cc_task_sent_by_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="claimed") | models.Q(claimed_by__isnull=False),
                name="cc_task_claimed_has_claimant",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.case}"

    def get_absolute_url(self) -> str:
        return reverse("command_center:task_detail", kwargs={"pk": self.pk})

    @property
    def is_overdue(self) -> bool:
        return self.status in AffairsTaskStatus.open_states() and self.due_at < timezone.now()

    @classmethod
    def handler_q(cls, scope: Scope) -> models.Q:
        return case_team_q(scope)

    @classmethod
    def criminal_q(cls) -> models.Q:
        return case_criminal_q()

"""Negative-execution alerts (流程节点自动预警和专人监管, DOMAIN.md §8). The rules
are data — code, parameters, activity, severity — and each code has an
evaluator in ``supervision.alerts``. An alert is one per rule and case."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courts.access import RestrictedManager, Scope
from supervision.choices import AlertRuleCode, AlertStatus, Severity, SupervisionTrigger
from supervision.models.base import SupervisionScoped


@pghistory.track()
class AlertRule(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True, choices=AlertRuleCode.choices)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("what it detects"))
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    severity = models.CharField(
        pgettext_lazy("supervision", "severity"),
        max_length=16,
        choices=Severity.choices,
        default=Severity.MAJOR,
    )
    trigger = models.CharField(
        _("supervision trigger"),
        max_length=16,
        choices=SupervisionTrigger.choices,
        default=SupervisionTrigger.NEGATIVE_EXECUTION,
    )
    source = models.CharField(_("legal source"), max_length=200, blank=True)
    last_run_at = models.DateTimeField(_("last evaluated at"), null=True, blank=True)
    last_run_hits = models.PositiveIntegerField(_("cases found at the last run"), default=0)

    objects = RestrictedManager()

    class Meta:
        verbose_name = _("alert rule")
        verbose_name_plural = _("alert rules")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def access_q(cls, scope: Scope, action: str):
        return None  # reference data: the permission decides

    def param(self, name: str, default):
        value = (self.parameters or {}).get(name, default)
        return type(default)(value) if default is not None else value


# The nightly refresh of the evidence and the detection dates is not an event of
# its own; triage (status, reason, supervision) is.
@pghistory.track(exclude=["evidence", "last_detected_on", "times_detected"])
class Alert(SupervisionScoped):
    rule = models.ForeignKey(
        AlertRule, verbose_name=_("rule"), on_delete=models.PROTECT, related_name="alerts"
    )
    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="supervision_alerts",
    )
    # The case's court, kept on the alert so that lists filter and count by court
    # without a join.
    court = models.ForeignKey(
        "courts.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    severity = models.CharField(
        pgettext_lazy("supervision", "severity"), max_length=16, choices=Severity.choices
    )
    # The facts that made the rule fire, with links (refreshed while open).
    evidence = models.JSONField(_("evidence"), default=dict)
    first_detected_on = models.DateField(_("first detected on"))
    last_detected_on = models.DateField(_("last detected on"))
    times_detected = models.PositiveIntegerField(_("days detected"), default=1)
    cleared_on = models.DateField(_("cleared on"), null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("triaged by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True)
    dismissal_reason = models.TextField(_("reason for dismissal"), blank=True)
    supervision_case = models.OneToOneField(
        "supervision.SupervisionCase",
        verbose_name=_("supervision case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="alert",
    )

    class Meta:
        verbose_name = _("negative-execution alert")
        verbose_name_plural = _("negative-execution alerts")
        ordering = ["-last_detected_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "case"], name="alert_once_per_rule_and_case"),
            models.CheckConstraint(
                condition=~models.Q(status="dismissed") | models.Q(dismissal_reason__gt=""),
                name="alert_dismissal_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="supervised") | models.Q(supervision_case__isnull=False),
                name="alert_supervised_has_case",
            ),
        ]
        indexes = [
            models.Index(fields=["court", "status"], name="alert_court_status"),
            models.Index(fields=["rule", "status"], name="alert_rule_status"),
        ]

    def __str__(self) -> str:
        return f"{self.rule.name} · {self.case}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:alert_detail", kwargs={"pk": self.pk})

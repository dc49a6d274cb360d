"""Supervision cases (执监) and supervision orders (督办) with their responses
(DOMAIN.md §8)."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from haikou_exec.formats import written_date as _day
from supervision.choices import (
    OrderStatus,
    SupervisionOutcome,
    SupervisionSource,
    SupervisionStatus,
    SupervisionTrigger,
)
from supervision.models.base import SupervisionScoped


@pghistory.track()
class SupervisionCase(SupervisionScoped):
    """A supervision of a court's enforcement work, usually of one case.

    ``supervised_case`` is the enforcement case under supervision;
    ``filing`` the 执监 case filed for it, when the supervision is run as a
    case of its own."""

    reference = models.CharField(_("reference"), max_length=32, unique=True)
    court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("supervised court"),
        on_delete=models.PROTECT,
        related_name="supervision_cases",
    )
    title = models.CharField(_("subject"), max_length=200)
    trigger = models.CharField(_("trigger"), max_length=16, choices=SupervisionTrigger.choices)
    source = models.CharField(
        pgettext_lazy("supervision", "source"), max_length=16, choices=SupervisionSource.choices
    )
    description = models.TextField(_("facts and leads"))
    supervised_case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("supervised case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervisions",
    )
    filing = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("执监 case filed"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervision_filings",
    )
    # 专人监管: the named supervisor (DOMAIN.md §8 "Alerts").
    handler = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("supervisor in charge"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervision_cases",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SupervisionStatus.choices,
        default=SupervisionStatus.OPEN,
    )
    opened_on = models.DateField(_("opened on"))
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    outcome = models.CharField(
        pgettext_lazy("supervision", "outcome"),
        max_length=16,
        choices=SupervisionOutcome.choices,
        blank=True,
    )
    conclusion = models.TextField(_("conclusion and measures taken"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("supervision case")
        verbose_name_plural = _("supervision cases")
        ordering = ["-opened_on", "-id"]
        indexes = [models.Index(fields=["court", "status"], name="supcase_court_status")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="concluded")
                | models.Q(concluded_on__isnull=False, outcome__gt=""),
                name="supcase_concluded_has_outcome",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:case_detail", kwargs={"pk": self.pk})


@pghistory.track()
class SupervisionOrder(SupervisionScoped):
    """督办: an instruction to a court, with a response deadline."""

    reference = models.CharField(_("reference"), max_length=32, unique=True)
    court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("court instructed"),
        on_delete=models.PROTECT,
        related_name="supervision_orders",
    )
    supervision_case = models.ForeignKey(
        SupervisionCase,
        verbose_name=_("supervision case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
    )
    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=pgettext_lazy("supervision", "enforcement case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervision_orders",
    )
    subject = models.CharField(_("subject"), max_length=200)
    instructions = models.TextField(pgettext_lazy("supervision", "instructions"))
    issued_on = models.DateField(pgettext_lazy("supervision", "issued on"))
    respond_by = models.DateField(_("respond by"))
    status = models.CharField(
        _("status"), max_length=16, choices=OrderStatus.choices, default=OrderStatus.ISSUED
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("supervision", "issued by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    first_responded_on = models.DateField(_("first responded on"), null=True, blank=True)
    # Set when the first response came after the deadline (or none came by it).
    responded_late = models.BooleanField(_("responded late"), default=False)
    review_remarks = models.TextField(_("remarks on the response"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("supervision order")
        verbose_name_plural = _("supervision orders")
        ordering = ["-issued_on", "-id"]
        indexes = [
            models.Index(
                fields=["respond_by"],
                condition=models.Q(status__in=["issued", "returned"]),
                name="suporder_awaiting_due",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(respond_by__gte=models.F("issued_on")),
                name="suporder_deadline_after_issue",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:order_detail", kwargs={"pk": self.pk})

    @property
    def awaiting_response(self) -> bool:
        return self.status in (OrderStatus.ISSUED, OrderStatus.RETURNED)

    def is_overdue(self, today) -> bool:
        return self.awaiting_response and self.respond_by < today


@pghistory.track()
class OrderResponse(SupervisionScoped):
    """A court's response to a 督办 order (kept, never edited)."""

    access_court_path = "order__court"

    order = models.ForeignKey(
        SupervisionOrder,
        verbose_name=_("order"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    text = models.TextField(pgettext_lazy("supervision", "response"))
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("supervision", "responded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    responded_on = models.DateField(_("responded on"))
    late = models.BooleanField(_("after the deadline"), default=False)
    created_at = models.DateTimeField(
        pgettext_lazy("supervision", "recorded at"), auto_now_add=True
    )

    class Meta:
        verbose_name = _("order response")
        verbose_name_plural = _("order responses")
        ordering = ["order", "created_at"]

    def __str__(self) -> str:
        return f"{self.order.reference} {_day(self.responded_on)}"

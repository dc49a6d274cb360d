"""Handover checklists: a leaving officer's open items go to named successors
(DOMAIN.md §6, rotation). What counts as an open item is contributed by each app
through ``personnel.handover`` (team seats here; cases and deadlines by ``cases``)."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courts.access import CourtScoped
from haikou_exec.formats import written_date as _day
from personnel.choices import HandoverStatus


@pghistory.track()
class Handover(CourtScoped):
    access_court_path = "bureau__court"

    officer = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("leaving officer"),
        on_delete=models.PROTECT,
        related_name="handovers",
    )
    bureau = models.ForeignKey(
        "courts.Bureau", verbose_name=_("bureau"), on_delete=models.PROTECT, related_name="+"
    )
    handover_on = models.DateField(_("handover date"))
    reason = models.CharField(pgettext_lazy("cause", "reason"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=HandoverStatus.choices, default=HandoverStatus.OPEN
    )
    rotation_item = models.ForeignKey(
        "personnel.RotationPlanItem",
        verbose_name=_("rotation plan item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handovers",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["-handover_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer"],
                condition=models.Q(status="open"),
                name="handover_one_open_per_officer",
            )
        ]

    def __str__(self) -> str:
        return _("Handover of %(name)s on %(date)s") % {
            "name": self.officer.name,
            "date": _day(self.handover_on),
        }

    def get_absolute_url(self) -> str:
        return reverse("personnel:handover_detail", kwargs={"pk": self.pk})


@pghistory.track()
class HandoverItem(CourtScoped):
    """One open item of the leaving officer and who takes it over.

    ``provider`` names the registered handover provider (``team_seat``, and
    ``case`` / ``deadline`` once the cases app registers them); ``ref`` is that
    provider's reference to the item."""

    access_court_path = "handover__bureau__court"

    handover = models.ForeignKey(
        Handover, verbose_name=_("handover"), on_delete=models.CASCADE, related_name="items"
    )
    provider = models.CharField(_("kind of item"), max_length=32)
    ref = models.CharField(_("reference"), max_length=64)
    label = models.CharField(_("item"), max_length=200)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    successor = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("successor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    moved_at = models.DateTimeField(_("moved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("handover item")
        verbose_name_plural = _("handover items")
        ordering = ["handover", "provider", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["handover", "provider", "ref"], name="handover_item_once"
            )
        ]

    def __str__(self) -> str:
        return self.label

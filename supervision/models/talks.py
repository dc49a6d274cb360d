"""约谈: the intermediate bureau summons a district director for a talk when the
bureau's work is poor (DOMAIN.md §8)."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from supervision.choices import TalkStatus
from supervision.models.base import SupervisionScoped


@pghistory.track()
class DirectorTalk(SupervisionScoped):
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("court"),
        on_delete=models.PROTECT,
        related_name="director_talks",
    )
    director = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("director summoned"),
        on_delete=models.PROTECT,
        related_name="talks",
    )
    reason = models.TextField(_("reason"))
    scheduled_on = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=16, choices=TalkStatus.choices, default=TalkStatus.SCHEDULED
    )
    held_on = models.DateField(_("held on"), null=True, blank=True)
    held_by = models.CharField(_("talk held by"), max_length=100, blank=True)
    record = models.TextField(_("record of the talk"), blank=True)
    follow_up = models.TextField(_("follow-up required"), blank=True)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_result = models.TextField(_("follow-up result"), blank=True)
    follow_up_done_on = models.DateField(_("follow-up done on"), null=True, blank=True)
    supervision_case = models.ForeignKey(
        "supervision.SupervisionCase",
        verbose_name=_("supervision case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="talks",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("talk with a director (约谈)")
        verbose_name_plural = _("talks with directors (约谈)")
        ordering = ["-scheduled_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["held", "closed"])
                | models.Q(held_on__isnull=False),
                name="talk_held_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.director.name}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:talk_detail", kwargs={"pk": self.pk})

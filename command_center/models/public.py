"""Public-opinion monitoring (舆情监测, DOMAIN.md §5)."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from command_center.choices import OpinionSource, OpinionStatus, Sentiment
from command_center.models.common import CentreWorked


@pghistory.track()
class PublicOpinionItem(CentreWorked):
    """One item of public opinion about enforcement: where it appeared, its tone,
    the case it concerns, and how the court responded."""

    court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("court concerned"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    source = models.CharField(_("source"), max_length=16, choices=OpinionSource.choices)
    link = models.URLField(_("link"), max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    sentiment = models.CharField(_("sentiment"), max_length=16, choices=Sentiment.choices)
    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("related case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    discovered_at = models.DateTimeField(_("discovered at"))
    status = models.CharField(
        _("status"), max_length=16, choices=OpinionStatus.choices, default=OpinionStatus.NEW
    )
    response = models.TextField(_("response"), blank=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("public-opinion item")
        verbose_name_plural = _("public-opinion log")
        ordering = ["-discovered_at"]
        indexes = [models.Index(fields=["court", "status"], name="cc_opinion_court_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("command_center:opinion_detail", kwargs={"pk": self.pk})

"""委托执行: a case commissioned to a court outside Haikou, or received from one
(最高人民法院关于委托执行若干问题的规定; DOMAIN.md §2 "Commissioned execution")."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.choices import CommissionDirection, CommissionStatus
from courts.access import CourtScoped


@pghistory.track()
class Commission(CourtScoped):
    """One commission. Outgoing: ``case`` is ours, closed 终结执行 (委托) when sent
    with its documents; the commissioned court files within 7 days [assumed],
    starts within 15 and reports within 30 (``file_by`` … ``report_by``).
    Incoming: ``case`` is the 执 case we filed for it, its origin the commissioning
    court and case; the 15/30-day limits are its process nodes."""

    access_court_path = "case__court"

    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="commissions",
    )
    direction = models.CharField(
        pgettext_lazy("commission", "direction"), max_length=10, choices=CommissionDirection.choices
    )
    other_court = models.CharField(_("the court outside Haikou"), max_length=100)
    other_case_number = models.CharField(_("its case number"), max_length=60, blank=True)
    letter_number = models.CharField(_("commission letter (委托执行函)"), max_length=60)
    sent_on = models.DateField(_("sent or received on"))
    documents = models.ManyToManyField(
        "cases.DossierFile", verbose_name=_("documents sent"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CommissionStatus.choices, default=CommissionStatus.OPEN
    )
    file_by = models.DateField(_("to be filed by"), null=True, blank=True)
    start_by = models.DateField(_("to be started by"), null=True, blank=True)
    report_by = models.DateField(_("to be reported by"))
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    report = models.TextField(pgettext_lazy("commission", "report"), blank=True)
    # Taken back (status returned or withdrawn): when, by which letter, and why.
    taken_back_on = models.DateField(_("taken back on"), null=True, blank=True)
    take_back_letter = models.CharField(
        _("letter returning or withdrawing it"), max_length=60, blank=True
    )
    take_back_reason = models.TextField(_("why it was taken back"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("commissioned execution")
        verbose_name_plural = _("commissioned executions")
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} · {self.other_court} · {self.letter_number}"

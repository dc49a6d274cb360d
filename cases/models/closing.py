"""The applicant interview required before 终本 (终本规定 art. 1, DOMAIN.md §2)."""

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courts.access import CourtScoped
from haikou_exec.formats import written_date as _day


@pghistory.track()
class ApplicantInterview(CourtScoped):
    access_court_path = "case__court"

    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="interviews",
    )
    held_on = models.DateField(_("held on"))
    record = models.TextField(_("record of the interview"))
    # Either the applicant signs a confirmation, or a collegial panel reviews and
    # the president approves.
    applicant_confirmed = models.BooleanField(_("applicant signed the confirmation"), default=False)
    collegial_review = models.BooleanField(_("collegial panel reviewed"), default=False)
    president_approved = models.BooleanField(_("president approved"), default=False)
    # The president's decision is a record of who decided and when (issue 17,
    # finding 9), given by the president (or the delegated vice-president) of the
    # case's court through ``closing.decide_termination_review``, never a tick.
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
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("applicant interview")
        verbose_name_plural = _("applicant interviews")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.case} {_day(self.held_on)}"

    @property
    def satisfies_rule(self) -> bool:
        approved = self.president_approved and self.decided_by_id is not None
        return self.applicant_confirmed or (self.collegial_review and approved)

    @property
    def awaits_president(self) -> bool:
        return self.collegial_review and not self.applicant_confirmed and self.decided_at is None

"""District director appointments: the district court proposes, the intermediate
court consents or refuses with an opinion, and only a consented appointment takes
effect (DOMAIN.md §1, "Appointing a district director")."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from courts.access import CourtScoped
from personnel.choices import AppointmentStatus


@pghistory.track()
class DirectorAppointment(CourtScoped):
    access_court_path = "bureau__court"

    bureau = models.ForeignKey(
        "courts.Bureau",
        verbose_name=_("district bureau"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    candidate = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("candidate"),
        on_delete=models.PROTECT,
        related_name="director_appointments",
    )
    effective_on = models.DateField(_("to take effect on"))
    reason = models.TextField(_("reasons for the proposal"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.PROPOSED,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    # The intermediate court's opinion, given with its consent or refusal.
    opinion = models.TextField(_("opinion of the intermediate court"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    took_effect_at = models.DateTimeField(_("took effect at"), null=True, blank=True)
    position = models.OneToOneField(
        "personnel.Position",
        verbose_name=_("director position created"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointment",
    )

    class Meta:
        verbose_name = _("director appointment")
        verbose_name_plural = _("director appointments")
        ordering = ["-proposed_at"]
        constraints = [
            # The gate, in the database too: nothing is in effect without a decision.
            models.CheckConstraint(
                condition=~models.Q(status="effective")
                | models.Q(decided_at__isnull=False, position__isnull=False),
                name="appointment_effective_only_after_decision",
            ),
            models.UniqueConstraint(
                fields=["bureau"],
                condition=models.Q(status__in=["proposed", "consented"]),
                name="appointment_one_pending_per_bureau",
            ),
        ]

    def __str__(self) -> str:
        return _("%(name)s as director of %(bureau)s") % {
            "name": self.candidate.name,
            "bureau": self.bureau,
        }

    def get_absolute_url(self) -> str:
        return reverse("personnel:appointment_detail", kwargs={"pk": self.pk})

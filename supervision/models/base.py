"""The access rule shared by supervision records, and the reference numbers."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courts.access import VIEW, CourtScoped, Scope


class SupervisionScoped(CourtScoped):
    """A supervision record belongs to the supervised court.

    Reading follows the usual scope (supervision and the intermediate leadership
    see every court, a district its own). Acting: the supervising side on every
    court; a bureau's leadership on its own court's rows, to respond to orders,
    report rectifications and follow-ups. Which step each side may take is
    checked by the services (``courts.policy``)."""

    class Meta:
        abstract = True

    @classmethod
    def access_q(cls, scope: Scope, action: str) -> Q | None:
        from courts.policy import scope_supervises

        if action == VIEW:
            return super().access_q(scope, action)
        if scope_supervises(scope):
            return None
        if scope.leads_bureau:
            return Q(**{f"{cls.access_court_path}__id": scope.court_id})
        return Q(pk__in=[])


class ReferenceSequence(models.Model):
    """The last reference number given per kind and year; allocation locks the
    row, so numbers are gap-free under concurrency."""

    kind = models.CharField(_("kind"), max_length=16)
    year = models.PositiveSmallIntegerField(_("year"))
    last_value = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("reference sequence")
        verbose_name_plural = _("reference sequences")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="supervision_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last_value}"

"""A hash chain over the audit trail, one link per day (DESIGN.md "Audit",
issue: audit integrity). Each seal hashes every event recorded that day, in a
fixed order, together with the previous day's hash; ``manage.py verify_audit``
recomputes the chain and reports any break."""

import pghistory.models
import pgtrigger
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditSeal(models.Model):
    day = models.DateField(_("day"), unique=True)
    event_count = models.PositiveIntegerField(_("events"))
    previous_hash = models.CharField(_("previous hash"), max_length=64)
    digest = models.CharField(_("hash of the day's events"), max_length=64)
    chain_hash = models.CharField(_("chain hash"), max_length=64)
    # 1: the events' own rows; 2: each event with its context (who, from where).
    scheme = models.PositiveSmallIntegerField(_("hashing scheme"), default=2)
    sealed_at = models.DateTimeField(_("sealed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("audit seal")
        verbose_name_plural = _("audit seals")
        ordering = ["day"]
        triggers = [
            pgtrigger.Protect(
                name="seals_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.chain_hash[:12]}"


class ChangeEvent(pghistory.models.Events):
    """Every app's change trail in one list (pghistory's ``Events``, a view over all
    event tables), as the admin shows it to system administrators
    (PGHISTORY_ADMIN_MODEL; audit/admin.py reads each event in words)."""

    class Meta:
        proxy = True
        verbose_name = _("change-trail event")
        verbose_name_plural = _("change trail")

    def __str__(self) -> str:
        from django.apps import apps

        return f"{record_kind(apps.get_model(self.pgh_model))}（{self.pgh_obj_id or '—'}）"


def record_kind(event_model) -> str:
    """What an event model tracks, by that model's name (执行措施, not MeasureEvent)."""
    tracked = getattr(event_model, "pgh_tracked_model", None) or event_model
    return str(tracked._meta.verbose_name)

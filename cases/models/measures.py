"""Enforcement measures with their terms, auctions and property findings."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.choices import (
    AssetType,
    AuctionResult,
    FindingSource,
    InvestigationKind,
    MeasureKind,
    MeasureStatus,
)
from courts.access import CourtScoped
from haikou_exec.formats import written_date as _day


class MeasureTermRule(models.Model):
    """Maximum term of a seizure, detention or freeze per asset type, as data.

    Seeded from the rule (deposits 1 year, movables 2, real estate 3 — DOMAIN.md §2)."""

    asset_type = models.CharField(
        _("asset type"), max_length=20, choices=AssetType.choices, unique=True
    )
    max_months = models.PositiveSmallIntegerField(_("maximum term (months)"))
    source = models.CharField(_("legal source"), max_length=200)

    class Meta:
        verbose_name = _("measure term rule")
        verbose_name_plural = _("measure term rules")
        ordering = ["asset_type"]

    def __str__(self) -> str:
        return f"{self.get_asset_type_display()}: {self.max_months}"


@pghistory.track()
class Measure(CourtScoped):
    access_court_path = "case__court"

    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="measures",
    )
    kind = models.CharField(_("measure"), max_length=32, choices=MeasureKind.choices)
    asset_type = models.CharField(
        _("asset type"), max_length=20, choices=AssetType.choices, blank=True
    )
    description = models.CharField(_("description"), max_length=300)
    amount = models.DecimalField(
        _("amount or value (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    started_on = models.DateField(_("from"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.ACTIVE
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    renewed_from = models.OneToOneField(
        "self",
        verbose_name=_("renews"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewal",
    )
    reference = models.CharField(_("ruling or notice number"), max_length=60, blank=True)
    # The document of a release after performance: the decision removing the
    # listing, or the order lifting the restriction (DOMAIN.md §2 "Releases").
    release_document = models.OneToOneField(
        "cases.GeneratedDocument",
        verbose_name=_("release document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="released_measure",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["-started_on", "-id"]
        indexes = [
            # The expiry register reads active measures by expiry date.
            models.Index(
                fields=["expires_on"],
                condition=models.Q(status="active"),
                name="measure_active_expiry",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gte=models.F("started_on")),
                name="measure_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.description}"

    def get_status_display(self) -> str:
        """A released listing reads 已撤销 (its entry is taken off the list), a
        lifted restriction or seizure 已解除; lists, tables and pages all read this."""
        if self.status == MeasureStatus.RELEASED and self.kind == MeasureKind.DISHONEST_LISTING:
            return str(_("Revoked"))
        return str(MeasureStatus(self.status).label)


@pghistory.track()
class AuctionRound(CourtScoped):
    """One round of an online judicial auction of a seized asset."""

    access_court_path = "measure__case__court"

    measure = models.ForeignKey(
        Measure,
        verbose_name=_("seized asset"),
        on_delete=models.PROTECT,
        related_name="auction_rounds",
    )
    round_number = models.PositiveSmallIntegerField(_("round"))
    appraisal_value = models.DecimalField(_("appraisal (yuan)"), max_digits=16, decimal_places=2)
    starting_price = models.DecimalField(
        _("starting price (yuan)"), max_digits=16, decimal_places=2
    )
    deposit = models.DecimalField(_("deposit (yuan)"), max_digits=16, decimal_places=2)
    notice_days = models.PositiveSmallIntegerField(_("notice period (days)"))
    announced_on = models.DateField(_("announced on"))
    auction_on = models.DateField(_("auction on"))
    result = models.CharField(
        _("result"), max_length=16, choices=AuctionResult.choices, default=AuctionResult.PENDING
    )
    sold_price = models.DecimalField(
        _("sold for (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    platform_reference = models.CharField(_("platform reference"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("auction round")
        verbose_name_plural = _("auction rounds")
        ordering = ["measure", "round_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "round_number"], name="auction_round_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(round_number__in=[1, 2]), name="auction_two_rounds_at_most"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure} · {self.round_number}"


@pghistory.track()
class PropertyFinding(CourtScoped):
    """Property found, with its source and time (DOMAIN.md §2)."""

    access_court_path = "case__court"

    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="findings",
    )
    source = models.CharField(_("source"), max_length=20, choices=FindingSource.choices)
    asset_type = models.CharField(_("asset type"), max_length=20, choices=AssetType.choices)
    description = models.CharField(_("description"), max_length=300)
    estimated_value = models.DecimalField(
        _("estimated value (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    found_at = models.DateTimeField(_("found at"))
    source_reference = models.CharField(_("source reference"), max_length=100, blank=True)
    # Idempotency for query jobs: a rerun never duplicates a finding.
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("property finding")
        verbose_name_plural = _("property findings")
        ordering = ["-found_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "fingerprint"], name="finding_once_per_case")
        ]

    def __str__(self) -> str:
        return self.description


@pghistory.track()
class InvestigationStep(CourtScoped):
    """A step of property investigation, or the search for a missing debtor."""

    access_court_path = "case__court"

    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="investigations",
    )
    kind = models.CharField(_("step"), max_length=32, choices=InvestigationKind.choices)
    done_on = models.DateField(_("done on"))
    found_property = models.BooleanField(_("property found"), default=False)
    outcome = models.TextField(_("outcome"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("investigation step")
        verbose_name_plural = _("investigation steps")
        ordering = ["-done_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {_day(self.done_on)}"

"""The two tiers (DOMAIN.md §1): courts with their case-number codes, and bureaus.

A district bureau has two leadership lines (双重领导): on enforcement business it
answers to the intermediate court's enforcement bureau, on daily management to its
own court. Both are explicit foreign keys so that reports and dashboards can follow
either line.
"""

import pghistory
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from courts.access import CourtScoped
from courts.choices import BureauKind, CourtTier


@pghistory.track()
class Court(CourtScoped):
    access_court_path = ""

    name = models.CharField(_("name"), max_length=64, unique=True)
    short_name = models.CharField(_("short name"), max_length=16)
    # 法院代字, used in case numbers: （2026）琼0106执1234号
    code = models.CharField(_("case-number code"), max_length=16, unique=True)
    tier = models.CharField(_("tier"), max_length=16, choices=CourtTier.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("higher court"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lower_courts",
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("court")
        verbose_name_plural = _("courts")
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tier="intermediate", parent__isnull=True)
                | models.Q(tier="district", parent__isnull=False),
                name="court_district_has_parent",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("courts:court_detail", kwargs={"pk": self.pk})

    @property
    def is_intermediate(self) -> bool:
        return self.tier == CourtTier.INTERMEDIATE


@pghistory.track()
class Bureau(CourtScoped):
    court = models.ForeignKey(
        Court, verbose_name=_("court"), on_delete=models.PROTECT, related_name="bureaus"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=BureauKind.choices)
    name = models.CharField(_("name"), max_length=64)
    # Business line: a district bureau answers to the intermediate enforcement bureau.
    business_superior = models.ForeignKey(
        "self",
        verbose_name=_("business line (superior bureau)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="business_subordinates",
    )
    # Management line: daily management by the bureau's own court.
    management_court = models.ForeignKey(
        Court,
        verbose_name=_("management line (own court)"),
        on_delete=models.PROTECT,
        related_name="managed_bureaus",
    )

    class Meta:
        verbose_name = _("bureau")
        verbose_name_plural = _("bureaus")
        ordering = ["court__sort_order", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["court", "kind"], name="bureau_one_kind_per_court"),
            models.CheckConstraint(
                condition=models.Q(management_court=models.F("court")),
                name="bureau_managed_by_own_court",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("courts:bureau_detail", kwargs={"pk": self.pk})

    @property
    def is_district(self) -> bool:
        return self.business_superior_id is not None


@pghistory.track()
class Holiday(models.Model):
    """The holiday calendar (national holidays, DOMAIN.md §2 "Holiday calendar") for
    working-day limits, edited in the admin by the intermediate court's system
    administrators. ``is_working_day`` marks a weekend made a working day (调休)."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=40)
    is_working_day = models.BooleanField(_("working day (adjusted weekend)"), default=False)

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holiday calendar")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


@pghistory.track()
class CalendarYear(models.Model):
    """One year of the holiday calendar and where its days come from: the State
    Council's notice, or weekends only until the notice is loaded (provisional).
    In December the system warns when next year is missing or provisional
    (DOMAIN.md §2 "Holiday calendar": the notice comes each autumn)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    # Not a workflow state: the system administrator loads the notice and unticks it.
    is_provisional = models.BooleanField(
        _("provisional (the notice is not loaded: weekends only)"), default=True
    )
    source = models.CharField(_("source (the notice)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)

"""The talent pool (海口法院执行人才库): members and specialties, seminars on hard
questions, research, two-way secondments (挂职) and short-term training
(DOMAIN.md §6)."""

from __future__ import annotations

from decimal import Decimal

import pghistory
from django.contrib.postgres.constraints import ExclusionConstraint
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courts.access import CourtScoped
from personnel.choices import ResearchKind
from personnel.db import no_overlap_per


@pghistory.track()
class Specialty(models.Model):
    """A field of expertise in the talent pool (reference data, admin-editable)."""

    name = models.CharField(_("name"), max_length=32, unique=True)
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class TalentPoolMember(CourtScoped):
    access_court_path = "officer__bureau__court"

    officer = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="talent_memberships",
    )
    specialties = models.ManyToManyField(
        Specialty, verbose_name=_("specialties"), related_name="members"
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("talent pool member")
        verbose_name_plural = _("talent pool members")
        ordering = ["officer__bureau__court__sort_order", "officer__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer"],
                condition=models.Q(left_on__isnull=True),
                name="talent_pool_one_current_membership",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="talent_pool_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.officer.name

    def get_absolute_url(self) -> str:
        return reverse("personnel:talent_detail", kwargs={"pk": self.pk})


@pghistory.track()
class Seminar(CourtScoped):
    """A seminar on hard enforcement questions: topic, date, participants, outcome."""

    access_court_path = "court"

    court = models.ForeignKey(
        "courts.Court", verbose_name=_("host court"), on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField(_("topic"), max_length=200)
    held_on = models.DateField(pgettext_lazy("training", "held on"))
    question = models.TextField(_("hard question discussed"), blank=True)
    participants = models.ManyToManyField(
        "personnel.Officer", verbose_name=_("participants"), related_name="seminars"
    )
    outcome = models.TextField(pgettext_lazy("research", "outcome"), blank=True)

    class Meta:
        verbose_name = _("seminar")
        verbose_name_plural = _("seminars")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("personnel:seminar_detail", kwargs={"pk": self.pk})


@pghistory.track()
class ResearchOutput(CourtScoped):
    access_court_path = "court"

    court = models.ForeignKey(
        "courts.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=ResearchKind.choices)
    authors = models.ManyToManyField(
        "personnel.Officer", verbose_name=_("authors"), related_name="research_outputs"
    )
    completed_on = models.DateField(_("completed on"))
    venue = models.CharField(_("published in / adopted by"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    seminar = models.ForeignKey(
        Seminar,
        verbose_name=_("from seminar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="research_outputs",
    )

    class Meta:
        verbose_name = _("research output")
        verbose_name_plural = _("research outputs")
        ordering = ["-completed_on"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("personnel:research_detail", kwargs={"pk": self.pk})


@pghistory.track()
class Secondment(CourtScoped):
    """A two-way secondment (挂职) between the intermediate and a district court.

    The row belongs to the officer's home court; the host bureau is named."""

    access_court_path = "home_bureau__court"

    officer = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="secondments",
    )
    home_bureau = models.ForeignKey(
        "courts.Bureau", verbose_name=_("home bureau"), on_delete=models.PROTECT, related_name="+"
    )
    host_bureau = models.ForeignKey(
        "courts.Bureau", verbose_name=_("host bureau"), on_delete=models.PROTECT, related_name="+"
    )
    post = models.CharField(_("post during the secondment"), max_length=64)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("secondment")
        verbose_name_plural = _("secondments")
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__gte=models.F("started_on")),
                name="secondment_dates_ordered",
            ),
            models.CheckConstraint(
                condition=~models.Q(home_bureau=models.F("host_bureau")),
                name="secondment_to_another_bureau",
            ),
            ExclusionConstraint(
                name="secondment_no_overlap_per_officer",
                expressions=no_overlap_per("officer"),
                violation_error_message=_("This officer is already seconded in that period."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.officer.name} → {self.host_bureau}"

    def get_absolute_url(self) -> str:
        return reverse("personnel:secondment_detail", kwargs={"pk": self.pk})


@pghistory.track()
class Training(CourtScoped):
    """A short-term training course and who attended."""

    access_court_path = "court"

    court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("organising court"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    organiser = models.CharField(_("run by"), max_length=100, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    location = models.CharField(_("location"), max_length=100, blank=True)
    participants = models.ManyToManyField(
        "personnel.Officer", verbose_name=_("participants"), related_name="trainings"
    )

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="training_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("personnel:training_detail", kwargs={"pk": self.pk})

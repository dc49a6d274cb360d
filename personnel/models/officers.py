"""Officers of the enforcement bureaus, their profile and case teams (DOMAIN.md §1, §5, §6)."""

import datetime

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courts.access import CourtScoped, Scope
from haikou_exec.identifiers import mask_identifier, validate_resident_id
from personnel.choices import Education, LegalQualification, OfficerRole, Rank, TeamRole


def validate_resident_id_field(value: str) -> None:
    validate_resident_id(value)


def birth_date_from_resident_id(value: str) -> datetime.date | None:
    """Characters 7–14 of a GB 11643 resident ID are the birth date (YYYYMMDD)."""
    if not value or len(value) != 18:
        return None
    try:
        return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def age_on(birth_date: datetime.date | None, on: datetime.date) -> int | None:
    if birth_date is None:
        return None
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


@pghistory.track()
class Officer(CourtScoped):
    access_court_path = "bureau__court"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="officer",
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=32)
    bureau = models.ForeignKey(
        "courts.Bureau", verbose_name=_("bureau"), on_delete=models.PROTECT, related_name="officers"
    )
    role = models.CharField(_("role"), max_length=32, choices=OfficerRole.choices)
    badge_number = models.CharField(_("badge number"), max_length=16, unique=True)
    id_number = models.CharField(
        _("resident ID number"), max_length=18, blank=True, validators=[validate_resident_id_field]
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    is_active = models.BooleanField(_("in service"), default=True)
    # Profile (DOMAIN.md §6: age and knowledge structure). The birth date is
    # derivable from the resident ID but stored, so that age bands are one indexed
    # range query and an officer without an ID number can still be counted.
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    education = models.CharField(
        _("education"), max_length=16, choices=Education.choices, blank=True
    )
    legal_qualification = models.CharField(
        _("legal qualification"), max_length=8, choices=LegalQualification.choices, blank=True
    )
    rank = models.CharField(_("rank"), max_length=24, choices=Rank.choices, blank=True)

    class Meta:
        verbose_name = _("officer")
        verbose_name_plural = _("officers")
        ordering = ["bureau__court__sort_order", "name"]
        indexes = [
            models.Index(fields=["bureau", "role"]),
            models.Index(fields=["bureau", "birth_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"

    @property
    def age(self) -> int | None:
        from django.utils import timezone

        return age_on(self.birth_date, timezone.localdate())

    def get_absolute_url(self) -> str:
        return reverse("personnel:officer_detail", kwargs={"pk": self.pk})

    @property
    def masked_id_number(self) -> str:
        return mask_identifier(self.id_number)

    @classmethod
    def handler_q(cls, scope: Scope) -> models.Q:
        # An officer may update their own contact details; the court's system
        # administrator keeps its officers' records (not their bureau or role:
        # those are read-only in the admin and set by appointments, DOMAIN.md §6).
        if scope.administers_court:
            return models.Q(bureau__court_id=scope.court_id)
        return models.Q(pk=scope.officer_id)


@pghistory.track()
class Team(CourtScoped):
    """A judge-led case team (judge + assistant + clerk, DOMAIN.md §5)."""

    access_court_path = "bureau__court"

    name = models.CharField(_("name"), max_length=64)
    bureau = models.ForeignKey(
        "courts.Bureau", verbose_name=_("bureau"), on_delete=models.PROTECT, related_name="teams"
    )
    is_active = models.BooleanField(_("active"), default=True)
    members = models.ManyToManyField(
        Officer, through="TeamMembership", verbose_name=_("members"), related_name="teams"
    )

    class Meta:
        verbose_name = _("case team")
        verbose_name_plural = _("case teams")
        ordering = ["bureau__court__sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "name"], name="team_name_unique_in_bureau")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("personnel:team_detail", kwargs={"pk": self.pk})

    @classmethod
    def handler_q(cls, scope: Scope) -> models.Q:
        if scope.administers_court:
            return models.Q(bureau__court_id=scope.court_id)
        # A subquery, not a join: a join would repeat the team once per member.
        return models.Q(
            pk__in=TeamMembership.objects.filter(
                officer_id=scope.officer_id, ended_on__isnull=True
            ).values("team_id")
        )


@pghistory.track()
class TeamMembership(CourtScoped):
    """Who served in which team, in which capacity, from when to when."""

    access_court_path = "team__bureau__court"

    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="memberships"
    )
    officer = models.ForeignKey(
        Officer,
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="team_memberships",
    )
    role = models.CharField(_("role in team"), max_length=16, choices=TeamRole.choices)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        ordering = ["team", "role", "-started_on"]
        constraints = [
            # One current holder of each seat in a team.
            models.UniqueConstraint(
                fields=["team", "role"],
                condition=models.Q(ended_on__isnull=True),
                name="team_one_current_holder_per_role",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="team_membership_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team} · {self.get_role_display()} · {self.officer.name}"

    @classmethod
    def handler_q(cls, scope: Scope) -> models.Q:
        # Seats are kept by the bureau's leadership and the court's system administrator.
        if scope.administers_court:
            return models.Q(team__bureau__court_id=scope.court_id)
        return models.Q(pk__in=[])

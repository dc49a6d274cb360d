"""Positions and tenure, headcount and post quotas, rotation (DOMAIN.md §6)."""

from __future__ import annotations

import datetime

import pghistory
from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courts.access import CourtScoped
from personnel.choices import (
    ExchangeDirection,
    PositionEndReason,
    Post,
    RotationPlanStatus,
)
from personnel.db import no_overlap_per


@pghistory.track()
class Position(CourtScoped):
    """One post held by an officer in a bureau, from a date to a date.

    The history of positions is the source of tenure and of the 5-year rotation
    count; an officer never holds two positions on the same day (exclusion
    constraint below, and ``services.record_position`` with a clear message)."""

    access_court_path = "bureau__court"

    officer = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="positions",
    )
    bureau = models.ForeignKey(
        "courts.Bureau", verbose_name=_("bureau"), on_delete=models.PROTECT, related_name="+"
    )
    post = models.CharField(_("post"), max_length=24, choices=Post.choices)
    # An acting post (代理/主持工作) counts towards the rotation years unless the
    # rotation policy says otherwise.
    is_acting = models.BooleanField(_("acting"), default=False)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason for leaving"), max_length=16, choices=PositionEndReason.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["officer", "-started_on"]
        indexes = [
            models.Index(fields=["bureau", "post", "ended_on"]),
            models.Index(fields=["officer", "started_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="position_dates_ordered",
            ),
            ExclusionConstraint(
                name="position_no_overlap_per_officer",
                expressions=no_overlap_per("officer"),
                violation_error_message=_("This officer already holds a position in that period."),
            ),
        ]

    def __str__(self) -> str:
        acting = _(" (acting)") if self.is_acting else ""
        return f"{self.officer.name} · {self.bureau} · {self.get_post_display()}{acting}"

    def get_absolute_url(self) -> str:
        return reverse("personnel:position_detail", kwargs={"pk": self.pk})

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.started_on <= on and (self.ended_on is None or self.ended_on >= on)


@pghistory.track()
class StaffingQuota(CourtScoped):
    """A bureau's approved headcount (编制), kept as required (DOMAIN.md §6)."""

    access_court_path = "bureau__court"

    bureau = models.OneToOneField(
        "courts.Bureau",
        verbose_name=_("bureau"),
        on_delete=models.PROTECT,
        related_name="staffing_quota",
    )
    headcount = models.PositiveIntegerField(_("approved headcount"))
    basis = models.CharField(_("basis (approving document)"), max_length=200, blank=True)
    updated_on = models.DateField(_("approved on"), default=datetime.date.today)

    class Meta:
        verbose_name = _("headcount")
        verbose_name_plural = _("headcounts")
        ordering = ["bureau__court__sort_order", "bureau__kind"]

    def __str__(self) -> str:
        return f"{self.bureau} · {self.headcount}"

    def get_absolute_url(self) -> str:
        return reverse("personnel:staffing")


@pghistory.track()
class PostQuota(CourtScoped):
    """How many of a post a bureau may have (职数), e.g. one director, two deputies."""

    access_court_path = "bureau__court"

    bureau = models.ForeignKey(
        "courts.Bureau",
        verbose_name=_("bureau"),
        on_delete=models.PROTECT,
        related_name="post_quotas",
    )
    post = models.CharField(_("post"), max_length=24, choices=Post.choices)
    quota = models.PositiveIntegerField(_("post quota"))

    class Meta:
        verbose_name = _("post quota")
        verbose_name_plural = _("post quotas")
        ordering = ["bureau__court__sort_order", "bureau__kind", "post"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "post"], name="post_quota_once_per_bureau")
        ]

    def __str__(self) -> str:
        return f"{self.bureau} · {self.get_post_display()} · {self.quota}"


@pghistory.track()
class RotationPolicy(models.Model):
    """The thresholds of the rotation rule, editable in the admin.

    The 5 years are the rule (DOMAIN.md §6, [rule]); the warning lead, whether
    acting posts count, how long a break ends a run of service, and how far apart
    a director and a deputy must rotate are [assumed] and therefore data. The
    newest row applies; without one the defaults below apply."""

    due_after_months = models.PositiveSmallIntegerField(
        _("due after (months)"), default=60, validators=[MinValueValidator(1)]
    )
    coming_due_after_months = models.PositiveSmallIntegerField(
        _("coming due after (months)"), default=54, validators=[MinValueValidator(1)]
    )
    count_acting_posts = models.BooleanField(_("acting posts count"), default=True)
    max_break_days = models.PositiveSmallIntegerField(
        _("longest break that keeps service consecutive (days)"),
        default=0,
        validators=[MaxValueValidator(365)],
    )
    min_leadership_stagger_days = models.PositiveSmallIntegerField(
        _("minimum days between rotating a director and a deputy"), default=90
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("rotation policy")
        verbose_name_plural = _("rotation policies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(coming_due_after_months__lt=models.F("due_after_months")),
                name="rotation_policy_warning_before_due",
            )
        ]

    def __str__(self) -> str:
        return _("Rotation due after %(m)d months") % {"m": self.due_after_months}

    @classmethod
    def current(cls) -> RotationPolicy:
        return cls.objects.order_by("-updated_at", "-pk").first() or cls()


@pghistory.track()
class RotationPlan(CourtScoped):
    """A plan to rotate officers (轮岗交流), checked against the rule that a
    bureau's director and deputies are not rotated at the same time."""

    access_court_path = "court"

    court = models.ForeignKey(
        "courts.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=120)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RotationPlanStatus.choices,
        default=RotationPlanStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("rotation plan")
        verbose_name_plural = _("rotation plans")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("personnel:rotationplan_detail", kwargs={"pk": self.pk})


@pghistory.track()
class RotationPlanItem(CourtScoped):
    """One officer leaving one position on a date, for a destination."""

    access_court_path = "plan__court"

    plan = models.ForeignKey(
        RotationPlan,
        verbose_name=_("rotation plan"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    officer = models.ForeignKey(
        "personnel.Officer", verbose_name=_("officer"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.ForeignKey(
        Position, verbose_name=_("position left"), on_delete=models.PROTECT, related_name="+"
    )
    effective_on = models.DateField(_("effective on"))
    destination_bureau = models.ForeignKey(
        "courts.Bureau",
        verbose_name=_("destination bureau"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    destination_post = models.CharField(
        _("destination post"), max_length=24, choices=Post.choices, blank=True
    )
    # A trial department (民事审判庭 …) as destination records an exchange.
    destination_department = models.CharField(
        _("destination trial department"), max_length=64, blank=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("rotation plan item")
        verbose_name_plural = _("rotation plan items")
        ordering = ["plan", "effective_on"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "officer"], name="rotation_item_once_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.officer.name} · {self.effective_on}"

    def destination_display(self) -> str:
        if self.destination_department:
            return self.destination_department
        if self.destination_bureau_id:
            return f"{self.destination_bureau} · {self.get_destination_post_display()}"
        return "—"


@pghistory.track()
class TrialExchange(CourtScoped):
    """An exchange between enforcement and a trial department (DOMAIN.md §6)."""

    access_court_path = "bureau__court"

    officer = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="trial_exchanges",
    )
    bureau = models.ForeignKey(
        "courts.Bureau",
        verbose_name=_("enforcement bureau"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    direction = models.CharField(
        pgettext_lazy("exchange", "direction"), max_length=16, choices=ExchangeDirection.choices
    )
    department = models.CharField(_("trial department"), max_length=64)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exchange with a trial department")
        verbose_name_plural = _("exchanges with trial departments")
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="trial_exchange_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.officer.name} · {self.get_direction_display()} · {self.department}"

    def get_absolute_url(self) -> str:
        return reverse("personnel:trialexchange_detail", kwargs={"pk": self.pk})

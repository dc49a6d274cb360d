"""Case reviews (案件评查) on a scoring sheet whose items and points are data."""

from __future__ import annotations

from decimal import Decimal

import pghistory
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courts.access import RestrictedManager, Scope
from supervision.choices import ReviewGrade, ReviewStatus
from supervision.models.base import SupervisionScoped


def default_grade_bands() -> dict:
    # Share of the sheet's maximum (percent) from which each grade holds.
    return {"excellent": 90, "good": 80, "qualified": 60}


@pghistory.track()
class ScoringSheet(models.Model):
    """A versioned scoring sheet. A sheet used by a final review is not edited:
    a new version is made instead (the admin copies it)."""

    name = models.CharField(_("name"), max_length=100)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    is_active = models.BooleanField(_("in use"), default=True)
    grade_bands = models.JSONField(_("grade thresholds (percent)"), default=default_grade_bands)
    description = models.TextField(_("description"), blank=True)

    objects = RestrictedManager()

    class Meta:
        verbose_name = _("scoring sheet")
        verbose_name_plural = _("scoring sheets")
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="scoring_sheet_version")
        ]

    def __str__(self) -> str:
        return f"{self.name}（v{self.version}）"

    @classmethod
    def access_q(cls, scope: Scope, action: str):
        return None  # reference data

    @property
    def max_points(self) -> Decimal:
        return sum((i.max_points for i in self.items.all()), Decimal("0"))

    def grade_for(self, points: Decimal, maximum: Decimal) -> str:
        if not maximum:
            return ReviewGrade.UNQUALIFIED
        percent = points * 100 / maximum
        bands = {**default_grade_bands(), **(self.grade_bands or {})}
        for grade in (ReviewGrade.EXCELLENT, ReviewGrade.GOOD, ReviewGrade.QUALIFIED):
            if percent >= Decimal(str(bands[grade])):
                return grade
        return ReviewGrade.UNQUALIFIED


@pghistory.track()
class ScoringItem(models.Model):
    sheet = models.ForeignKey(
        ScoringSheet, verbose_name=_("sheet"), on_delete=models.CASCADE, related_name="items"
    )
    code = models.SlugField(_("code"), max_length=40)
    section = models.CharField(_("section"), max_length=60)
    text = models.CharField(_("what is checked"), max_length=300)
    max_points = models.DecimalField(
        _("maximum points"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("scoring item")
        verbose_name_plural = _("scoring items")
        ordering = ["sheet", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "code"], name="scoring_item_code_unique"),
            models.CheckConstraint(
                condition=models.Q(max_points__gt=0), name="scoring_item_points_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section} · {self.text}"


@pghistory.track()
class CaseReview(SupervisionScoped):
    access_court_path = "case__court"

    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case reviewed"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    sheet = models.ForeignKey(
        ScoringSheet, verbose_name=_("scoring sheet"), on_delete=models.PROTECT, related_name="+"
    )
    inspection = models.ForeignKey(
        "supervision.Inspection",
        verbose_name=_("within inspection or campaign"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_on = models.DateField(_("reviewed on"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    total_points = models.DecimalField(_("points"), max_digits=6, decimal_places=1, default=0)
    max_points = models.DecimalField(
        _("of a maximum of"), max_digits=6, decimal_places=1, default=0
    )
    grade = models.CharField(_("grade"), max_length=16, choices=ReviewGrade.choices, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)

    class Meta:
        verbose_name = _("case review")
        verbose_name_plural = _("case reviews")
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return _("Review of %(case)s") % {"case": self.case}

    def get_absolute_url(self) -> str:
        return reverse("supervision:review_detail", kwargs={"pk": self.pk})


@pghistory.track()
class ReviewScore(SupervisionScoped):
    access_court_path = "review__case__court"

    review = models.ForeignKey(
        CaseReview,
        verbose_name=pgettext_lazy("supervision", "review"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    item = models.ForeignKey(
        ScoringItem,
        verbose_name=pgettext_lazy("supervision", "item"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=1)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("review score")
        verbose_name_plural = _("review scores")
        ordering = ["review", "item__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="review_score_once_per_item"),
            models.CheckConstraint(
                condition=models.Q(points__gte=0), name="review_score_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.points}"

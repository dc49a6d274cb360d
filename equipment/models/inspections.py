"""Inspections of a court's equipment by the intermediate court (DOMAIN.md §7
"Inspections"): a checklist with results, photos, and a rectification deadline
with follow-up."""

from __future__ import annotations

import uuid

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courts.access import ADD, CourtScoped, Scope
from equipment.choices import CheckResult, EquipmentCategory, FollowUpKind, InspectionStatus
from haikou_exec.formats import written_date as _day


@pghistory.track()
class EquipmentInspection(CourtScoped):
    """One inspection of one court's equipment.

    Scheduling is for the intermediate bureau's leadership only (``access_q`` for
    "add"). "change" reaches the inspected court's leadership too, because it
    reports the rectification; which step each side may take is checked by the
    services (equipment.services.inspections)."""

    court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("inspected court"),
        on_delete=models.PROTECT,
        related_name="equipment_inspections",
    )
    scheduled_on = models.DateField(_("scheduled for"))
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    inspector = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("inspector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="equipment_inspections",
    )
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=InspectionStatus.choices,
        default=InspectionStatus.SCHEDULED,
    )
    conducted_on = models.DateField(_("conducted on"), null=True, blank=True)
    score = models.DecimalField(
        _("inspection score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    summary = models.TextField(_("findings"), blank=True)
    rectification_deadline = models.DateField(_("rectification deadline"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("equipment inspection")
        verbose_name_plural = _("equipment inspections")
        ordering = ["-scheduled_on", "court__sort_order"]
        indexes = [models.Index(fields=["status", "scheduled_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=list(InspectionStatus.with_results()))
                | models.Q(conducted_on__isnull=False, score__isnull=False),
                name="equipment_inspection_results_dated",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=list(InspectionStatus.open_rectification()))
                | models.Q(rectification_deadline__isnull=False),
                name="equipment_inspection_rectification_has_deadline",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=100),
                name="equipment_inspection_score_range",
            ),
        ]

    def __str__(self) -> str:
        return _("Equipment inspection of %(court)s on %(date)s") % {
            "court": self.court.short_name,
            "date": _day(self.scheduled_on),
        }

    def get_absolute_url(self) -> str:
        return reverse("equipment:inspection_detail", kwargs={"pk": self.pk})

    @classmethod
    def access_q(cls, scope: Scope, action: str) -> models.Q | None:
        # The intermediate court schedules inspections (DOMAIN.md §7 "Inspections").
        if action == ADD:
            return None if scope.city_leadership else models.Q(pk__in=[])
        return super().access_q(scope, action)


@pghistory.track()
class InspectionCheckItem(CourtScoped):
    """One line of an inspection's checklist and its result."""

    access_court_path = "inspection__court"

    inspection = models.ForeignKey(
        EquipmentInspection,
        verbose_name=_("inspection"),
        on_delete=models.CASCADE,
        related_name="check_items",
    )
    category = models.CharField(
        _("category"), max_length=32, choices=EquipmentCategory.choices, blank=True
    )
    description = models.CharField(_("check"), max_length=200)
    result = models.CharField(
        _("result"), max_length=16, choices=CheckResult.choices, default=CheckResult.PENDING
    )
    remark = models.CharField(_("remark"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["inspection", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.description

    def get_absolute_url(self) -> str:
        return reverse("equipment:inspection_detail", kwargs={"pk": self.inspection_id})


def photo_upload_to(instance: InspectionPhoto, filename: str) -> str:
    # The name is ours, never the client's: a random name with the extension of
    # the format Pillow detected (services.inspections.PHOTOS, haikou_exec.uploads).
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"equipment/inspections/{instance.inspection_id}/{uuid.uuid4().hex}.{extension}"


@pghistory.track()
class InspectionPhoto(CourtScoped):
    """A photo taken during an inspection or sent as rectification evidence.
    Stored in the default storage (outside the web root) and served only by
    ``views.inspections.InspectionPhotoFileView`` after the restriction check."""

    access_court_path = "inspection__court"

    inspection = models.ForeignKey(
        EquipmentInspection,
        verbose_name=_("inspection"),
        on_delete=models.PROTECT,
        related_name="photos",
    )
    check_item = models.ForeignKey(
        InspectionCheckItem,
        verbose_name=_("checklist item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
    image = models.FileField(_("photo"), upload_to=photo_upload_to, max_length=200)
    content_type = models.CharField(pgettext_lazy("file", "content type"), max_length=32)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    size_bytes = models.PositiveIntegerField(_("size (bytes)"))
    caption = models.CharField(_("caption"), max_length=120, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("inspection photo")
        verbose_name_plural = _("inspection photos")
        ordering = ["inspection", "uploaded_at"]

    def __str__(self) -> str:
        return self.caption or self.image.name.rsplit("/", 1)[-1]

    def get_absolute_url(self) -> str:
        return reverse("equipment:inspection_photo", kwargs={"pk": self.pk})


@pghistory.track()
class InspectionFollowUp(CourtScoped):
    """The rectification follow-up: the court reports, the intermediate court
    accepts or rejects (with a new deadline)."""

    access_court_path = "inspection__court"

    inspection = models.ForeignKey(
        EquipmentInspection,
        verbose_name=_("inspection"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=FollowUpKind.choices)
    note = models.TextField(_("note"))
    new_deadline = models.DateField(_("new deadline"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rectification follow-up")
        verbose_name_plural = _("rectification follow-ups")
        ordering = ["inspection", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.recorded_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("equipment:inspection_detail", kwargs={"pk": self.inspection_id})

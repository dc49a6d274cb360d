"""Standards, inventory items and their assignments (DOMAIN.md §7)."""

from __future__ import annotations

import datetime

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courts.access import VIEW, CourtScoped, Scope
from courts.choices import CourtTier
from equipment.choices import EquipmentCategory, ItemStatus


def add_years(day: datetime.date, years: int) -> datetime.date:
    """``day`` plus whole years; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@pghistory.track()
class EquipmentStandard(CourtScoped):
    """What every court of one tier must hold in one category: a quantity and a
    specification. Set by the intermediate bureau (DOMAIN.md §7 "Standards").

    The row belongs to the issuing court, so the restriction point shows the
    standards list to the intermediate court and the city-wide roles; a district
    reads the standards that apply to it on its own court's equipment dashboard,
    next to what it holds."""

    access_court_path = "issued_by"

    issued_by = models.ForeignKey(
        "courts.Court",
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"tier": CourtTier.INTERMEDIATE},
    )
    tier = models.CharField(_("court tier"), max_length=16, choices=CourtTier.choices)
    category = models.CharField(_("category"), max_length=32, choices=EquipmentCategory.choices)
    required_quantity = models.PositiveIntegerField(_("required quantity"))
    specification = models.TextField(_("specification"))
    inspection_points = models.TextField(
        _("inspection points"),
        blank=True,
        help_text=_("One check per line; inspections of courts of this tier copy them."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("equipment standard")
        verbose_name_plural = _("equipment standards")
        ordering = ["tier", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["tier", "category"], name="equipment_standard_one_per_tier_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_tier_display()} · {self.get_category_display()}"

    def get_absolute_url(self) -> str:
        return reverse("equipment:standard_detail", kwargs={"pk": self.pk})

    @property
    def inspection_point_list(self) -> list[str]:
        return [line.strip() for line in self.inspection_points.splitlines() if line.strip()]

    @classmethod
    def access_q(cls, scope: Scope, action: str) -> models.Q | None:
        # Only the intermediate bureau's leadership sets standards (DOMAIN.md §7).
        if action == VIEW:
            return super().access_q(scope, action)
        return None if scope.city_leadership else models.Q(pk__in=[])


@pghistory.track()
class EquipmentItem(CourtScoped):
    """One piece of equipment on a court's inventory (台账)."""

    court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("court"),
        on_delete=models.PROTECT,
        related_name="equipment_items",
    )
    category = models.CharField(_("category"), max_length=32, choices=EquipmentCategory.choices)
    name = models.CharField(_("name"), max_length=64)
    specification = models.CharField(_("model and specification"), max_length=128, blank=True)
    # Stored trimmed and upper-cased (services.normalise_serial) so that "ab-1 "
    # and "AB-1" are the same serial number.
    serial_number = models.CharField(_("serial number"), max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.IN_STOCK
    )
    purchase_date = models.DateField(_("purchase date"))
    service_life_years = models.PositiveSmallIntegerField(
        _("service life (years)"), validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    # purchase_date + service_life_years, kept by save() and by every bulk path
    # (add_years) so that the end-of-life scan is one indexed range query.
    service_end_on = models.DateField(_("end of service life"), editable=False, db_index=True)
    custodian = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("custodian"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="custodied_equipment",
    )
    unit_price = models.DecimalField(
        _("unit price (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("equipment item")
        verbose_name_plural = _("equipment items")
        ordering = ["court__sort_order", "category", "serial_number"]
        indexes = [models.Index(fields=["court", "category", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(service_life_years__gte=1, service_life_years__lte=30),
                name="equipment_item_service_life_range",
            ),
            models.CheckConstraint(
                condition=models.Q(unit_price__isnull=True) | models.Q(unit_price__gte=0),
                name="equipment_item_price_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.serial_number}）"

    def get_absolute_url(self) -> str:
        return reverse("equipment:item_detail", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        if self.purchase_date and self.service_life_years:
            self.service_end_on = add_years(self.purchase_date, self.service_life_years)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "service_end_on"}
        super().save(*args, **kwargs)

    @property
    def in_service(self) -> bool:
        return self.status in ItemStatus.in_service()


@pghistory.track()
class EquipmentAssignment(CourtScoped):
    """An item handed to an officer and/or taken to a field operation, until it
    comes back. The rows are the item's assignment history."""

    access_court_path = "item__court"

    item = models.ForeignKey(
        EquipmentItem,
        verbose_name=pgettext_lazy("equipment", "item"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    officer = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="equipment_assignments",
    )
    # The operation is named in free text; when the outing has a field execution
    # record (现场执行记录, command_center) it is linked as well (DOMAIN.md §7).
    operation_reference = models.CharField(_("field operation"), max_length=128, blank=True)
    field_record = models.ForeignKey(
        "command_center.FieldRecord",
        verbose_name=_("field record"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="equipment_assignments",
    )
    assigned_at = models.DateTimeField(
        pgettext_lazy("equipment", "assigned at"), default=timezone.now
    )
    due_back_on = models.DateField(_("due back on"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("equipment", "assigned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("return recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("equipment assignment")
        verbose_name_plural = _("equipment assignments")
        ordering = ["-assigned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=models.Q(returned_at__isnull=True),
                name="equipment_one_open_assignment_per_item",
            ),
            models.CheckConstraint(
                condition=models.Q(officer__isnull=False) | ~models.Q(operation_reference=""),
                name="equipment_assignment_has_holder",
            ),
            models.CheckConstraint(
                condition=models.Q(returned_at__isnull=True)
                | models.Q(returned_at__gte=models.F("assigned_at")),
                name="equipment_assignment_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        holder = self.officer.name if self.officer_id else self.operation_reference
        return f"{self.item} → {holder}"

    def get_absolute_url(self) -> str:
        return reverse("equipment:item_detail", kwargs={"pk": self.item_id})

    @property
    def is_open(self) -> bool:
        return self.returned_at is None

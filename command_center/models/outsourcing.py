"""Outsourcing to outside institutions (社会化协作, DOMAIN.md §5): the roster
with qualifications, and the tasks outsourced with scope, deadline, result and
rating."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from command_center.choices import InstitutionType, OutsourcedStatus, OutsourcedWork
from command_center.models.common import CentreWorked, case_criminal_q, case_team_q
from courts.access import Scope


@pghistory.track()
class Institution(CentreWorked):
    """An institution on a court's roster. The intermediate court keeps the city
    roster; a district court may admit local institutions to its own."""

    court = models.ForeignKey(
        "courts.Court", verbose_name=_("roster of"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=InstitutionType.choices)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    admitted_on = models.DateField(_("admitted to the roster on"))
    is_active = models.BooleanField(_("on the roster"), default=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("outside institution")
        verbose_name_plural = _("roster of outside institutions")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("command_center:institution_detail", kwargs={"pk": self.pk})


class InstitutionQualification(models.Model):
    """A licence or qualification of an institution, with its validity."""

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="qualifications",
    )
    name = models.CharField(_("qualification"), max_length=100)
    certificate_number = models.CharField(_("certificate number"), max_length=60)
    issued_by = models.CharField(_("issued by"), max_length=100)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["institution", "name"]

    def __str__(self) -> str:
        return f"{self.name} {self.certificate_number}"

    @property
    def is_valid(self) -> bool:
        return self.valid_until is None or self.valid_until >= timezone.localdate()


@pghistory.track()
class OutsourcedTask(CentreWorked):
    """Auxiliary work commissioned from an institution."""

    court = models.ForeignKey(
        "courts.Court",
        verbose_name=_("commissioning court"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="tasks"
    )
    case = models.ForeignKey(
        "cases.EnforcementCase",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    work = models.CharField(_("work"), max_length=32, choices=OutsourcedWork.choices)
    scope = models.TextField(_("scope"))
    deadline = models.DateField(_("deadline"))
    fee = models.DecimalField(
        _("fee (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=OutsourcedStatus.choices,
        default=OutsourcedStatus.COMMISSIONED,
    )
    result = models.TextField(_("result"), blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    rating_note = models.TextField(_("rating note"), blank=True)
    commissioned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("commissioned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    commissioned_at = models.DateTimeField(_("commissioned at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("accepted or rejected at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outsourced task")
        verbose_name_plural = _("outsourced tasks")
        ordering = ["deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="cc_outsourced_rating_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_work_display()} · {self.institution}"

    def get_absolute_url(self) -> str:
        return reverse("command_center:outsourced_detail", kwargs={"pk": self.pk})

    @classmethod
    def handler_q(cls, scope: Scope) -> models.Q:
        # Whoever commissioned the work, and the team of the case it is for.
        return models.Q(commissioned_by_id=scope.user_id) | case_team_q(scope)

    @classmethod
    def criminal_q(cls) -> models.Q:
        return case_criminal_q()

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in (OutsourcedStatus.COMMISSIONED, OutsourcedStatus.REJECTED)
            and self.deadline < timezone.localdate()
        )

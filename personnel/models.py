"""Officers of the enforcement bureaus (DOMAIN.md §1, §5, §6)."""

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from courts.access import CourtScoped, Scope
from haikou_exec.identifiers import mask_identifier, validate_resident_id
from personnel.choices import OfficerRole


def validate_resident_id_field(value: str) -> None:
    validate_resident_id(value)


@pghistory.track()
class Officer(CourtScoped):
    access_court_path = "bureau__court"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="officer",
    )
    name = models.CharField(_("name"), max_length=32)
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

    class Meta:
        verbose_name = _("officer")
        verbose_name_plural = _("officers")
        ordering = ["bureau__court__sort_order", "name"]
        indexes = [models.Index(fields=["bureau", "role"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("personnel:officer_detail", kwargs={"pk": self.pk})

    @property
    def masked_id_number(self) -> str:
        return mask_identifier(self.id_number)

    @classmethod
    def handler_q(cls, scope: Scope) -> models.Q:
        # An officer may update their own contact details.
        return models.Q(pk=scope.officer_id)

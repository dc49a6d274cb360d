from django.db import models
from django.utils.translation import gettext_lazy as _


class CourtTier(models.TextChoices):
    INTERMEDIATE = "intermediate", _("Intermediate court")
    DISTRICT = "district", _("District court")


class BureauKind(models.TextChoices):
    ENFORCEMENT = "enforcement", _("Enforcement bureau")
    CRIMINAL_ENFORCEMENT = "criminal_enforcement", _("Criminal enforcement bureau")

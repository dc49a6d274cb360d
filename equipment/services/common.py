"""Helpers shared by the equipment services."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _


def today() -> datetime.date:
    """Today in the court's time zone (Asia/Shanghai)."""
    return timezone.localdate()


def require(allowed: bool) -> None:
    """Refuse (403) a step the policy does not allow."""
    if not allowed:
        raise PermissionDenied(_("You may not take this step."))

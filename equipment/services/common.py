"""Helpers shared by the equipment services."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from courts.access import CHANGE


def today() -> datetime.date:
    """Today in the court's time zone (Asia/Shanghai)."""
    return timezone.localdate()


def lock_for(model, user, pk: int, action: str = CHANGE):
    """Load and lock one row the user may act on; 404 otherwise.

    Write paths re-check the object through the restriction point instead of
    trusting the queryset a page was read from (STYLE.md §4, the
    GHSA-4587-9786-r6vp lesson)."""
    row = model.objects.restrict(user, action).select_for_update(of=("self",)).filter(pk=pk).first()
    if row is None:
        raise Http404(_("No such record."))
    return row


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not take this step."))

"""Shared pieces of the assessment pages."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from assessment.forms import FigureQueryForm
from assessment.periods import Period
from supervision.views.base import ObjectActionView as _ObjectActionView
from supervision.views.base import ServiceFormView as _ServiceFormView


class ServiceFormView(_ServiceFormView):
    template_name = "assessment/form.html"

    def get_cancel_url(self):
        return "/assessment/"


class ObjectActionView(_ObjectActionView):
    template_name = "assessment/form.html"


def figure_query(
    request, default_level: str = "court"
) -> tuple[FigureQueryForm, Period, str, str, dt.date]:
    """The period, level, indicator and data date asked for (GET), with defaults."""
    form = FigureQueryForm(request.GET or None)
    today = timezone.localdate()
    period, level, code, as_of = Period.year(today.year), default_level, "", today
    if form.is_bound and form.is_valid():
        period = form.cleaned_data["period"]
        level = form.cleaned_data["level"] or default_level
        code = form.cleaned_data["code"] or ""
        as_of = form.cleaned_data["as_of"] or today
    return form, period, level, code, as_of

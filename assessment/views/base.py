"""Shared pieces of the assessment pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from assessment.forms import FigureQueryForm
from assessment.periods import Period
from haikou_exec.actions import ActionView, PostActionView


class ServiceFormView(ActionView):
    """A form whose valid submission calls one service (haikou_exec.actions); a
    step the role may not take is refused by the service and shown on the form."""

    template_name = "assessment/form.html"
    cancel_url = "/assessment/"
    denied_on_form = True
    follow_result = False


class ObjectActionView(ServiceFormView):
    """A step on one object the user may change (404 otherwise)."""


class ButtonView(PostActionView):
    """A button on one object the user may change (404 otherwise): one service
    call, then back to the object. A step the role may not take is refused by the
    service; the page says so."""

    denied_as_message = True


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


def scheme_components(formset, *texts: str) -> list[dict]:
    """The filled rows of a scheme's component formset as its service takes them:
    the kind, the indicator, the ``texts`` fields, the weight (0 when blank) and
    the parameters."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data.get("kind"):
            continue
        row = {"kind": data["kind"], "indicator_code": data.get("indicator_code") or ""}
        row.update({name: data.get(name) or "" for name in texts})
        row["weight"] = data["weight"] if data.get("weight") is not None else Decimal(0)
        row["parameters"] = data.get("parameters") or {}
        rows.append(row)
    return rows

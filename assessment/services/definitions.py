"""Indicator definitions are versioned: a formula change is a new version with its
own effective date, never an edit (DOMAIN.md §9 "each formula versioned")."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from assessment.indicators import CALCULATORS
from assessment.models import IndicatorDefinition
from assessment.parameters import indicator_parameters
from courts.access import scope_for
from haikou_exec.formats import written_date as _day
from haikou_exec.parameters import problems


def definition_for(code: str, on: dt.date) -> IndicatorDefinition | None:
    """The version in effect on a date."""
    return (
        IndicatorDefinition.objects.filter(code=code, effective_from__lte=on)
        .order_by("-effective_from", "-version")
        .first()
    )


def definitions_in_effect(on: dt.date, codes=None) -> list[IndicatorDefinition]:
    """One definition per code: the version in effect on ``on`` (ordered for display)."""
    rows = IndicatorDefinition.objects.filter(effective_from__lte=on)
    if codes is not None:
        rows = rows.filter(code__in=list(codes))
    latest: dict[str, IndicatorDefinition] = {}
    for definition in rows.order_by("code", "-effective_from", "-version"):
        latest.setdefault(definition.code, definition)
    return sorted(latest.values(), key=lambda d: (d.sort_order, d.code))


def may_revise(user) -> bool:
    """Only the city leadership revises an indicator's formula (DOMAIN.md §9 "Indicators")."""
    return user.is_authenticated and (
        user.is_superuser
        or (user.has_perm("assessment.add_indicatordefinition") and scope_for(user).city_leadership)
    )


_FIELDS = {
    "name",
    "formula",
    "numerator_text",
    "denominator_text",
    "target",
    "higher_is_better",
    "parameters",
    "source",
}


@transaction.atomic
def revise_indicator(*, user, code: str, effective_from: dt.date, **changes) -> IndicatorDefinition:
    """A new version of an indicator: the previous version's text and parameters
    with the changes, effective from a date after every existing version's. Past
    figures keep the version they were computed with.
    Source: DOMAIN.md §9: each formula versioned."""
    if not may_revise(user):
        raise PermissionDenied(_("Only the intermediate bureau's leadership revises indicators."))
    unknown = set(changes) - _FIELDS
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    if code not in CALCULATORS:
        raise ValidationError({"code": [_("No computation exists for this indicator code.")]})
    current = (
        IndicatorDefinition.objects.select_for_update()
        .filter(code=code)
        .order_by("-version")
        .first()
    )
    if current is None:
        raise ValidationError({"code": [_("Unknown indicator.")]})
    if effective_from <= current.effective_from:
        raise ValidationError(
            {
                "effective_from": [
                    _("A new version takes effect after %(date)s.")
                    % {"date": _day(current.effective_from)}
                ]
            }
        )
    if "formula" in changes and not (changes["formula"] or "").strip():
        raise ValidationError({"formula": [_("Write the formula.")]})
    if "parameters" in changes and not isinstance(changes["parameters"], dict):
        raise ValidationError({"parameters": [_("Parameters are a JSON object.")]})
    if "parameters" in changes:
        # The same limits as the editor's fields (assessment.parameters).
        found = problems(indicator_parameters(code), changes["parameters"])
        if found:
            raise ValidationError({"parameters": found})
    version = (
        IndicatorDefinition.objects.filter(code=code).aggregate(m=Max("version"))["m"] or 0
    ) + 1
    fields = {f: getattr(current, f) for f in _FIELDS}
    fields.update(changes)
    return IndicatorDefinition.objects.create(
        code=code,
        version=version,
        unit=current.unit,
        effective_from=effective_from,
        sort_order=current.sort_order,
        **fields,
    )

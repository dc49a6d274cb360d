"""The change history as people read it: who (name and role), when, what changed
(field labels, values as the pages show them). The trail itself is pghistory's."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.apps import apps
from django.utils.translation import gettext as _

register = template.Library()

# Bookkeeping columns that change with every save and tell a reader nothing.
HIDDEN_FIELDS = {"updated_at", "version", "search_vector"}

EVENT_LABELS = {
    "insert": lambda: _("created"),
    "update": lambda: _("changed"),
    "delete": lambda: _("deleted"),
}


def role_label(code: str | None) -> str:
    from courts.choices import OfficerRole

    if not code:
        return ""
    if code == "superuser":
        return _("system superuser")
    try:
        return str(OfficerRole(code).label)
    except ValueError:
        return code


def _value(field, value) -> str:
    if value is None or value == "":
        return "—"
    if field is None:
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.get_internal_type() == "BooleanField":
        return _("yes") if value else _("no")
    if field.is_relation:
        return _("(another record)")
    kind = field.get_internal_type()
    if kind == "DecimalField":
        # Amounts as the pages show them: 491,700.00, not 491700.0 (issue 16).
        try:
            return f"{Decimal(str(value)):,.2f}"
        except (InvalidOperation, ValueError):
            return str(value)
    if kind in ("DateField", "DateTimeField"):
        # One date format where users look (issue 16): 2026年12月3日, not ISO text.
        return _date(value, kind)
    return str(value)


def _date(value, kind: str) -> str:
    import datetime as dt

    from django.utils import formats, timezone

    try:
        if kind == "DateField":
            return formats.date_format(dt.date.fromisoformat(str(value)[:10]), "DATE_FORMAT")
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return formats.date_format(moment, "DATETIME_FORMAT")


@register.simple_tag
def history_rows(history):
    """One dict per event: when, what happened, who, and the changed fields."""
    rows = []
    for event in history:
        context = event.pgh_context or {}
        # pghistory's Events carry the context's metadata itself; event tables a Context.
        context = getattr(context, "metadata", context)
        model = None
        label = getattr(event, "pgh_model", None)
        if label:
            try:
                model = apps.get_model(label)
            except LookupError:
                model = None
        changes = []
        for name, (old, new) in (event.pgh_diff or {}).items():
            if name in HIDDEN_FIELDS:
                continue
            try:
                field = model._meta.get_field(name) if model else None
            except Exception:
                field = None
            if field is None and name.endswith("_id") and model is not None:
                try:
                    field = model._meta.get_field(name[:-3])
                except Exception:
                    field = None
            verbose = str(field.verbose_name) if field is not None else name
            changes.append((verbose, _value(field, old), _value(field, new)))
        if event.pgh_label == "update" and not changes and not context.get("reason"):
            # Only bookkeeping moved (a write elsewhere bumped the version): a row
            # reading 修改 · — tells the reader nothing.
            continue
        if context.get("actor"):
            who = context["actor"]
            role = role_label(context.get("role"))
        elif context.get("user") is None and context.get("task"):
            who, role = _("system task"), ""
        elif context.get("user") is None and context.get("command"):
            who, role = _("system maintenance"), ""
        elif not context:
            # Written outside any request or task: data loading, migrations.
            who, role = _("system"), ""
        else:
            who, role = "—", ""
        rows.append(
            {
                "at": event.pgh_created_at,
                "what": EVENT_LABELS[event.pgh_label]()
                if event.pgh_label in EVENT_LABELS
                else event.pgh_label,
                "who": who,
                "role": role,
                "changes": changes,
                # A correction says why (cases.services.parties.correct_party).
                "reason": context.get("reason") or "",
                # Whose record, where one page lists several (a case's parties).
                "subject": str((getattr(event, "pgh_data", None) or {}).get("name") or ""),
            }
        )
    return rows

from django.apps import apps
from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from pghistory.admin import EventsAdmin
from pghistory.admin.core import EventModelFilter, LabelFilter

from audit.models import AuditSeal, record_kind
from courts.templatetags.history_tags import EVENT_LABELS, history_rows
from haikou_exec.admin_site import (
    WrittenByServicesAdmin,
)


@admin.register(AuditSeal)
class AuditSealAdmin(WrittenByServicesAdmin):
    list_display = ["day", "event_count", "chain_hash", "sealed_at"]
    date_hierarchy = "day"


class ActionFilter(LabelFilter):
    """pghistory's label filter (insert / update / delete), in words."""

    title = _("action")

    def lookups(self, request, model_admin):
        return [(label, _action(label)) for label, _label in super().lookups(request, model_admin)]


class RecordKindFilter(EventModelFilter):
    """pghistory's event-model filter, by the name of the record each tracks."""

    title = _("kind of record")

    def lookups(self, request, model_admin):
        kinds = [
            (label, record_kind(apps.get_model(label)))
            for label, _label in super().lookups(request, model_admin)
        ]
        return sorted(kinds, key=lambda kind: str(kind[1]))


class ChangeTrailAdmin(EventsAdmin):
    """The change trail (``ChangeEvent``) as its pages read it elsewhere (the case's
    and the parties' history, ``courts.templatetags.history_tags``): when, what
    happened to which record, who, and each changed field by its label with the
    values as the pages show them. Read-only, as pghistory's own."""

    fields = readonly_fields = ["when", "action", "record", "who", "changes", "request"]
    list_display_links = ["when"]

    def get_list_display(self, request):
        return ["when", "action", "record", "who", "changes"]

    def get_list_filter(self, request):
        extra = super().get_list_filter(request)[2:]  # the object's or model's, when linked
        return [ActionFilter, RecordKindFilter, *extra]

    @admin.display(description=_("when"), ordering="pgh_created_at")
    def when(self, event):
        return _read(event)["at"]

    @admin.display(description=_("action"))
    def action(self, event):
        return _read(event)["what"]

    @admin.display(description=_("record"))
    def record(self, event):
        return str(event)

    @admin.display(description=_("changed by"))
    def who(self, event):
        row = _read(event)
        return f"{row['who']}（{row['role']}）" if row["role"] else row["who"]

    @admin.display(description=_("changes"))
    def changes(self, event):
        row = _read(event)
        if not row["changes"]:
            return "—"
        return format_html_join(mark_safe("<br>"), "{}：{} → {}", row["changes"])  # noqa: S308 — a constant separator

    @admin.display(description=_("request id"))
    def request(self, event):
        context = event.pgh_context or {}
        return context.get("request_id") or "—"


def _read(event) -> dict:
    """The event in words, read once per event and page."""
    if not hasattr(event, "_in_words"):
        event._in_words = history_rows([event])[0]
    return event._in_words


def _action(label: str) -> str:
    return EVENT_LABELS[label]() if label in EVENT_LABELS else label

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from command_center.models import BackgroundJob, Notification
from courts.tables import court_row_attrs


class BackgroundJobTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    percent = tables.TemplateColumn(
        '<div class="progress" style="min-width:8rem"><div class="progress-bar" style="width: {{ record.percent }}%">{{ record.percent }}%</div></div>',
        verbose_name=_("Progress"),
        orderable=False,
    )

    class Meta:
        model = BackgroundJob
        fields = ("id", "kind", "status", "percent", "created_by", "created_at", "finished_at")
        row_attrs = court_row_attrs(lambda j: j.court)


class NotificationTable(tables.Table):
    title = tables.TemplateColumn(
        '{% if record.link %}<a href="{{ record.link }}">{{ record.title }}</a>{% else %}{{ record.title }}{% endif %}'
        '{% if not record.read_at %} <span class="badge text-bg-primary">{{ unread_label }}</span>{% endif %}',
        extra_context={"unread_label": _("New")},
    )

    class Meta:
        model = Notification
        fields = ("created_at", "level", "title", "body")
        row_attrs = {
            "data-court": lambda record: record.scope_court.code if record.scope_court else ""
        }

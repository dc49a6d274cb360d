import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from command_center.models import BackgroundJob
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

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from courts.tables import court_row_attrs
from equipment.models import (
    ComplianceScore,
    EquipmentAssignment,
    EquipmentInspection,
    EquipmentItem,
    EquipmentStandard,
)

_STATUS_BADGE = {
    "in_stock": "text-bg-success",
    "in_use": "text-bg-primary",
    "under_repair": "text-bg-warning",
    "lost": "text-bg-danger",
    "scrapped": "text-bg-secondary",
}


class EquipmentItemTable(tables.Table):
    serial_number = tables.Column(linkify=True)
    court = tables.Column(accessor="court__short_name", verbose_name=_("court"))
    holder = tables.TemplateColumn(
        "{% for a in record.open_assignments %}{% if a.officer %}{{ a.officer.name }}{% endif %}"
        "{% if a.officer and a.operation_reference %} · {% endif %}{{ a.operation_reference }}{% endfor %}",
        verbose_name=_("Held by"),
        orderable=False,
    )
    custodian = tables.Column(accessor="custodian__name", verbose_name=_("custodian"))

    class Meta:
        model = EquipmentItem
        fields = (
            "serial_number",
            "name",
            "category",
            "court",
            "status",
            "holder",
            "purchase_date",
            "service_end_on",
            "custodian",
        )
        row_attrs = court_row_attrs(lambda i: i.court)

    def render_status(self, record):
        return format_html(
            '<span class="badge {}">{}</span>',
            _STATUS_BADGE.get(record.status, "text-bg-light"),
            record.get_status_display(),
        )


class EquipmentAssignmentTable(tables.Table):
    item = tables.Column(linkify=lambda record: record.item.get_absolute_url())
    court = tables.Column(accessor="item__court__short_name", verbose_name=_("court"))
    officer = tables.Column(accessor="officer__name", verbose_name=_("officer"))

    class Meta:
        model = EquipmentAssignment
        fields = (
            "item",
            "court",
            "officer",
            "operation_reference",
            "assigned_at",
            "due_back_on",
            "returned_at",
        )
        row_attrs = court_row_attrs(lambda a: a.item.court)


class EquipmentStandardTable(tables.Table):
    category = tables.Column(linkify=True)
    specification = tables.Column(attrs={"td": {"class": "text-wrap"}})

    class Meta:
        model = EquipmentStandard
        fields = ("tier", "category", "required_quantity", "specification", "updated_at")
        row_attrs = court_row_attrs(lambda s: s.issued_by)


class EquipmentInspectionTable(tables.Table):
    scheduled_on = tables.DateColumn(linkify=True)
    court = tables.Column(accessor="court__short_name", verbose_name=_("inspected court"))
    inspector = tables.Column(accessor="inspector__name", verbose_name=_("inspector"))

    class Meta:
        model = EquipmentInspection
        fields = (
            "scheduled_on",
            "court",
            "status",
            "conducted_on",
            "score",
            "rectification_deadline",
            "inspector",
        )
        row_attrs = court_row_attrs(lambda i: i.court)


class ComplianceScoreTable(tables.Table):
    score = tables.Column(linkify=True)
    court = tables.Column(accessor="court__short_name", verbose_name=_("court"))

    class Meta:
        model = ComplianceScore
        fields = (
            "year",
            "court",
            "score",
            "standards_score",
            "inspection_score",
            "as_of",
            "computed_at",
        )
        row_attrs = court_row_attrs(lambda s: s.court)

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courts.tables import court_row_attrs
from supervision.models import (
    Alert,
    CaseReview,
    DirectorTalk,
    Inspection,
    InspectionFinding,
    JointInspection,
    SupervisionCase,
    SupervisionOrder,
)

_SEVERITY = {"minor": "secondary", "major": "warning", "serious": "danger"}


def _case_link(case):
    if case is None:
        return "—"
    return format_html('<a href="{}">{}</a>', case.get_absolute_url(), case.case_number)


class AlertTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    rule = tables.Column(verbose_name=_("Rule"))
    case = tables.Column(verbose_name=_("Case"))
    court = tables.Column(accessor="court__short_name", verbose_name=_("Court"))
    severity = tables.Column(verbose_name=pgettext_lazy("supervision", "Severity"))

    class Meta:
        model = Alert
        fields = (
            "id",
            "rule",
            "case",
            "court",
            "severity",
            "status",
            "first_detected_on",
            "last_detected_on",
            "times_detected",
        )
        row_attrs = court_row_attrs(lambda a: a.court)
        order_by = ("-last_detected_on",)

    def render_case(self, value):
        return _case_link(value)

    def render_severity(self, record):
        return format_html(
            '<span class="badge text-bg-{}">{}</span>',
            _SEVERITY.get(record.severity, "secondary"),
            record.get_severity_display(),
        )


class SupervisionCaseTable(tables.Table):
    reference = tables.Column(linkify=True)
    court = tables.Column(accessor="court__short_name", verbose_name=_("Court"))
    supervised_case = tables.Column(verbose_name=_("Supervised case"))

    class Meta:
        model = SupervisionCase
        fields = (
            "reference",
            "title",
            "court",
            "supervised_case",
            "trigger",
            "source",
            "status",
            "opened_on",
            "handler",
            "outcome",
        )
        row_attrs = court_row_attrs(lambda c: c.court)

    def render_supervised_case(self, value):
        return _case_link(value)


class SupervisionOrderTable(tables.Table):
    reference = tables.Column(linkify=True)
    court = tables.Column(accessor="court__short_name", verbose_name=_("Court"))
    overdue = tables.Column(empty_values=(), orderable=False, verbose_name=_("Overdue"))

    class Meta:
        model = SupervisionOrder
        fields = (
            "reference",
            "subject",
            "court",
            "issued_on",
            "respond_by",
            "status",
            "responded_late",
            "overdue",
        )
        row_attrs = court_row_attrs(lambda o: o.court)

    def render_overdue(self, record):
        from django.utils import timezone

        if record.is_overdue(timezone.localdate()):
            return format_html('<span class="badge text-bg-danger">{}</span>', _("Overdue"))
        return ""


class InspectionTable(tables.Table):
    reference = tables.Column(linkify=True)
    courts = tables.Column(empty_values=(), orderable=False, verbose_name=_("Courts inspected"))
    finding_count = tables.Column(verbose_name=_("Findings"))

    class Meta:
        model = Inspection
        fields = (
            "reference",
            "kind",
            "title",
            "courts",
            "starts_on",
            "ends_on",
            "status",
            "finding_count",
        )
        row_attrs = court_row_attrs(lambda i: i.court)

    def render_courts(self, record):
        return "、".join(c.short_name for c in record.courts.all())


class InspectionFindingTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    court = tables.Column(accessor="court__short_name", verbose_name=_("Court"))
    inspection = tables.Column(accessor="inspection__reference", verbose_name=_("Inspection"))
    case = tables.Column(verbose_name=_("Case"))

    class Meta:
        model = InspectionFinding
        fields = (
            "id",
            "court",
            "inspection",
            "category",
            "severity",
            "description",
            "case",
            "found_on",
            "rectify_by",
            "status",
        )
        row_attrs = court_row_attrs(lambda f: f.court)

    def render_case(self, value):
        return _case_link(value)


class CaseReviewTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    case = tables.Column(verbose_name=_("Case"))
    court = tables.Column(accessor="case__court__short_name", verbose_name=_("Court"))

    class Meta:
        model = CaseReview
        fields = (
            "id",
            "case",
            "court",
            "sheet",
            "reviewer",
            "reviewed_on",
            "status",
            "total_points",
            "max_points",
            "grade",
        )
        row_attrs = court_row_attrs(lambda r: r.case.court)

    def render_case(self, value):
        return _case_link(value)


class JointInspectionTable(tables.Table):
    reference = tables.Column(linkify=True)
    case = tables.Column(verbose_name=_("Case"))
    court = tables.Column(accessor="case__court__short_name", verbose_name=_("Court"))
    conduct_count = tables.Column(verbose_name=_("Officers checked"))

    class Meta:
        model = JointInspection
        fields = (
            "reference",
            "case",
            "court",
            "opened_on",
            "status",
            "case_conclusion",
            "conduct_count",
            "shared_with_discipline_at",
        )
        row_attrs = court_row_attrs(lambda j: j.case.court)

    def render_case(self, value):
        return _case_link(value)


class DirectorTalkTable(tables.Table):
    reference = tables.Column(linkify=True)
    court = tables.Column(accessor="court__short_name", verbose_name=_("Court"))
    director = tables.Column(accessor="director__name", verbose_name=_("Director"))

    class Meta:
        model = DirectorTalk
        fields = (
            "reference",
            "court",
            "director",
            "scheduled_on",
            "status",
            "held_on",
            "follow_up_due",
            "follow_up_done_on",
        )
        row_attrs = court_row_attrs(lambda t: t.court)

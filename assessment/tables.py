import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from assessment.models import (
    BureauAssessmentResult,
    IndicatorSnapshot,
    MonthlyReport,
    OfficerScheme,
)
from cases.models import CaseNode, EnforcementCase
from courts.tables import court_row_attrs
from haikou_exec.tables import MoneyColumn


class IndicatorSnapshotTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    definition = tables.Column(verbose_name=_("Indicator"))
    court = tables.Column(accessor="court__short_name", verbose_name=_("Court"))

    class Meta:
        model = IndicatorSnapshot
        fields = (
            "id",
            "definition",
            "level",
            "subject_label",
            "court",
            "period_start",
            "period_end",
            "as_of",
            "numerator",
            "denominator",
            "value",
            "is_final",
        )
        row_attrs = court_row_attrs(lambda s: s.court)


class BureauAssessmentResultTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    year = tables.Column(accessor="assessment__year", verbose_name=_("Year"))
    status = tables.Column(accessor="assessment__status", verbose_name=_("Status"))
    bureau = tables.Column(verbose_name=_("Bureau"))
    director_adjustment_flag = tables.Column(verbose_name=_("Director to be adjusted"))

    class Meta:
        model = BureauAssessmentResult
        fields = (
            "id",
            "year",
            "status",
            "bureau",
            "total",
            "rank",
            "praised",
            "at_bottom",
            "bottom_streak",
            "director_adjustment_flag",
        )
        row_attrs = court_row_attrs(lambda r: r.bureau.court)

    def render_status(self, record):
        return record.assessment.get_status_display()

    def render_director_adjustment_flag(self, value):
        if value:
            return format_html('<span class="badge text-bg-danger">{}</span>', _("按程序调整局长"))
        return ""


class MonthlyReportTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    court = tables.Column(accessor="court__short_name", verbose_name=_("Court"))
    period = tables.Column(empty_values=(), order_by=("year", "month"), verbose_name=_("Month"))

    class Meta:
        model = MonthlyReport
        fields = (
            "id",
            "court",
            "period",
            "status",
            "due_on",
            "first_submitted_at",
            "submitted_late",
            "late_days",
            "reviewed_at",
        )
        row_attrs = court_row_attrs(lambda r: r.court)

    def render_period(self, record):
        return record.period_label


class OfficerSchemeTable(tables.Table):
    name = tables.Column(linkify=True)
    court = tables.Column(accessor="court__short_name", verbose_name=_("Court"))

    class Meta:
        model = OfficerScheme
        fields = ("name", "court", "year", "created_at")
        row_attrs = court_row_attrs(lambda s: s.court)


class CaseUnitTable(tables.Table):
    """The cases behind a figure, each linking to /cases/<id>/."""

    case_number = tables.Column(
        linkify=lambda record: record.get_absolute_url(), verbose_name=_("Case")
    )
    court = tables.Column(accessor="court__short_name", verbose_name=_("Court"))
    legal_due = tables.Column(
        empty_values=(), orderable=False, verbose_name=_("Legal closing date")
    )
    days_to_close = tables.Column(empty_values=(), orderable=False, verbose_name=_("Days to close"))
    amount_claimed = MoneyColumn()
    amount_recovered = MoneyColumn()

    class Meta:
        model = EnforcementCase
        fields = (
            "case_number",
            "court",
            "case_type",
            "filed_on",
            "closed_on",
            "closing_type",
            "amount_claimed",
            "amount_recovered",
            "team",
        )
        sequence = (
            "case_number",
            "court",
            "case_type",
            "filed_on",
            "closed_on",
            "legal_due",
            "closing_type",
            "...",
        )
        row_attrs = court_row_attrs(lambda c: c.court)
        orderable = False

    def render_legal_due(self, record):
        return getattr(record, "legal_due", None) or "—"

    def render_days_to_close(self, record):
        value = getattr(record, "days_to_close", None)
        return "—" if value is None else value


class NodeUnitTable(tables.Table):
    """Process nodes behind a figure (petitions, disbursements), with their case."""

    case = tables.Column(
        linkify=lambda record: record.case.get_absolute_url(),
        accessor="case__case_number",
        verbose_name=_("Case"),
    )
    court = tables.Column(accessor="case__court__short_name", verbose_name=_("Court"))
    definition = tables.Column(verbose_name=_("Node"))

    class Meta:
        model = CaseNode
        fields = ("case", "court", "definition", "triggered_on", "due_on", "completed_on", "status")
        row_attrs = court_row_attrs(lambda n: n.case.court)
        orderable = False

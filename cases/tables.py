import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cases.models import CaseNode, EnforcementCase, Measure
from courts.tables import court_row_attrs


class EnforcementCaseTable(tables.Table):
    case_number = tables.Column(linkify=True)
    court = tables.Column(accessor="court__short_name", verbose_name=_("Court"))
    applicant = tables.Column(empty_values=(), orderable=False, verbose_name=_("Applicant"))
    respondent = tables.Column(empty_values=(), orderable=False, verbose_name=_("Respondent"))
    team = tables.Column(verbose_name=_("Team"))
    has_overdue = tables.Column(empty_values=(), orderable=False, verbose_name=_("Overdue"))

    class Meta:
        model = EnforcementCase
        fields = (
            "case_number",
            "court",
            "case_type",
            "status",
            "filed_on",
            "amount_claimed",
            "amount_recovered",
            "team",
            "closing_type",
        )
        sequence = ("case_number", "court", "case_type", "applicant", "respondent", "status", "...")
        row_attrs = court_row_attrs(lambda c: c.court)
        order_by = ("-filed_on",)
        # Rows written out in the template (see there why); keep them in step.
        template_name = "cases/_case_table.html"

    def fast_rows(self):
        """(case, applicants, respondents) of the page, for the row template."""
        rows = self.paginated_rows if hasattr(self, "page") else self.rows
        for row in rows:
            record = row.record
            yield record, self._party(record, "applicant"), self._party(record, "respondent")

    def _party(self, record, role):
        names = [p.name for p in getattr(record, "party_list", []) if p.role == role]
        return "、".join(names[:2]) + ("…" if len(names) > 2 else "")

    def render_applicant(self, record):
        return self._party(record, "applicant")

    def render_respondent(self, record):
        return self._party(record, "respondent")

    def render_has_overdue(self, record):
        if getattr(record, "has_overdue", False):
            return format_html('<span class="badge text-bg-danger">{}</span>', _("Overdue"))
        return ""


class CaseNodeTable(tables.Table):
    case = tables.Column(
        linkify=lambda record: record.case.get_absolute_url(), verbose_name=_("Case")
    )
    definition = tables.Column(verbose_name=_("Node"))
    team = tables.Column(accessor="case__team", verbose_name=_("Team"))

    class Meta:
        model = CaseNode
        fields = ("case", "definition", "triggered_on", "due_on", "status", "team")
        row_attrs = court_row_attrs(lambda n: n.case.court)


class MeasureRegisterTable(tables.Table):
    case = tables.Column(
        linkify=lambda record: record.case.get_absolute_url(), verbose_name=_("Case")
    )

    class Meta:
        model = Measure
        fields = ("case", "kind", "asset_type", "description", "started_on", "expires_on", "status")
        row_attrs = court_row_attrs(lambda m: m.case.court)

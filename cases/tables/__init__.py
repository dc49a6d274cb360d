"""Tables of the case pages (lists, nodes, the measure register); the funds
pages' tables are in ``cases.tables.funds``, transfers' and criminal property's
in ``cases.tables.transfers``."""

import functools
from html import escape

import django_tables2 as tables
from django.urls import reverse
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cases.choices import CaseType, ClosingType, case_status_label
from cases.models import CaseNode, EnforcementCase, Measure
from cases.templatetags.haikou_format import yuan
from courts.tables import court_row_attrs


class EnforcementCaseTable(tables.Table):
    case_number = tables.Column(linkify=True)
    court = tables.Column(accessor="court__short_name", verbose_name=_("Court"))
    applicant = tables.Column(empty_values=(), orderable=False, verbose_name=_("Applicant"))
    respondent = tables.Column(empty_values=(), orderable=False, verbose_name=_("Respondent"))
    team = tables.Column(verbose_name=_("Team"))
    has_overdue = tables.Column(empty_values=(), orderable=False, verbose_name=_("Overdue"))

    # Short words and figures on one line: beside long party names a status read
    # 已/立/案, one character a line (as every list's OneLineColumn,
    # haikou_exec.tables); the cells rows_html writes: number, court, status,
    # filing date, amounts.
    NOWRAP_CELLS = frozenset({0, 1, 5, 6, 7, 8})

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
        # Rows written by rows_html (see there why); keep them in step.
        template_name = "cases/_case_table.html"

    def rows_html(self):
        """The page's rows as HTML, written in Python: through the generic table
        template each of the 50 × 12 cells costs a template lookup, and each
        ``get_FOO_display`` resolves a lazy translation — together most of the
        page's time at city scale (bench/results). The labels are resolved once per
        page here; the cells are the columns of ``Meta.sequence``."""
        rows = self.paginated_rows
        labels = {
            name: {value: str(label) for value, label in choices}
            for name, choices in (
                ("case_type", CaseType.choices),
                ("closing_type", ClosingType.choices),
            )
        }
        # A state's words by its case class (执行中, 审查中, 审理中), each once a page.
        status_label = functools.cache(case_status_label)
        date_format = get_format("DATE_FORMAT")
        # One reverse() for the page, not one per row (the URL is /cases/<pk>/).
        head, _sep, tail = reverse("cases:case_detail", kwargs={"pk": 0}).rpartition("/0/")
        overdue = '<span class="badge text-bg-danger">{}</span>'.format(escape(str(_("Overdue"))))
        html = []
        for index, row in enumerate(rows):
            case = row.record
            cells = [
                f'<a href="{head}/{case.pk}/{tail}">{escape(case.case_number)}</a>',
                escape(case.court.short_name),
                escape(labels["case_type"].get(case.case_type, case.case_type)),
                escape(self._party(case, "applicant")),
                escape(self._party(case, "respondent")),
                escape(status_label(case.status, case.case_type)),
                escape(dateformat.format(case.filed_on, date_format)),
                escape(yuan(case.amount_claimed)),  # 1,366,180,350.00 (issue 16)
                escape(yuan(case.amount_recovered)),
                escape(case.team.name) if case.team_id else "—",
                escape(labels["closing_type"].get(case.closing_type, "") or "—"),
                overdue if getattr(case, "has_overdue", False) else "",
            ]
            html.append(
                '<tr data-court="{}" class="{}">{}</tr>'.format(
                    escape(case.court.code),
                    "odd" if index % 2 else "even",
                    "".join(
                        f'<td class="text-nowrap">{cell}</td>'
                        if i in self.NOWRAP_CELLS
                        else f"<td>{cell}</td>"
                        for i, cell in enumerate(cells)
                    ),
                )
            )
        return mark_safe("\n".join(html))  # noqa: S308 — every value is escaped above

    def _party(self, record, role):
        # The page's rows carry the names (selectors.case_list_page); other rows
        # their parties.
        names = getattr(record, f"{role}_names", None)
        if names is None:
            names = [p.name for p in getattr(record, "party_list", []) if p.role == role]
        if not names:
            return "—"  # as other empty cells (a 执监 of a court's own motion has no parties)
        return "、".join(names[:2]) + ("…" if len(names) > 2 else "")


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

    def render_status(self, record):
        # A released listing reads 已撤销, a lifted restriction 已解除 (Measure).
        return record.get_status_display()

"""PDF and Excel exports: the annual assessment report, and monthly reports.
PDFs use WeasyPrint with the bundled Chinese font (settings.CJK_FONT_PATH), as
the court documents of the cases app do."""

from __future__ import annotations

import io

from django.utils.translation import override

from assessment.models import BureauAssessment, MonthlyReport
from haikou_exec.formats import written_date
from haikou_exec.pdf import render_pdf
from haikou_exec.spreadsheets import inert_workbook


def component_labels(snapshot: dict) -> dict[str, str]:
    """Each component's name for the report: an indicator's by its code, the others by their kind."""
    from assessment.choices import ComponentKind
    from assessment.models import IndicatorDefinition

    names = {}
    codes = [
        c["indicator_code"]
        for c in snapshot.get("components", [])
        if c["kind"] == ComponentKind.INDICATOR
    ]
    for d in IndicatorDefinition.objects.filter(code__in=codes).order_by("code", "-version"):
        names.setdefault(d.code, d.name)
    labels = {}
    for c in snapshot.get("components", []):
        if c["kind"] == ComponentKind.INDICATOR:
            labels[c["key"]] = names.get(c["indicator_code"], c["indicator_code"])
        else:
            labels[c["key"]] = str(ComponentKind(c["kind"]).label)
    return labels


def assessment_pdf(assessment: BureauAssessment, user) -> bytes:
    """The assessment's table as the user's page shows it: only the bureaus whose
    results the user may read (a district court sees its own score and rank)."""
    from assessment.models import BureauAssessmentResult

    with override("zh-hans"):
        labels = component_labels(assessment.scheme_snapshot)
        results = list(
            BureauAssessmentResult.objects.restrict(user)
            .filter(assessment=assessment)
            .select_related("bureau__court")
            .order_by("rank")
        )
        columns = [
            (c["key"], labels[c["key"]], c["weight"])
            for c in assessment.scheme_snapshot["components"]
        ]
        rows = [
            {
                "result": r,
                "scores": [
                    (r.component_scores.get(key) or {}).get("score") for key, _l, _w in columns
                ],
            }
            for r in results
        ]
    return render_pdf(
        "assessment/pdf/assessment.html",
        {"assessment": assessment, "columns": columns, "rows": rows},
    )


def report_pdf(report: MonthlyReport) -> bytes:
    """The monthly report as a PDF, in Chinese, with its figures, the prefilled values and the
    edits."""
    from assessment.services.reports import REPORT_FIGURES

    with override("zh-hans"):
        labels = {key: str(label) for key, label, _k in REPORT_FIGURES}
        figures = [
            (labels[key], report.figures.get(key), report.prefilled.get(key))
            for key, _label, _k in REPORT_FIGURES
        ]
    edits = list(report.edits.select_related("edited_by"))
    for edit in edits:  # the figure's name, not its key
        edit.label = labels.get(edit.field, edit.field)
    return render_pdf(
        "assessment/pdf/report.html",
        {"report": report, "figures": figures, "edits": edits},
    )


def report_xlsx(report: MonthlyReport) -> bytes:
    """The monthly report as an Excel workbook, in Chinese (nothing in it is a formula)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from assessment.services.reports import REPORT_FIGURES

    with override("zh-hans"):
        book = Workbook()
        sheet = book.active
        sheet.title = report.period_label
        sheet.append([str(report)])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append(["状态", report.get_status_display(), "报送期限", written_date(report.due_on)])
        sheet.append([])
        sheet.append(["项目", "报送数", "系统数据"])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for key, label, _kind in REPORT_FIGURES:
            sheet.append([str(label), report.figures.get(key), report.prefilled.get(key)])
        sheet.append([])
        sheet.append(["工作总结", report.summary])
        sheet.append(["存在问题", report.problems])
        sheet.append(["下月计划", report.plans])
        edits = list(report.edits.select_related("edited_by"))
        if edits:
            sheet.append([])
            sheet.append(["修改记录", "修改前", "修改后", "理由", "修改人", "时间"])
            for e in edits:
                sheet.append(
                    [
                        e.field,
                        e.old_value,
                        e.new_value,
                        e.reason,
                        str(e.edited_by),
                        e.edited_at.strftime("%Y-%m-%d %H:%M"),
                    ]
                )
        sheet.column_dimensions["A"].width = 36
        for column in "BCDEF":
            sheet.column_dimensions[column].width = 20
    inert_workbook(book)  # user text is never a live formula
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

"""Exports of a 一案双查 record for the discipline office: Excel and PDF (WeasyPrint
with the bundled Chinese font, like the court documents of cases)."""

from __future__ import annotations

import io

from django.utils.translation import override

from haikou_exec.pdf import render_pdf
from haikou_exec.spreadsheets import inert_workbook
from supervision.models import JointInspection


def _rows(joint: JointInspection) -> list[tuple[str, str]]:
    case = joint.case
    return [
        ("编号", joint.reference),
        ("案号", case.case_number),
        ("法院", case.court.name),
        ("立案日期", str(case.filed_on)),
        ("启动日期", str(joint.opened_on)),
        ("启动原因", joint.reason),
        ("执行局人员", joint.enforcement_office),
        ("督察（纪检）人员", joint.inspection_office),
        ("案件审查意见", joint.case_findings),
        ("案件结论", joint.get_case_conclusion_display() if joint.case_conclusion else ""),
        ("状态", joint.get_status_display()),
        ("办结日期", str(joint.concluded_on or "")),
    ]


def joint_xlsx(joint: JointInspection) -> bytes:
    """The 一案双查 record as an Excel workbook, in Chinese, for the discipline office (DOMAIN.md §8)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    with override("zh-hans"):
        book = Workbook()
        sheet = book.active
        sheet.title = "一案双查"
        sheet.append(["一案双查记录"])
        sheet["A1"].font = Font(bold=True, size=14)
        for label, value in _rows(joint):
            sheet.append([label, value])
        sheet.append([])
        sheet.append(["干警", "职务", "审查意见", "结论", "处理建议"])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for finding in joint.conduct_findings.select_related("officer"):
            sheet.append(
                [
                    finding.officer.name,
                    finding.officer.get_role_display(),
                    finding.finding,
                    finding.get_conclusion_display(),
                    finding.recommended_action,
                ]
            )
        sheet.column_dimensions["A"].width = 18
        for column in "BCDE":
            sheet.column_dimensions[column].width = 40
        for row in sheet.iter_rows():
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    inert_workbook(book)  # user text is never a live formula
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def joint_pdf(joint: JointInspection) -> bytes:
    """The 一案双查 record as a PDF, in Chinese, for the discipline office (DOMAIN.md §8)."""
    return render_pdf(
        "supervision/pdf/joint.html",
        {
            "joint": joint,
            "rows": _rows(joint),
            "findings": list(joint.conduct_findings.select_related("officer")),
        },
    )

"""Demo 终本 cases carry the record the 终本 rules ask for (终本规定 art. 1): the
enforcement notice and the property-report order, a consumption restriction and a
dishonest listing, the four online queries, an on-site investigation, a search for
the debtor and the applicant's interview — so the demo's 终本合格率 and its alerts
look like a real bureau's: most cases complete, a few with a gap.

The two documents of every demo case point at one stored PDF per kind, rendered
once and marked as demo data: rendering a PDF for each of thousands of demo cases
would make `make run` take minutes. Real cases get their own PDF
(cases/services/documents.py)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from cases.choices import (
    DocumentKind,
    DossierCategory,
    InvestigationKind,
    MeasureKind,
    MeasureStatus,
)
from cases.models import (
    ApplicantInterview,
    DossierFile,
    GeneratedDocument,
    InvestigationStep,
    Measure,
)

# The share of demo 终本 cases with the whole record; the rest miss one item.
COMPLETE_SHARE = 0.93
DEMO_DOCUMENTS = {
    DocumentKind.ENFORCEMENT_NOTICE: "执行通知书",
    DocumentKind.PROPERTY_REPORT_ORDER: "报告财产令",
}
STEPS = [
    InvestigationKind.ONLINE_DEPOSITS,
    InvestigationKind.ONLINE_VEHICLES,
    InvestigationKind.ONLINE_REAL_ESTATE,
    InvestigationKind.ONLINE_SECURITIES,
    InvestigationKind.ON_SITE,
    InvestigationKind.DEBTOR_SEARCH,
]


@functools.cache
def _demo_pdf_content(title: str) -> bytes:
    """A PDF saying this is a demo copy, rendered once per process."""
    from django.conf import settings

    from haikou_exec.pdf import html_to_pdf

    html = (
        f'<style>@font-face{{font-family:S;src:url("{settings.CJK_FONT_PATH.as_uri()}")}}'
        "body{font-family:S;font-size:16pt;text-align:center;padding-top:6cm}</style>"
        f"<h1>{title}</h1><p>演示数据：本件为演示用文书样本。</p>"
        "<p>真实案件的文书由系统按案件生成。</p>"
    )
    return html_to_pdf(html)


def _demo_pdf(title: str) -> tuple[str, str, int]:
    """Store (once) the demo PDF; returns its name, SHA-256 and size."""
    content = _demo_pdf_content(title)
    sha256 = hashlib.sha256(content).hexdigest()
    name = f"dossier/demo/{sha256[:2]}/{sha256}"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(content))
    return name, sha256, len(content)


def record_termination_facts(cases, rng) -> None:
    """Give demo 终本 cases (already saved, with pks) their record, in bulk."""
    if not cases:
        return
    stored = {kind: _demo_pdf(title) for kind, title in DEMO_DOCUMENTS.items()}
    files, documents, measures, steps, interviews = [], [], [], [], []
    for case in cases:
        gap = None if rng.random() < COMPLETE_SHARE else rng.choice(["document", "step", "talk"])
        start = case.filed_on + dt.timedelta(days=rng.randint(2, 10))
        for kind, (name, sha256, size) in stored.items():
            if gap == "document" and kind == DocumentKind.PROPERTY_REPORT_ORDER:
                continue
            record = DossierFile(
                case=case,
                category=DossierCategory.DOCUMENTS,
                title=f"{DEMO_DOCUMENTS[kind]}（{case.case_number}）",
                original_name=f"{kind}-{case.case_number}.pdf",
                content_type="application/pdf",
                size=size,
                sha256=sha256,
            )
            record.file.name = name
            files.append(record)
            documents.append(GeneratedDocument(case=case, kind=kind, dossier_file=record))
        for kind, text in (
            (MeasureKind.CONSUMPTION_RESTRICTION, "限制被执行人高消费及非生活和工作必需的消费行为"),
            (MeasureKind.DISHONEST_LISTING, "纳入失信被执行人名单"),
        ):
            measures.append(
                Measure(
                    case=case,
                    kind=kind,
                    description=text,
                    started_on=start,
                    status=MeasureStatus.ACTIVE,
                )
            )
        for i, kind in enumerate(STEPS):
            if gap == "step" and kind == InvestigationKind.ON_SITE:
                continue
            steps.append(
                InvestigationStep(
                    case=case,
                    kind=kind,
                    done_on=start + dt.timedelta(days=3 * i + rng.randint(0, 5)),
                    outcome="未发现可供执行的财产",
                )
            )
        if gap != "talk":
            interviews.append(
                ApplicantInterview(
                    case=case,
                    held_on=case.closed_on - dt.timedelta(days=rng.randint(1, 7)),
                    record="已告知申请执行人财产调查情况及终本后果，申请执行人签字确认。",
                    applicant_confirmed=True,
                )
            )
    DossierFile.objects.bulk_create(files, batch_size=2000)
    GeneratedDocument.objects.bulk_create(documents, batch_size=2000)
    Measure.objects.bulk_create(measures, batch_size=2000)
    InvestigationStep.objects.bulk_create(steps, batch_size=2000)
    ApplicantInterview.objects.bulk_create(interviews, batch_size=2000)

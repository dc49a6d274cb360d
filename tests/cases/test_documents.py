"""Generated documents (执行通知书, 报告财产令, 限制消费令, 结案通知书): made from
the case page, saved into the dossier, and real Chinese in the PDF — an embedded
CJK font (pdffonts) and the title, court and case number as text (pdftotext)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from django.urls import reverse
from django.utils.html import escape

from cases.models import DossierFile, GeneratedDocument
from cases.services import closing, measures
from tests.conftest import require_tool


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def _generate(client, case, kind):
    return client.post(
        reverse("cases:document_generate", kwargs={"case_id": case.pk}), {"kind": kind}
    )


def _pdf_text(path) -> str:
    text = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return text


def _fonts(path) -> list[dict]:
    out = subprocess.run(
        [require_tool("pdffonts"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows = []
    for line in out.splitlines()[2:]:
        # name type encoding emb sub uni object ID — the name has no spaces.
        parts = line.split()
        if len(parts) >= 7:
            rows.append({"name": parts[0], "emb": parts[-5], "uni": parts[-3]})
    return rows


@pytest.mark.django_db
def test_enforcement_notice_is_generated_into_the_dossier_with_real_chinese(
    xy_case, login, tmp_path
):
    client = login("xy_judge")
    response = _generate(client, xy_case, "enforcement_notice")
    assert response.status_code == 302 and response["Location"].endswith("#dossier")
    document = GeneratedDocument.objects.select_related("dossier_file").get(
        case=xy_case, kind="enforcement_notice"
    )
    record = document.dossier_file
    assert record.category == "documents" and record.content_type == "application/pdf"
    assert record.title == f"执行通知书（{xy_case.case_number}）", record.title

    # The file comes back through the permission-checked download view.
    download = client.get(record.get_absolute_url())
    assert download.status_code == 200
    pdf = b"".join(download.streaming_content)
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / "notice.pdf"
    path.write_bytes(pdf)

    fonts = _fonts(path)
    assert fonts, "no fonts in the PDF"
    assert all(f["emb"] == "yes" for f in fonts), fonts
    assert any(re.search(r"(NotoSans|NotoSerif|HaikouSC)", f["name"]) for f in fonts), fonts

    text = _pdf_text(path)
    squeezed = re.sub(r"\s+", "", text)
    assert "执行通知书" in squeezed  # the title is letter-spaced on the page
    assert "海口市秀英区人民法院" in squeezed
    assert xy_case.case_number in squeezed
    assert xy_case.public_query_code in squeezed  # for the public portal
    assert "海南椰城贸易有限公司" in squeezed and "王海生" in squeezed

    # Rendered to an image (looked at by hand while writing the templates: real
    # glyphs, not boxes); here only that poppler can rasterise it.
    subprocess.run(
        [
            require_tool("pdftoppm"),
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            str(path),
            str(tmp_path / "notice"),
        ],
        check=True,
    )
    assert list(tmp_path.glob("notice*.png"))


@pytest.mark.django_db
def test_every_document_kind_renders(xy_case, login, user, tmp_path):
    judge = user("xy_judge")
    client = login("xy_judge")
    measures.add_measure(
        user=judge,
        case_id=xy_case.pk,
        kind="consumption_restriction",
        description="限制消费",
        started_on=dt.date(2026, 3, 10),
    )
    for kind, title in [
        ("property_report_order", "报告财产令"),
        ("consumption_restriction_order", "限制消费令"),
    ]:
        assert _generate(client, xy_case, kind).status_code == 302
        record = GeneratedDocument.objects.get(case=xy_case, kind=kind).dossier_file
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(record.file.read())
        assert title in re.sub(r"\s+", "", _pdf_text(path))

    # 执行完毕 without the money on the ledger: the applicant's written confirmation,
    # in the dossier (DOMAIN.md §2).
    confirmation = DossierFile.objects.create(
        case=xy_case,
        category="hearing",
        title="申请执行人确认履行完毕书",
        file="dossier/confirmation.pdf",
        original_name="confirmation.pdf",
        content_type="application/pdf",
        size=10,
        sha256="c" * 64,
    )
    closing.close_case(
        user=judge,
        case_id=xy_case.pk,
        closing_type="fully_executed",
        closed_on=dt.date(2026, 6, 1),
        performance_basis="applicant_confirmation",
        performance_evidence_id=confirmation.pk,
    )
    assert _generate(client, xy_case, "closing_notice").status_code == 302
    record = GeneratedDocument.objects.get(case=xy_case, kind="closing_notice").dossier_file
    path = tmp_path / "closing.pdf"
    path.write_bytes(record.file.read())
    text = re.sub(r"\s+", "", _pdf_text(path))
    assert "结案通知书" in text and "执行完毕" in text and xy_case.case_number in text


@pytest.mark.django_db
def test_documents_whose_conditions_do_not_hold_are_refused_with_a_message(xy_case, login):
    client = login("xy_judge")
    for kind in ("closing_notice", "consumption_restriction_order"):
        response = _generate(client, xy_case, kind)
        assert response.status_code == 200
        errors = response.context["form"].non_field_errors()
        assert errors and escape(errors[0]) in response.content.decode()  # shown to the user
    assert not GeneratedDocument.objects.filter(case=xy_case).exists()
    assert not DossierFile.objects.filter(case=xy_case).exists()


@pytest.mark.django_db
def test_only_the_handling_team_generates_and_other_districts_cannot_read(xy_case, login):
    assert _generate(login("lh_judge"), xy_case, "enforcement_notice").status_code == 404
    assert _generate(login("xy_judge"), xy_case, "enforcement_notice").status_code == 302
    record = GeneratedDocument.objects.get(case=xy_case).dossier_file
    assert login("lh_judge").get(record.get_absolute_url()).status_code == 404
    assert login("xy_director").get(record.get_absolute_url()).status_code == 200


def test_the_seal_date_is_written_in_chinese_numerals():
    from cases.templatetags.cases_documents import cn_date, rmb

    assert cn_date(dt.date(2026, 11, 28)) == "二〇二六年十一月二十八日"
    assert cn_date(dt.date(2026, 10, 10)) == "二〇二六年十月十日"
    assert cn_date(dt.date(2030, 1, 31)) == "二〇三〇年一月三十一日"
    assert cn_date(dt.date(2026, 2, 20)) == "二〇二六年二月二十日"
    assert rmb("1250000.5") == "1,250,000.50" and rmb(None) == ""


@pytest.mark.django_db
def test_the_pdf_is_rendered_outside_the_transaction_that_locks_the_case(
    xy_case, user, monkeypatch
):
    """The case row is locked to check and to store; WeasyPrint runs between, in
    none of the service's transactions (inside the test's own, the depth of
    savepoints shows it), so no write on the case waits for a rendering."""
    from django.db import connection

    from cases.services import documents

    render, depths = documents.html_to_pdf, []

    def watched(html):
        depths.append(len(connection.savepoint_ids))
        return render(html)

    monkeypatch.setattr(documents, "html_to_pdf", watched)
    outside = len(connection.savepoint_ids)
    document = documents.generate_document(
        user=user("xy_judge"), case_id=xy_case.pk, kind="enforcement_notice"
    )
    assert depths == [outside] and document.dossier_file.content_type == "application/pdf"

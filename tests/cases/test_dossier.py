"""The electronic dossier (电子卷宗) through its pages: uploads are judged by
their content, not their name; names cannot reach the disk path; sizes are
limited; downloads are permission-checked (404 outside the scope), attachments by
default, inline previews only for PDFs and images, never sniffed by the browser."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve, reverse
from django.utils.html import escape

from cases.models import DossierFile
from cases.services import dossier

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("evil.exe", b"MZ" + b"\0" * 100)
    return buffer.getvalue()


def _xlsx() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    book = Workbook()
    book.active["A1"] = "财产清单"
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(root)}},
    }
    return root


def _upload(client, case, name, content, *, category="title", title=""):
    return client.post(
        reverse("cases:dossier_upload", kwargs={"case_id": case.pk}),
        {"category": category, "title": title, "file": SimpleUploadedFile(name, content)},
    )


def _file_errors(response) -> list[str]:
    """The messages on the file field, also shown on the page."""
    assert response.status_code == 200, response.status_code
    errors = [str(e) for e in response.context["form"].errors.get("file", [])]
    html = response.content.decode()
    assert all(escape(e) in html for e in errors)
    return errors


@pytest.mark.django_db
def test_upload_is_stored_outside_the_web_root_with_its_sha256(xy_case, login, media, settings):
    client = login("xy_judge")
    response = _upload(client, xy_case, "判决书.pdf", PDF, title="民事判决书")
    assert response.status_code == 302 and response["Location"].endswith("#dossier")
    record = DossierFile.objects.get(case=xy_case)
    assert record.content_type == "application/pdf" and record.size == len(PDF)
    assert record.sha256 == hashlib.sha256(PDF).hexdigest()
    assert record.original_name == "判决书.pdf" and record.title == "民事判决书"
    stored = Path(record.file.path).resolve()
    assert stored.is_relative_to(media.resolve()) and stored.read_bytes() == PDF
    assert stored.name == record.sha256  # the user's name never reaches the disk path
    # Not served statically: nothing routes /media/, and it is not under the static root.
    with pytest.raises(Resolver404):
        resolve("/media/" + record.file.name)
    assert not stored.is_relative_to(Path(settings.STATIC_ROOT).resolve())
    # The same content again is kept once.
    follow = _upload(client, xy_case, "copy.pdf", PDF)
    assert follow.status_code == 302 and DossierFile.objects.filter(case=xy_case).count() == 1


@pytest.mark.django_db
def test_a_pdf_name_with_png_bytes_is_kept_as_what_it_is(xy_case, login, media):
    client = login("xy_judge")
    png = _png()
    assert _upload(client, xy_case, "scan.pdf", png).status_code == 302
    record = DossierFile.objects.get(case=xy_case)
    assert record.content_type == "image/png"
    response = client.get(record.get_absolute_url())
    assert response["Content-Type"] == "image/png"
    assert 'filename="scan.pdf.png"' in response["Content-Disposition"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content",
    [
        ("judgment.pdf", b"This is plain text pretending to be a PDF.\n" * 20),
        ("judgment.pdf", _zip()),  # an archive named .pdf
        ("evidence.zip", _zip()),  # an archive, honestly named
        ("photo.png", b"<html><script>alert(1)</script></html>"),
        ("tool.pdf", b"MZ\x90\x00" + b"\x00" * 200),  # a Windows executable
    ],
)
def test_uploads_that_lie_about_their_type_or_are_archives_are_refused(
    xy_case, login, media, name, content
):
    response = _upload(login("xy_judge"), xy_case, name, content)
    assert _file_errors(response)
    assert not DossierFile.objects.exists()
    assert not (media / "dossier").exists() or not any((media / "dossier").rglob("*.*"))


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused(xy_case, login, media, settings):
    settings.DOSSIER_MAX_FILE_MB = 1
    client = login("xy_judge")
    big = PDF + b"%" + b"0" * (1024 * 1024 + 10)
    errors = _file_errors(_upload(client, xy_case, "big.pdf", big))
    assert len(errors) == 1 and "1 MB" in errors[0], errors
    assert not DossierFile.objects.exists()
    assert (
        _upload(client, xy_case, "small.pdf", PDF + b"%" + b"0" * (512 * 1024)).status_code == 302
    )


@pytest.mark.django_db
def test_a_path_traversal_name_is_neutralised(xy_case, login, media, user):
    # Through the page, with a hand-made multipart body (the test client would
    # strip the path itself).
    boundary = "----haikou"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="category"\r\n\r\ntitle\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="..\\..\\..\\..\\etc\\cron.d\\evil.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + PDF
        + f"\r\n--{boundary}--\r\n".encode()
    )
    client = login("xy_judge")
    response = client.generic(
        "POST",
        reverse("cases:dossier_upload", kwargs={"case_id": xy_case.pk}),
        body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 302
    record = DossierFile.objects.get(case=xy_case)
    assert record.original_name == "evil.pdf"
    # Straight into the service (no web layer to clean it): still neutralised.
    upload = File(io.BytesIO(PDF + b"% other"), name="../../../../etc/passwd.pdf")
    second, created = dossier.add_dossier_file(
        user=user("xy_judge"), case_id=xy_case.pk, upload=upload, category="other"
    )
    assert created and second.original_name == "passwd.pdf"
    for r in (record, second):
        assert Path(r.file.path).resolve().is_relative_to(media.resolve())
        assert ".." not in r.file.name
    assert dossier.safe_name("..") == "file" and dossier.safe_name("/") == "file"
    assert "/" not in dossier.safe_name("a/../../b.pdf") and "\\" not in dossier.safe_name(
        "a\\..\\b.pdf"
    )


@pytest.mark.django_db
def test_download_is_permission_checked_and_never_sniffed(xy_case, login, media):
    client = login("xy_judge")
    _upload(client, xy_case, "判决书.pdf", PDF)
    _upload(client, xy_case, "photo.png", _png(), category="property")
    _upload(client, xy_case, "财产清单.xlsx", _xlsx(), category="property")
    pdf, png, xlsx = (
        DossierFile.objects.get(content_type__startswith=t)
        for t in ("application/pdf", "image/png", "application/vnd.openxml")
    )

    download = client.get(pdf.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    disposition = download["Content-Disposition"].lower()
    assert "filename*=utf-8''%e5%88%a4%e5%86%b3%e4%b9%a6.pdf" in disposition
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"
    assert "no-store" in download["Cache-Control"]

    preview = client.get(pdf.get_absolute_url(), {"preview": "1"})
    assert preview["Content-Disposition"].startswith("inline;")
    image = client.get(png.get_absolute_url(), {"preview": "1"})
    assert (
        image["Content-Disposition"].startswith("inline;")
        and "default-src 'none'" in image["Content-Security-Policy"]
    )
    office = client.get(
        xlsx.get_absolute_url(), {"preview": "1"}
    )  # Office files are never shown inline
    assert (
        office["Content-Disposition"].startswith("attachment;")
        and office["X-Content-Type-Options"] == "nosniff"
    )

    # Another district's judge, and the criminal bureau for a civil case: 404, not 403.
    for other in ("lh_judge", "ml_judge", "xs_judge"):
        assert login(other).get(pdf.get_absolute_url()).status_code == 404, other
        assert login(other).get(pdf.get_absolute_url(), {"preview": "1"}).status_code == 404, other
    # The bureau's director and the city leadership may.
    assert login("xy_director").get(pdf.get_absolute_url()).status_code == 200
    assert login("zy_leader").get(png.get_absolute_url()).status_code == 200
    # Anonymous users are sent to log in; an unknown id is 404.
    from django.test import Client

    assert Client().get(pdf.get_absolute_url()).status_code == 302
    assert client.get(reverse("cases:dossier_download", kwargs={"pk": 999999})).status_code == 404


@pytest.mark.django_db
def test_other_districts_cannot_upload(xy_case, login, media):
    assert _upload(login("lh_judge"), xy_case, "x.pdf", PDF).status_code == 404
    assert (
        _upload(login("xy_clerk"), xy_case, "x.pdf", PDF).status_code == 302
    )  # a member of the team
    assert DossierFile.objects.filter(case=xy_case).count() == 1


@pytest.mark.django_db
def test_the_dossier_panel_lists_files_by_category_with_links(xy_case, login, media):
    client = login("xy_judge")
    _upload(client, xy_case, "判决书.pdf", PDF, category="title")
    _upload(client, xy_case, "财产清单.xlsx", _xlsx(), category="property")
    html = client.get(xy_case.get_absolute_url()).content.decode()
    panel = re.search(r'<section id="dossier".*?</section>', html, re.S).group(0)
    pdf = DossierFile.objects.get(content_type="application/pdf")
    xlsx = DossierFile.objects.exclude(pk=pdf.pk).get()
    assert f'href="{pdf.get_absolute_url()}?preview=1"' in panel
    assert f'href="{xlsx.get_absolute_url()}?preview=1"' not in panel  # no preview for Office files
    assert f'href="{xlsx.get_absolute_url()}"' in panel
    assert panel.count('class="table table-sm align-middle mb-2 dossier-category"') == 2
    assert reverse("cases:dossier_upload", kwargs={"case_id": xy_case.pk}) in panel
    # A user who may only read sees no upload button.
    supervisor = login("supervisor").get(xy_case.get_absolute_url()).content.decode()
    panel = re.search(r'<section id="dossier".*?</section>', supervisor, re.S).group(0)
    assert "dossier-upload" not in panel and pdf.get_absolute_url() in panel


@pytest.mark.django_db
def test_case_page_queries_do_not_grow_with_dossier_files(xy_case, login, media, user):
    client = login("xy_judge")
    client.get(xy_case.get_absolute_url())

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(xy_case.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    dossier.add_dossier_file(
        user=user("xy_judge"),
        case_id=xy_case.pk,
        upload=File(io.BytesIO(PDF), name="a.pdf"),
        category="title",
    )
    few = count()
    for i in range(8):
        dossier.add_dossier_file(
            user=user("xy_judge"),
            case_id=xy_case.pk,
            upload=File(io.BytesIO(PDF + f"%{i}".encode()), name=f"{i}.pdf"),
            category=["title", "property", "media"][i % 3],
        )
    assert count() == few


@pytest.mark.django_db(transaction=True)
def test_a_file_left_by_a_rolled_back_upload_is_swept(xy_case, media, user):
    """The file is written before the row commits; a rollback leaves it on disk with
    no row, and the nightly sweep removes it while keeping every referenced file."""
    from django.db import transaction

    kept, _created = dossier.add_dossier_file(
        user=user("xy_judge"),
        case_id=xy_case.pk,
        upload=File(io.BytesIO(PDF), name="kept.pdf"),
        category="title",
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        dossier.add_dossier_file(
            user=user("xy_judge"),
            case_id=xy_case.pk,
            upload=File(io.BytesIO(PDF + b"% lost"), name="lost.pdf"),
            category="title",
        )
        raise RuntimeError("the surrounding work failed")
    orphan = hashlib.sha256(PDF + b"% lost").hexdigest()
    on_disk = {p.name for p in media.rglob("*") if p.is_file()}
    assert on_disk == {kept.sha256, orphan}
    assert not DossierFile.objects.filter(sha256=orphan).exists()

    # Within the grace period nothing is touched: the transaction might still be open.
    # (Measured from the moment the file was written, on the file system's clock.)
    written = max(p.stat().st_mtime for p in media.rglob("*") if p.name == orphan)
    just_after = dt.datetime.fromtimestamp(written + 60, dt.UTC)
    assert dossier.sweep_orphan_files(now=just_after) == 0
    assert dossier.sweep_orphan_files(older_than=dt.timedelta(0)) == 1
    assert {p.name for p in media.rglob("*") if p.is_file()} == {kept.sha256}
    assert Path(kept.file.path).read_bytes() == PDF

"""The one upload checker (haikou_exec.uploads), tested once and generically: the
type is read from the content, never from the name; the limit holds, fixed or per
type; a name's ending may be required to agree; pictures are decoded whole; the
name is cleaned; a file kept once per content on its owner (store_upload) is
checked, stored under its SHA-256 and given its row. The apps' own tests show
their rules (the dossier, field-record attachments, inspection photos,
duty-report attachments)."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from haikou_exec.uploads import (
    DOCX,
    OFD,
    PDF,
    PNG,
    XLSX,
    UploadRule,
    check_upload,
    keep_once,
    safe_name,
    sniff,
    store_upload,
)

PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
MESSAGES = {
    "type": "%(name)s: not accepted",
    "size": "%(name)s is %(size)s, over %(limit)s (%(mb)s MB)",
    "empty": "%(name)s is empty",
    "extension": "%(name)s is a %(kind)s: end it in %(ext)s",
    "pixels": "too many pixels",
}
DOCUMENTS = UploadRule(types={PDF: "PDF", PNG: "PNG"}, messages=MESSAGES)


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name in names:
            z.writestr(name, b"<x/>")
    return buffer.getvalue()


def _picture(fmt: str = "PNG", size=(8, 6)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (139, 26, 26)).save(buffer, format=fmt)
    return buffer.getvalue()


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _refusal(upload, rule) -> tuple[str | None, str, str]:
    """(field, code, message) of the one refusal."""
    with pytest.raises(ValidationError) as caught:
        check_upload(upload, rule)
    exc = caught.value
    if hasattr(exc, "error_dict"):
        [(field, [error])] = exc.error_dict.items()
        return field, error.code, error.messages[0]
    return None, exc.code, exc.messages[0]


def test_the_type_is_read_from_the_content_not_the_name():
    assert sniff(_upload("a.txt", PDF_BYTES)) == PDF
    assert sniff(_upload("a.pdf", _picture())) == PNG
    assert sniff(_upload("a.bin", _picture("GIF"))) == "image/gif"  # by its signature
    # Word, Excel and OFD are told apart by the archive's directory; a plain ZIP
    # or a broken one is none of them.
    assert sniff(_upload("x", _zip("[Content_Types].xml", "word/document.xml"))) == DOCX
    assert sniff(_upload("x", _zip("[Content_Types].xml", "xl/workbook.xml"))) == XLSX
    assert sniff(_upload("x", _zip("OFD.xml", "Doc_0/Document.xml"))) == OFD
    assert sniff(_upload("x", _zip("evil.exe"))) == "application/zip"
    assert sniff(_upload("x", b"PK\x03\x04garbage")) not in (DOCX, XLSX, OFD)
    assert sniff(_upload("x", b"<html><script>alert(1)</script></html>")) is None


def test_an_accepted_file_is_described_and_left_at_its_start():
    upload = _upload("../../etc/报告.pdf", PDF_BYTES)
    checked = check_upload(upload, DOCUMENTS)
    assert (checked.content_type, checked.label, checked.size) == (PDF, "PDF", len(PDF_BYTES))
    assert checked.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert checked.name == "报告.pdf" and checked.data is None
    assert upload.read() == PDF_BYTES  # the caller stores it from the start


def test_a_type_outside_the_rule_is_refused_on_the_rules_field():
    field, code, message = _refusal(_upload("scan.pdf", _picture("GIF")), DOCUMENTS)
    assert (field, code, message) == ("file", "file_type", "scan.pdf: not accepted")
    form_wide = UploadRule(types={PDF: "PDF"}, messages=MESSAGES, field=None)
    assert _refusal(_upload("a.pdf", _zip("a")), form_wide)[:2] == (None, "file_type")


def test_a_fixed_limit_is_checked_before_reading_and_read_when_checking():
    limit = {"bytes": 10}  # e.g. a setting, read at each check
    rule = UploadRule(types={PDF: "PDF"}, messages=MESSAGES, max_bytes=lambda: limit["bytes"])
    # Over the limit: refused on the declared size even though the type is fine.
    with translation.override("en"):
        field, code, message = _refusal(_upload("a.pdf", PDF_BYTES), rule)
    assert (field, code) == ("file", "file_size")
    assert message == f"a.pdf is {len(PDF_BYTES)}\xa0bytes, over 10\xa0bytes (0 MB)"
    limit["bytes"] = 10_000
    assert check_upload(_upload("a.pdf", PDF_BYTES), rule).size == len(PDF_BYTES)
    # Even a file of no type is refused for its size first.
    assert _refusal(_upload("a", b"x" * 20), UploadRule({}, MESSAGES, max_bytes=10))[1] == (
        "file_size"
    )


def test_a_limit_per_type_is_checked_once_the_type_is_known():
    mb = 1024 * 1024
    rule = UploadRule(
        types={PDF: "PDF", PNG: "PNG"},
        messages=MESSAGES,
        max_bytes_for=lambda content_type: mb if content_type == PDF else 2 * mb,
    )
    big = PDF_BYTES + b"%" + b"0" * mb
    field, code, message = _refusal(_upload("big.pdf", big), rule)
    assert (field, code) == ("file", "file_size") and "(1 MB)" in message
    # A type not accepted is refused for its type, whatever its size.
    assert _refusal(_upload("a", b"MZ" + b"\0" * (3 * mb)), rule)[1] == "file_type"
    assert check_upload(_upload("a.png", _picture() + b"\0" * mb), rule).content_type == PNG


def test_an_empty_file_and_a_disagreeing_name_are_refused_where_the_rule_says():
    rule = UploadRule(
        types={PDF: "PDF", PNG: "PNG"},
        extensions={PDF: (".pdf",), PNG: (".png",)},
        refuse_empty=True,
        field=None,
        messages=MESSAGES,
    )
    assert _refusal(_upload("a.pdf", b""), rule) == (None, "file_empty", "a.pdf is empty")
    assert _refusal(_upload("照片.pdf", _picture()), rule) == (
        None,
        "file_extension",
        "照片.pdf is a PNG: end it in .png",
    )
    assert check_upload(_upload("照片.PNG", _picture()), rule).label == "PNG"
    # Without ``extensions`` the name's ending does not matter.
    assert check_upload(_upload("scan.pdf", _picture()), DOCUMENTS).content_type == PNG


def test_pictures_are_decoded_whole_by_pillow():
    rule = UploadRule(
        types={"image/jpeg": "JPEG", PNG: "PNG"},
        pictures={"JPEG": ("image/jpeg", "jpg"), "PNG": (PNG, "png")},
        max_pixels=100,
        field="image",
        messages=MESSAGES,
    )
    checked = check_upload(_upload("report.pdf", _picture("JPEG")), rule)
    assert (checked.content_type, checked.extension, checked.width, checked.height) == (
        "image/jpeg",
        "jpg",
        8,
        6,
    )
    assert checked.data.startswith(b"\xff\xd8\xff") and checked.size == len(checked.data)
    for lie in (_picture()[:40], _picture("GIF"), PDF_BYTES, b""):  # truncated, GIF, not one
        assert _refusal(_upload("a.png", lie), rule)[:2] == ("image", "file_type")
    assert _refusal(_upload("a.png", _picture(size=(20, 20))), rule) == (
        "image",
        "file_pixels",
        "too many pixels",
    )


def test_names_lose_their_path_and_odd_characters():
    assert safe_name("../../../../etc/passwd.pdf") == "passwd.pdf"
    assert safe_name("..\\..\\cron.d\\evil.pdf") == "evil.pdf"
    assert safe_name("..") == safe_name("/") == safe_name("") == "file"
    assert safe_name("执行 通知书.pdf") == "执行_通知书.pdf"


class _Stored:
    """A file field's stand-in: what was saved under which name."""

    def __init__(self):
        self.name = self.content = None

    def save(self, name, content, save=True):
        assert not save  # the row is saved once, after its file
        self.name, self.content = name, content.read()


class _Row:
    """A model's stand-in with the columns store_upload fills (and one of its own)."""

    rows: list[_Row] = []

    class objects:  # noqa: N801  (the manager, as on a model)
        @staticmethod
        def filter(**lookups):
            class _Found:
                @staticmethod
                def first():
                    return next(
                        (
                            r
                            for r in _Row.rows
                            if all(getattr(r, k) == v for k, v in lookups.items())
                        ),
                        None,
                    )

            return _Found

    def __init__(self, **values):
        self.__dict__.update(values)
        self.file = _Stored()

    def save(self):
        _Row.rows.append(self)


def test_store_upload_checks_then_keeps_the_content_once_per_owner_under_its_sha256():
    _Row.rows = []
    rule = UploadRule(types={PDF: "PDF"}, messages=MESSAGES)
    upload = _upload("../../报告 1.pdf", PDF_BYTES)
    sha = hashlib.sha256(PDF_BYTES).hexdigest()

    row, created = store_upload(
        upload, rule, model=_Row, owner={"owner": 1}, uploaded_by="u", kind="own column"
    )
    assert created and _Row.rows == [row]
    assert (row.file.name, row.file.content) == (sha, PDF_BYTES)  # never the upload's name
    assert (row.owner, row.kind, row.uploaded_by) == (1, "own column", "u")
    assert (row.title, row.original_name) == ("报告_1.pdf", "报告_1.pdf")
    assert (row.content_type, row.size, row.sha256) == (PDF, len(PDF_BYTES), sha)

    again, created = store_upload(
        _upload("again.pdf", PDF_BYTES), rule, model=_Row, owner={"owner": 1}, uploaded_by="v"
    )
    assert (again, created) == (row, False)
    other, created = store_upload(
        _upload("x.pdf", PDF_BYTES),
        rule,
        model=_Row,
        owner={"owner": 2},
        uploaded_by="v",
        title="T",
    )
    assert created and other is not row and other.title == "T"

    with pytest.raises(ValidationError):
        store_upload(
            _upload("a.pdf", _picture()), rule, model=_Row, owner={"owner": 3}, uploaded_by="u"
        )
    assert len(_Row.rows) == 2  # a refused file leaves no row and no file


def test_keep_once_keeps_content_the_system_made():
    _Row.rows = []
    keep = dict(name="notice.pdf", content_type=PDF, size=3, uploaded_by="u", title="通知")
    row, created = keep_once(_Row, {"owner": 1}, ContentFile(b"abc"), sha256="s1", **keep)
    assert created and (row.file.name, row.title, row.original_name) == ("s1", "通知", "notice.pdf")
    assert keep_once(_Row, {"owner": 1}, ContentFile(b"abc"), sha256="s1", **keep) == (row, False)

"""Checks on uploaded attachments: the type is read from the content (never from
the name or the browser's claim), the name's extension must agree with it, and
the size is limited (``PERSONNEL_ATTACHMENT_MAX_BYTES``, default 20 MB)."""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    extensions: tuple[str, ...]
    label: str


PDF = Sniffed("application/pdf", (".pdf",), "PDF")
PNG = Sniffed("image/png", (".png",), "PNG")
JPEG = Sniffed("image/jpeg", (".jpg", ".jpeg"), "JPEG")
DOCX = Sniffed(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",), "Word"
)
XLSX = Sniffed(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",), "Excel"
)
# OFD (GB/T 33190), the Chinese fixed-layout format of official documents.
OFD = Sniffed("application/ofd", (".ofd",), "OFD")
ALLOWED = (PDF, PNG, JPEG, DOCX, XLSX, OFD)


def max_bytes() -> int:
    return int(getattr(settings, "PERSONNEL_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def sniff(head: bytes, fileobj) -> Sniffed | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            fileobj.seek(0)
            with zipfile.ZipFile(fileobj) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            fileobj.seek(0)
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return XLSX
        if "OFD.xml" in names:
            return OFD
    return None


def inspect_upload(uploaded) -> Sniffed:
    """Return what the file really is, or raise a ValidationError that says why
    it is refused."""
    limit = max_bytes()
    if uploaded.size > limit:
        raise ValidationError(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {
                "name": uploaded.name,
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(limit),
            },
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": uploaded.name}, code="empty")
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    kind = sniff(head, uploaded)
    if kind is None:
        raise ValidationError(
            _(
                "%(name)s is not an accepted file: send PDF, OFD, Word (.docx), Excel (.xlsx), PNG or JPEG."
            )
            % {"name": uploaded.name},
            code="content_type",
        )
    ext = os.path.splitext(uploaded.name)[1].lower()
    if ext not in kind.extensions:
        raise ValidationError(
            _("%(name)s contains a %(kind)s file; its name should end in %(ext)s.")
            % {"name": uploaded.name, "kind": kind.label, "ext": kind.extensions[0]},
            code="extension",
        )
    return kind

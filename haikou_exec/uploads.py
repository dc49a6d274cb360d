"""The one upload checker: what a file is is read from its content, never from its
name or the browser's claim; its size is limited; the name it is shown under is
cleaned (STYLE.md 13: uploads are the kernel's plumbing).

Each app states what it takes as an ``UploadRule`` (the accepted types, the
limit, where a refusal goes and how it is worded) and calls ``check_upload``,
which answers what the file is (``Checked``) or raises the ``ValidationError``
that says why it is refused. The checker stores nothing: the caller keeps the file
under a name of its own (a SHA-256 or a random name), outside the web root.

Where a file is kept once per content on the row it belongs to (a case's dossier,
a field record's attachments), ``store_upload`` does the whole of it: check, clean
the name, keep the file under its SHA-256, write the row; ``keep_once`` is its
second half, for content the system made itself (a generated PDF)."""

from __future__ import annotations

import hashlib
import io
import os
import warnings
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from PIL import Image, UnidentifiedImageError

CHUNK = 1024 * 1024
HEAD = 8192  # enough for every signature read below
PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# OFD (GB/T 33190), the Chinese fixed-layout format of official documents.
OFD = "application/ofd"
# Word, Excel and OFD files are ZIP archives: the archive's directory tells which.
ZIP_KINDS = (
    ({"[Content_Types].xml", "word/document.xml"}, DOCX),
    ({"[Content_Types].xml", "xl/workbook.xml"}, XLSX),
    ({"OFD.xml"}, OFD),
)
# What Pillow may not decode: a picture of more pixels than this is refused.
MAX_PIXELS = 50_000_000


@dataclass(frozen=True)
class UploadRule:
    """What one kind of upload may be. Messages are %-format strings that may name
    ``name``, ``size``, ``limit``, ``mb``, ``kind`` and ``ext``."""

    types: Mapping[str, str]  # accepted content type → what it is called (PDF, Word, …)
    messages: Mapping[str, str]  # "type", "size", and as needed "empty", "extension", "pixels"
    field: str | None = "file"  # the form field a refusal is put on (None: the whole form)
    # The name must end as the content says (content type → its endings); None: any name.
    extensions: Mapping[str, tuple[str, ...]] | None = None
    refuse_empty: bool = False
    # The limit: one for every file (a number, or read when checking, e.g. from the
    # settings), checked on the declared size before anything is read; or one per
    # content type, checked while the file is read once its type is known.
    max_bytes: int | Callable[[], int] | None = None
    max_bytes_for: Callable[[str], int] | None = None
    # Pictures: Pillow's format → (content type, file ending); the picture is
    # decoded whole, so a truncated or corrupt one (or a decompression bomb) is
    # refused, and its bytes are returned. None: the type is read from the
    # content's signature.
    pictures: Mapping[str, tuple[str, str]] | None = None
    max_pixels: int = MAX_PIXELS


@dataclass(frozen=True)
class Checked:
    """What an accepted upload is."""

    content_type: str
    label: str
    size: int
    sha256: str
    name: str  # the upload's name without any path or odd character
    extension: str = ""  # pictures: the ending their format calls for ("jpg")
    width: int | None = None  # pictures only
    height: int | None = None
    data: bytes | None = None  # pictures only: the bytes that were decoded


def safe_name(name: str) -> str:
    """Strip any path (../../etc/passwd → passwd) and odd characters; keep Chinese."""
    base = os.path.basename((name or "").replace("\\", "/")).strip().lstrip(".")
    return get_valid_filename(base)[:200] if base else "file"


def sniff(upload) -> str | None:
    """The content type read from the content: PDF, PNG and JPEG by their
    signature, Word, Excel and OFD by the archive's directory, anything else by
    ``filetype``'s signatures. The file is left at its start."""
    upload.seek(0)
    head = upload.read(HEAD)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        names: set[str] = set()
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            pass
        finally:
            upload.seek(0)
        for needed, content_type in ZIP_KINDS:
            if needed <= names:
                return content_type
    kind = filetype.guess(head)
    return kind.mime if kind else None


def _refuse(rule: UploadRule, key: str, code: str, **values) -> ValidationError:
    message = rule.messages[key] % values if values else str(rule.messages[key])
    if rule.field is None:
        return ValidationError(message, code=code)
    return ValidationError({rule.field: [ValidationError(message, code=code)]})


def _limit(rule: UploadRule, content_type: str | None) -> int | None:
    if rule.max_bytes_for is not None and content_type is not None:
        return rule.max_bytes_for(content_type)
    return rule.max_bytes() if callable(rule.max_bytes) else rule.max_bytes


def _picture(rule: UploadRule, data: bytes, name: str) -> tuple[str, str, int, int]:
    """(content type, ending, width, height) of a picture Pillow decodes whole."""
    refused = _refuse(rule, "type", "file_type", name=name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                detected = probe.format
                width, height = probe.size
                probe.verify()
            if detected not in rule.pictures:
                raise refused
            if width * height > rule.max_pixels:
                raise _refuse(rule, "pixels", "file_pixels", name=name)
            with Image.open(io.BytesIO(data)) as full:
                full.load()  # decode it all: a truncated or corrupt body fails here
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise refused from exc
    return (*rule.pictures[detected], width, height)


def check_upload(upload, rule: UploadRule) -> Checked:
    """What ``upload`` is under ``rule``, or the ``ValidationError`` that refuses it
    (codes ``file_size``, ``file_empty``, ``file_type``, ``file_pixels``,
    ``file_extension``). The file is left at its start."""
    name = getattr(upload, "name", "") or ""
    declared = getattr(upload, "size", None)

    def over(content_type: str | None, size: int) -> bool:
        limit = _limit(rule, content_type)
        return limit is not None and size > limit

    def too_large(content_type: str | None, size: int) -> ValidationError:
        limit = _limit(rule, content_type)
        return _refuse(
            rule,
            "size",
            "file_size",
            name=name,
            size=filesizeformat(size),
            limit=filesizeformat(limit),
            mb=limit // (1024 * 1024),
        )

    if declared is not None and over(None, declared):
        raise too_large(None, declared)
    if rule.refuse_empty and declared == 0:
        raise _refuse(rule, "empty", "file_empty", name=name)

    width = height = data = None
    extension = ""
    if rule.pictures is not None:
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        if over(None, len(data)):
            raise too_large(None, len(data))
        content_type, extension, width, height = _picture(rule, data, name)
        size, sha256 = len(data), hashlib.sha256(data).hexdigest()
    else:
        content_type = sniff(upload)
        if content_type is None or content_type not in rule.types:
            raise _refuse(rule, "type", "file_type", name=name)
        digest, size = hashlib.sha256(), 0
        for chunk in iter(lambda: upload.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
            if over(content_type, size):
                upload.seek(0)
                raise too_large(content_type, size)
        upload.seek(0)
        sha256 = digest.hexdigest()

    if rule.extensions is not None:
        endings = rule.extensions[content_type]
        if os.path.splitext(name)[1].lower() not in endings:
            raise _refuse(
                rule,
                "extension",
                "file_extension",
                name=name,
                kind=rule.types[content_type],
                ext=endings[0],
            )
    return Checked(
        content_type=content_type,
        label=rule.types[content_type],
        size=size,
        sha256=sha256,
        name=safe_name(name),
        extension=extension,
        width=width,
        height=height,
        data=data,
    )


def keep_once(
    model,
    owner: Mapping[str, Any],
    content,
    *,
    sha256: str,
    name: str,
    content_type: str,
    size: int,
    uploaded_by,
    title: str = "",
    **fields,
) -> tuple[Any, bool]:
    """``(row, created)``: the ``model`` row of ``owner`` that keeps ``content``, the
    existing one if the same content (``sha256``) is already kept there. The file is
    stored under its SHA-256, never under the name it came with (``name`` is shown,
    not used as a path). ``model`` has the fields ``file``, ``title``,
    ``original_name``, ``content_type``, ``size``, ``sha256`` and ``uploaded_by``,
    and a unique constraint on ``owner``'s keys and ``sha256``; ``fields`` are its
    own other columns. The caller holds the owner's lock, so two equal uploads
    cannot race past the look-up.
    Source: DOMAIN.md §5 "Paperless"; STYLE.md 13."""
    existing = model.objects.filter(**owner, sha256=sha256).first()
    if existing is not None:
        return existing, False
    row = model(
        **owner,
        **fields,
        title=(title or name)[:200],
        original_name=name,
        content_type=content_type,
        size=size,
        sha256=sha256,
        uploaded_by=uploaded_by,
    )
    row.file.save(sha256, content, save=False)
    row.save()
    return row, True


def store_upload(
    upload, rule: UploadRule, *, model, owner: Mapping[str, Any], uploaded_by, title="", **fields
) -> tuple[Any, bool]:
    """``upload`` checked under ``rule`` (``check_upload``: the type from the content,
    the limit, the cleaned name) and kept once per content as a ``model`` row of
    ``owner`` (``keep_once``); ``(row, created)``."""
    checked = check_upload(upload, rule)
    return keep_once(
        model,
        owner,
        upload,
        sha256=checked.sha256,
        name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=uploaded_by,
        title=title,
        **fields,
    )

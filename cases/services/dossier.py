"""The electronic dossier (电子卷宗): uploads checked by content, not by name;
stored under their SHA-256 outside the web root (DOMAIN.md §5, DESIGN.md)."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import DossierFile
from cases.services.common import ensure_can_change, lock_case
from haikou_exec.uploads import UploadRule, keep_once, safe_name, store_upload

# Sniffed MIME type → what it is. Archives are never accepted (never unpacked).
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WebP",
    "image/tiff": "TIFF",
    "image/bmp": "BMP",
    "application/msword": "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.ms-excel": "Excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.ms-powerpoint": "PowerPoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "video/mp4": "MP4",
    "video/quicktime": "MOV",
    "video/x-msvideo": "AVI",
    "video/x-matroska": "MKV",
    "video/webm": "WebM",
    "audio/mpeg": "MP3",
    "audio/x-wav": "WAV",
    "audio/mp4": "M4A",
}
VIDEO_PREFIXES = ("video/", "audio/")
# Files written by a transaction that rolled back are swept after this long.
ORPHAN_GRACE = dt.timedelta(hours=24)


def max_size(content_type: str) -> int:
    """The dossier's size limit for a content type: audio and video have their own."""
    megabytes = (
        settings.DOSSIER_MAX_VIDEO_MB
        if content_type.startswith(VIDEO_PREFIXES)
        else settings.DOSSIER_MAX_FILE_MB
    )
    return megabytes * 1024 * 1024


# What the dossier takes (haikou_exec.uploads checks it).
UPLOADS = UploadRule(
    types=ALLOWED_TYPES,
    max_bytes_for=max_size,
    messages={
        "type": _(
            "This file's content is not an accepted type (PDF, images, Office files, audio or video); archives are not accepted."
        ),
        "size": _("The file is larger than the limit of %(mb)s MB for this type."),
    },
)


@transaction.atomic
def add_dossier_file(
    *, user, case_id: int, upload: File, category: str, title: str = ""
) -> tuple[DossierFile, bool]:
    """Store a file in the case's dossier; the same content twice is kept once.
    Source: DOMAIN.md §5 "Paperless": the electronic dossier."""
    case = lock_case(case_id)
    ensure_can_change(user, case)
    return store_upload(
        upload,
        UPLOADS,
        model=DossierFile,
        owner={"case": case},
        uploaded_by=user,
        title=title,
        category=category,
    )


def add_generated_file(
    *, user, case, content: bytes, title: str, file_name: str, category: str
) -> DossierFile:
    """Keep a generated document (PDF) in the case's dossier, once per content (DOMAIN.md §2
    "Enforcement measures and documents", §5 "Paperless"); the caller holds the case's lock."""
    record, _created = keep_once(
        DossierFile,
        {"case": case},
        ContentFile(content),
        sha256=hashlib.sha256(content).hexdigest(),
        name=safe_name(file_name),
        content_type="application/pdf",
        size=len(content),
        uploaded_by=user,
        title=title,
        category=category,
    )
    return record


def sweep_orphan_files(
    *, older_than: dt.timedelta = ORPHAN_GRACE, now: dt.datetime | None = None
) -> int:
    """Delete stored dossier files that no row references.

    A file is written before its row commits; if the transaction then rolls back
    (a refused upload, a failed transfer) the file stays on disk with no row. Django
    has no rollback hook, so a nightly sweep removes such files once they are older
    than the grace period, which no open transaction outlives. Returns how many.
    Files carry the file system's clock; ``now`` is compared with it.
    Source: DOMAIN.md §5 "Paperless"."""
    storage = DossierFile._meta.get_field("file").storage
    cutoff = (now or timezone.now()) - older_than
    removed = 0
    try:
        case_dirs, _files = storage.listdir("dossier")
    except FileNotFoundError:
        return 0
    for case_dir in case_dirs:
        prefix = f"dossier/{case_dir}/"
        referenced = set(
            DossierFile.objects.filter(file__startswith=prefix).values_list("file", flat=True)
        )
        shards, _files = storage.listdir(prefix)
        for shard in shards:
            for name in storage.listdir(prefix + shard)[1]:
                path = f"{prefix}{shard}/{name}"
                if path in referenced or storage.get_modified_time(path) > cutoff:
                    continue
                storage.delete(path)
                removed += 1
    return removed

"""One Content-Disposition for every download (RFC 6266 / RFC 5987, issue 16): an
ASCII fallback ``filename=`` and the real, UTF-8 name in ``filename*=``, so that
“执行通知书.pdf” arrives under its own name and never as download.xlsx."""

from __future__ import annotations

import re
from urllib.parse import quote

_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|]+')


def content_disposition(filename: str, *, inline: bool = False) -> str:
    kind = "inline" if inline else "attachment"
    name = _UNSAFE.sub("_", filename or "download").strip() or "download"
    ascii_name = name.encode("ascii", "ignore").decode()
    stem, dot, ext = name.rpartition(".")
    if ascii_name != name:
        # Keep the extension in the fallback so the file still opens.
        ascii_ext = ext.encode("ascii", "ignore").decode() if dot else ""
        ascii_name = "download" + (f".{ascii_ext}" if ascii_ext else "")
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def as_download(response, filename: str, *, inline: bool = False):
    """Set the response's Content-Disposition (returns the response)."""
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response

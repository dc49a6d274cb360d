"""Who is on the other end of a request: one rule for the whole system.

The client address is REMOTE_ADDR, unless the deployment sits behind
``TRUSTED_PROXY_COUNT`` reverse proxies: then it is the N-th address from the right
of X-Forwarded-For, the one the outermost trusted proxy appended. Everything left of
it is the client's to forge and is never read. The same trust decides whether an
inbound X-Request-ID (a proxy's own correlation id) is kept beside the id the server
always generates itself. Used by the audit context, the public portal's throttle and
anything else that records or limits by client."""

from __future__ import annotations

import re
import uuid

from django.conf import settings

_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def trusted_proxies() -> int:
    return int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))


def client_ip(request) -> str:
    proxies = trusted_proxies()
    if proxies > 0:
        hops = [
            hop.strip()
            for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if hop.strip()
        ]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def new_request_id() -> str:
    return uuid.uuid4().hex


def inbound_request_id(request) -> str:
    """A trusted proxy's X-Request-ID (well-formed only); empty otherwise."""
    if trusted_proxies() <= 0:
        return ""
    value = request.META.get("HTTP_X_REQUEST_ID", "")
    return value if _SAFE_ID.match(value) else ""

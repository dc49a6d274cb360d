"""A lost database connection answers 503 with a plain message, not a traceback.

When PostgreSQL goes away mid-request (a restart, a failover, a connection killed
by the administrator), the service's transaction is rolled back by the server —
nothing of the request is saved — and the view sees ``OperationalError`` or
``InterfaceError``. The user is told that, in the page's language and format;
the next request opens a fresh connection (``CONN_HEALTH_CHECKS``). The response
is built without touching the database (no template context processors)."""

from __future__ import annotations

import json
import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


def _wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return request.path.startswith("/api/") or (
        "application/json" in accept and "text/html" not in accept
    )


def database_unavailable_response(request) -> HttpResponse:
    message = _(
        "The database is temporarily unavailable. Nothing of this request was saved; "
        "please try again in a moment."
    )
    if _wants_json(request):
        response = HttpResponse(
            json.dumps({"detail": message, "code": "database_unavailable"}, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
            status=503,
        )
    else:
        title = _("Service temporarily unavailable")
        response = HttpResponse(
            '<!doctype html><html><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title></head><body>"
            f"<h1>{escape(title)}</h1><p>{escape(message)}</p></body></html>",
            content_type="text/html; charset=utf-8",
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection raised by a view into a clean 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            logger.error(
                "database unavailable during %s %s: %s", request.method, request.path, exception
            )
            return database_unavailable_response(request)
        return None

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


# The error pages (urls.handler403/404/500): in the user's language, with nothing
# internal in them; JSON under /api/. They are what users see with DEBUG off, which
# is the default everywhere (settings.DEBUG).


def _json_error(detail: str, code: str, status: int) -> HttpResponse:
    return HttpResponse(
        json.dumps({"detail": detail, "code": code}, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
        status=status,
    )


def _error_page(request, template: str, status: int, message: str = ""):
    from django.shortcuts import render

    return render(request, template, {"exception": message}, status=status)


def permission_denied(request, exception=None):
    """A service's PermissionDenied carries a message for the user (the step is not
    theirs); it is shown as it is, and nothing else."""
    message = str(exception.args[0]) if exception and exception.args else ""
    if _wants_json(request):
        detail = message or _("You do not have permission to do this.")
        return _json_error(detail, "permission_denied", 403)
    return _error_page(request, "403.html", 403, message)


def page_not_found(request, exception=None):
    if _wants_json(request):
        return _json_error(_("Not found."), "not_found", 404)
    return _error_page(request, "404.html", 404)


def server_error(request):
    """Built without the database or context processors: the failure may be theirs."""
    message = _(
        "Something went wrong on our side and the request could not be completed. "
        "It has been recorded; please try again, and tell the system administrator "
        "if it happens again."
    )
    if _wants_json(request):
        return _json_error(message, "server_error", 500)
    title = _("Server error")
    home = _("Back to the home page")
    return HttpResponse(
        '<!doctype html><html><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body>"
        f"<h1>{escape(title)}</h1><p>{escape(message)}</p>"
        f'<p><a href="/">{escape(home)}</a></p></body></html>',
        content_type="text/html; charset=utf-8",
        status=500,
    )


# A service's ValidationError, wherever it is shown: the one mapping used by the
# action pages (haikou_exec.actions) and the API (haikou_exec.api). A refusal whose
# code says the request collided with the data as it now is (someone else decided,
# changed or created it first) is a conflict, 409, not a bad request: the same
# request sent again after a reload may succeed (RFC 9110 §15.5.10).
CONFLICT_CODES = frozenset({"duplicate", "decided", "stale", "conflict"})


def validation_error_codes(exc) -> set[str]:
    """Every code a ValidationError carries, on any field."""
    if hasattr(exc, "error_dict"):
        errors = [e for field_errors in exc.error_dict.values() for e in field_errors]
    else:
        errors = exc.error_list
    return {e.code for e in errors if e.code}


def validation_error_status(exc) -> int:
    return 409 if validation_error_codes(exc) & CONFLICT_CODES else 400


def validation_error_detail(exc) -> dict[str, list[str]]:
    """Messages per field; a message on no field under ``non_field_errors``."""
    if hasattr(exc, "error_dict"):
        return exc.message_dict
    return {"non_field_errors": exc.messages}


def apply_validation_error(form, exc) -> None:
    """Put a service's ValidationError onto the form: per field where the form has
    that field, otherwise at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)

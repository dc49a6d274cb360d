"""Reads on a PostgreSQL hot standby (README "Scale beyond one machine").

The leadership dashboards, the indicator snapshots, the assessment pages, exports
and report generation read a lot and write nothing. With ``REPLICA_DATABASE_URL``
set they read from a standby kept by streaming replication; the primary keeps the
working day's writes and pages. The decision is taken per request or per job, never
per model (the same case table is read from both):

- a view opts in with ``ReplicaReadsMixin`` (or ``@reads_from_replica``; an API
  viewset with ``ReplicaReadsAPIMixin``), and only its safe requests (GET, HEAD,
  OPTIONS) go to the replica; a job wraps its reads in ``with replica_reads():``;
- inside an opted-in request or job, reads still go to the primary when they run in
  a transaction on the primary (a service's reads decide its writes and may lock
  rows, which a standby cannot) and once the request has written anything;
- who is asking (session, user) is read from the primary before the view runs, so
  a login, a logout or a deactivated account counts at once;
- after a request that changes something (any non-safe method, or a write) the
  browser is pinned to the primary for ``REPLICA_PIN_SECONDS``, a cookie holding
  the time. The pin outlasts the largest lag the replica is used with plus the
  interval between lag checks, so users always see what they have just changed;
- the replica is used only while it answers and is at most
  ``REPLICA_MAX_LAG_SECONDS`` behind, measured on the standby at most every
  ``REPLICA_CHECK_SECONDS`` per process. Otherwise reads go to the primary, and a
  request whose replica connection fails midway is answered again from the primary.

Without ``REPLICA_DATABASE_URL`` there is no ``replica`` alias and all of this is
a no-op: everything reads from the primary.
"""

from __future__ import annotations

import contextvars
import threading
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections

REPLICA = "replica"
PIN_COOKIE = "haikou_primary_until"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# The standby's delay: the age of the last transaction it replayed, except when it
# has replayed everything it received and is still streaming (then it is current,
# however long ago the primary last wrote: an idle evening is not "lag"). A standby
# that lost its primary has no WAL receiver, so its lag grows until it is left out.
LAG_SQL = """
SELECT pg_is_in_recovery(),
       CASE
           WHEN NOT pg_is_in_recovery() THEN 0
           WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
                AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver) THEN 0
           ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())
       END
"""


@dataclass
class _Routing:
    replica: bool = False  # this request or job asked for replica reads
    wrote: bool = False  # … and has written since: read from the primary now


_routing: contextvars.ContextVar[_Routing | None] = contextvars.ContextVar(
    "haikou_replica_routing", default=None
)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


# ---------------------------------------------------------------- lag and health

_status_lock = threading.Lock()
_status_cache: tuple[float, dict] | None = None


def _measure() -> dict:
    limit = settings.REPLICA_MAX_LAG_SECONDS
    connection = connections[REPLICA]
    try:
        with connection.cursor() as cursor:
            cursor.execute(LAG_SQL)
            in_recovery, lag = cursor.fetchone()
    except Exception as exc:  # unreachable (or refused): report it, never raise
        discard_replica_connection()
        return {"status": "down", "error": str(exc)[:200], "max_lag_seconds": limit}
    lag = None if lag is None else round(float(lag), 3)
    return {
        # No replayed transaction and not caught up: its delay is unknown.
        "status": "up" if lag is not None and lag <= limit else "lagging",
        "lag_seconds": lag,
        "max_lag_seconds": limit,
        "in_recovery": bool(in_recovery),
    }


def replica_status(*, refresh: bool = False) -> dict:
    """``{"status": "absent" | "up" | "lagging" | "down", "lag_seconds", …}``,
    measured at most every REPLICA_CHECK_SECONDS in this process (``refresh``
    measures now)."""
    global _status_cache
    if not replica_configured():
        return {"status": "absent"}
    with _status_lock:
        cached = _status_cache
    if not refresh and cached is not None and cached[0] > time.monotonic():
        return cached[1]
    status = _measure()
    with _status_lock:
        _status_cache = (time.monotonic() + settings.REPLICA_CHECK_SECONDS, status)
    return status


def forget_replica_status() -> None:
    """The next routing decision measures the replica again."""
    global _status_cache
    with _status_lock:
        _status_cache = None


def discard_replica_connection() -> None:
    """Close this thread's replica connection (a broken one is reopened on next use)."""
    # Closing a dead connection may fail: it is gone either way.
    with suppress(Exception):
        connections[REPLICA].close()


# ---------------------------------------------------------------- routing decision


def reads_on_replica() -> bool:
    """True when a read issued now should go to the replica (db_router.py)."""
    routing = _routing.get()
    if routing is None or not routing.replica or routing.wrote or not replica_configured():
        return False
    # A transaction on the primary: its reads decide its writes (and may lock rows).
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return False
    return replica_status()["status"] == "up"


def note_write() -> None:
    """A write in a replica-reading request or job: what follows reads the primary
    (and the browser is pinned, ReplicaRoutingMiddleware)."""
    routing = _routing.get()
    if routing is not None:
        routing.wrote = True


@contextmanager
def replica_reads():
    """Reads inside go to the replica while it is fresh (report generation, exports,
    dashboard warming). A replica failure inside marks it for a new check, so the
    task's next attempt reads from the primary."""
    token = _routing.set(_Routing(replica=True))
    try:
        yield
    except (OperationalError, InterfaceError):
        replica_status(refresh=True)
        raise
    finally:
        _routing.reset(token)


# ---------------------------------------------------------------- views


class ReplicaReadsMixin:
    """Safe requests of this view read from the replica (module docstring). Pages
    with a template get ``replica_reads`` (the lag) to show where figures come from."""

    reads_from_replica = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["replica_reads"] = replica_status() if reads_on_replica() else None
        return ctx


class ReplicaReadsAPIMixin:
    """The API form of ReplicaReadsMixin, for a viewset: its safe requests read
    from the replica once DRF has authenticated the caller (a token is read from
    the primary, like a session). A token request carries no pin cookie; a client
    that keeps cookies is pinned after its changes like a browser."""

    reads_from_replica = True

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication, permissions
        routing = _routing.get()
        django_request = getattr(request, "_request", request)
        if (
            routing is not None
            and request.method in SAFE_METHODS
            and replica_configured()
            # Set by process_view; cleared when the request is answered again from
            # the primary after a replica failure (then it stays there).
            and getattr(django_request, "_replica_view", None) is not None
            and request.user is not None
            and request.user.is_authenticated
        ):
            routing.replica = True


def reads_from_replica(view):
    """The function-view form of ReplicaReadsMixin."""
    view.reads_from_replica = True
    return view


def _opted_in(view_func) -> bool:
    for candidate in (
        view_func,
        getattr(view_func, "view_class", None),  # Django class-based views
        getattr(view_func, "cls", None),  # Django REST framework views
    ):
        if getattr(candidate, "reads_from_replica", False):
            return True
    return False


def pinned_to_primary(request) -> bool:
    try:
        return float(request.COOKIES.get(PIN_COOKIE, 0)) > time.time()
    except ValueError:
        return False


def pin_to_primary(response) -> None:
    seconds = settings.REPLICA_PIN_SECONDS
    response.set_cookie(
        PIN_COOKIE,
        str(int(time.time() + seconds) + 1),
        max_age=int(seconds) + 1,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


class ReplicaRoutingMiddleware:
    """Sets the routing of each request (module docstring); after a change, pins
    the browser to the primary; answers a request again from the primary when its
    replica connection fails."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        routing = _Routing()
        token = _routing.set(routing)
        try:
            response = self.get_response(request)
        finally:
            _routing.reset(token)
        # Only a signed-in user's reads ever go to the replica (process_view), so only
        # they are pinned: the public portal sets no cookie at all (no tracking).
        user = getattr(request, "user", None)
        if (
            replica_configured()
            and (request.method not in SAFE_METHODS or routing.wrote)
            and user is not None
            and user.is_authenticated
        ):
            pin_to_primary(response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        routing = _routing.get()
        if (
            routing is None
            or request.method not in SAFE_METHODS
            or not replica_configured()
            or not _opted_in(view_func)
            or pinned_to_primary(request)
        ):
            return None
        # Who is asking is read from the primary (a session written a moment ago),
        # before reads switch; a signed-out request only meets the login redirect.
        user = getattr(request, "user", None)
        routing.replica = user is not None and user.is_authenticated
        request._replica_view = (view_func, view_args, view_kwargs)
        return None

    def process_exception(self, request, exception):
        retry = getattr(request, "_replica_view", None)
        routing = _routing.get()
        if (
            retry is None
            or routing is None
            or not routing.replica
            or not isinstance(exception, OperationalError | InterfaceError)
        ):
            return None
        request._replica_view = None  # once
        if replica_status(refresh=True)["status"] == "up":
            return None  # the replica answers: the primary failed (errors.py says so)
        discard_replica_connection()
        routing.replica = False
        view_func, args, kwargs = retry
        try:
            response = view_func(request, *args, **kwargs)
            if callable(getattr(response, "render", None)):
                response = response.render()
        except (OperationalError, InterfaceError):
            from haikou_exec.errors import database_unavailable_response

            return database_unavailable_response(request)
        return response

"""Audit context: who, from where and under which request a change was made.

The trail itself is written by database triggers (django-pghistory), so bulk
``update()`` calls are caught as well. This module only supplies the context
that pghistory attaches to every event: the actor, the request id and the client
address for web requests, and the same values carried into Celery tasks through
message headers (DESIGN.md "Audit").
"""

from __future__ import annotations

import contextvars
import functools
from typing import Any

import pghistory
from celery import signals
from pghistory.middleware import DjangoRequest, HistoryMiddleware

from haikou_exec.client import client_ip, inbound_request_id, new_request_id

# The context of the request (or task) running in this thread/coroutine.
current_audit_context: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "current_audit_context", default=None
)

AUDIT_HEADER = "haikou_audit"


class AuditContextMiddleware(HistoryMiddleware):
    """pghistory's own middleware (one context per request, the user re-recorded
    when DRF authenticates inside the view), with what the trail needs besides:
    the actor's name and role, the method, the client address through the one
    trusted-proxy rule (``haikou_exec.client``) and an id the server gives the
    request. The context row is append-only and sealed into the hash chain with
    the events (audit/migrations/0002)."""

    def __init__(self, get_response):
        super().__init__(_tracking_actor(get_response))

    def get_context(self, request) -> dict[str, Any]:
        user = getattr(request, "user", None)
        authenticated = user is not None and user.is_authenticated
        context = {
            **super().get_context(request),  # user (its id, None if anonymous) and url
            **(actor_fields(user) if authenticated else {}),
            "method": request.method,
            "request_id": request.request_id,
            "remote_addr": client_ip(request),
        }
        inbound = inbound_request_id(request)
        if inbound:
            context["inbound_request_id"] = inbound
        # The same values travel with the tasks this request queues (below).
        current_audit_context.set(context)
        return context

    def __call__(self, request):
        # The server names each request itself; a client cannot choose what the
        # trail says. A trusted proxy's own id is kept beside it (haikou_exec.client).
        request.request_id = new_request_id()
        token = current_audit_context.set(None)
        try:
            response = super().__call__(request)
        finally:
            current_audit_context.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


def _tracking_actor(get_response):
    """Runs inside pghistory's context, after it made the request re-record the
    user when DRF sets it: the actor's name and role are re-recorded with it."""

    def track(request):
        base = request.__class__
        if issubclass(base, DjangoRequest) and not issubclass(base, _ActorTracking):
            request.__class__ = _tracking_class(base)
        return get_response(request)

    return track


@functools.cache
def _tracking_class(base: type) -> type:
    return type(f"Audited{base.__name__}", (_ActorTracking, base), {})


class _ActorTracking:
    def __setattr__(self, attr, value):
        if attr != "user" or not getattr(value, "is_authenticated", False):
            # An anonymous user never replaces the actor the request began with.
            return super(DjangoRequest, self).__setattr__(attr, value)
        _carry_over(self.__dict__.get("user"), value)
        super().__setattr__(attr, value)  # pghistory records the user's id
        fields = actor_fields(value)
        pghistory.context(**fields)  # updates the open context
        ctx = current_audit_context.get()
        if ctx is not None:
            ctx.update(user=value.pk, **fields)


# What a user object caches about itself for the request: the access scope
# (courts.access) and the permissions (ModelBackend).
_PER_REQUEST = ("_haikou_scope", "_perm_cache", "_user_perm_cache", "_group_perm_cache")


def _carry_over(before, after) -> None:
    """DRF authenticates a token after the session middleware loaded the same
    account (a client sending both, as `make load`'s does): the account's scope and
    permissions, read a moment ago in this request, are not read again."""
    before = getattr(before, "_wrapped", before)  # the session's lazy user, once loaded
    if before is None or before is after or getattr(before, "pk", None) != after.pk:
        return
    for name in _PER_REQUEST:
        if name in getattr(before, "__dict__", {}) and name not in after.__dict__:
            after.__dict__[name] = before.__dict__[name]


def actor_fields(user) -> dict[str, str]:
    """The actor's name and role, written with each change so that the trail reads
    as who did it, not an account number, and stays right if the account changes
    later. The scope is cached on the user object: the view reuses it."""
    from courts.access import scope_for

    scope = scope_for(user)
    name = scope.officer_name or user.get_full_name() or user.get_username()
    role = scope.role or ("superuser" if user.is_superuser else "")
    return {"actor": name, "role": role}


def set_audit_actor(actor_id: int | None, **extra: Any) -> contextvars.Token:
    """Set the audit context outside a request (management commands, services)."""
    return current_audit_context.set({"user": actor_id, **extra})


@signals.before_task_publish.connect
def _attach_audit_context(headers=None, **_kwargs) -> None:
    ctx = current_audit_context.get()
    if headers is not None and ctx:
        headers[AUDIT_HEADER] = {
            "user": ctx.get("user"),
            "actor": ctx.get("actor"),
            "role": ctx.get("role"),
            "request_id": ctx.get("request_id"),
            "remote_addr": ctx.get("remote_addr"),
        }


@signals.task_prerun.connect
def _enter_task_audit_context(task=None, task_id=None, **_kwargs) -> None:
    carried = getattr(task.request, AUDIT_HEADER, None) or {}
    metadata = {
        "user": carried.get("user"),
        "actor": carried.get("actor"),
        "role": carried.get("role"),
        "request_id": carried.get("request_id"),
        "remote_addr": carried.get("remote_addr"),
        "task": task.name,
        "task_id": task_id,
    }
    task.request._audit_token = current_audit_context.set(metadata)
    from pghistory import runtime

    if hasattr(runtime._tracker, "value"):
        # A task run eagerly inside a request (or another task): its changes belong
        # to the context already open; re-opening would rewrite who made them, which
        # the append-only context refuses (audit/migrations/0002).
        task.request._audit_cm = None
        return
    task.request._audit_cm = pghistory.context(
        **{key: value for key, value in metadata.items() if value is not None}
    )
    task.request._audit_cm.__enter__()


@signals.task_postrun.connect
def _exit_task_audit_context(task=None, **_kwargs) -> None:
    cm = getattr(task.request, "_audit_cm", None)
    if cm is not None:
        cm.__exit__(None, None, None)
        task.request._audit_cm = None
    token = getattr(task.request, "_audit_token", None)
    if token is not None:
        try:
            current_audit_context.reset(token)
        except ValueError:  # reset from a different context (eager mode); harmless
            current_audit_context.set(None)
        task.request._audit_token = None

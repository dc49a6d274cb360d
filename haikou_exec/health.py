"""Health of the parts the web depends on: the database, the broker, live workers,
and the read replica when there is one (its lag, haikou_exec/replica.py)."""

from __future__ import annotations

from django.db import connection

from haikou_exec.celery import app
from haikou_exec.replica import replica_status


def database_status() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"status": "up"}
    except Exception as exc:  # the point is to report, not to raise
        return {"status": "down", "error": str(exc)[:200]}


def broker_status() -> dict:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return {"status": "up"}
    except Exception as exc:
        return {"status": "down", "error": str(exc)[:200]}


def worker_status(timeout: float = 1.0) -> dict:
    try:
        replies = app.control.ping(timeout=timeout) or []
    except Exception as exc:
        return {"status": "down", "workers": [], "error": str(exc)[:200]}
    names = sorted(name for reply in replies for name in reply)
    return {"status": "up" if names else "down", "workers": names}


def replica_health() -> dict:
    """Measured now: a health check must not repeat a cached answer."""
    return replica_status(refresh=True)


def system_health() -> dict:
    db = database_status()
    broker = broker_status()
    workers = worker_status() if broker["status"] == "up" else {"status": "down", "workers": []}
    replica = replica_health()
    if db["status"] == "down":
        overall = "down"
    elif (
        broker["status"] == "down"
        or workers["status"] == "down"
        # Its reads fall back to the primary, which then carries the whole load.
        or replica["status"] in ("down", "lagging")
    ):
        overall = "degraded"
    else:
        overall = "ok"
    return {
        "status": overall,
        "database": db,
        "broker": broker,
        "workers": workers,
        "replica": replica,
    }

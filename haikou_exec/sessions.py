"""Sessions kept in the database, as Django's own ``db`` backend, with the one
statement every request with a session cookie runs before anything else (read
the session) compiled once per process (``haikou_exec.compiled``): the same SQL,
on the same database, read fresh each time (SESSION_ENGINE in settings)."""

from __future__ import annotations

import functools
from datetime import datetime

from django.contrib.sessions.backends import db
from django.utils import timezone

from haikou_exec.compiled import CompiledRow


@functools.cache
def _session_statement() -> CompiledRow:
    model = SessionStore.get_model_class()
    return CompiledRow(
        model,
        lambda session_key, now: model.objects.filter(
            session_key=session_key, expire_date__gt=now
        ).values("session_data"),
        session_key=str,
        now=datetime,
    )


class SessionStore(db.SessionStore):
    def load(self):
        # As db.SessionStore.load: an unknown or expired key starts an empty
        # session under a new key.
        row = _session_statement().first(session_key=self.session_key, now=timezone.now())
        if row is None:
            self._session_key = None
            return {}
        return self.decode(row["session_data"])

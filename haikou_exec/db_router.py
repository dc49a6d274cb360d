"""The database router: reads go where the request or job decided
(haikou_exec/replica.py: the replica for the dashboards, indicator snapshots,
assessment, exports and report generation while it is fresh, the primary
otherwise); writes and migrations only ever go to the primary."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS

from haikou_exec.replica import REPLICA, note_write, reads_on_replica


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if reads_on_replica() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        note_write()
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # One database, two copies: a row read from the replica may be linked to
        # (and saved with) a row of the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The standby receives the schema through replication.
        return db == DEFAULT_DB_ALIAS

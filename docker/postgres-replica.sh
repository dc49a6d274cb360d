#!/bin/bash
# The hot standby of the `postgres` service (docker-compose.yml, README "Scale beyond
# one machine"). On its first start (an empty data directory) it takes a base backup
# of the primary with `pg_basebackup -R`, which writes standby.signal and
# primary_conninfo, through a physical replication slot (the primary keeps the WAL
# the standby has not received yet, up to max_slot_wal_keep_size); then it runs
# PostgreSQL as a hot standby that answers reads. Later starts reuse the data and
# resume streaming. To rebuild it, remove its volume and start it again.
set -euo pipefail

: "${PGDATA:?the postgres image sets PGDATA}"
: "${PRIMARY_HOST:?}" "${REPLICATION_USER:?}" "${PGPASSWORD:?}"
SLOT="${REPLICATION_SLOT:-haikou_replica}"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    mkdir -p "$PGDATA"
    chown postgres:postgres "$PGDATA"
    chmod 700 "$PGDATA"
    until pg_isready -q -h "$PRIMARY_HOST" -U "$REPLICATION_USER" -d "${PGDATABASE:-postgres}"; do
        echo "waiting for the primary at $PRIMARY_HOST"
        sleep 2
    done
    # The slot survives a rebuilt standby: created once, reused.
    psql -v ON_ERROR_STOP=1 -h "$PRIMARY_HOST" -U "$REPLICATION_USER" -d "${PGDATABASE:-postgres}" -c \
        "SELECT pg_create_physical_replication_slot('$SLOT')
         WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = '$SLOT')"
    gosu postgres pg_basebackup -h "$PRIMARY_HOST" -U "$REPLICATION_USER" -D "$PGDATA" \
        -R -X stream -c fast -S "$SLOT" --progress
fi

exec gosu postgres postgres -c hot_standby=on -c hot_standby_feedback=on "$@"

#!/bin/bash
# Run once by the postgres image when it initialises the primary's data directory
# (docker-entrypoint-initdb.d): the standby (postgres-replica, docker-compose.yml)
# may connect for streaming replication with the application role's password.
# An existing primary needs the same line added to its pg_hba.conf and a reload.
set -euo pipefail
echo "host replication ${POSTGRES_USER} all scram-sha-256" >> "$PGDATA/pg_hba.conf"

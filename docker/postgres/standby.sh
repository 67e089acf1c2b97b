#!/usr/bin/env bash
# A streaming-replication standby of the primary at host "postgres": on its first start a base
# backup of it, then PostgreSQL in standby mode under the name the primary's quorum lists
# (synchronous_standby_names = 'ANY 1 (standby1, standby2)'; docs/quorum.md).
set -euo pipefail
name="$1"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h postgres -U replicator -D "$PGDATA" -X stream; do
        echo "waiting for the primary..."; sleep 2
    done
    touch "$PGDATA/standby.signal"
    echo "primary_conninfo = 'host=postgres user=replicator password=$REPLICATION_PASSWORD application_name=$name'" \
        >> "$PGDATA/postgresql.auto.conf"
    chmod 700 "$PGDATA"
fi
exec postgres -D "$PGDATA"

#!/usr/bin/env bash
# Runs once, when the primary's data directory is created (docker-entrypoint-initdb.d): a role
# for the standbys' streaming replication, allowed in pg_hba.conf, and the commit quorum. The
# quorum is set last, with ALTER SYSTEM: it applies from the real start on, so the setup's own
# writes (this script's, the database's creation) do not wait for standbys that cannot exist yet.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '${REPLICATION_PASSWORD}';
ALTER SYSTEM SET synchronous_standby_names = 'ANY 1 (standby1, standby2)';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"

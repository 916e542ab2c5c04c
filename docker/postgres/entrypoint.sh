#!/bin/bash
# The part of the official postgres image's entrypoint that docker/compose.yaml relies on: on first start, a cluster
# owned by POSTGRES_USER with POSTGRES_PASSWORD, the database POSTGRES_DB, and password logins from the network.
set -euo pipefail

# Any other command than PostgreSQL's own options runs as given (podman run ... localhost/postgres:15 bash).
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
    exec "$@"
fi

if [ "$(id -u)" = 0 ]; then
    # A fresh named volume belongs to root: hand it to postgres, then run as postgres.
    chown postgres:postgres "$PGDATA"
    chmod 700 "$PGDATA"
    exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

user=${POSTGRES_USER:-postgres}
database=${POSTGRES_DB:-$user}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    : "${POSTGRES_PASSWORD:?is required to create the database}"
    initdb --username="$user" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
        --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    echo 'host all all all scram-sha-256' >>"$PGDATA/pg_hba.conf"
    if [ "$database" != postgres ]; then
        echo "CREATE DATABASE \"$database\"" | postgres --single -D "$PGDATA" postgres >/dev/null
    fi
fi

exec postgres -c listen_addresses='*' "$@"

#!/bin/sh
# Entrypoint of the course's local postgres image (Debian's PostgreSQL 15 under the tag the course
# uses): like the official image, it initialises $PGDATA on first start with POSTGRES_PASSWORD for the
# user postgres, trusts local socket connections, asks for a password over TCP, and logs to stderr.
set -e
PGDATA="${PGDATA:-/var/lib/postgresql/data}"
export PGDATA
mkdir -p "$PGDATA" /var/run/postgresql
chown -R postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "$POSTGRES_PASSWORD" ]; then
    echo "Error: Database is uninitialized and superuser password is not specified." >&2
    echo "       You must specify POSTGRES_PASSWORD to a non-empty value for the superuser." >&2
    exit 1
  fi
  pwfile=/tmp/.pgpass.$$
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  chown postgres "$pwfile"
  chpst -u postgres initdb -D "$PGDATA" -U postgres --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  echo "PostgreSQL init process complete; ready for start up."
fi
exec chpst -u postgres postgres -D "$PGDATA" "$@"

#!/usr/bin/env bash
# Backup and restore drill: pg_dump the database DATABASE_URL names, pg_restore it into a second
# database, and check that every person's data export is byte for byte the same from both.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/cp_prod_serve ops/backup_restore_drill.sh
#
# The copy is a new database named <source>_restore on the same server; it is dropped first if it
# exists, and kept afterwards for inspection (drop it with DROP DATABASE).
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
source_url="$DATABASE_URL"
source_db="${source_url##*/}"
server_url="${source_url%/*}"
restore_db="${source_db}_restore"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "1. exports from $source_db"
DATABASE_URL="$source_url" .venv/bin/python ops/export_all.py "$work/before"

echo "2. pg_dump (custom format)"
start=$(date +%s.%N)
pg_dump --format=custom --no-owner --dbname="$source_url" --file="$work/backup.dump"
echo "   $(du -h "$work/backup.dump" | cut -f1) in $(echo "$(date +%s.%N) - $start" | bc) s"

echo "3. pg_restore into $restore_db"
psql "$server_url/postgres" -qc "DROP DATABASE IF EXISTS \"$restore_db\""
psql "$server_url/postgres" -qc "CREATE DATABASE \"$restore_db\""
start=$(date +%s.%N)
pg_restore --no-owner --exit-on-error --dbname="$server_url/$restore_db" "$work/backup.dump"
echo "   restored in $(echo "$(date +%s.%N) - $start" | bc) s"

echo "4. exports from $restore_db"
DATABASE_URL="$server_url/$restore_db" .venv/bin/python ops/export_all.py "$work/after"

echo "5. compare"
if diff -r "$work/before" "$work/after" >/dev/null; then
  echo "OK: $(ls "$work/before" | wc -l) exports identical byte for byte ($(cat "$work"/before/*.json | sha256sum | cut -c1-16))"
else
  diff -r "$work/before" "$work/after" | head -20
  echo "FAIL: exports differ after restore" >&2
  exit 1
fi

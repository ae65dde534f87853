#!/usr/bin/env bash
# PostgreSQL restart under load: the production server keeps serving; requests fail only while the
# database is down, and none after it is back (CONN_HEALTH_CHECKS replaces the dead connections).
#
#   ops/pg_restart_drill.sh            # a throwaway PostgreSQL cluster on 127.0.0.1:5499 (default)
#
# On a shared machine the drill never restarts the main cluster: it makes its own with initdb in a
# temporary folder, runs `make serve` against it on 127.0.0.1:$PORT, loads the graph and the drill
# people, runs the load test for $DURATION s and restarts PostgreSQL ($PG_BIN/pg_ctl restart, the
# same as `pg_ctlcluster 15 main restart` on a cluster of its own) at t=$RESTART_AT s of the timed load.
# On a machine of your own, point it at the real cluster with PGCTL_RESTART="pg_ctlcluster 15 main restart"
# and DATABASE_URL set.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8132}"
PG_PORT="${PG_PORT:-5499}"
USERS="${USERS:-50}"
DURATION="${DURATION:-40}"
RESTART_AT="${RESTART_AT:-12}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

work="$(mktemp -d)"
chmod 777 "$work"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  if [ -z "${PGCTL_RESTART:-}" ]; then as_postgres "$PG_BIN/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${PGCTL_RESTART:-}" ]; then
  echo "throwaway PostgreSQL on 127.0.0.1:$PG_PORT"
  as_postgres "$PG_BIN/initdb" -D "$work/pg" -A trust -U postgres >/dev/null
  as_postgres "$PG_BIN/pg_ctl" -D "$work/pg" -l "$work/pg.log" \
    -o "-p $PG_PORT -k $work -c listen_addresses=127.0.0.1" -w start >/dev/null
  as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres careerpath
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/careerpath"
  PGCTL_RESTART="$PG_BIN/pg_ctl -D $work/pg -m fast -w restart -o '-p $PG_PORT -k $work -c listen_addresses=127.0.0.1'"
  restart() { as_postgres bash -c "$PGCTL_RESTART -l $work/pg.log" >/dev/null; }
else
  : "${DATABASE_URL:?set DATABASE_URL with PGCTL_RESTART}"
  restart() { bash -c "$PGCTL_RESTART"; }
fi

export SECRET_KEY="${SECRET_KEY:-drill-$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export CACHE_URL="${CACHE_URL:-redis://127.0.0.1:6379/7}"
export ALLOWED_HOSTS=127.0.0.1 SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https

DEBUG=true .venv/bin/python manage.py migrate --noinput -v0
DEBUG=true .venv/bin/python manage.py load_role_graph >/dev/null
.venv/bin/python ops/drill_data.py --people 5 >/dev/null

setsid make serve PORT="$PORT" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/health/" >/dev/null && break; sleep 1; done

( until [ -e "$work/started" ]; do sleep 0.2; done; sleep "$RESTART_AT"; echo ">>> restarting PostgreSQL at t=${RESTART_AT}s"; start=$(date +%s.%N); restart;
  echo ">>> PostgreSQL back after $(echo "$(date +%s.%N) - $start" | bc) s" ) &
restarter=$!
.venv/bin/python ops/load_test.py --port "$PORT" --users "$USERS" --duration "$DURATION" --only plan --timeline --started-file "$work/started" | tee "$work/load.txt"
wait "$restarter"

# The verdict: no error in any second after the database came back (seconds count when each answer
# came; allow the one in which it came back).
back_at=$(( RESTART_AT + 3 ))
late_errors=$(awk -v back="$back_at" '/t= *[0-9]+s/ { sub("s","",$1); split($1,a,"="); if (a[2] > back) e += $5 } END { print e+0 }' "$work/load.txt")
echo "errors after t=${back_at}s: $late_errors"
kill -- -"$server_pid" 2>/dev/null || kill "$server_pid" 2>/dev/null || true
server_pid=""
[ "$late_errors" -eq 0 ]

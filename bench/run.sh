#!/usr/bin/env bash
# `make bench`: generate a large community, serve it with gunicorn and production settings, and
# measure the story page, the home feed, a deep feed page, search and a member's Following page on
# SQLite and PostgreSQL; then the daily digest job (bench/digest_bench.py, before the server
# starts) and a mixed read/write load (bench/mixed_load.py, after the pages).
# Results: bench/results/<db>.json and .log, then docs/benchmarks.md (bench/report.py).
#
# Environment (defaults in brackets):
#   BENCH_STORIES [100000]  BENCH_MEMBERS [20000]  BENCH_COMMENTS [1000000]
#   BENCH_DBS [sqlite,postgres]   BENCH_DURATION [20] seconds per measurement
#   BENCH_RATE [100] req/s for the latency run   BENCH_CONNECTIONS [100] for the throughput run
#   BENCH_WORKERS [2]  BENCH_THREADS [4]  gunicorn gthread workers and threads
#   BENCH_REGENERATE=1 to rebuild the data even when it matches; BENCH_REINDEX=1 to rebuild search
#   BENCH_PG_URL [postgres://postgres@127.0.0.1:5432/groundswell_bench] (the database is dropped!)
#   BENCH_PORT [8800]  BENCH_REPORT [1] write docs/benchmarks.md
#   BENCH_KEEP_DATA [0]: 1 keeps the generated databases for the next run; by default the
#     PostgreSQL benchmark database and the SQLite file are dropped when the run ends (also
#     after a failure): the mixed load writes comments, so a kept database is regenerated anyway
#   BENCH_MIXED [1] run bench/mixed_load.py; BENCH_DIGEST [1] run bench/digest_bench.py
#   BENCH_FANOUT [1] run bench/fanout_bench.py (an organisation with 10,000 followers posts; it builds
#     its own database: a temporary SQLite file, or <BENCH_PG_URL>_fanout, dropped after)
#   BENCH_ASSETS [50000] BENCH_OFFERS [20000]: community assets and offers/needs added to the data
#     (bench/network_generate.py) for the asset list, offers list and map pages
#   BENCH_NETWORK [1] run bench/offers_bench.py (matching), bench/map_bench.py (the map's data by
#     zoom) and bench/oruk_bench.py (importing 10,000 Open Referral services), each in its own
#     throwaway database
#   BENCH_ENDPOINTS [all]: e.g. following,home (bench/measure.py --endpoints)
#   BENCH_NICE [0]: e.g. -10 (as root) runs gunicorn, the load generator and the PostgreSQL
#     backends serving them ahead of other work on a shared machine; the report says so
# All traffic goes to 127.0.0.1; every measurement is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PY=${PY:-$ROOT/.venv/bin/python}
GUNICORN=${GUNICORN:-$ROOT/.venv/bin/gunicorn}
STORIES=${BENCH_STORIES:-100000}
MEMBERS=${BENCH_MEMBERS:-20000}
COMMENTS=${BENCH_COMMENTS:-1000000}
DBS=${BENCH_DBS:-sqlite,postgres}
DURATION=${BENCH_DURATION:-20}
RATE=${BENCH_RATE:-100}
CONNECTIONS=${BENCH_CONNECTIONS:-100}
# 2 workers x 4 threads served the story page at least as fast as 3x2, 4x2, 4x4 and 6x1 on
# 2 cores, with half the memory of 4 workers.
WORKERS=${BENCH_WORKERS:-2}
THREADS=${BENCH_THREADS:-4}
PORT=${BENCH_PORT:-8800}
PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/groundswell_bench}
NICE=${BENCH_NICE:-0}
DATA=$ROOT/var/bench
RESULTS=$ROOT/bench/results
GEN_ARGS=(--stories "$STORIES" --members "$MEMBERS" --comments "$COMMENTS")
ASSETS=${BENCH_ASSETS:-50000}
OFFERS=${BENCH_OFFERS:-20000}

log() { printf '\n== %s ==\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

[[ -x $PY ]] || die "no virtual environment at $PY: run 'make install' first"
[[ $DURATION =~ ^[0-9]+$ && $DURATION -ge 1 && $DURATION -le 300 ]] || die "BENCH_DURATION must be 1..300 seconds"

mkdir -p "$DATA" "$RESULTS"
# var/ is not git-ignored as a whole: keep the generated databases and static files out of git.
[[ -f $DATA/.gitignore ]] || printf '*\n' >"$DATA/.gitignore"

if ! command -v wrk >/dev/null; then
    log "installing wrk (Debian package)"
    if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi
    "${SUDO[@]}" apt-get update -qq && "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    command -v wrk >/dev/null || die "could not install wrk"
fi

# Production settings: DEBUG off, whitenoise's manifest storage, a fixed host.
export DJANGO_SETTINGS_MODULE=config.settings
export DEBUG=0 ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=WARNING
export SECRET_KEY=${SECRET_KEY:-bench-only-secret-key-not-for-production-0123456789abcdefghij}
export GROUNDSWELL_VAR_DIR=$DATA/var
mkdir -p "$GROUNDSWELL_VAR_DIR"

if [[ $NICE != 0 ]]; then
    # With autogroup scheduling (the Linux default) nice only ranks processes within one session;
    # the session's weight against other sessions is set through /proc/self/autogroup. It applies
    # to the whole session running the benchmark and is restored on exit.
    if [[ -w /proc/self/autogroup ]]; then
        AUTOGROUP_NICE=$(awk '{print $NF}' /proc/self/autogroup)
        echo "$NICE" >/proc/self/autogroup 2>/dev/null || echo "bench: could not set the autogroup's nice" >&2
    fi
fi
restore_priority() {
    if [[ -n ${AUTOGROUP_NICE:-} ]]; then echo "$AUTOGROUP_NICE" >/proc/self/autogroup 2>/dev/null || true; fi
}

GUNICORN_PID=""
stop_gunicorn() {
    if [[ -n $GUNICORN_PID ]] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
        kill -TERM "$GUNICORN_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$GUNICORN_PID" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$GUNICORN_PID" 2>/dev/null || true
        wait "$GUNICORN_PID" 2>/dev/null || true
    fi
    GUNICORN_PID=""
}
SQLITE_FILES=()
drop_data() {
    [[ ${BENCH_KEEP_DATA:-0} == 1 ]] && return 0
    local f
    for f in "${SQLITE_FILES[@]}"; do
        rm -f "$f" "$f-wal" "$f-shm" "$DATA/sqlite-$(basename "$f" .sqlite3 | sed 's/^bench-//').json"
    done
    if [[ $DBS == *postgres* ]]; then
        pg_admin drop 2>/dev/null && rm -f "$DATA/postgres-${PG_URL##*/}.json" || true
    fi
    rm -f "$DATA"/following-restore-*.json
}
trap 'stop_gunicorn; drop_data; restore_priority' EXIT
trap 'exit 130' INT TERM

port_in_use() {
    "$PY" -c 'import socket,sys; s=socket.socket(); sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)' "$1"
}

wait_healthy() {
    "$PY" - "$PORT" <<'EOF'
import sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/healthz"
deadline = time.monotonic() + 90
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            if resp.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.5)
sys.exit(f"{url} did not answer 200 within 90 s")
EOF
}

json_tail() {  # json_tail LOG OUT: the JSON object a script printed last (after any log lines)
    "$PY" - "$1" "$2" <<'EOF'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
for i in range(len(lines) - 1, -1, -1):
    if lines[i].startswith("{"):
        obj = json.loads("\n".join(lines[i:]))
        open(sys.argv[2], "w").write(json.dumps(obj, indent=2) + "\n")
        sys.exit(0)
sys.exit(f"no JSON object at the end of {sys.argv[1]}")
EOF
}

STEPS=()  # "name seconds" per timed step, for bench/results/run.json
STEP_T0=0
step_start() { STEP_T0=$(date +%s); }
step_end() { STEPS+=("$1 $(($(date +%s) - STEP_T0))"); }

pg_admin() {  # pg_admin drop|create|ping: manage the benchmark database through psycopg (no psql needed)
    "$PY" - "$1" "$PG_URL" <<'EOF'
import sys
from urllib.parse import urlsplit, urlunsplit
import psycopg
from psycopg import sql
action, url = sys.argv[1], sys.argv[2]
parts = urlsplit(url)
name = parts.path.lstrip("/")
admin = urlunsplit(parts._replace(path="/postgres"))
with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
    if action == "drop":
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    elif action == "create":
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
EOF
}

bench_one() {
    # One SQLite file per data size, so a small trial run does not throw away the big database.
    local db=$1 size="${STORIES}-${MEMBERS}-${COMMENTS}"
    local meta=$DATA/$db-$size.json
    [[ $db == postgres ]] && meta=$DATA/postgres-${PG_URL##*/}.json
    log "$db: database"
    unset DATABASE_URL SQLITE_PATH
    case $db in
        sqlite)
            export SQLITE_PATH=$DATA/bench-$size.sqlite3
            SQLITE_FILES+=("$SQLITE_PATH")
            ;;
        postgres)
            if ! pg_admin ping 2>/dev/null; then
                command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]] &&
                    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
                sleep 2
                pg_admin ping || { echo "bench: PostgreSQL is not reachable at $PG_URL: skipping it" >&2; return 0; }
            fi
            export DATABASE_URL=$PG_URL
            ;;
        *) die "unknown database '$db' in BENCH_DBS (sqlite, postgres)" ;;
    esac

    local reuse=0
    if [[ ${BENCH_REGENERATE:-0} != 1 ]]; then
        if "$PY" manage.py migrate --noinput -v0 && "$PY" bench/generate.py "${GEN_ARGS[@]}" --meta "$meta" --check; then
            reuse=1
        fi
    fi
    if [[ $reuse == 0 ]]; then
        log "$db: generating ${STORIES} stories, ${MEMBERS} members, ${COMMENTS} comments"
        if [[ $db == sqlite ]]; then
            rm -f "$SQLITE_PATH" "$SQLITE_PATH-wal" "$SQLITE_PATH-shm"
        else
            pg_admin drop && pg_admin create
        fi
        rm -f "$meta"
        "$PY" manage.py migrate --noinput -v0
        step_start
        "$PY" bench/generate.py "${GEN_ARGS[@]}" --meta "$meta"
        step_end "$db: generate and index"
    elif [[ ${BENCH_REINDEX:-0} == 1 ]] || ! "$PY" bench/generate.py --index-check --meta "$meta"; then
        log "$db: rebuilding the search index"
        "$PY" bench/generate.py --index-only --meta "$meta"
    fi

    log "$db: community assets and offers and needs (up to $ASSETS and $OFFERS)"
    "$PY" bench/network_generate.py --assets "$ASSETS" --offers "$OFFERS"

    "$PY" manage.py collectstatic --noinput -v0

    rm -f "$RESULTS/$db-digest.json" "$RESULTS/$db-mixed.json" "$RESULTS/$db-fanout.json" \
        "$RESULTS/$db-offers.json" "$RESULTS/$db-oruk.json" "$RESULTS/$db-map.json"
    if [[ ${BENCH_NETWORK:-1} == 1 ]]; then
        log "$db: matching for new needs, the map's data by zoom, an Open Referral import"
        step_start
        nice -n "$NICE" "$PY" bench/offers_bench.py --posts "$OFFERS" --out "$RESULTS/$db-offers.json" \
            >"$RESULTS/$db-offers.log" 2>&1 ||
            echo "bench: the matching benchmark failed: see $RESULTS/$db-offers.log" >&2
        { nice -n "$NICE" "$PY" bench/map_bench.py --assets "$ASSETS" >"$RESULTS/$db-map.log" 2>&1 &&
            json_tail "$RESULTS/$db-map.log" "$RESULTS/$db-map.json"; } ||
            echo "bench: the map benchmark failed: see $RESULTS/$db-map.log" >&2
        { nice -n "$NICE" "$PY" bench/oruk_bench.py >"$RESULTS/$db-oruk.log" 2>&1 &&
            json_tail "$RESULTS/$db-oruk.log" "$RESULTS/$db-oruk.json"; } ||
            echo "bench: the Open Referral import benchmark failed: see $RESULTS/$db-oruk.log" >&2
        step_end "$db: matching, map, import"
    fi
    if [[ ${BENCH_FANOUT:-1} == 1 ]]; then
        log "$db: an organisation with 10,000 followers posts (notification fan-out)"
        step_start
        nice -n "$NICE" "$PY" bench/fanout_bench.py --db "$db" --pg-url "${PG_URL}_fanout" \
            --out "$RESULTS/$db-fanout.json" >"$RESULTS/$db-fanout.log" 2>&1 ||
            echo "bench: the fan-out benchmark failed: see $RESULTS/$db-fanout.log" >&2
        step_end "$db: fan-out"
    fi
    if [[ ${BENCH_DIGEST:-1} == 1 ]]; then
        log "$db: the daily digest for $MEMBERS members"
        step_start
        nice -n "$NICE" "$PY" bench/digest_bench.py --members "$MEMBERS" \
            --out "$RESULTS/$db-digest.json" 2>&1 | tee "$RESULTS/$db-digest.log" ||
            echo "bench: the digest benchmark failed: see $RESULTS/$db-digest.log" >&2
        step_end "$db: digest"
    fi

    log "$db: starting gunicorn (-w $WORKERS --threads $THREADS, gthread) on 127.0.0.1:$PORT"
    port_in_use "$PORT" && die "127.0.0.1:$PORT is already in use (set BENCH_PORT)"
    local gargs="config.wsgi --worker-class gthread -w $WORKERS --threads $THREADS -b 127.0.0.1:$PORT"
    # shellcheck disable=SC2086
    nice -n "$NICE" "$GUNICORN" $gargs --error-logfile "$RESULTS/gunicorn-$db.log" --log-level warning &
    GUNICORN_PID=$!
    wait_healthy || die "gunicorn did not become healthy: see $RESULTS/gunicorn-$db.log"

    log "$db: measuring (${DURATION}s per run)"
    step_start
    nice -n "$NICE" "$PY" bench/measure.py --label "$db" --url "http://127.0.0.1:$PORT" \
        --gunicorn-pid "$GUNICORN_PID" --gunicorn-args "$gargs" --nice "$NICE" \
        --meta "$meta" --out "$RESULTS/$db.json" \
        --duration "$DURATION" --rate "$RATE" --connections "$CONNECTIONS" \
        ${BENCH_ENDPOINTS:+--endpoints "$BENCH_ENDPOINTS"} 2>&1 | tee "$RESULTS/$db.log"
    step_end "$db: pages"
    if [[ ${BENCH_MIXED:-1} == 1 ]]; then
        log "$db: mixed load (90% reads, 10% writes at $RATE req/s)"
        step_start
        nice -n "$NICE" "$PY" bench/mixed_load.py \
            --url "http://127.0.0.1:$PORT" --rate "$RATE" --duration "$DURATION" \
            --out "$RESULTS/$db-mixed.json" >"$RESULTS/$db-mixed.log" 2>&1 ||
            echo "bench: the mixed load failed: see $RESULTS/$db-mixed.log" >&2
        step_end "$db: mixed load"
    fi
    stop_gunicorn
}

main() {
    local started db
    started=$(date +%s)
    IFS=, read -r -a db_list <<<"$DBS"
    for db in "${db_list[@]}"; do
        rm -f "$RESULTS/$db.json"
        bench_one "$db"
    done
    local step total=$(($(date +%s) - started))
    {
        printf '{"total_s": %d, "steps": {' "$total"
        local sep=""
        for step in "${STEPS[@]}"; do
            printf '%s"%s": %d' "$sep" "${step% *}" "${step##* }"
            sep=", "
        done
        printf '}}\n'
    } >"$RESULTS/run.json"
    if [[ ${BENCH_REPORT:-1} == 1 ]]; then
        log "report"
        "$PY" bench/report.py --results "$RESULTS" --dbs "$DBS" --out docs/benchmarks.md
    fi
    log "done in $(($(date +%s) - started))s"
}

# Everything runs from inside main, which bash has read in full: editing this file (or a git
# checkout) during a 30-minute run cannot change what the rest of the run does.
main "$@"
exit

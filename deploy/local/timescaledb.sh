#!/usr/bin/env bash
# Provision a throwaway, real TimescaleDB (Apache-2 edition) for tests and CI.
#
# TimescaleDB is not packaged in Debian 12, so we build Debian trixie's *source* package
# against the machine's PostgreSQL 15 (deb-src only: no trixie binaries ever get installed)
# and run a private cluster in a directory of our own, on 127.0.0.1 only.
#
#   url=$(deploy/local/timescaledb.sh start)   # only the JDBC URL goes to stdout
#
# Run `deploy/local/timescaledb.sh --help` for the subcommands and settings.
set -Eeuo pipefail

ANJU_LOG_TAG=timescaledb.sh
# shellcheck source-path=SCRIPTDIR source=_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"
# Fail loudly: name the command that failed (CI must not pass silently).
on_err() {
    local rc=$?
    log "ERROR: command failed (exit $rc) at line $1: $2"
    exit "$rc"
}
trap 'on_err "$LINENO" "$BASH_COMMAND"' ERR

PG_MAJOR=${ANJU_TSDB_PG_MAJOR:-15}
PG_BIN=/usr/lib/postgresql/$PG_MAJOR/bin
PG_CONFIG=$PG_BIN/pg_config
TSDB_DIR=${ANJU_TSDB_DIR:-/tmp/anju-tsdb}
TSDB_PORT=${ANJU_TSDB_PORT:-55432}
TSDB_DB=${ANJU_TSDB_DB:-anju}
TSDB_USER=${ANJU_TSDB_USER:-anju}
TSDB_PASSWORD=${ANJU_TSDB_PASSWORD:-anju}
BUILD_DIR=${ANJU_TSDB_BUILD_DIR:-/var/cache/anju/timescaledb}
TRIXIE_SRC_LIST=/etc/apt/sources.list.d/anju-trixie-src.sources

# Debian's debian/rules uses the same options (plus RelWithDebInfo); telemetry is compiled
# out entirely, which also suits machines without internet. Release = smaller, faster build.
CMAKE_FLAGS=(
    -DCMAKE_BUILD_TYPE=Release
    -DPG_CONFIG="$PG_CONFIG"
    -DAPACHE_ONLY=ON
    -DUSE_TELEMETRY=OFF
    -DSEND_TELEMETRY_DEFAULT=OFF
    -DREGRESS_CHECKS=OFF
    -DTAP_CHECKS=OFF
    -DWARNINGS_AS_ERRORS=OFF
)

usage() {
    cat >&2 <<EOF
Usage: $0 [start|stop|status|url|build|destroy] [--dir DIR] [--port PORT]

Provision a throwaway TimescaleDB (Apache-2 edition) on PostgreSQL $PG_MAJOR.

  start    (default) build+install the extension if needed, create the cluster if
           needed, start it if not running, check the extension loads; print the URL
  stop     stop the cluster (fine if it is not running)
  status   exit 0 and print the URL if the cluster is running and accepting, else exit 3
  url      print the JDBC URL
  build    only build and install the extension (needs root the first time)
  destroy  stop the cluster and delete its directory

Only the JDBC URL goes to stdout (last line), everything else to stderr:
  url=\$($0 start)   ->  jdbc:postgresql://127.0.0.1:55432/anju?user=anju&password=anju

Settings (environment):
  ANJU_TSDB_DIR        cluster directory          (default /tmp/anju-tsdb; or --dir)
  ANJU_TSDB_PORT       TCP port on 127.0.0.1      (default 55432; or --port)
  ANJU_TSDB_DB / ANJU_TSDB_USER / ANJU_TSDB_PASSWORD   (default anju / anju / anju)
  ANJU_TSDB_BUILD_DIR  cached source+build        (default /var/cache/anju/timescaledb)

As root the cluster is owned by and runs as 'postgres' (PostgreSQL refuses to run as
root); otherwise it runs as the calling user.
EOF
}

# --- argument parsing --------------------------------------------------------------------
CMD=""
while [ $# -gt 0 ]; do
    case "$1" in
    -h | --help | help) usage; exit 0 ;;
    --dir) [ $# -ge 2 ] || die "--dir needs a value"; TSDB_DIR=$2; shift 2 ;;
    --dir=*) TSDB_DIR=${1#--dir=}; shift ;;
    --port) [ $# -ge 2 ] || die "--port needs a value"; TSDB_PORT=$2; shift 2 ;;
    --port=*) TSDB_PORT=${1#--port=}; shift ;;
    start | stop | status | url | build | destroy)
        [ -z "$CMD" ] || die "only one subcommand allowed (got '$CMD' and '$1')"
        CMD=$1; shift ;;
    *) usage; die "unknown argument: $1" ;;
    esac
done
CMD=${CMD:-start}

if ! [[ "$TSDB_PORT" =~ ^[0-9]+$ ]] || [ "$TSDB_PORT" -lt 1 ] || [ "$TSDB_PORT" -gt 65535 ]; then
    die "invalid port: $TSDB_PORT"
fi
# Keep names URL- and SQL-safe so the printed URL needs no escaping.
for v in TSDB_DB TSDB_USER TSDB_PASSWORD; do
    [[ "${!v}" =~ ^[A-Za-z0-9_]+$ ]] || die "$v must match [A-Za-z0-9_]+ (got '${!v}')"
done
[ -n "$TSDB_DIR" ] || die "empty --dir"
TSDB_DIR=$(realpath -m -- "$TSDB_DIR")
[ "$TSDB_DIR" != / ] || die "refusing to use / as the cluster directory"
DATA_DIR=$TSDB_DIR/data
LOG_FILE=$TSDB_DIR/postgres.log
URL="jdbc:postgresql://127.0.0.1:$TSDB_PORT/$TSDB_DB?user=$TSDB_USER&password=$TSDB_PASSWORD"

if is_root; then PG_OS_USER=postgres; else PG_OS_USER=$(id -un); fi

# Run a command as the cluster's OS user (cd / so runuser does not complain about /root).
as_pg() {
    if is_root; then
        (cd / && runuser -u "$PG_OS_USER" -- "$@")
    else
        "$@"
    fi
}

# --- extension build/install --------------------------------------------------------------

pg_sharedir() { "$PG_CONFIG" --sharedir; }
pg_pkglibdir() { "$PG_CONFIG" --pkglibdir; }

# Version named by the installed control file ('' if none).
installed_version() {
    local control
    control=$(pg_sharedir)/extension/timescaledb.control
    [ -f "$control" ] || return 0
    sed -n "s/^default_version *= *'\([^']*\)'.*/\1/p" "$control"
}

# Fully installed = control file + loader .so + versioned .so + install script.
ext_installed() {
    [ -x "$PG_CONFIG" ] || return 1
    local ver
    ver=$(installed_version)
    [ -n "$ver" ] &&
        [ -f "$(pg_pkglibdir)/timescaledb.so" ] &&
        [ -f "$(pg_pkglibdir)/timescaledb-$ver.so" ] &&
        [ -f "$(pg_sharedir)/extension/timescaledb--$ver.sql" ]
}

# Add trixie as a deb-src ONLY source: a binary trixie source would drag in trixie's libc.
ensure_trixie_src() {
    local want
    want="# Added by Anju deploy/local/timescaledb.sh: source packages only (never binaries).
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
    if [ ! -f "$TRIXIE_SRC_LIST" ] || [ "$(cat "$TRIXIE_SRC_LIST")" != "$want" ]; then
        log "writing $TRIXIE_SRC_LIST (trixie deb-src only)"
        printf '%s\n' "$want" >"$TRIXIE_SRC_LIST"
        apt_update
    elif ! compgen -G '/var/lib/apt/lists/*_dists_trixie_*source_Sources*' >/dev/null; then
        apt_update
    fi
}

# Prints the unpacked source dir, downloading it (once) if the cache has none.
fetch_source() {
    local src work
    src=$(find "$BUILD_DIR" -mindepth 1 -maxdepth 1 -type d -name 'timescaledb-*' | sort -V | tail -n 1)
    if [ -n "$src" ]; then
        log "reusing cached source $src"
        printf '%s\n' "$src"
        return 0
    fi
    ensure_trixie_src
    # Unpack in a scratch dir and move into place, so an interrupted download never
    # looks like a usable cache. apt-get source also applies Debian's patches.
    work=$(mktemp -d "$BUILD_DIR/.download.XXXXXX")
    log "apt-get source timescaledb/trixie (download + unpack only, no build-dep)"
    local -a get=(apt-get -q -o APT::Sandbox::User=root source timescaledb/trixie)
    if ! (cd "$work" && "${get[@]}") >&2; then
        # A stale trixie index points at a superseded version: refresh once, retry.
        apt_update
        (cd "$work" && "${get[@]}") >&2 || die "apt-get source timescaledb/trixie failed"
    fi
    src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'timescaledb-*' | head -n 1)
    if [ -z "$src" ] || [ ! -f "$src/CMakeLists.txt" ]; then
        die "no unpacked timescaledb source in $work"
    fi
    mv "$src" "$BUILD_DIR/"
    rm -rf "$work"
    printf '%s\n' "$BUILD_DIR/$(basename "$src")"
}

build_extension() {
    if ext_installed; then
        log "TimescaleDB $(installed_version) already installed for PostgreSQL $PG_MAJOR"
        return 0
    fi
    require_root "Building/installing the TimescaleDB extension"
    [ -x "$PG_BIN/postgres" ] || ensure_pkgs "postgresql-$PG_MAJOR"
    # From bookworm (binary). libc6-dev: gcc only Recommends it.
    ensure_pkgs "postgresql-server-dev-$PG_MAJOR" cmake dpkg-dev gcc make libc6-dev libssl-dev

    mkdir -p "$BUILD_DIR"
    # Serialise concurrent builds (parallel CI jobs on one machine). Closed again right
    # after, so the postmaster started later does not inherit (and hold) the lock.
    local lock_fd
    exec {lock_fd}>"$BUILD_DIR/.lock"
    flock -w 1800 "$lock_fd" || die "timed out waiting for $BUILD_DIR/.lock"
    if ext_installed; then
        log "TimescaleDB $(installed_version) was installed meanwhile"
    else
        build_and_install
    fi
    exec {lock_fd}>&-
}

build_and_install() {
    local src bdir stamp want_stamp blog
    src=$(fetch_source)
    bdir=$src/build-pg$PG_MAJOR
    stamp=$bdir/.anju-built
    blog=$bdir/build.log
    # Rebuild whenever the flags or the PostgreSQL version change.
    want_stamp="$("$PG_CONFIG" --version) ${CMAKE_FLAGS[*]}"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want_stamp" ]; then
        log "reusing cached build in $bdir"
    else
        rm -rf "$bdir"
        mkdir -p "$bdir"
        log "building $(basename "$src") (Apache-2 only) against $("$PG_CONFIG" --version); log: $blog"
        if ! (cd "$bdir" && cmake "${CMAKE_FLAGS[@]}" .. && make -j"$(nproc)") >"$blog" 2>&1; then
            tail -n 60 "$blog" >&2
            die "TimescaleDB build failed (full log: $blog)"
        fi
        printf '%s\n' "$want_stamp" >"$stamp"
    fi
    log "make install"
    if ! make -C "$bdir" install >>"$blog" 2>&1; then
        tail -n 30 "$blog" >&2
        die "make install failed (full log: $blog)"
    fi
    ext_installed || die "make install finished but the extension files are not where PostgreSQL $PG_MAJOR looks"
    log "installed TimescaleDB $(installed_version) into $(pg_pkglibdir)"
}

# --- cluster --------------------------------------------------------------------------------

# Running = postmaster.pid names a live postgres process. (pg_ctl status only does kill -0,
# which a recycled PID after an unclean stop would fool.)
cluster_pid() {
    local pid
    [ -f "$DATA_DIR/postmaster.pid" ] || return 1
    pid=$(head -n 1 "$DATA_DIR/postmaster.pid")
    [[ "$pid" =~ ^[0-9]+$ ]] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ] || return 1
    printf '%s\n' "$pid"
}

# The port the running postmaster listens on (line 4 of postmaster.pid).
running_port() { sed -n 4p "$DATA_DIR/postmaster.pid"; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

prepare_dir() {
    if [ -e "$TSDB_DIR" ]; then
        [ -d "$TSDB_DIR" ] || die "$TSDB_DIR exists and is not a directory"
        local owner
        owner=$(stat -c %U "$TSDB_DIR")
        [ "$owner" = "$PG_OS_USER" ] ||
            die "$TSDB_DIR is owned by '$owner', expected '$PG_OS_USER' (use another --dir or remove it)"
    else
        mkdir -p "$TSDB_DIR"
        is_root && chown "$PG_OS_USER:" "$TSDB_DIR"
    fi
    # 0700: the unix socket lives here and allows trust auth, so keep other users out.
    chmod 0700 "$TSDB_DIR"
    as_pg test -w "$TSDB_DIR" ||
        die "user '$PG_OS_USER' cannot write $TSDB_DIR (check the permissions of its parent dirs)"
}

init_cluster() {
    if [ -f "$DATA_DIR/PG_VERSION" ]; then
        local have
        have=$(cat "$DATA_DIR/PG_VERSION")
        [ "$have" = "$PG_MAJOR" ] ||
            die "$DATA_DIR is a PostgreSQL $have cluster, need $PG_MAJOR (run '$0 destroy' first)"
        return 0
    fi
    [ ! -e "$DATA_DIR" ] || [ -z "$(ls -A "$DATA_DIR")" ] ||
        die "$DATA_DIR is not empty but holds no cluster; remove it or use another --dir"
    log "initdb $DATA_DIR (UTF8, C.UTF-8)"
    as_pg "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$TSDB_DIR/initdb.log" 2>&1 || {
        cat "$TSDB_DIR/initdb.log" >&2
        die "initdb failed"
    }
    # Only the owner's unix socket (trust) and password logins over loopback TCP.
    as_pg tee "$DATA_DIR/pg_hba.conf" >/dev/null <<'EOF'
# Written by Anju deploy/local/timescaledb.sh: throwaway test cluster, loopback only.
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 trust
host    all       all   127.0.0.1/32  scram-sha-256
EOF
    printf "\n# Anju test settings, rewritten on every start\ninclude_if_exists = 'anju.conf'\n" |
        as_pg tee -a "$DATA_DIR/postgresql.conf" >/dev/null
}

# Rewritten on every start so --port / new settings apply to an existing cluster.
write_config() {
    local telemetry="# telemetry compiled out (USE_TELEMETRY=OFF)"
    # Only set the GUC if this build has it; an unknown timescaledb.* GUC logs warnings.
    if grep -qa 'telemetry_level' "$(pg_pkglibdir)/timescaledb-$(installed_version).so"; then
        telemetry="timescaledb.telemetry_level = off"
    fi
    as_pg tee "$DATA_DIR/anju.conf" >/dev/null <<EOF
# Written by Anju deploy/local/timescaledb.sh on every start; edits are lost.
listen_addresses = '127.0.0.1'
port = $TSDB_PORT
unix_socket_directories = '$TSDB_DIR'
max_connections = 200
shared_buffers = 256MB
shared_preload_libraries = 'timescaledb'
timescaledb.license = 'apache'
$telemetry
# Each database with the extension runs a scheduler; tests create many databases.
timescaledb.max_background_workers = 16
max_worker_processes = 32
# Throwaway data: fsync stays on (no corruption on crash), commits need not wait for it.
synchronous_commit = off
# Bulk writes (a month's billing run writes ~2 M rows with their indexes in one transaction; ingest
# at full speed) fill 1 GB of WAL within seconds: with the default max_wal_size a checkpoint then
# followed every 13-28 s, each one making the next writes log full pages again. As for any
# write-heavy PostgreSQL, checkpoints are left to checkpoint_timeout (5 min).
max_wal_size = 8GB
min_wal_size = 1GB
timezone = 'UTC'
log_timezone = 'UTC'
EOF
}

start_cluster() {
    local pid
    if pid=$(cluster_pid); then
        if [ "$(running_port)" = "$TSDB_PORT" ]; then
            log "cluster in $TSDB_DIR already running (pid $pid, port $TSDB_PORT)"
            return 0
        fi
        log "cluster is running on port $(running_port), restarting on $TSDB_PORT"
        as_pg "$PG_BIN/pg_ctl" stop -D "$DATA_DIR" -m fast -w -t 60 >&2
    fi
    if [ -f "$DATA_DIR/postmaster.pid" ]; then
        log "removing stale postmaster.pid (unclean shutdown)"
        rm -f "$DATA_DIR/postmaster.pid"
    fi
    port_in_use "$TSDB_PORT" &&
        die "port $TSDB_PORT on 127.0.0.1 is already in use by another program (use --port)"
    log "starting PostgreSQL $PG_MAJOR on 127.0.0.1:$TSDB_PORT (log: $LOG_FILE)"
    # The postmaster must not inherit the lock fd, or it would hold the lock forever.
    if ! as_pg "$PG_BIN/pg_ctl" start -D "$DATA_DIR" -l "$LOG_FILE" -w -t 120 >&2 {CLUSTER_LOCK_FD}>&-; then
        tail -n 40 "$LOG_FILE" >&2 || true
        die "PostgreSQL failed to start (log: $LOG_FILE)"
    fi
}

# Superuser over the owner's unix socket.
psql_admin() {
    as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$TSDB_DIR" -p "$TSDB_PORT" -U postgres "$@"
}

# The app user over TCP with its password, i.e. exactly what the JDBC URL does.
psql_app() {
    PGPASSWORD=$TSDB_PASSWORD PGOPTIONS='-c client_min_messages=warning' \
        "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 \
        -h 127.0.0.1 -p "$TSDB_PORT" -U "$TSDB_USER" -d "$TSDB_DB" "$@"
}

# Idempotent: role (superuser: tests CREATE DATABASE / CREATE EXTENSION), database,
# extension; then check the extension really loads and is the Apache edition.
provision() {
    psql_admin -d postgres -v u="$TSDB_USER" -v p="$TSDB_PASSWORD" -v d="$TSDB_DB" >&2 <<'SQL'
SELECT format('CREATE ROLE %I', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN SUPERUSER PASSWORD %L', :'u', :'p') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'d', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'d') \gexec
SQL
    local out version license
    out=$(psql_app -F ' ' <<'SQL'
CREATE EXTENSION IF NOT EXISTS timescaledb;
SELECT extversion, current_setting('timescaledb.license') FROM pg_extension WHERE extname = 'timescaledb';
SQL
    ) || die "could not connect as $TSDB_USER or load the timescaledb extension"
    read -r version license <<<"$out"
    [ -n "$version" ] || die "timescaledb extension missing in database $TSDB_DB"
    [ "$license" = apache ] || die "timescaledb.license is '$license', expected 'apache'"
    log "TimescaleDB $version (license: $license) ready in database $TSDB_DB"
}

cmd_start() {
    build_extension
    prepare_dir
    # Serialise concurrent starts of the same cluster.
    exec {CLUSTER_LOCK_FD}>"$TSDB_DIR/.anju.lock"
    flock -w 300 "$CLUSTER_LOCK_FD" || die "timed out waiting for $TSDB_DIR/.anju.lock"
    init_cluster
    write_config
    start_cluster
    provision
    printf '%s\n' "$URL"
}

cmd_stop() {
    if cluster_pid >/dev/null; then
        log "stopping cluster in $TSDB_DIR"
        as_pg "$PG_BIN/pg_ctl" stop -D "$DATA_DIR" -m fast -w -t 60 >&2
    else
        log "cluster in $TSDB_DIR is not running"
    fi
}

cmd_status() {
    if cluster_pid >/dev/null && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$(running_port)"; then
        log "running: $TSDB_DIR on 127.0.0.1:$(running_port)"
        printf '%s\n' "${URL/:$TSDB_PORT\//:$(running_port)/}"
        return 0
    fi
    log "not running ($TSDB_DIR, port $TSDB_PORT)"
    return 3
}

cmd_destroy() {
    cmd_stop
    [ -e "$TSDB_DIR" ] || return 0
    # Guard against `--dir /tmp` and the like: delete only a dir holding nothing but ours.
    local f
    for f in "$TSDB_DIR"/* "$TSDB_DIR"/.[!.]*; do
        [ -e "$f" ] || continue
        case "${f##*/}" in
        data | postgres.log | initdb.log | .anju.lock) ;;
        *) die "$TSDB_DIR holds '${f##*/}', which this script did not create; not deleting it" ;;
        esac
    done
    log "deleting $TSDB_DIR"
    rm -rf -- "$TSDB_DIR"
}

case "$CMD" in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status || exit $? ;;
url) printf '%s\n' "$URL" ;;
build) build_extension ;;
destroy) cmd_destroy ;;
esac

#!/usr/bin/env bash
# Local PostgreSQL for development and tests: one self-contained cluster per data directory.
#
#   postgres.sh ensure-installed      install the server binaries if missing (Debian/apt)
#   postgres.sh start DATA_DIR PORT   initdb if needed, start, create role/db; prints the
#                                     connection string as the last line of stdout
#
# The cluster asks for a password (scram-sha-256) on every connection. The password is made
# on the first start and kept in DATA_DIR.password (mode 0600, beside the cluster); it is the
# superuser's and the application role's, and the connection string printed carries it. A
# cluster made before this used trust: its next start sets the password and switches it.
#   postgres.sh stop DATA_DIR         stop the cluster (no-op if it is not running)
#
# Only the connection string goes to stdout; everything else goes to stderr so callers
# can take the last stdout line as-is.
#
# Environment:
#   PG_BIN                      directory holding initdb/pg_ctl/psql (autodetected otherwise)
#   PHOTONSUPPORT_PG_EPHEMERAL  when 1, a new cluster trades durability for speed (tests only)
set -euo pipefail

DB_USER=photon
DB_NAME=photonsupport
# initdb's superuser; fixed so it does not depend on which OS user ran initdb.
SUPERUSER=postgres

log() { echo "postgres.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

# Debian keeps the server binaries off PATH, under /usr/lib/postgresql/<major>/bin.
find_pg_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$d" && -x "$d/initdb" ]]; then echo "$d"; return; fi
  if command -v pg_config >/dev/null && [[ -x "$(pg_config --bindir)/initdb" ]]; then pg_config --bindir; return; fi
  if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; return; fi
  return 0  # nothing found: empty output, not a failure (callers test for empty)
}

ensure_installed() {
  if [[ -n "$(find_pg_bin)" ]]; then return; fi
  log "PostgreSQL server binaries not found; installing the Debian 'postgresql' package"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "not root and no sudo: install PostgreSQL yourself (apt-get install postgresql)"
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y postgresql >&2
  [[ -n "$(find_pg_bin)" ]] || die "installed 'postgresql' but still cannot find initdb"
}

# initdb, pg_ctl and postgres refuse to run as root, so as root we run them as the
# 'postgres' OS user the Debian package creates. cd / first: root's cwd may be unreadable to it.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# As root the data directory must belong to, and be reachable by, the postgres user.
# Parents such as a 0700 temp dir or /root block it; give them search (x) permission only.
prepare_dir_for_root() {
  local dir=$1 d
  getent passwd postgres >/dev/null || die "running as root but there is no 'postgres' user (install the postgresql package)"
  if [[ -z "$(ls -A "$dir")" ]]; then chown postgres: "$dir"; fi
  d=$dir
  while [[ "$d" != / ]]; do
    d=$(dirname "$d")
    if ! runuser -u postgres -- test -x "$d"; then
      log "granting search permission on $d so the postgres user can reach $dir"
      chmod o+x "$d"
    fi
  done
}

is_running() { as_pg "$PG/pg_ctl" status -D "$1" >/dev/null 2>&1; }

conn_string() { echo "Host=127.0.0.1;Port=$1;Username=$DB_USER;Password=$2;Database=$DB_NAME"; }

# The cluster's password, made once: letters and digits only, so it needs no quoting in SQL or a
# connection string. Written with umask 077: readable by the user who ran this script alone.
ensure_password() {
  local file=$1
  if [[ ! -s "$file" ]]; then
    # head reads a bounded amount first, so no stage of the pipe dies of SIGPIPE (pipefail is on).
    (umask 077 && head -c 1024 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9' | head -c 32 >"$file")
    log "generated the cluster's password in $file"
  fi
  chmod 600 "$file"
  cat "$file"
}

# initdb reads the superuser's password from a file; as root it runs as 'postgres', which can't read
# ours, so it gets a copy in a folder of its own that is removed at once.
initdb_with_password() {
  local password=$1 copy
  shift
  copy=$(mktemp -d)
  printf '%s\n' "$password" >"$copy/pw"
  if [[ $(id -u) -eq 0 ]]; then chown -R postgres: "$copy"; fi
  as_pg "$PG/initdb" "$@" --auth=scram-sha-256 --pwfile="$copy/pw" >&2 || { rm -rf "$copy"; return 1; }
  rm -rf "$copy"
}

# A cluster from before passwords: it still trusts every local connection, so set the passwords
# through that trust once, then require them (pg_hba.conf's trust lines become scram-sha-256).
trusts() { grep -qE '^[^#].*[[:space:]]trust[[:space:]]*$' "$1/pg_hba.conf"; }

switch_from_trust() {
  local data_dir=$1 port=$2 password=$3
  trusts "$data_dir" || return 0
  log "switching $data_dir from trust to password authentication (scram-sha-256)"
  as_pg "$PG/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$SUPERUSER" -d postgres >&2 <<SQL
SET password_encryption = 'scram-sha-256';
ALTER ROLE $SUPERUSER PASSWORD '$password';
SQL
  as_pg sed -i -E 's/^([^#].*[[:space:]])trust([[:space:]]*)$/\1scram-sha-256\2/' "$data_dir/pg_hba.conf"
  as_pg "$PG/pg_ctl" reload -D "$data_dir" >&2
}

start() {
  local data_dir=$1 port=$2
  [[ "$port" =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$port'"
  mkdir -p "$data_dir"
  data_dir=$(cd "$data_dir" && pwd -P)
  if [[ $(id -u) -eq 0 ]]; then prepare_dir_for_root "$data_dir"; fi
  if [[ -f "$data_dir/PG_VERSION" && ! -s "$data_dir.password" ]] && ! trusts "$data_dir"; then
    die "$data_dir asks for a password but $data_dir.password, which held it, is gone; restore the file, or stop the cluster and delete $data_dir to start afresh"
  fi
  local password
  password=$(ensure_password "$data_dir.password")

  if [[ ! -f "$data_dir/PG_VERSION" ]]; then
    [[ -z "$(ls -A "$data_dir")" ]] || die "$data_dir is neither empty nor a PostgreSQL cluster"
    log "initializing cluster in $data_dir"
    # Locale C with UTF8 needs no generated OS locales. It listens only on 127.0.0.1 (set below),
    # has no Unix socket, and every connection gives the password (another user of this machine
    # could otherwise connect as anyone).
    local initdb_args=(-D "$data_dir" -U "$SUPERUSER" -E UTF8 --locale=C --no-instructions)
    if [[ "${PHOTONSUPPORT_PG_EPHEMERAL:-}" == 1 ]]; then initdb_args+=(--no-sync); fi
    initdb_with_password "$password" "${initdb_args[@]}"
    if [[ "${PHOTONSUPPORT_PG_EPHEMERAL:-}" == 1 ]]; then
      # Throwaway test clusters: skip disk flushes; allow many per-test-class pools.
      printf '%s\n' "fsync = off" "synchronous_commit = off" "full_page_writes = off" \
        "max_connections = 300" | as_pg tee -a "$data_dir/postgresql.conf" >/dev/null
    fi
  fi

  if is_running "$data_dir"; then
    # Reuse it; the port it really listens on is line 4 of postmaster.pid.
    local running_port
    running_port=$(sed -n 4p "$data_dir/postmaster.pid")
    [[ "$running_port" == "$port" ]] || log "already running on port $running_port (not $port); reusing it"
    port=$running_port
    log "cluster in $data_dir already running on port $port"
  else
    log "starting cluster in $data_dir on 127.0.0.1:$port"
    # No Unix socket: Debian's default socket dir may be missing or unwritable, and a
    # socket inside a deep data dir can exceed the 107-byte path limit. TCP only.
    if ! as_pg "$PG/pg_ctl" start -w -D "$data_dir" -l "$data_dir/server.log" \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" >&2; then
      tail -n 30 "$data_dir/server.log" >&2 || true
      die "pg_ctl start failed (is port $port in use?)"
    fi
  fi

  switch_from_trust "$data_dir" "$port" "$password"
  # Idempotent: role and database are created only when missing; the role's password is the file's.
  # PGPASSWORD goes through the environment, never a command line another user could read.
  PGPASSWORD=$password as_pg "$PG/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$SUPERUSER" -d postgres >&2 <<SQL
SET password_encryption = 'scram-sha-256';
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN CREATEDB;
  END IF;
END \$\$;
ALTER ROLE $DB_USER PASSWORD '$password';
SELECT 'CREATE DATABASE $DB_NAME OWNER $DB_USER'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME') \gexec
SQL
  conn_string "$port" "$password"
}

stop() {
  local data_dir=$1
  [[ -d "$data_dir" ]] || { log "$data_dir does not exist; nothing to stop"; return; }
  data_dir=$(cd "$data_dir" && pwd -P)  # as_pg runs from /, so paths must be absolute
  if is_running "$data_dir"; then
    as_pg "$PG/pg_ctl" stop -w -m fast -D "$data_dir" >&2
  else
    log "no cluster running in $data_dir"
  fi
}

usage() { sed -n '2,6p' "$0" >&2; exit 2; }

case "${1:-}" in
  ensure-installed) ensure_installed ;;
  start)
    [[ $# -eq 3 ]] || usage
    PG=$(find_pg_bin); [[ -n "$PG" ]] || die "PostgreSQL not installed; run: $0 ensure-installed"
    start "$2" "$3" ;;
  stop)
    [[ $# -eq 2 ]] || usage
    PG=$(find_pg_bin); [[ -n "$PG" ]] || die "PostgreSQL not installed; run: $0 ensure-installed"
    stop "$2" ;;
  *) usage ;;
esac

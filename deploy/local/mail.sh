#!/usr/bin/env bash
# Local mail server for development and tests: one self-contained mailbox per directory.
#
#   mail.sh ensure-installed                   install Dovecot and aiosmtpd if missing (Debian/apt)
#   mail.sh start DIR IMAP_PORT SMTP_PORT      create the mailbox if needed, start IMAP and SMTP on
#                                              127.0.0.1; prints the settings as the last stdout line
#   mail.sh stop DIR                           stop both servers (no-op if they are not running)
#   mail.sh stop-smtp DIR                      stop only the SMTP server (to simulate an outage)
#   mail.sh start-smtp DIR                     start it again on the port given to 'start'
#
# The last stdout line of 'start' is space-separated key=value pairs, values without spaces:
#
#   host=127.0.0.1 imap=IMAP_PORT smtp=SMTP_PORT user=support password=PASSWORD address=support@photonsupport.localhost
#
# Both servers take user/password in plain text (no TLS: loopback only). The password is
# generated on the first start and kept in DIR/password. Only that line goes to stdout;
# everything else goes to stderr so callers can take the last stdout line as-is.
#
# IMAP is Dovecot, run with its own config in DIR (nothing in /etc is read or changed); the
# mailbox is a Maildir with INBOX, Processed and Quarantine. SMTP is mail-smtp.py (Debian's
# python3-aiosmtpd) handing every message, whatever its recipient, to Dovecot over LMTP, so
# it lands in the same INBOX. As root both run as the unprivileged 'mail' OS user (or
# PHOTONSUPPORT_MAIL_OS_USER), which owns DIR; otherwise as the calling user.
set -euo pipefail

MAIL_USER=support
MAIL_ADDRESS=support@photonsupport.localhost
FOLDERS=(Processed Quarantine)
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
SMTP_SCRIPT=$SCRIPT_DIR/mail-smtp.py
# Debian's aiosmtpd is installed for the system interpreter only (a pyenv or venv python3
# on PATH would not see it).
PYTHON=/usr/bin/python3
# Starting and stopping are bounded polls: long enough for a loaded 2-core CI machine.
WAIT_SECONDS=${PHOTONSUPPORT_MAIL_WAIT_SECONDS:-60}

log() { echo "mail.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

find_dovecot() {
  local d
  for d in "$(command -v dovecot 2>/dev/null || true)" /usr/sbin/dovecot; do
    if [[ -n "$d" && -x "$d" ]]; then echo "$d"; return; fi
  done
  return 0  # nothing found: empty output, not a failure (callers test for empty)
}

has_lmtp() { [[ -x /usr/lib/dovecot/lmtp ]]; }
has_imap() { [[ -x /usr/lib/dovecot/imap ]]; }
has_aiosmtpd() { [[ -x "$PYTHON" ]] && "$PYTHON" -c 'import aiosmtpd' 2>/dev/null; }
is_installed() { [[ -n "$(find_dovecot)" ]] && has_imap && has_lmtp && has_aiosmtpd; }

ensure_installed() {
  if is_installed; then return; fi
  local packages=(dovecot-imapd dovecot-lmtpd python3-aiosmtpd)
  if [[ $(id -u) -ne 0 ]]; then
    die "the mail server is not installed and we are not root: run 'sudo apt-get install ${packages[*]}'"
  fi
  log "Dovecot or aiosmtpd not found; installing the Debian packages ${packages[*]}"
  apt-get update >&2
  # The packages' own dovecot service is not used (policy-rc.d may refuse to start it anyway).
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${packages[@]}" >&2
  is_installed || die "installed ${packages[*]} but still cannot find dovecot, its imap/lmtp or aiosmtpd"
}

os_user() {
  if [[ $(id -u) -eq 0 ]]; then echo "${PHOTONSUPPORT_MAIL_OS_USER:-mail}"; else id -un; fi
}

# Runs a command as the mail-owning OS user. cd / first: root's cwd may be unreadable to it.
as_mail() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd / && runuser -u "$(os_user)" -- "$@")
  else
    "$@"
  fi
}

# As root, DIR must belong to, and be reachable by, the mail OS user. Parents such as a 0700
# temp dir or /root block it; give them search (x) permission only.
prepare_dir_for_root() {
  local dir=$1 user d
  user=$(os_user)
  getent passwd "$user" >/dev/null || die "running as root but there is no '$user' OS user"
  [[ $(id -u "$user") -ne 0 ]] || die "PHOTONSUPPORT_MAIL_OS_USER must not be root"
  chown -R "$user:$(id -gn "$user")" "$dir"
  d=$dir
  while [[ "$d" != / ]]; do
    d=$(dirname "$d")
    if ! runuser -u "$user" -- test -x "$d"; then
      log "granting search permission on $d so the '$user' user can reach $dir"
      chmod o+x "$d"
    fi
  done
}

# Succeeds when the server on PORT answers with a greeting starting with PREFIX.
greets() {
  local port=$1 prefix=$2
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    IFS= read -r line <&3 || exit 1
    exec 3>&-
    [[ "$line" == "$2"* ]]' _ "$port" "$prefix" 2>/dev/null
}

# LAUNCHER_PID, when given, is the process that serves the port (or starts it): once it has
# exited, waiting longer is pointless.
wait_for_greeting() {
  local port=$1 prefix=$2 what=$3 log_file=$4 launcher=${5:-} deadline=$((SECONDS + WAIT_SECONDS))
  until greets "$port" "$prefix"; do
    if [[ -n "$launcher" ]] && ! kill -0 "$launcher" 2>/dev/null; then
      tail -n 30 "$log_file" >&2 || true
      die "$what exited before answering on 127.0.0.1:$port (is the port in use?)"
    fi
    if (( SECONDS >= deadline )); then
      tail -n 30 "$log_file" >&2 || true
      die "$what did not answer on 127.0.0.1:$port within ${WAIT_SECONDS}s (is the port in use?)"
    fi
    sleep 0.1
  done
}

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Sends SIGTERM to the process in PID_FILE and waits until it is gone, so its port is closed
# when this returns.
stop_pid() {
  local pid_file=$1 what=$2 pid deadline=$((SECONDS + WAIT_SECONDS))
  if ! pid_alive "$pid_file"; then
    log "$what is not running"
    rm -f "$pid_file"
    return
  fi
  pid=$(cat "$pid_file")
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if (( SECONDS >= deadline )); then
      log "$what (pid $pid) did not stop within ${WAIT_SECONDS}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.05
  done
  rm -f "$pid_file"
  log "stopped $what"
}

write_dovecot_conf() {
  local dir=$1 imap_port=$2 user uid gid
  user=$(os_user)
  uid=$(id -u "$user")
  gid=$(id -g "$user")
  # Dovecot runs entirely as one unprivileged user: internal and login processes as that
  # user, no chroots (they need root), and the mail stored under that same uid.
  cat >"$dir/dovecot.conf" <<CONF
# Written by deploy/local/mail.sh; rewritten on every start.
base_dir = $dir/run
state_dir = $dir/state
instance_name = photonsupport-mail-$imap_port
log_path = $dir/dovecot.log
info_log_path = $dir/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# LMTP recipients arrive as full addresses; the passwd-file user is the local part.
auth_username_format = %Ln
default_login_user = $user
default_internal_user = $user
default_internal_group = $(id -gn "$user")
first_valid_uid = $uid
last_valid_uid = $uid
first_valid_gid = $gid
last_valid_gid = $gid
mail_uid = $uid
mail_gid = $gid
mail_location = maildir:$dir/mail/%n/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $dir/passwd
}
userdb {
  driver = static
  args = uid=$uid gid=$gid home=$dir/mail/%n
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Processed {
    auto = subscribe
  }
  mailbox Quarantine {
    auto = subscribe
  }
}
service imap-login {
  chroot =
  user = $user
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  user = $user
  unix_listener lmtp {
    mode = 0600
  }
}
service anvil {
  chroot =
}
service auth {
  user = $user
}
service auth-worker {
  user = $user
}
service stats {
  user = $user
}
CONF
}

# The Maildir and its folders exist before anyone logs in or sends mail. Maildir++ keeps
# folders as ".Name" directories beside INBOX's cur/new/tmp.
make_maildir() {
  local maildir=$1/mail/$MAIL_USER/Maildir sub folder
  for sub in cur new tmp; do mkdir -p "$maildir/$sub"; done
  for folder in "${FOLDERS[@]}"; do
    for sub in cur new tmp; do mkdir -p "$maildir/.$folder/$sub"; done
    touch "$maildir/.$folder/maildirfolder"
  done
}

settings_line() {
  local dir=$1
  echo "host=127.0.0.1 imap=$(cat "$dir/imap.port") smtp=$(cat "$dir/smtp.port") user=$MAIL_USER password=$(cat "$dir/password") address=$MAIL_ADDRESS"
}

start_smtp() {
  local dir=$1 port launcher=
  port=$(cat "$dir/smtp.port")
  if pid_alive "$dir/smtp.pid"; then
    log "SMTP server in $dir already running"
  else
    [[ -x "$PYTHON" ]] || die "$PYTHON not found; run: $0 ensure-installed"
    log "starting SMTP server on 127.0.0.1:$port"
    rm -f "$dir/smtp.pid"
    # setsid: the server outlives this script and its caller's session. It writes smtp.pid
    # itself once listening ($! would be runuser's pid, not the server's).
    as_mail setsid "$PYTHON" "$SMTP_SCRIPT" "$port" "$dir/run/lmtp" "$MAIL_USER" "$dir/password" "$dir/smtp.pid" \
      >>"$dir/smtp.log" 2>&1 </dev/null &
    launcher=$!
  fi
  wait_for_greeting "$port" "220" "SMTP server" "$dir/smtp.log" "$launcher"
}

start() {
  local dir=$1 imap_port=$2 smtp_port=$3
  [[ "$imap_port" =~ ^[0-9]+$ ]] || die "IMAP_PORT must be a number, got '$imap_port'"
  [[ "$smtp_port" =~ ^[0-9]+$ ]] || die "SMTP_PORT must be a number, got '$smtp_port'"
  [[ -f "$SMTP_SCRIPT" ]] || die "$SMTP_SCRIPT is missing (it belongs beside this script)"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd -P)
  # Dovecot's sockets live in DIR/run (the longest is run/token-login/tokenlogin), and a Unix
  # socket path may not exceed 107 bytes.
  (( ${#dir} <= 80 )) || die "$dir is too long for Dovecot's sockets (at most 80 characters); use a shorter path"

  if pid_alive "$dir/run/master.pid"; then
    # Reuse it with the ports it was started on.
    log "mail server in $dir already running (IMAP on port $(cat "$dir/imap.port"))"
    [[ "$(cat "$dir/imap.port")" == "$imap_port" && "$(cat "$dir/smtp.port")" == "$smtp_port" ]] \
      || log "reusing its ports, not $imap_port/$smtp_port; stop it first to change them"
  else
    if [[ ! -f "$dir/password" ]]; then
      [[ -z "$(ls -A "$dir")" ]] || die "$dir is neither empty nor a mail server directory"
      log "creating mailbox in $dir"
      (umask 077 && od -An -tx1 -N12 /dev/urandom | tr -d ' \n' >"$dir/password")
    fi
    echo "$imap_port" >"$dir/imap.port"
    echo "$smtp_port" >"$dir/smtp.port"
    mkdir -p "$dir/run" "$dir/state"
    make_maildir "$dir"
    # Dovecot's passwd-file: user:{scheme}password:uid:gid:gecos:home:shell:extra.
    (umask 077 && echo "$MAIL_USER:{PLAIN}$(cat "$dir/password")::::::" >"$dir/passwd")
    write_dovecot_conf "$dir" "$imap_port"
    if [[ $(id -u) -eq 0 ]]; then prepare_dir_for_root "$dir"; fi
    log "starting Dovecot (IMAP on 127.0.0.1:$imap_port)"
    # Its daemon keeps the stderr it started with: a file, so a caller reading this script's
    # output to the end is not held until Dovecot stops.
    if ! as_mail "$DOVECOT" -c "$dir/dovecot.conf" >>"$dir/dovecot.stderr.log" 2>&1 </dev/null; then
      tail -n 30 "$dir/dovecot.stderr.log" >&2 || true
      die "dovecot failed to start (is port $imap_port in use?)"
    fi
  fi
  wait_for_greeting "$(cat "$dir/imap.port")" "* OK" "Dovecot" "$dir/dovecot.log"
  start_smtp "$dir"
  settings_line "$dir"
}

stop() {
  local dir=$1
  [[ -d "$dir" ]] || { log "$dir does not exist; nothing to stop"; return; }
  dir=$(cd "$dir" && pwd -P)
  stop_pid "$dir/smtp.pid" "SMTP server"
  # Dovecot's master stops its children before it exits.
  stop_pid "$dir/run/master.pid" "Dovecot"
}

require_dir() {
  [[ -f "$1/smtp.port" ]] || die "$1 holds no mail server; run: $0 start DIR IMAP_PORT SMTP_PORT"
  (cd "$1" && pwd -P)
}

usage() { sed -n '2,9p' "$0" >&2; exit 2; }

case "${1:-}" in
  ensure-installed) ensure_installed ;;
  start)
    [[ $# -eq 4 ]] || usage
    DOVECOT=$(find_dovecot); [[ -n "$DOVECOT" ]] || die "Dovecot not installed; run: $0 ensure-installed"
    start "$2" "$3" "$4" ;;
  stop)
    [[ $# -eq 2 ]] || usage
    stop "$2" ;;
  stop-smtp)
    [[ $# -eq 2 ]] || usage
    dir=$(require_dir "$2")
    stop_pid "$dir/smtp.pid" "SMTP server" ;;
  start-smtp)
    [[ $# -eq 2 ]] || usage
    dir=$(require_dir "$2")
    start_smtp "$dir" ;;
  *) usage ;;
esac

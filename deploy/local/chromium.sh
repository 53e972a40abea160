#!/usr/bin/env bash
# Debian's chromium, the browser the support page's tests drive headless through Playwright
# (tests/PhotonSupport.Web.Tests). Playwright never downloads a browser here: it is pointed at
# this one (PHOTONSUPPORT_CHROMIUM overrides the path).
#
#   chromium.sh ensure-installed   install the Debian package chromium if /usr/bin/chromium is missing
#                                  (as root); otherwise print how to install it
set -euo pipefail

CHROMIUM=${PHOTONSUPPORT_CHROMIUM:-/usr/bin/chromium}

log() { echo "chromium.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

is_installed() { [[ -x "$CHROMIUM" ]]; }

ensure_installed() {
  if is_installed; then return; fi
  if [[ -n "${PHOTONSUPPORT_CHROMIUM:-}" ]]; then
    die "PHOTONSUPPORT_CHROMIUM names $CHROMIUM, which is not an executable"
  fi
  if [[ $(id -u) -ne 0 ]]; then
    die "chromium is not installed and we are not root: run 'sudo apt-get install chromium' (the browser tests need it)"
  fi
  log "chromium not found; installing the Debian 'chromium' package"
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >&2
  is_installed || die "installed 'chromium' but $CHROMIUM is still missing"
}

case "${1:-}" in
  ensure-installed) ensure_installed ;;
  *) sed -n '2,8p' "$0" >&2; exit 2 ;;
esac

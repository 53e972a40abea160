#!/usr/bin/env bash
# The real programs that read the files under deploy/, for tests/PhotonSupport.Deploy.Tests: Debian's caddy (runs
# deploy/compose/Caddyfile in front of real Api nodes) and systemd's systemd-analyze (verifies the bench agent's
# unit) and kubectl (builds deploy/kubernetes with `kubectl kustomize`, which needs no cluster). The tests start their
# own caddy process and never use a system service. Where kubectl is missing, Debian 12's kubernetes-client (1.20)
# provides one; a newer one from the Kubernetes or Google Cloud apt repository serves as well.
#
#   deploy-tools.sh ensure-installed   install the Debian packages caddy, systemd and kubernetes-client where their
#                                      programs are missing (as root); otherwise print how to install them
set -euo pipefail

log() { echo "deploy-tools.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

# package=program it provides
PACKAGES=(caddy=/usr/bin/caddy systemd=/usr/bin/systemd-analyze kubernetes-client=/usr/bin/kubectl)

missing() {
  local entry
  for entry in "${PACKAGES[@]}"; do [[ -x "${entry#*=}" ]] || echo "${entry%%=*}"; done
}

ensure_installed() {
  local wanted
  mapfile -t wanted < <(missing)
  if (( ${#wanted[@]} == 0 )); then return; fi
  if [[ $(id -u) -ne 0 ]]; then
    die "${wanted[*]} not installed and we are not root: run 'sudo apt-get install ${wanted[*]}' (the deploy tests need them)"
  fi
  local installs_caddy=no
  [[ " ${wanted[*]} " == *" caddy "* ]] && installs_caddy=yes
  log "installing the Debian packages ${wanted[*]}"
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${wanted[@]}" >&2
  mapfile -t wanted < <(missing)
  (( ${#wanted[@]} == 0 )) || die "installed, but the programs of ${wanted[*]} are still missing"
  # The caddy package enables and starts caddy.service, which serves /etc/caddy/Caddyfile on port 80. The tests need
  # the program only: where systemd runs, stop and disable the service this install started (without systemd, as in
  # CI containers, the package cannot start it).
  if [[ $installs_caddy == yes && -d /run/systemd/system ]] && systemctl is-enabled --quiet caddy.service 2>/dev/null; then
    log "stopping and disabling caddy.service, which the package started (the tests run their own caddy)"
    systemctl disable --now caddy.service >&2 || log "could not disable caddy.service: 'systemctl disable --now caddy' does"
  fi
}

case "${1:-}" in
  ensure-installed) ensure_installed ;;
  *) sed -n '2,10p' "$0" >&2; exit 2 ;;
esac

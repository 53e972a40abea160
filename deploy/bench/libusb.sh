#!/usr/bin/env bash
# libusb-1.0 for the bench agent, which binds it at run time (BenchAgent/Usb/LibUsbNative.cs).
#
#   libusb.sh ensure-installed   install the Debian package libusb-1.0-0 if the library is missing
#                                (as root); otherwise print how to install it
set -euo pipefail

log() { echo "libusb.sh: $*" >&2; }

# The agent loads the soname, which only the runtime package provides; ldconfig lives in /sbin.
is_installed() { PATH="$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null | grep -q 'libusb-1\.0\.so\.0 '; }

ensure_installed() {
  if is_installed; then return; fi
  if [[ $(id -u) -ne 0 ]]; then
    log "libusb-1.0 is not installed and we are not root: run 'sudo apt-get install libusb-1.0-0' (the USB tests fail without it)"
    return
  fi
  log "libusb-1.0 not found; installing the Debian 'libusb-1.0-0' package"
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y libusb-1.0-0 >&2
  is_installed || { log "error: installed 'libusb-1.0-0' but libusb-1.0.so.0 is still not found"; exit 1; }
}

case "${1:-}" in
  ensure-installed) ensure_installed ;;
  *) sed -n '2,5p' "$0" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Build and test the whole solution, then print one summary line summed over all
# test projects: "N passed, N failed[, N skipped]". Exits non-zero if the build or any
# test failed, or if no test passed at all.
#
# Tests start their own PostgreSQL through deploy/local/postgres.sh unless
# PHOTONSUPPORT_TEST_PG holds a connection string to use instead.
# Mail tests start their own Dovecot (IMAP) and SMTP server through deploy/local/mail.sh,
# which installs the Debian packages when missing (as root) or says how to.
# The bench agent tests call the real libusb-1.0: deploy/bench/libusb.sh installs it when
# missing (as root) or says how to.
# The support page's browser tests drive Debian's chromium headless: deploy/local/chromium.sh
# installs it when missing (as root) or says how to. They write screenshots of every page
# under .data/screenshots/.
# The deploy tests run the real caddy and systemd-analyze on the files under deploy/:
# deploy/local/deploy-tools.sh installs them when missing (as root) or says how to.
set -uo pipefail
cd "$(dirname "$0")"

results=TestResults
rm -rf "$results"

if [[ -z "${PHOTONSUPPORT_TEST_PG:-}" ]]; then
  ./deploy/local/postgres.sh ensure-installed || exit 1
fi
./deploy/local/mail.sh ensure-installed || exit 1
./deploy/bench/libusb.sh ensure-installed || exit 1
./deploy/local/chromium.sh ensure-installed || exit 1
./deploy/local/deploy-tools.sh ensure-installed || exit 1
export PHOTONSUPPORT_SCREENSHOTS="$PWD/.data/screenshots"

status=0
if dotnet build PhotonSupport.sln -c Release; then
  # A trx logger without LogFileName gives every test project its own file.
  dotnet test PhotonSupport.sln -c Release --no-build \
    --results-directory "$results" --logger trx || status=1
else
  echo "test.sh: build failed" >&2
  status=1
fi

# Each trx has one <Counters total=".." passed=".." failed=".." notExecuted=".." ...>.
# error/timeout/aborted are failures too. Skipped tests show up as total - executed (VSTest
# leaves notExecuted at 0 for xunit skips). Plain awk: python may not be on CI.
summary=$(find "$results" -name '*.trx' -print0 2>/dev/null | xargs -0 -r cat | awk '
  function attr(name) {
    return match($0, " " name "=\"[0-9]+\"") ? substr($0, RSTART + length(name) + 3, RLENGTH - length(name) - 4) + 0 : 0
  }
  /<Counters / {
    passed  += attr("passed")
    failed  += attr("failed") + attr("error") + attr("timeout") + attr("aborted")
    skipped += attr("total") - attr("executed")
  }
  END { printf "%d %d %d\n", passed, failed, skipped }')
read -r passed failed skipped <<<"$summary"

# The several-nodes test's takeover time (issue 19) and the mails the kill cut off, from its output in the trx.
find "$results" -name '*.trx' -exec grep -hoE '(Takeover after kill -9|Mails sent again)[^<]*' {} + 2>/dev/null | sort -ur

line="$passed passed, $failed failed"
if (( skipped > 0 )); then line+=", $skipped skipped"; fi
echo "$line"

if (( status != 0 || failed > 0 || passed == 0 )); then exit 1; fi

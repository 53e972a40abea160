#!/usr/bin/env bash
# Run the API locally. Without PHOTONSUPPORT_DB it starts (or reuses) a PostgreSQL cluster
# kept under .data/postgres; stop it with: deploy/local/postgres.sh stop .data/postgres
#
#   PHOTONSUPPORT_DB       connection string of an existing database (skips the local cluster)
#   PHOTONSUPPORT_PG_PORT  port of the local cluster (default 55432)
#   PHOTONSUPPORT_URL      URL the API listens on (default http://127.0.0.1:5080)
set -euo pipefail
cd "$(dirname "$0")"

if [[ -z "${PHOTONSUPPORT_DB:-}" ]]; then
  ./deploy/local/postgres.sh ensure-installed
  # The script prints the connection string on its last stdout line.
  PHOTONSUPPORT_DB=$(./deploy/local/postgres.sh start "$PWD/.data/postgres" "${PHOTONSUPPORT_PG_PORT:-55432}" | tail -n 1)
  export PHOTONSUPPORT_DB
fi

if ! command -v dotnet >/dev/null; then
  echo "run.sh: the .NET 10 SDK is required but 'dotnet' is not on PATH." >&2
  echo "  Install it: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  echo "  (e.g. apt-get install dotnet-sdk-10.0 from Microsoft's package feed, or the dotnet-install.sh script)" >&2
  exit 1
fi

url=${PHOTONSUPPORT_URL:-http://127.0.0.1:5080}
# Every endpoint but /health and the OpenAPI document needs an API key: the first run makes a
# supervisor, an agent and an admin key (the admin loads the firmware library) and keeps their
# tokens in this file (mode 0600); later runs leave it as it is. The path is absolute because dotnet run starts the program in the project's folder.
keys=$PWD/.data/dev-keys.json
dotnet run --project Api -c Release -- keys dev-bootstrap --file "$keys" --api "$url"
# With no SMTP server configured, owners' mail is written here as .eml files (absolute, like the keys file).
pickup=${PhotonSupport__Mail__PickupFolder:-$PWD/.data/mail-pickup}
echo "PhotonSupport API: $url"
echo "API keys (supervisor, agent, admin): $keys"
echo "Owners' mail (when no PhotonSupport__Mail__Smtp__Host is set): $pickup"
# Built by the keys step just above.
exec dotnet run --project Api -c Release --no-build -- --urls "$url" --PhotonSupport:Mail:PickupFolder "$pickup"

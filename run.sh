#!/usr/bin/env bash
# Run the API locally. Without PHOTONSUPPORT_DB it starts (or reuses) a PostgreSQL cluster
# kept under .data/postgres; stop it with: deploy/local/postgres.sh stop .data/postgres
#
#   ./run.sh [--mail]
#
# --mail also starts (or reuses) a local mailbox under .data/mail (Dovecot IMAP and an SMTP
# server delivering into it, see deploy/local/mail.sh) and points the product's mail settings
# at it (PhotonSupport__Mail__...); stop it with: deploy/local/mail.sh stop .data/mail
#
# It is for development only: it refuses to run with ASPNETCORE_ENVIRONMENT (or DOTNET_ENVIRONMENT)
# set to Production, and makes development API keys only in the local cluster it starts itself,
# never in a database it is given. The local cluster asks for a password, made on its first start
# and kept in .data/postgres.password (mode 0600); the connection string the Api gets carries it.
#
#   PHOTONSUPPORT_DB         connection string of an existing database (skips the local cluster
#                            and the development keys; so does ConnectionStrings__PhotonSupport);
#                            its schema must be current: dotnet run --project Migrations -- apply
#   PHOTONSUPPORT_PG_PORT    port of the local cluster (default 55432)
#   PHOTONSUPPORT_URL        URL the API listens on (default http://127.0.0.1:5080)
#   PHOTONSUPPORT_IMAP_PORT  with --mail: IMAP port of the local mailbox (default 55143)
#   PHOTONSUPPORT_SMTP_PORT  with --mail: SMTP port of the local mailbox (default 55025)
set -euo pipefail
cd "$(dirname "$0")"

mail=false
for arg in "$@"; do
  case "$arg" in
    --mail) mail=true ;;
    *) echo "run.sh: unknown argument '$arg' (usage: ./run.sh [--mail])" >&2; exit 2 ;;
  esac
done

for variable in ASPNETCORE_ENVIRONMENT DOTNET_ENVIRONMENT; do
  if [[ "${!variable:-}" == Production ]]; then
    echo "run.sh: $variable=Production is set, but run.sh is for development: it makes development API keys and a local" >&2
    echo "  database. Unset $variable to develop; to run in production, start the Api with its own settings (see README.md)." >&2
    exit 2
  fi
done

# A database someone named is not ours to put development keys in.
given_db=${PHOTONSUPPORT_DB:-${ConnectionStrings__PhotonSupport:-}}
if [[ -z "$given_db" ]]; then
  ./deploy/local/postgres.sh ensure-installed
  # The script prints the connection string on its last stdout line.
  PHOTONSUPPORT_DB=$(./deploy/local/postgres.sh start "$PWD/.data/postgres" "${PHOTONSUPPORT_PG_PORT:-55432}" | tail -n 1)
  export PHOTONSUPPORT_DB
fi

if [[ "$mail" == true ]]; then
  ./deploy/local/mail.sh ensure-installed
  # The last stdout line is "host=H imap=P smtp=P user=U password=W address=A" (see mail.sh).
  mail_settings=$(./deploy/local/mail.sh start "$PWD/.data/mail" \
    "${PHOTONSUPPORT_IMAP_PORT:-55143}" "${PHOTONSUPPORT_SMTP_PORT:-55025}" | tail -n 1)
  declare -A m=()
  for pair in $mail_settings; do m[${pair%%=*}]=${pair#*=}; done
  for server in Smtp Imap; do
    port=${m[smtp]}; [[ "$server" == Imap ]] && port=${m[imap]}
    export "PhotonSupport__Mail__${server}__Host=${m[host]}"
    export "PhotonSupport__Mail__${server}__Port=$port"
    # Loopback only: the local servers offer no TLS.
    export "PhotonSupport__Mail__${server}__Tls=None"
    export "PhotonSupport__Mail__${server}__User=${m[user]}"
    export "PhotonSupport__Mail__${server}__Password=${m[password]}"
  done
  export "PhotonSupport__Mail__From=${m[address]}" "PhotonSupport__Mail__ReplyTo=${m[address]}"
  echo "Local mailbox: IMAP ${m[host]}:${m[imap]}, SMTP ${m[host]}:${m[smtp]}, user ${m[user]}, password in .data/mail/password"
fi

if ! command -v dotnet >/dev/null; then
  echo "run.sh: the .NET 10 SDK is required but 'dotnet' is not on PATH." >&2
  echo "  Install it: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  echo "  (e.g. apt-get install dotnet-sdk-10.0 from Microsoft's package feed, or the dotnet-install.sh script)" >&2
  exit 1
fi

# The Api runs in Production, which never creates or alters the schema: the local cluster gets this version's here
# (nothing to do when it has it). A database given in PHOTONSUPPORT_DB is its operator's to migrate; the Api refuses
# to start on it until `dotnet run --project Migrations -- apply` has run.
if [[ -z "$given_db" ]]; then
  dotnet run --project Migrations -c Release -- apply
fi

url=${PHOTONSUPPORT_URL:-http://127.0.0.1:5080}
dotnet build Api -c Release -nologo -v quiet
# Every endpoint but /health and the OpenAPI document needs an API key: the first run makes a
# supervisor, an agent and an admin key (the admin loads the firmware library) in the local cluster
# and keeps their tokens in this file (mode 0600); later runs leave it as it is. The path is absolute
# because dotnet run starts the program in the project's folder.
keys=$PWD/.data/dev-keys.json
if [[ -z "$given_db" ]]; then
  dotnet run --project Api -c Release --no-build -- keys dev-bootstrap --file "$keys" --api "$url"
else
  echo "run.sh: the database was given (PHOTONSUPPORT_DB or ConnectionStrings__PhotonSupport), not started here:" >&2
  echo "  no development keys are made in it. Make keys there with: dotnet run --project Api -- keys create --role ROLE --name NAME" >&2
fi
# The key backup images are sealed under (the Api refuses to start without one), made once; lose the file
# and the images in .data/postgres are lost with it.
vault_keys=$PWD/.data/vault-keys.json
if [[ ! -e "$vault_keys" ]]; then
  dotnet run --project Api -c Release --no-build -- keys new-vault-key --file "$vault_keys"
fi
# With no SMTP server configured, owners' mail is written here as .eml files (absolute, like the keys file).
pickup=${PhotonSupport__Mail__PickupFolder:-$PWD/.data/mail-pickup}
# The backup-request mail's upload link starts with the Api's public address: where it listens, unless set.
public_url=${PhotonSupport__PublicUrl:-$url}
echo "PhotonSupport API: $url"
if [[ -z "$given_db" ]]; then echo "API keys (supervisor, agent, admin): $keys"; fi
echo "Backup vault keys: $vault_keys"
if [[ -z "${PhotonSupport__Mail__Smtp__Host:-}" ]]; then echo "Owners' mail (no SMTP server configured): $pickup"; fi
exec dotnet run --project Api -c Release --no-build -- --urls "$url" --PhotonSupport:Mail:PickupFolder "$pickup" \
  --PhotonSupport:Vault:KeyFile "$vault_keys" --PhotonSupport:PublicUrl "$public_url"

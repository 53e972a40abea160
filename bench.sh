#!/usr/bin/env bash
# Build the benchmark harness in Release and run it (issue 17): it starts its own PostgreSQL with durable
# settings (fsync on, as production) through deploy/local/postgres.sh, runs each scenario after a warm-up,
# prints the machine and one Markdown table (each figure beside its baseline, measured in the same run) on
# stdout, progress on stderr, and writes the figures to .data/bench/latest.json.
#
#   ./bench.sh [--quick] [--only throughput,latency,dispatch,queries,dfu,coldstart,mail,micro] [--output FILE]
#
# --quick runs every scenario briefly (under 5 minutes on a 2-core machine; the full run under 15).
# Installs nothing ./test.sh would not: PostgreSQL, when missing (as root or through sudo).
set -euo pipefail
cd "$(dirname "$0")"

./deploy/local/postgres.sh ensure-installed
dotnet build tests/PhotonSupport.Benchmarks -c Release -v quiet -nologo -clp:ErrorsOnly >&2
exec dotnet tests/PhotonSupport.Benchmarks/bin/Release/net10.0/PhotonSupport.Benchmarks.dll "$@"

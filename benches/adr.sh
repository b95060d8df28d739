#!/usr/bin/env bash
# Benchmark `idp adr new|index` against adr-tools on a repo with 1,000 ADRs (see benches/README.md).
#   cargo build --release && benches/adr.sh
# Environment: IDP (default target/release/idp), BENCH_RUNS (default 20), BENCH_ADRS (default 1000),
# BENCH_KEEP, BENCH_JSON, PYTHON (default python3).
# Builds nothing: it uses the idp binary you built. Installs adr-tools (apt) when run as root.
set -euo pipefail
name=adr.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_idp
bench_python
bench_git "the benchmark repos are git repos"

# The peer: Debian's adr-tools (`adr`).
if ! command -v adr >/dev/null; then
  install="apt-get install -y adr-tools"
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "adr.sh: adr-tools' \`adr\` is not on PATH; install it: sudo $install" >&2
    exit 2
  fi
  echo "adr.sh: installing the peer: $install" >&2
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q adr-tools >&2; then
    echo "adr.sh: retrying after apt-get update" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q adr-tools >&2 || {
        echo "adr.sh: could not install adr-tools; install it yourself: $install" >&2
        exit 2
      }
  fi
  command -v adr >/dev/null || { echo "adr.sh: adr-tools is installed but \`adr\` is not on PATH" >&2; exit 2; }
fi

cd "$root"
exec "$python" "$here/adr_compare.py" "$@"

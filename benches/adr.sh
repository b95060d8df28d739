#!/usr/bin/env bash
# Benchmark `idp adr new|index` against adr-tools on a repo with 1,000 ADRs (see benches/README.md).
#   cargo build --release && benches/adr.sh
# Environment: IDP (default target/release/idp), BENCH_RUNS (default 20), BENCH_ADRS (default 1000),
# BENCH_KEEP, BENCH_JSON, PYTHON (default python3).
# Builds nothing: it uses the idp binary you built. Installs adr-tools (apt) when run as root.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

# IDP relative to where you run this from; the default is the repo's release build.
if [ -n "${IDP:-}" ]; then
  case "$IDP" in /*) ;; *) IDP="$PWD/$IDP" ;; esac
else
  IDP="$root/target/release/idp"
fi
if [ ! -x "$IDP" ]; then
  echo "adr.sh: no idp binary at $IDP" >&2
  echo "adr.sh: build it first: (cd $root && cargo build --release), or point IDP at one" >&2
  exit 2
fi
export IDP

python="${PYTHON:-python3}"
command -v "$python" >/dev/null || { echo "adr.sh: $python not found (set PYTHON=...)" >&2; exit 2; }
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))' || {
  echo "adr.sh: $python is $("$python" -c 'import platform; print(platform.python_version())'); 3.9 or newer is needed (set PYTHON=...)" >&2
  exit 2
}
command -v git >/dev/null || { echo "adr.sh: git is needed (the benchmark repos are git repos)" >&2; exit 2; }

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

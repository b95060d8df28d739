#!/usr/bin/env bash
# Benchmark idp against cookiecutter and copier (see benches/README.md).
#   cargo build --release && benches/run.sh
# Environment: IDP (default target/release/idp), BENCH_RUNS (default 20), BENCH_KEEP, BENCH_JSON.
# Builds nothing: it uses the idp binary you built. Makes benches/.venv with the pinned peers.
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
  echo "run.sh: no idp binary at $IDP" >&2
  echo "run.sh: build it first: (cd $root && cargo build --release), or point IDP at one" >&2
  exit 2
fi
export IDP

venv="$here/.venv"
req="$here/peers/requirements.txt"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$req" "$venv/.requirements.installed"; then
  command -v "$python" >/dev/null || { echo "run.sh: $python not found (set PYTHON=...)" >&2; exit 2; }
  if [ ! -x "$venv/bin/python" ]; then
    echo "run.sh: creating $venv" >&2
    "$python" -m venv "$venv"
  fi
  echo "run.sh: installing the pinned peers from benches/peers/requirements.txt" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
  cp "$req" "$venv/.requirements.installed"
fi

cd "$root"
exec "$venv/bin/python" "$here/compare.py" "$@"

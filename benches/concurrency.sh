#!/usr/bin/env bash
# 16 CI-like jobs promoting 16 different apps of a 500-app platform repo at once, against one
# bare remote (see benches/README.md): how many land, how long all take against one alone, and
# how many lost races each made again.
#   cargo build --release && benches/concurrency.sh
# Environment: IDP (default target/release/idp), BENCH_APPS (default 500), BENCH_JOBS (default
# 16), BENCH_RUNS (default 3), BENCH_MODES (default "pr,direct"), BENCH_KEEP, BENCH_JSON,
# PYTHON (default python3).
# Builds nothing: it uses the idp binary you built. Needs git; installs nothing.
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
  echo "concurrency.sh: no idp binary at $IDP" >&2
  echo "concurrency.sh: build it first: (cd $root && cargo build --release), or point IDP at one" >&2
  exit 2
fi
export IDP

python="${PYTHON:-python3}"
command -v "$python" >/dev/null || { echo "concurrency.sh: $python not found (set PYTHON=...)" >&2; exit 2; }
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))' || {
  echo "concurrency.sh: $python is too old; 3.9 or newer is needed (set PYTHON=...)" >&2
  exit 2
}
command -v git >/dev/null || { echo "concurrency.sh: git is needed (idp pushes with it)" >&2; exit 2; }

cd "$root"
exec "$python" "$here/concurrency_report.py" "$@"

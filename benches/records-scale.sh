#!/usr/bin/env bash
# Benchmark `idp image set` (a pull request) in a platform repo holding 50,000 past promotion
# records against one holding none (see benches/README.md).
#   cargo build --release && benches/records-scale.sh
# Environment: IDP (default target/release/idp), BENCH_RUNS (default 20), BENCH_RECORDS (default
# 50000), BENCH_KEEP, BENCH_JSON, PYTHON (default python3).
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
  echo "records-scale.sh: no idp binary at $IDP" >&2
  echo "records-scale.sh: build it first: (cd $root && cargo build --release), or point IDP at one" >&2
  exit 2
fi
export IDP

python="${PYTHON:-python3}"
command -v "$python" >/dev/null || { echo "records-scale.sh: $python not found (set PYTHON=...)" >&2; exit 2; }
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))' || {
  echo "records-scale.sh: $python is too old; 3.9 or newer is needed (set PYTHON=...)" >&2
  exit 2
}
command -v git >/dev/null || { echo "records-scale.sh: git is needed (the benchmark repos are git repos)" >&2; exit 2; }

cd "$root"
exec "$python" "$here/records_scale.py" "$@"

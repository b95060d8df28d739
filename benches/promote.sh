#!/usr/bin/env bash
# Benchmark `idp promote` against `git commit` of the same one-file change, on platform repos
# with 50 and 5,000 apps (see benches/README.md).
#   cargo build --release && benches/promote.sh
# Environment: IDP (default target/release/idp), BENCH_RUNS (default 20), BENCH_APPS (default
# "50,5000"), BENCH_KEEP, BENCH_JSON, PYTHON (default python3).
# Builds nothing: it uses the idp binary you built. Needs git and cp; installs nothing.
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
  echo "promote.sh: no idp binary at $IDP" >&2
  echo "promote.sh: build it first: (cd $root && cargo build --release), or point IDP at one" >&2
  exit 2
fi
export IDP

python="${PYTHON:-python3}"
command -v "$python" >/dev/null || { echo "promote.sh: $python not found (set PYTHON=...)" >&2; exit 2; }
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))' || {
  echo "promote.sh: $python is $("$python" -c 'import platform; print(platform.python_version())'); 3.9 or newer is needed (set PYTHON=...)" >&2
  exit 2
}
command -v git >/dev/null || { echo "promote.sh: git is needed (the peer, and the benchmark repos are git repos)" >&2; exit 2; }

cd "$root"
exec "$python" "$here/promote_compare.py" "$@"

#!/usr/bin/env bash
# Benchmark `idp promote` against `git commit` of the same one-file change, on platform repos
# with 50 and 5,000 apps (see benches/README.md).
#   cargo build --release && benches/promote.sh
# Environment: IDP (default target/release/idp), BENCH_RUNS (default 20), BENCH_APPS (default
# "50,5000"), BENCH_KEEP, BENCH_JSON, PYTHON (default python3).
# Builds nothing: it uses the idp binary you built. Needs git and cp; installs nothing.
set -euo pipefail
name=promote.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_idp
bench_python
bench_git "the peer, and the benchmark repos are git repos"

cd "$root"
exec "$python" "$here/promote_compare.py" "$@"

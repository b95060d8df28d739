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
name=concurrency.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_idp
bench_python
bench_git "idp pushes with it"

cd "$root"
exec "$python" "$here/concurrency_report.py" "$@"

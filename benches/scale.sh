#!/usr/bin/env bash
# How idp's commands grow with the platform repo: each per-app command, validate and new-app at
# 50, 500 and 5,000 apps, against git commit -a and cat in the same run (issue 23; see
# benches/README.md).
#   cargo build --release && benches/scale.sh
# Environment: IDP (default target/release/idp), BENCH_RUNS (default 10), BENCH_SIZES (default
# "50,500,5000"), BENCH_KEEP, BENCH_JSON, PYTHON (default python3).
# Builds nothing: it uses the idp binary you built. Needs git, cp, xargs and cat; installs nothing.
set -euo pipefail
name=scale.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_idp
bench_python
bench_git "the benchmark repos are git repos, and git commit -a is the reference"

cd "$root"
exec "$python" "$here/scale.py" "$@"

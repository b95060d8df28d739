#!/usr/bin/env bash
# Benchmark `idp image set` (a pull request) in a platform repo holding 50,000 past promotion
# records against one holding none (see benches/README.md).
#   cargo build --release && benches/records-scale.sh
# Environment: IDP (default target/release/idp), BENCH_RUNS (default 20), BENCH_RECORDS (default
# 50000), BENCH_KEEP, BENCH_JSON, PYTHON (default python3).
# Builds nothing: it uses the idp binary you built. Needs git; installs nothing.
set -euo pipefail
name=records-scale.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_idp
bench_python
bench_git "the benchmark repos are git repos"

cd "$root"
exec "$python" "$here/records_scale.py" "$@"

# Shared preamble of the benchmark scripts (sourced, not run): where the repo is, which idp
# binary and which Python to use. Each script sets `name` (for messages) before sourcing.
here="$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

# IDP relative to where you run the script from; the default is the repo's release build.
bench_idp() {
  if [ -n "${IDP:-}" ]; then
    case "$IDP" in /*) ;; *) IDP="$PWD/$IDP" ;; esac
  else
    IDP="$root/target/release/idp"
  fi
  if [ ! -x "$IDP" ]; then
    echo "$name: no idp binary at $IDP" >&2
    echo "$name: build it first: (cd $root && cargo build --release), or point IDP at one" >&2
    exit 2
  fi
  export IDP
}

# PYTHON (default python3), 3.9 or newer.
bench_python() {
  python="${PYTHON:-python3}"
  command -v "$python" >/dev/null || { echo "$name: $python not found (set PYTHON=...)" >&2; exit 2; }
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))' || {
    echo "$name: $python is $("$python" -c 'import platform; print(platform.python_version())'); 3.9 or newer is needed (set PYTHON=...)" >&2
    exit 2
  }
}

# git, which the script needs for the reason `$1`.
bench_git() {
  command -v git >/dev/null || { echo "$name: git is needed ($1)" >&2; exit 2; }
}

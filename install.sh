#!/usr/bin/env bash
# Build idp from this checkout and install it, its shell completions and its man page
# under a prefix (default ~/.local). Safe to rerun: every file is replaced in place.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: ./install.sh [--prefix DIR]

Builds a release binary (cargo build --release --locked) and installs:
  DIR/bin/idp
  DIR/share/bash-completion/completions/idp
  DIR/share/zsh/site-functions/_idp
  DIR/share/fish/vendor_completions.d/idp.fish
  DIR/share/man/man1/idp.1, idp-*.1 (a page per subcommand)

options:
  --prefix DIR   install under DIR (default: ~/.local)
  -h, --help     print this help
EOF
}

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

prefix="${HOME:?HOME is not set}/.local"
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix)
      [ $# -ge 2 ] && [ -n "$2" ] || die "--prefix needs a directory"
      prefix="$2"
      shift 2
      ;;
    --prefix=*)
      prefix="${1#--prefix=}"
      [ -n "$prefix" ] || die "--prefix needs a directory"
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      usage >&2
      die "unknown argument \`$1\`"
      ;;
  esac
done

# A relative prefix is taken from the directory the script was started in.
case "$prefix" in
  /*) ;;
  *) prefix="$PWD/$prefix" ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

# rustup installs cargo in ~/.cargo/bin, which a fresh shell may not have on PATH yet.
if ! command -v cargo >/dev/null 2>&1 && [ -f "$HOME/.cargo/env" ]; then
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi
command -v cargo >/dev/null 2>&1 ||
  die "cargo not found; install Rust from https://rustup.rs and re-run ./install.sh"

printf 'building idp (cargo build --release --locked)\n' >&2
cargo build --release --locked

target_dir="${CARGO_TARGET_DIR:-target}"
bin="$target_dir/release/idp"
[ -x "$bin" ] || die "build finished but \`$bin\` is missing"

installed=()
put() { # put MODE SRC DEST
  install -D -m "$1" "$2" "$3"
  installed+=("$3")
}

put 755 "$bin" "$prefix/bin/idp"

comp="$here/completions"
missing=()
for pair in \
  "idp.bash:share/bash-completion/completions/idp" \
  "_idp:share/zsh/site-functions/_idp" \
  "idp.fish:share/fish/vendor_completions.d/idp.fish"; do
  src="$comp/${pair%%:*}"
  if [ -f "$src" ]; then
    put 644 "$src" "$prefix/${pair#*:}"
  else
    missing+=("completions/${pair%%:*}")
  fi
done

# The man pages: idp.1 and one per subcommand, written by the binary just built.
"$bin" man --out-dir "$prefix/share/man/man1" -q
installed+=("$prefix/share/man/man1/idp.1 (and idp-*.1, one per subcommand)")

printf 'installed:\n'
printf '  %s\n' "${installed[@]}"
if [ ${#missing[@]} -gt 0 ]; then
  printf 'warning: not in this checkout, skipped: %s\n' "${missing[*]}" >&2
  # shellcheck disable=SC2016
  printf '         (generate them with `idp completions SHELL`)\n' >&2
fi

case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *)
    printf 'warning: %s is not on PATH; add it with:\n' "$prefix/bin" >&2
    # shellcheck disable=SC2016
    printf '  export PATH="%s:$PATH"\n' "$prefix/bin" >&2
    ;;
esac

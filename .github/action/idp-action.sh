#!/usr/bin/env bash
# The logic of the idp GitHub Action (action.yml at the repository root), kept in one script so
# the tests can run it (tests/it/actions.rs). Three phases, each a step of the action:
#
#   idp-action.sh plan     check the inputs (a value outside its allowed set: `::error::`, exit 2),
#                          choose how idp is installed, write `mode`, `version`, `install-dir`,
#                          `cache-key` to $GITHUB_OUTPUT and the install dir's bin/ to $GITHUB_PATH
#   idp-action.sh install  install idp into the install dir: the release archive of the version
#                          for this runner, checksum verified; when there is none (or the version
#                          is `source`), `cargo install --locked --path` from the action's own source
#   idp-action.sh run      run `idp <command>` with CI=true in the working directory; its exit code
#                          becomes the `exit-code` output and the step's own exit code
#
# Inputs come as environment variables (never spliced into the script, so an input cannot
# inject shell code): IDP_INPUT_COMMAND, IDP_INPUT_VERSION, IDP_INPUT_WORKING_DIRECTORY,
# IDP_INPUT_TOKEN, IDP_INPUT_OUTPUT; and IDP_ACTION_PATH, IDP_ACTION_REF,
# IDP_ACTION_REPOSITORY, IDP_SERVER_URL from the `github` context.
#
# Release archives (ADR-0016): `<server>/<repository>/releases/download/<tag>/idp-<tag>-<target>.tar.gz`
# holding the `idp` binary at its root, with `idp-<tag>-<target>.tar.gz.sha256` beside it
# (`sha256sum` format). <target> is the Rust target triple: x86_64-unknown-linux-gnu,
# aarch64-unknown-linux-gnu, x86_64-apple-darwin, aarch64-apple-darwin. IDP_RELEASE_BASE_URL
# replaces `<server>/<repository>/releases/download` (a mirror; the tests use file://).
set -euo pipefail

die() { # die CODE MESSAGE: an annotation and an exit code (2: bad input)
  echo "::error title=idp action::$2"
  exit "$1"
}

output() { # output KEY VALUE
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
}

# The Rust target of this runner, or nothing when idp publishes no archive for it.
target() {
  local os="${RUNNER_OS:-$(uname -s)}" arch="${RUNNER_ARCH:-$(uname -m)}"
  case "$os/$arch" in
  Linux/X64 | Linux/x86_64) echo x86_64-unknown-linux-gnu ;;
  Linux/ARM64 | Linux/aarch64) echo aarch64-unknown-linux-gnu ;;
  macOS/X64 | Darwin/x86_64) echo x86_64-apple-darwin ;;
  macOS/ARM64 | Darwin/arm64) echo aarch64-apple-darwin ;;
  *) echo "" ;;
  esac
}

sha256() { # sha256 FILE: the hex digest
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

# The version to install: the input, else the action's own ref when it is a release tag.
version() {
  local v="${IDP_INPUT_VERSION:-}"
  if [ -z "$v" ]; then
    case "${IDP_ACTION_REF:-}" in
    v[0-9]*) v="$IDP_ACTION_REF" ;;
    *) v=source ;;
    esac
  fi
  echo "$v"
}

plan() {
  local command="${IDP_INPUT_COMMAND:-}" out="${IDP_INPUT_OUTPUT:-text}" wd="${IDP_INPUT_WORKING_DIRECTORY:-.}"
  [ -n "${command//[[:space:]]/}" ] || die 2 "input \`command\` is required: the idp arguments, e.g. \`validate\`"
  case "$out" in
  text | json | yaml) ;;
  *) die 2 "input \`output\` is \`$out\`: expected one of text, json, yaml" ;;
  esac
  [ -d "$wd" ] || die 2 "input \`working-directory\` is \`$wd\`: no such directory"
  local v
  v="$(version)"
  if [ "$v" != source ] && ! [[ "$v" =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
    die 2 "input \`version\` is \`$v\`: expected a release tag such as \`v0.1.0\`, or \`source\`"
  fi
  local mode=source t
  t="$(target)"
  if [ "$v" != source ] && [ -n "$t" ]; then
    mode=release
  fi
  # What the cache key names: a release by tag and target; a source build by a digest of the
  # action's sources (the action is checked out without .git, so there is no commit to name).
  local key
  if [ "$mode" = release ]; then
    key="release-$v-$t"
  else
    key="source-$(
      cd "${IDP_ACTION_PATH:?}" &&
        find Cargo.toml Cargo.lock build.rs src schemas policies runbooks golden-paths templates environments \
          -type f -print0 2>/dev/null | LC_ALL=C sort -z | xargs -0 cat | {
          if command -v sha256sum >/dev/null 2>&1; then sha256sum; else shasum -a 256; fi
        } | cut -c1-16
    )"
  fi
  local dir="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}}/idp/$key"
  output mode "$mode"
  output version "$v"
  output install-dir "$dir"
  output cache-key "$key"
  if [ -n "${GITHUB_PATH:-}" ]; then
    echo "$dir/bin" >>"$GITHUB_PATH"
  fi
  echo "idp $v: $mode install into $dir"
}

# Download the release archive of VERSION into DIR/bin. Returns 1 when there is none to be had
# (not published, no network): the caller builds from source. A checksum that does not match
# is fatal: a tampered or truncated archive is never installed, nor silently replaced.
from_release() {
  local v="$1" dir="$2" t base name tmp want got
  t="$(target)"
  [ -n "$t" ] || return 1
  base="${IDP_RELEASE_BASE_URL:-${IDP_SERVER_URL:-https://github.com}/${IDP_ACTION_REPOSITORY:-}/releases/download}"
  name="idp-$v-$t.tar.gz"
  tmp="$(mktemp -d)"
  echo "downloading $base/$v/$name"
  if ! curl -fsSL --retry 3 -o "$tmp/$name" "$base/$v/$name" ||
    ! curl -fsSL --retry 3 -o "$tmp/$name.sha256" "$base/$v/$name.sha256"; then
    echo "::warning title=idp action::no release archive \`$name\` for $v; building idp from source"
    rm -rf "$tmp"
    return 1
  fi
  want="$(cut -d' ' -f1 <"$tmp/$name.sha256")"
  got="$(sha256 "$tmp/$name")"
  if [ -z "$want" ] || [ "$want" != "$got" ]; then
    rm -rf "$tmp"
    die 1 "checksum mismatch for \`$name\`: expected \`$want\`, got \`$got\`; not installing it"
  fi
  mkdir -p "$dir/bin"
  tar -xzf "$tmp/$name" -C "$dir/bin"
  [ -f "$dir/bin/idp" ] || die 1 "\`$name\` holds no \`idp\` at its root"
  chmod +x "$dir/bin/idp"
  rm -rf "$tmp"
}

from_source() {
  local dir="$1" src="${IDP_ACTION_PATH:?}"
  [ -f "$src/Cargo.toml" ] || die 1 "cannot build idp: \`$src\` holds no Cargo.toml"
  command -v cargo >/dev/null 2>&1 || die 1 "cannot build idp from source: cargo is not installed (use a runner with Rust, or a version with release archives)"
  echo "building idp from $src"
  cargo install --locked --path "$src" --root "$dir"
}

install() {
  local v dir
  v="$(version)"
  dir="${IDP_INSTALL_DIR:?}"
  if [ "$v" != source ] && from_release "$v" "$dir"; then
    :
  else
    from_source "$dir"
  fi
  "$dir/bin/idp" --version
}

run() {
  local command="${IDP_INPUT_COMMAND:-}" args=() token="${IDP_INPUT_TOKEN:-}" words a
  [ -n "${command//[[:space:]]/}" ] || die 2 "input \`command\` is required: the idp arguments, e.g. \`validate\`"
  # Quotes group words ('a b', "a b"); nothing is expanded or executed: xargs only splits.
  words="$(mktemp)"
  if ! printf '%s' "$command" | xargs printf '%s\0' >"$words" 2>/dev/null; then
    rm -f "$words"
    die 2 "input \`command\` cannot be split into arguments (an unmatched quote?): $command"
  fi
  while IFS= read -r -d '' a; do args+=("$a"); done <"$words"
  rm -f "$words"
  if [ "${args[0]}" = idp ]; then
    args=("${args[@]:1}")
  fi
  cd "${IDP_INPUT_WORKING_DIRECTORY:-.}"
  export CI=true IDP_OUTPUT="${IDP_INPUT_OUTPUT:-text}"
  if [ -n "$token" ]; then
    echo "::add-mask::$token"
    export GH_TOKEN="$token"
  fi
  local code=0 stdout
  stdout="$(mktemp)"
  idp "${args[@]}" | tee "$stdout" || code="${PIPESTATUS[0]}"
  output exit-code "$code"
  if [ "$IDP_OUTPUT" = json ] && [ -n "${GITHUB_OUTPUT:-}" ]; then
    local eof
    eof="IDP_JSON_$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    { echo "json<<$eof"; cat "$stdout"; echo "$eof"; } >>"$GITHUB_OUTPUT"
  fi
  rm -f "$stdout"
  exit "$code"
}

case "${1:-}" in
plan) plan ;;
install) install ;;
run) run ;;
*)
  echo "usage: idp-action.sh plan|install|run" >&2
  exit 2
  ;;
esac

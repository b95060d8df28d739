#!/usr/bin/env bash
# Regenerate the peers' template files from the golden path's app/ tree, so the cookiecutter
# and copier skeletons stay equivalent to golden-paths/stateless-app/app/ when it changes.
# Only the skeleton files are (re)written; cookiecutter.json, copier.yml and the copier answers
# file template are hand-written and kept as they are. Run it from anywhere, then review the diff.
#
# Variable mapping (idp -> cookiecutter -> copier):
#   app.name/owner/description/port -> cookiecutter.<same> -> <same>
#   golden_path.name/version        -> cookiecutter._golden_path_name/_version -> golden_path_name/_version
#   registry.region, org, domain    -> cookiecutter._registry_region/_org/_domain -> registry_region/org/domain
#   environments                    -> cookiecutter._environments -> environments
#   `| yaml` (idp's filter)         -> `| tojson` (JSON is YAML; both peers have Jinja2's tojson)
# The GitHub Actions `${{ }}` expressions are already inside {% raw %} in the golden path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/../../golden-paths/stateless-app/app"
[ -d "$src" ] || { echo "sync.sh: no golden path app/ tree at $src" >&2; exit 2; }

convert() { # $1 = prefix for app parameters, $2 = prefix for platform constants
  local p="$1" c="$2"
  sed -e "s/{{ app\.name }}/{{ ${p}name }}/g" \
      -e "s/{{ app\.owner }}/{{ ${p}owner }}/g" \
      -e "s/{{ app\.port }}/{{ ${p}port }}/g" \
      -e "s/{{ app\.description | yaml }}/{{ ${p}description | tojson }}/g" \
      -e "s/{{ app\.description }}/{{ ${p}description }}/g" \
      -e "s/{{ golden_path\.name }}/{{ ${c}golden_path_name }}/g" \
      -e "s/{{ golden_path\.version }}/{{ ${c}golden_path_version }}/g" \
      -e "s/{{ registry\.region }}/{{ ${c}registry_region }}/g" \
      -e "s/{{ org }}/{{ ${c}org }}/g" \
      -e "s/{{ domain }}/{{ ${c}domain }}/g" \
      -e "s/{% for e in environments %}/{% for e in ${c}environments %}/g"
}

cc_root="$here/cookiecutter/{{cookiecutter.name}}"
cp_root="$here/copier/template"
rm -rf "$cc_root"
find "$cp_root" -mindepth 1 -not -name '{{ _copier_conf.answers_file }}' -delete 2>/dev/null || true
mkdir -p "$cc_root" "$cp_root"
(cd "$src" && find . -type f | sort) | while read -r f; do
  f="${f#./}"
  mkdir -p "$cc_root/$(dirname "$f")" "$cp_root/$(dirname "$f")"
  convert "cookiecutter." "cookiecutter._" < "$src/$f" > "$cc_root/$f"
  convert "" "" < "$src/$f" > "$cp_root/$f"
done
# Anything still referring to idp's nested names means the mapping above needs a new entry.
if grep -rnE '\{\{ *(app|golden_path|registry)\.' "$cc_root" "$cp_root"; then
  echo "sync.sh: unmapped idp variables left (see above); extend convert()" >&2
  exit 1
fi
echo "synced $(cd "$src" && find . -type f | wc -l) files into peers/cookiecutter and peers/copier"

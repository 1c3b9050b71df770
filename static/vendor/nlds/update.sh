#!/usr/bin/env bash
# Refreshes the vendored NL Design System CSS in this folder from the npm registry.
#
# Only needed when upgrading: the output is committed, so `make run` and `make test` need no npm.
# Usage: static/vendor/nlds/update.sh   (needs node + npm; writes only into this folder)
#
# What it does:
#   1. installs @utrecht/component-library-css (which pins every @utrecht/*-css component package)
#      and the open "voorbeeld" token theme into a temporary folder;
#   2. concatenates the component packages we use (COMPONENTS below) into utrecht-components.css,
#      each part headed by its package name and version;
#   3. copies the token theme to voorbeeld-design-tokens.css (selector .voorbeeld-theme, the
#      complete default token set; our own brand lives in static/css/soda-tokens.css);
#   4. copies the licences: every package's LICENSE file is compared, identical texts are stored
#      once (licenses/EUPL-1.2.md) and licenses/PACKAGES.txt says which package carries which file.
#      A package with a different licence text gets its own copy and a warning.
# Then update the versions table in README.md (printed at the end).
set -euo pipefail

COMPONENT_LIBRARY_VERSION="9.0.4"
TOKENS_PACKAGE="@nl-design-system-unstable/voorbeeld-design-tokens"
TOKENS_VERSION="7.4.1"
COMPONENTS=(
  document paragraph emphasis mark code link link-list
  heading-1 heading-2 heading-3 heading-4 heading-5 heading-6
  unordered-list ordered-list blockquote figure separator data-list
  button button-link button-group skip-link alert status-badge
  breadcrumb-nav pagination table
  form-field form-label form-field-description form-field-error-message form-fieldset
  textbox textarea select checkbox radio-button
)

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

npm install --prefix "$TMP" --ignore-scripts --no-audit --no-fund --no-save --loglevel=error \
  "@utrecht/component-library-css@${COMPONENT_LIBRARY_VERSION}" "${TOKENS_PACKAGE}@${TOKENS_VERSION}"

MODULES="$TMP/node_modules"
OUT="$HERE/utrecht-components.css"
LICENSES="$HERE/licenses"
rm -rf "$LICENSES"
mkdir -p "$LICENSES"
: > "$LICENSES/PACKAGES.txt"

version_of() { node -p "require('$1/package.json').version"; }
license_of() { node -p "require('$1/package.json').license || ''"; }

store_license() {  # $1 package name, $2 package dir
  local name="$1" dir="$2" file sum stored
  file="$(ls "$dir" | grep -iE '^licen[cs]e' | head -n1 || true)"
  if [[ -z "$file" ]]; then
    echo "ERROR: $name has no LICENSE file" >&2
    exit 1
  fi
  sum="$(sha256sum "$dir/$file" | cut -d' ' -f1)"
  stored=""
  for candidate in "$LICENSES"/*.md; do
    [[ -e "$candidate" ]] || continue
    if [[ "$(sha256sum "$candidate" | cut -d' ' -f1)" == "$sum" ]]; then stored="$(basename "$candidate")"; fi
  done
  if [[ -z "$stored" ]]; then
    if head -n1 "$dir/$file" | grep -q "EUROPEAN UNION PUBLIC LICENCE v. 1.2" && [[ ! -e "$LICENSES/EUPL-1.2.md" ]]; then
      stored="EUPL-1.2.md"
    else
      stored="$(echo "$name" | tr '/@' '__')-$file"
      echo "WARNING: $name has its own licence text, stored as licenses/$stored: read it" >&2
    fi
    cp "$dir/$file" "$LICENSES/$stored"
  fi
  printf '%s@%s\t%s\tlicenses/%s\n' "$name" "$(version_of "$dir")" "$(license_of "$dir")" "$stored" >> "$LICENSES/PACKAGES.txt"
}

{
  echo "/* NL Design System component CSS, vendored by static/vendor/nlds/update.sh from"
  echo "   @utrecht/component-library-css@${COMPONENT_LIBRARY_VERSION}. Licence: EUPL-1.2 (licenses/EUPL-1.2.md)."
  echo "   Do not edit: change static/css/soda.css or soda-tokens.css instead. */"
} > "$OUT"
store_license "@utrecht/component-library-css" "$MODULES/@utrecht/component-library-css"
for component in "${COMPONENTS[@]}"; do
  dir="$MODULES/@utrecht/${component}-css"
  if [[ ! -f "$dir/dist/index.css" ]]; then
    echo "ERROR: @utrecht/${component}-css has no dist/index.css" >&2
    exit 1
  fi
  printf '\n/* ---- @utrecht/%s-css@%s ---- */\n' "$component" "$(version_of "$dir")" >> "$OUT"
  cat "$dir/dist/index.css" >> "$OUT"
  store_license "@utrecht/${component}-css" "$dir"
done

tokens_dir="$MODULES/$TOKENS_PACKAGE"
{
  echo "/* Default NL Design System token set (the open \"voorbeeld\" example theme), vendored by"
  echo "   static/vendor/nlds/update.sh from ${TOKENS_PACKAGE}@${TOKENS_VERSION}. Licence: EUPL-1.2."
  echo "   Applies under .voorbeeld-theme (on <html>); our brand overrides it in static/css/soda-tokens.css. */"
  cat "$tokens_dir/dist/theme.css"
} > "$HERE/voorbeeld-design-tokens.css"
store_license "$TOKENS_PACKAGE" "$tokens_dir"

# The CSS must not reach out to any other host (no CDN, no web fonts from elsewhere).
if grep -nE 'url\((["'"'"'])?(https?:)?//' "$OUT" "$HERE/voorbeeld-design-tokens.css"; then
  echo "ERROR: vendored CSS refers to an external URL" >&2
  exit 1
fi

echo "Done. Versions:"
cat "$LICENSES/PACKAGES.txt"
echo "Update the table in $HERE/README.md if a version changed."

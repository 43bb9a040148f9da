#!/usr/bin/env bash
# Turns the live URL of a deploy into the URL lists the health-check steps take.
# In: LIVE_URL, SMOKE_PATHS (one path per line), VERSION_PATH (empty: no version check).
# Out (GITHUB_OUTPUT): health (`/health/live` and `/health/ready`), version, smoke.
set -euo pipefail

if [ -z "${LIVE_URL:-}" ]; then
  echo "::error::No live URL to check: the deployment reported none (a worker-only app has none) or the \`url\` input is empty."
  exit 1
fi
base=${LIVE_URL%/}

join_path() {
  local path=$1
  [ "${path:0:1}" = / ] || path="/$path"
  printf '%s%s\n' "$base" "$path"
}

smoke=""
while IFS= read -r line; do
  path=$(printf '%s' "$line" | tr -d '[:space:]')
  [ -n "$path" ] && [ "${path:0:1}" != '#' ] || continue
  smoke+=$(join_path "$path")$'\n'
done <<< "${SMOKE_PATHS:-}"

{
  printf 'health<<EOF_HEALTH\n%s\n%s\nEOF_HEALTH\n' "$base/health/live" "$base/health/ready"
  if [ -n "${VERSION_PATH:-}" ]; then printf 'version=%s' "$(join_path "$VERSION_PATH")"; echo; fi
  printf 'smoke<<EOF_SMOKE\n%sEOF_SMOKE\n' "$smoke"
} >> "$GITHUB_OUTPUT"

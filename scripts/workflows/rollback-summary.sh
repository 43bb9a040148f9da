#!/usr/bin/env bash
# After a rollback: what was live before and what is live now, read from App Platform's record
# of both deployments (their specs name the images), written to the job summary.
# In: ENVIRONMENT, VERSION, OUTCOME, IMAGE_REF, APP_ID, DEPLOYMENT_ID, PREVIOUS_DEPLOYMENT_ID,
# LIVE_URL, DO_API_URL, DIGITALOCEAN_TOKEN.
set -euo pipefail

# The token goes to curl in a file (mode 600), never on a command line other processes can read.
auth_header=$(mktemp)
trap 'rm -f "$auth_header"' EXIT
printf 'Authorization: Bearer %s\n' "${DIGITALOCEAN_TOKEN:-}" > "$auth_header"

# `component: registry/repository@digest` (or `:tag`) for every image component of a deployment.
deployment_images() {
  local id=$1
  if [ -z "$id" ] || [ -z "${APP_ID:-}" ] || [ -z "${DIGITALOCEAN_TOKEN:-}" ]; then
    echo "unknown"
    return
  fi
  local body
  if ! body=$(curl --silent --show-error --fail --max-time 20 --retry 3 \
    --header "@$auth_header" \
    "${DO_API_URL%/}/v2/apps/$APP_ID/deployments/$id" 2> /dev/null); then
    echo "unknown (the API did not answer)"
    return
  fi
  jq -r '[.deployment.spec | (.services, .workers, .jobs) | .[]? | select(.image)
      | "\(.name): \([.image.registry, .image.repository] | map(select(. != null and . != "")) | join("/"))"
        + (if .image.digest then "@\(.image.digest)" else ":\(.image.tag // "latest")" end)]
    | if length == 0 then "no image components" else join("<br>") end' <<< "$body"
}

before=$(deployment_images "${PREVIOUS_DEPLOYMENT_ID:-}")
now=$(deployment_images "${DEPLOYMENT_ID:-}")
if [ "${OUTCOME:-}" = success ]; then
  headline="✅ **$ENVIRONMENT** rolled back to \`$VERSION\`: now serving at ${LIVE_URL:-(no URL)}"
else
  headline="❌ **$ENVIRONMENT** rollback to \`$VERSION\` did not finish (${OUTCOME:-unknown})"
fi
{
  echo "## $headline"
  echo
  echo "| | deployment | images |"
  echo "| --- | --- | --- |"
  echo "| before | \`${PREVIOUS_DEPLOYMENT_ID:-unknown}\` | $before |"
  echo "| now | \`${DEPLOYMENT_ID:-none}\` | $now |"
  [ -z "${IMAGE_REF:-}" ] || echo "| requested | | \`$IMAGE_REF\` |"
} >> "$GITHUB_STEP_SUMMARY"

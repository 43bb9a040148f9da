#!/usr/bin/env bash
# The five-second summary of a deploy job, on top of the summaries the actions wrote.
# In: ENVIRONMENT, OUTCOME (job.status), IMAGE_REF, TAGS, SBOM_COMPONENTS, DEPLOYMENT_ID,
# LIVE_URL; GITHUB_SHA, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID from the runner.
set -euo pipefail

sha7=${GITHUB_SHA::7}
run_url="${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_REPOSITORY:-}/actions/runs/${GITHUB_RUN_ID:-}"
if [ "${OUTCOME:-}" = success ]; then
  headline="✅ **$ENVIRONMENT** is serving \`$sha7\` at ${LIVE_URL:-(no URL)}"
else
  headline="❌ **$ENVIRONMENT** deploy of \`$sha7\` did not finish: ${OUTCOME:-unknown} (see [the run]($run_url))"
fi
tags=$(printf '%s' "${TAGS:-}" | tr '\n,' '  ' | xargs)
{
  echo "## $headline"
  echo
  echo "| | |"
  echo "| --- | --- |"
  echo "| commit | \`${GITHUB_SHA:-}\` |"
  echo "| image | \`${IMAGE_REF:-not built}\` |"
  [ -z "$tags" ] || echo "| tags | \`$tags\` |"
  [ -z "${SBOM_COMPONENTS:-}" ] || echo "| SBOM | $SBOM_COMPONENTS components |"
  echo "| deployment | \`${DEPLOYMENT_ID:-none}\` |"
  echo "| live URL | ${LIVE_URL:-none} |"
} >> "$GITHUB_STEP_SUMMARY"

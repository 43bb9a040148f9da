#!/usr/bin/env bash
# Whether staging verified this commit: the latest deployment of SHA to the `staging`
# environment (the one the deploy-staging job recorded) has the final status `success`,
# which GitHub sets only when that job, health and smoke checks included, succeeded.
# In: GH_TOKEN, GITHUB_API_URL, REPOSITORY, SHA, ENVIRONMENT (default staging).
# Out: exit 0 when verified; else an ::error:: (or ::warning:: with WARN_ONLY=true) and exit 1.
set -euo pipefail

environment=${ENVIRONMENT:-staging}
api=${GITHUB_API_URL:-https://api.github.com}
say() { if [ "${WARN_ONLY:-false}" = true ]; then echo "::warning::$1"; else echo "::error::$1"; fi; }

get() {
  curl --silent --show-error --fail --max-time 30 --retry 3 \
    --header "Authorization: Bearer $GH_TOKEN" --header 'Accept: application/vnd.github+json' \
    --header 'X-GitHub-Api-Version: 2022-11-28' "$api/repos/$REPOSITORY/$1"
}

deployment=$(get "deployments?sha=$SHA&environment=$environment&per_page=1" | jq -r '.[0].id // empty')
if [ -z "$deployment" ]; then
  say "$environment never deployed ${SHA::7}: there is no verified image to promote."
  exit 1
fi
state=$(get "deployments/$deployment/statuses?per_page=1" | jq -r '.[0].state // "none"')
if [ "$state" != success ]; then
  say "The $environment deployment of ${SHA::7} (#$deployment) ended '$state', not 'success': it was not verified."
  exit 1
fi
echo "$environment verified ${SHA::7} (deployment #$deployment: success)."

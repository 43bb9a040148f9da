#!/usr/bin/env bash
# Whether staging verified this commit: the newest deployment of SHA to the `staging`
# environment made by a deploy-staging run has the final status `success`, which GitHub sets
# only when that job, health and smoke checks included, succeeded. Deployments made by other
# jobs in that environment (a rollback dispatched from the same commit) verified no image of
# this commit and are passed over: each deployment's status links to the run that made it, and
# the run lists the reusable workflows it called.
# In: GH_TOKEN (actions: read, deployments: read), GITHUB_API_URL, REPOSITORY, SHA,
# ENVIRONMENT (default staging).
# Out: exit 0 when verified; else an ::error:: (or ::warning:: with WARN_ONLY=true) and exit 1.
set -euo pipefail

environment=${ENVIRONMENT:-staging}
api=${GITHUB_API_URL:-https://api.github.com}
say() { if [ "${WARN_ONLY:-false}" = true ]; then echo "::warning::$1"; else echo "::error::$1"; fi; }

# The token goes to curl in a file (mode 600), never on a command line other processes can read.
auth_header=$(mktemp)
trap 'rm -f "$auth_header"' EXIT
printf 'Authorization: Bearer %s\n' "$GH_TOKEN" > "$auth_header"

get() {
  curl --silent --show-error --fail --max-time 30 --retry 3 \
    --header "@$auth_header" --header 'Accept: application/vnd.github+json' \
    --header 'X-GitHub-Api-Version: 2022-11-28' "$api/repos/$REPOSITORY/$1"
}

# Whether the workflow run behind a deployment status link called deploy-staging.yml.
made_by_deploy_staging() {
  local run_id
  run_id=$(sed -nE 's#.*/actions/runs/([0-9]+)([/?].*)?$#\1#p' <<< "$1")
  [ -n "$run_id" ] || return 1
  get "actions/runs/$run_id" |
    jq -e '[.referenced_workflows[]?.path | test("/\\.github/workflows/deploy-staging\\.ya?ml@")] | any' > /dev/null
}

deployments=$(get "deployments?sha=$SHA&environment=$environment&per_page=30" | jq -r '.[].id')
for deployment in $deployments; do
  status=$(get "deployments/$deployment/statuses?per_page=1")
  state=$(jq -r '.[0].state // "none"' <<< "$status")
  link=$(jq -r '.[0] | .log_url // .target_url // ""' <<< "$status")
  if ! made_by_deploy_staging "$link"; then
    echo "Passing over $environment deployment #$deployment: not made by deploy-staging (${link:-no run link})."
    continue
  fi
  if [ "$state" != success ]; then
    say "The $environment deployment of ${SHA::7} (#$deployment) ended '$state', not 'success': it was not verified."
    exit 1
  fi
  echo "$environment verified ${SHA::7} (deployment #$deployment: success)."
  exit 0
done
say "$environment never deployed ${SHA::7} with deploy-staging: there is no verified image to promote."
exit 1

#!/usr/bin/env bash
# Resolves the `version` of a rollback and proves the image exists before anything changes.
# In: VERSION (`previous`, `sha256:<64 hex>`, or a tag such as `v1.4.2` / `prod-<sha7>`),
# IMAGE (default `ghcr.io/<owner>/<repo>`), REGISTRY_USERNAME, REGISTRY_PASSWORD.
# Out (GITHUB_OUTPUT): `rollback-to=previous`, or `image-ref=<image>@sha256:…`.
# Speaks the registry API (v2) with curl: plain HTTP for localhost/127.0.0.0/8, else HTTPS;
# a 401 challenge is answered with a bearer token (or basic auth) from the credentials.
set -euo pipefail

fail() { echo "::error::$1"; exit 1; }

version=$(printf '%s' "${VERSION:-}" | tr -d '[:space:]')
if [ "$version" = previous ]; then
  echo "Rolling back to the app's previous deployment (App Platform rollback)."
  echo "rollback-to=previous" >> "$GITHUB_OUTPUT"
  exit 0
elif [[ $version =~ ^sha256:[0-9a-f]{64}$ ]]; then
  reference=$version
elif [[ $version =~ ^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$ ]]; then
  reference=$version
else
  fail "Input 'version': expected a tag (v1.4.2, prod-<sha7>), a digest (sha256:<64 hex>) or 'previous', got '${VERSION:-}'."
fi

image=${IMAGE:-ghcr.io/${GITHUB_REPOSITORY,,}}
image=${image%%@*}
first=${image%%/*}
if [[ $image == */* && ( $first == *.* || $first == *:* || $first == localhost ) ]]; then
  host=$first repository=${image#*/}
else
  host=docker.io repository=$image
fi
[ "$host" != docker.io ] || { host=registry-1.docker.io; [[ $repository == */* ]] || repository="library/$repository"; }
hostname=${host%:*}
if [[ $hostname == localhost || $hostname =~ ^127\. ]]; then scheme=http; else scheme=https; fi

manifest_url="$scheme://$host/v2/$repository/manifests/$reference"
accept='application/vnd.oci.image.index.v1+json,application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.list.v2+json,application/vnd.docker.distribution.manifest.v2+json'
headers=$(mktemp)
# Credentials go to curl in files (mode 600), never on a command line other processes can read.
basic_header=$(mktemp)
bearer_header=$(mktemp)
trap 'rm -f "$headers" "$basic_header" "$bearer_header"' EXIT

head_manifest() {
  curl --silent --show-error --head --max-time 30 --retry 3 --retry-connrefused \
    --header "Accept: $accept" "$@" --dump-header "$headers" --output /dev/null \
    --write-out '%{http_code}' "$manifest_url"
}

status=$(head_manifest) || fail "Could not reach the registry at $scheme://$host."
if [ "$status" = 401 ]; then
  challenge=$(grep -i '^www-authenticate:' "$headers" | head -n 1 | tr -d '\r' || true)
  auth=()
  if [ -n "${REGISTRY_PASSWORD:-}" ]; then
    printf 'Authorization: Basic %s\n' "$(printf '%s:%s' "${REGISTRY_USERNAME:-token}" "$REGISTRY_PASSWORD" | base64 -w 0)" > "$basic_header"
    auth=(--header "@$basic_header")
  fi
  if [[ $challenge =~ [Bb]earer ]]; then
    realm=$(sed -E 's/.*realm="([^"]*)".*/\1/' <<< "$challenge")
    service=$(sed -nE 's/.*service="([^"]*)".*/\1/p' <<< "$challenge")
    token=$(curl --silent --show-error --fail --max-time 30 --retry 3 "${auth[@]}" --get \
      --data-urlencode "service=$service" --data-urlencode "scope=repository:$repository:pull" \
      "$realm" | jq -r '.token // .access_token // empty') || fail "The registry $host refused the credentials."
    [ -n "$token" ] || fail "The registry $host returned no token."
    echo "::add-mask::$token"
    printf 'Authorization: Bearer %s\n' "$token" > "$bearer_header"
    status=$(head_manifest --header "@$bearer_header")
  else
    status=$(head_manifest "${auth[@]}")
  fi
fi

case "$status" in
  200) ;;
  404) fail "$image:$reference does not exist in the registry ($host); nothing was changed." ;;
  401 | 403) fail "The registry $host denied access to $repository ($status); nothing was changed." ;;
  *) fail "The registry $host answered $status for $image:$reference; nothing was changed." ;;
esac

digest=$(grep -i '^docker-content-digest:' "$headers" | head -n 1 | tr -d '\r' | awk '{print $2}')
[[ $digest =~ ^sha256:[0-9a-f]{64}$ ]] || fail "The registry $host did not say the digest of $image:$reference."
if [[ $reference == sha256:* && $digest != "$reference" ]]; then
  fail "The registry $host returned $digest for $reference."
fi
echo "$image:$reference exists: $image@$digest"
echo "image-ref=$image@$digest" >> "$GITHUB_OUTPUT"

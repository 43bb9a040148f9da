#!/usr/bin/env bash
# What a submission of HEAD weighs (the limits are 512 MiB packed and 256 MiB of diffs as text).
set -euo pipefail
packed=$(git rev-list --objects HEAD | git pack-objects --stdout -q | wc -c)
diffs=$(git log -p --format= HEAD | wc -c)
echo "packed: $((packed / 1024)) KiB; diffs as text: $((diffs / 1024)) KiB"

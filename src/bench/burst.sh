#!/usr/bin/env bash
# N parallel `ssocred process` calls; fails unless every one printed credentials.
set -uo pipefail
n=$1; profile=$2
ssocred="$(cd "$(dirname "$0")/../.." && pwd)/target/ssocred"
dir=$(mktemp -d)
for i in $(seq "$n"); do "$ssocred" process --profile "$profile" > "$dir/$i.out" 2> "$dir/$i.err" & done
failed=0
for job in $(jobs -p); do wait "$job" || failed=$((failed + 1)); done
# One grep for all the answers: 32 of them took ~40 ms, which the floor (parallel.sh) does not pay.
[ -z "$(grep -L '"AccessKeyId"' "$dir"/*.out)" ] || failed=$((failed + 1))
[ "$failed" = 0 ] || { cat "$dir"/*.err >&2; rm -rf "$dir"; exit 1; }
rm -rf "$dir"

#!/usr/bin/env bash
# N parallel `ssocred process` calls, each answer read through a pipe as an SDK reads credential_process's; fails
# unless every call exited 0 and printed credentials. run.sh runs it on an expiring token (the burst) and on a warm
# cache (its floor, 32 warm calls), so that what the harness costs is on both sides.
# A pipe, not a file: a regular file as stdout costs each JVM ~6 ms more (the launcher's --add-opens for it), which
# no SDK pays; with files the burst paid ~0.1 s that its floor, whose calls wrote to /dev/null, did not.
set -uo pipefail
n=$1; profile=$2
ssocred="$(cd "$(dirname "$0")/../.." && pwd)/target/ssocred"
dir=$(mktemp -d)
pipes=(); pids=()
for i in $(seq "$n"); do
  exec {fd}< <(exec "$ssocred" process --profile "$profile" 2> "$dir/$i.err")
  pipes+=("/dev/fd/$fd"); pids+=("$!")
done
failed=0
# One reader and one count for all the answers: a process per answer would be the harness's cost, not ssocred's.
answers=$(cat "${pipes[@]}" | grep -c '"AccessKeyId"')
[ "$answers" = "$n" ] || failed=1
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ "$failed" = 0 ] || { echo "burst.sh: $answers answers of $n" >&2; cat "$dir"/*.err >&2; rm -rf "$dir"; exit 1; }
rm -rf "$dir"

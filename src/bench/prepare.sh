#!/usr/bin/env bash
# Before each timed run. cold: drop the cached role credentials. burst: also move the token into the 15-minute
# refresh window, so that the run must refresh it (once) and fetch credentials (once).
set -euo pipefail
rm -f "$BENCH_HOME"/.aws/cli/cache/*.json
if [ "$1" = burst ]; then
  python3 - "$BENCH_HOME" <<'PY'
import datetime, glob, json, sys
for path in glob.glob(sys.argv[1] + "/.aws/sso/cache/*.json"):
    with open(path) as f:
        token = json.load(f)
    if "accessToken" not in token:
        continue
    soon = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=5)
    token["expiresAt"] = soon.strftime("%Y-%m-%dT%H:%M:%SZ")
    with open(path, "w") as f:
        f.write(json.dumps(token))
PY
fi

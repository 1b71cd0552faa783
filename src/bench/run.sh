#!/usr/bin/env bash
# ssocred credential_process latency against the peers, from one benchmark run (docs/performance.md).
#
#   mvn -q -DskipTests package && src/bench/run.sh        # RUNS=20 by default, in ROUNDS=4; RUNS=40 src/bench/run.sh
#   ONLY='ssocred-burst32|ssocred-warm-x32' src/bench/run.sh # only the cases whose names match (an egrep pattern):
#                                                             # one lever's A/B in a minute; no serve or login figures
#
# Starts the project's local Identity Center emulator, prepares a throwaway HOME, installs what it needs into
# build directories (hyperfine from Debian if missing, the JavaScript SDK into target/bench), and prints medians
# and ratios: warm (role credentials cached), cold (token cached, role credentials not), burst (32 parallel calls on
# an expiring token), against the AWS SDK for JavaScript v3 fromSSO, boto3, the AWS CLI v2, and a Java hello world.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
ssocred="$root/target/ssocred"
bench="$root/src/bench"
work="$root/target/bench"
runs=${RUNS:-20}
[ -x "$ssocred" ] || { echo "run.sh: build first: mvn -q -DskipTests package" >&2; exit 1; }

if ! command -v hyperfine >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq hyperfine >/dev/null
fi
mkdir -p "$work"
if [ ! -d "$work/node_modules/@aws-sdk/credential-providers" ]; then
  cp "$root/src/test/interop/package.json" "$work/package.json"
  npm install --prefix "$work" --no-audit --no-fund --loglevel=error
fi
mkdir -p "$work/hello"
javac -d "$work/hello" "$bench/Hello.java"

# The emulator, with a signed-in session in a throwaway HOME; its stdin is held open by fd 3.
home="$work/home"
rm -rf "$home" "$work/emu.in"
mkdir -p "$home"
mkfifo "$work/emu.in"
SSOCRED_CDS=off HOME="$home" "$ssocred" emulator --home "$home" < "$work/emu.in" > "$work/emu.out" 2> "$work/emu.err" &
emu_pid=$!
exec 3> "$work/emu.in"
trap 'exec 3>&-; wait "$emu_pid" 2>/dev/null || true; rm -f "$work/emu.in"' EXIT
for _ in $(seq 100); do grep -q AWS_ENDPOINT_URL= "$work/emu.out" 2>/dev/null && break; sleep 0.1; done
endpoint=$(sed -n 's/^AWS_ENDPOINT_URL=//p' "$work/emu.out")
[ -n "$endpoint" ] || { echo "run.sh: the emulator did not start" >&2; cat "$work/emu.err" >&2; exit 1; }

# Everything below runs in the throwaway HOME against the emulator, with nothing of the caller's AWS setup.
export HOME="$home" AWS_ENDPOINT_URL_SSO="$endpoint" AWS_ENDPOINT_URL_SSO_OIDC="$endpoint" AWS_EC2_METADATA_DISABLED=true
unset AWS_CA_BUNDLE AWS_PROFILE AWS_DEFAULT_PROFILE AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
export NODE_PATH="$work/node_modules" BENCH_HOME="$home"
profile=bench-readonly

"$ssocred" warmup                                   # the class-data archive, as an installed ssocred has it
"$ssocred" process --profile "$profile" > /dev/null # fills ~/.aws/cli/cache for the warm runs

# The hello worlds start with the launcher's flags for their JDK (src/main/sh/launcher.sh): G1 before JDK 25, the
# serial collector from 25 on, and no perf data file.
major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
gc=-XX:+UseG1GC; [ "${major:-0}" -ge 25 ] && gc=-XX:+UseSerialGC
hello="java -Xshare:auto -XX:TieredStopAtLevel=1 $gc -XX:-UsePerfData -cp $work/hello Hello"
names=(java-hello ssocred-warm ssocred-env-warm js-fromSSO boto3 ssocred-cold ssocred-burst32 java-hello-x32 ssocred-warm-x32)
commands=("$hello"
  "$ssocred process --profile $profile"
  "$ssocred env $profile"
  "node $bench/js_resolve.cjs $profile"
  "python3 $bench/boto3_resolve.py $profile"
  "$ssocred process --profile $profile"
  "$bench/burst.sh 32 $profile"
  "$bench/parallel.sh 32 $hello"
  "$bench/burst.sh 32 $profile")
prepares=(true true true true true "$bench/prepare.sh cold" "$bench/prepare.sh burst" true true)
# The tarball's install (its own jlink runtime and package-time AOT cache), when mvn package could build it.
tarball=$(ls "$root"/target/ssocred-*-linux-x64.tar.gz 2>/dev/null | head -1 || true)
if [ -n "$tarball" ]; then
  rm -rf "$work/bundle" && mkdir -p "$work/bundle" && tar xzf "$tarball" -C "$work/bundle" --strip-components=1
  names+=(bundle-java-hello bundle-warm bundle-version)
  commands+=("$work/bundle/runtime/bin/java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp $work/hello Hello"
    "$work/bundle/bin/ssocred process --profile $profile" "$work/bundle/bin/ssocred --version")
  prepares+=(true true true)
fi
# Cold over TLS, as against the real service: a local TLS front for the emulator (a throwaway self-signed
# certificate, trusted through AWS_CA_BUNDLE by both), ssocred against boto3.
if command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/tls.key" -out "$work/tls.pem" -days 1 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null
  python3 "$bench/tls_front.py" "$work/tls.pem" "$work/tls.key" "${endpoint##*:}" > "$work/tls.port" &
  tls_pid=$!
  trap 'kill "$tls_pid" 2>/dev/null; exec 3>&-; wait "$emu_pid" 2>/dev/null || true; rm -f "$work/emu.in"' EXIT
  for _ in $(seq 50); do [ -s "$work/tls.port" ] && break; sleep 0.1; done
  tls="env AWS_ENDPOINT_URL_SSO=https://localhost:$(cat "$work/tls.port") AWS_ENDPOINT_URL_SSO_OIDC=https://localhost:$(cat "$work/tls.port") AWS_CA_BUNDLE=$work/tls.pem"
  # boto3 first: ssocred's last run leaves the role credentials cached, which the AWS CLI's run below reads.
  names+=(boto3-tls ssocred-cold-tls)
  commands+=("$tls python3 $bench/boto3_resolve.py $profile" "$tls $ssocred process --profile $profile")
  prepares+=("$bench/prepare.sh cold" "$bench/prepare.sh cold")
fi
names+=(system-version system-help)
commands+=("$ssocred --version" "$ssocred --help")
prepares+=(true true)
# A warm call with a config as `ssocred populate` leaves it for 100 accounts of 3 roles: 300 profiles (41 KB) before
# the benchmark's own. Every call parses the whole file, so its size is part of every call's cost.
python3 - "$home/.aws/config" "$work/big-config" <<'PY'
import sys
with open(sys.argv[2], "w") as f:
    for i in range(300):
        f.write(f"[profile acct{i:03d}-ReadOnly]\nsso_session = bench\nsso_account_id = {100000000000 + i}\n"
                "sso_role_name = ReadOnly\nregion = us-east-1\noutput = json\n\n")
    f.write(open(sys.argv[1]).read())
PY
names+=(ssocred-warm-bigcfg)
commands+=("env AWS_CONFIG_FILE=$work/big-config $ssocred process --profile $profile")
prepares+=(true)
aws2=""
for a in /usr/bin/aws $(command -v -a aws 2>/dev/null || true); do
  if "$a" --version 2>&1 | grep -q '^aws-cli/2\.'; then aws2=$a; break; fi
done
if [ -n "$aws2" ]; then
  # The installed CLI v2 (2.9) cannot reach a local portal (endpoint variables came in 2.13), so it joins the warm
  # comparison only, where it reads the role credentials ssocred cached.
  names+=(aws-cli-v2-warm)
  commands+=("$aws2 configure export-credentials --profile $profile")
  prepares+=(true)
fi

args=()
for i in "${!names[@]}"; do
  if [ -n "${ONLY:-}" ] && ! grep -Eqx "$ONLY" <<< "${names[$i]}"; then continue; fi
  args+=(--prepare "${prepares[$i]}" -n "${names[$i]}" "${commands[$i]}")
done
before=$(python3 "$bench/calls.py" "$endpoint")
# In rounds (ROUNDS=4 by default), each command's runs split among them: the machine's speed drifts over minutes,
# and a ratio of two commands measured minutes apart would carry the drift (merge.py).
rounds=${ROUNDS:-4}
per=$(( (runs + rounds - 1) / rounds ))
rm -f "$work"/result-*.json
for r in $(seq "$rounds"); do
  hyperfine -N --style basic --warmup 1 --runs "$per" --export-json "$work/result-$r.json" "${args[@]}" >&2
done
python3 "$bench/merge.py" "$work/result.json" "$work"/result-*.json
after=$(python3 "$bench/calls.py" "$endpoint")
rss=$(python3 "$bench/rss.py" "$ssocred" process --profile "$profile")
python3 "$bench/report.py" "$work/result.json" "$before" "$after" "$rss" "$(( (per + 1) * rounds ))"
[ -z "${ONLY:-}" ] || exit 0

# ssocred serve: what an SDK pays per credentials request once the endpoint runs (goal <= 2 ms).
"$ssocred" serve "$profile" > "$work/serve.env" 2> /dev/null &
serve_pid=$!
for _ in $(seq 100); do [ "$(wc -l < "$work/serve.env")" -ge 2 ] && break; sleep 0.1; done
serve_uri=$(sed -n "s/^export AWS_CONTAINER_CREDENTIALS_FULL_URI='\(.*\)'$/\1/p" "$work/serve.env")
serve_token=$(sed -n "s/^export AWS_CONTAINER_AUTHORIZATION_TOKEN='\(.*\)'$/\1/p" "$work/serve.env")
python3 "$bench/serve_latency.py" "$serve_uri" "$serve_token" 500
kill "$serve_pid"

# Last, since it signs the HOME out: login up to its prompt.
HELLO="$hello" python3 "$bench/prompt.py" "$work/result.json" "$runs" "$home" "$ssocred" login --profile "$profile"

"""Turns hyperfine's JSON into the table of medians and ratios that docs/performance.md quotes."""
import json
import sys

results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
before, after = json.loads(sys.argv[2]), json.loads(sys.argv[3])
rss, burst_runs = float(sys.argv[4]), int(sys.argv[5])
median = {name: r["median"] * 1000 for name, r in results.items()}


def row(name, note=""):
    if name in median:
        print(f"  {name:<18} {median[name]:8.1f} ms   {note}")


print("\nmedians (ms)")
for name in median:
    row(name)

def ratio(a, b):
    return median[a] / median[b] if a in median and b in median else float("nan")

refreshes = after.get("CreateToken:refresh_token", 0) - before.get("CreateToken:refresh_token", 0)


def target(label, value, limit):
    """One line per target of the performance issue: the ratio, the limit and whether it holds in this run."""
    if value != value:  # NaN: a case this run left out (ONLY=...)
        return
    verdict = "holds" if value <= limit else "MISSED"
    print(f"  {label:<58} {value:5.2f}x  (target <= {limit:<4}) {verdict}")


print("\ntargets (ratios of medians from this run)")
target("warm   system Java: ssocred process / Java hello world", ratio("ssocred-warm", "java-hello"), 1.3)
target("warm   system Java: ssocred env     / Java hello world", ratio("ssocred-env-warm", "java-hello"), 1.3)
target("warm   system Java: ssocred process / JS SDK fromSSO", ratio("ssocred-warm", "js-fromSSO"), 0.35)
if "bundle-warm" in median:
    target("warm   tarball:     ssocred process / its Java hello world", ratio("bundle-warm", "bundle-java-hello"), 1.3)
    target("warm   tarball:     ssocred process / JS SDK fromSSO", ratio("bundle-warm", "js-fromSSO"), 0.35)
target("interactive: ssocred --version / Java hello world", ratio("system-version", "java-hello"), 2.0)
target("interactive: ssocred --help / Java hello world", ratio("system-help", "java-hello"), 2.0)
target("cold   ssocred process / boto3", ratio("ssocred-cold", "boto3"), 0.6)
target("burst  32 on an expiring token / 32 warm calls", ratio("ssocred-burst32", "ssocred-warm-x32"), 1.15)
print(f"  {'peak RSS of a warm call':<58} {rss:5.1f} MB (target <= 48 MB) {'holds' if rss <= 48 else 'MISSED'}")

print("\nother ratios")
if "ssocred-warm-bigcfg" in median:
    print(f"  warm     a 41 KB config (300 profiles) / the 375-byte one  {ratio('ssocred-warm-bigcfg', 'ssocred-warm'):5.2f}x  (every call parses the whole config)")
if "aws-cli-v2-warm" in median:
    print(f"  warm     ssocred process / AWS CLI v2 export   {ratio('ssocred-warm', 'aws-cli-v2-warm'):5.2f}x")
if "bundle-warm" in median:
    print(f"  install  tarball warm / system-Java warm      {ratio('bundle-warm', 'ssocred-warm'):5.2f}x  (the lower is the recommended install)")
if "java-hello-x32" in median and "ssocred-cold" in median:
    print(f"  floor    32 Java hello worlds in parallel / ssocred cold  {ratio('java-hello-x32', 'ssocred-cold'):5.2f}x")
if "ssocred-cold-tls" in median:
    print(f"  cold TLS ssocred process / boto3, both over TLS  {ratio('ssocred-cold-tls', 'boto3-tls'):5.2f}x  (a local TLS front; the target's cold is over plain http)")
if "ssocred-burst32" in median:
    print(f"\nburst refreshes: {refreshes} in {burst_runs} bursts (one per burst expected)")

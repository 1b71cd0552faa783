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
print("\nratios")
print(f"  warm     ssocred process / JS SDK v3 fromSSO   {ratio('ssocred-warm', 'js-fromSSO'):5.2f}x  (target <= 0.35)")
print(f"  warm     ssocred env     / JS SDK v3 fromSSO   {ratio('ssocred-env-warm', 'js-fromSSO'):5.2f}x  (target <= 0.35)")
if "aws-cli-v2-warm" in median:
    print(f"  warm     ssocred process / AWS CLI v2 export   {ratio('ssocred-warm', 'aws-cli-v2-warm'):5.2f}x")
print(f"  cold     ssocred process / boto3               {ratio('ssocred-cold', 'boto3'):5.2f}x  (target <= 1.0)")
print(f"  burst    32 parallel     / ssocred cold        {ratio('ssocred-burst32', 'ssocred-cold'):5.2f}x  (target <= 4)")
print(f"  floor    ssocred warm    / Java hello world    {ratio('ssocred-warm', 'java-hello'):5.2f}x")
print(f"  floor    32 Java hello worlds in parallel / ssocred cold  {ratio('java-hello-x32', 'ssocred-cold'):5.2f}x")
print(f"  floor    32 warm ssocred in parallel      / ssocred cold  {ratio('ssocred-warm-x32', 'ssocred-cold'):5.2f}x")
if "bundle-warm" in median:
    print(f"  install  tarball warm     / system-Java warm  {ratio('bundle-warm', 'ssocred-warm'):5.2f}x  (the lower is the recommended install)")
    print(f"  floor    tarball warm     / its Java hello    {ratio('bundle-warm', 'bundle-java-hello'):5.2f}x")
    print(f"  install  tarball --version / system --version {ratio('bundle-version', 'system-version'):5.2f}x")
print(f"\nburst refreshes: {refreshes} in {burst_runs} bursts (one per burst expected)")
print(f"peak RSS of a warm ssocred process: {rss} MB (target <= 64)")

"""Merges the JSON of several hyperfine rounds over the same commands into one file of hyperfine's shape: each
command's times from every round, and their median and mean. run.sh measures in rounds so that every command's runs
are spread over the whole benchmark: this machine's speed drifts by ~15% over minutes, and one command measured
minutes after another would carry that drift into their ratio.

    merge.py OUT ROUND_JSON...
"""
import json
import statistics
import sys

merged = {}
for path in sys.argv[2:]:
    for r in json.load(open(path))["results"]:
        merged.setdefault(r["command"], []).extend(r["times"])
results = [{"command": name, "times": times, "median": statistics.median(times), "mean": statistics.fmean(times)}
           for name, times in merged.items()]
json.dump({"results": results}, open(sys.argv[1], "w"))

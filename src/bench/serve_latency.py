"""Per-request latency of `ssocred serve`: N requests over one keep-alive connection, as an SDK makes them.

Usage: python3 serve_latency.py URI TOKEN [N]   Prints the median and the 95th percentile in milliseconds.
"""
import http.client
import statistics
import sys
import time
import urllib.parse

uri, token = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 500
u = urllib.parse.urlparse(uri)
conn = http.client.HTTPConnection(u.hostname, u.port)
times = []
for i in range(n + 20):
    t = time.perf_counter()
    conn.request("GET", u.path, headers={"Authorization": token})
    body = conn.getresponse().read()
    if i >= 20:  # the first requests warm the JIT
        times.append((time.perf_counter() - t) * 1000)
    assert b"AccessKeyId" in body, body
times.sort()
print(f"serve: median {statistics.median(times):.2f} ms, p95 {times[int(len(times) * 0.95)]:.2f} ms over {n} requests")

#!/usr/bin/env python3
"""Times the supervisor's view (GET /v1/orgs/{code}/statistics, issue 19's
aim: it answers within 100 ms with 1,000,000 cases) on a running `xueji
serve`: signs in as ACCOUNT, then reads each org's view of the twelve
months FROM..TO, one client on one keep-alive connection, for SECONDS
seconds per org. Prints, per org, reads, rows per answer and the latency
percentiles, against the aim.

  bench/statistics_bench.py HOST:PORT ACCOUNT FROM TO SECONDS ORG [ORG...]
"""
import json
import os
import sys
import time

# The same client as the page benchmark: keep-alive connections, a demo
# account's token.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from page_bench import connect, sign_in  # noqa: E402


def main():
    hostport, account, first, last, seconds = sys.argv[1:6]
    orgs = sys.argv[6:]
    headers = {"Authorization": "Bearer " + sign_in(hostport, account)}
    c = connect(hostport)
    for org in orgs:
        for fmt in ("json", "csv"):
            target = f"/v1/orgs/{org}/statistics?from={first}&to={last}&format={fmt}"
            latencies, rows, errors = [], 0, 0
            stop = time.monotonic() + float(seconds)
            while time.monotonic() < stop:
                t0 = time.perf_counter()
                c.request("GET", target, headers=headers)
                r = c.getresponse()
                data = r.read()
                latencies.append((time.perf_counter() - t0) * 1000)
                if r.status != 200:
                    errors += 1
                    continue
                if fmt == "json":
                    body = json.loads(data)
                    rows = len(body["months"]) + len(body["open_steps"])
                else:
                    rows = data.count(b"\n") - 1
            latencies.sort()
            n = len(latencies)

            def pct(p):
                return latencies[min(n - 1, int(p / 100 * n))]

            verdict = "within" if pct(99) <= AIM_MS else "OVER"
            print(f"{org} {fmt} reads={n} rows={rows} errors={errors} p50_ms={pct(50):.2f} "
                  f"p99_ms={pct(99):.2f} max_ms={latencies[-1]:.2f} aim_ms={AIM_MS} ({verdict})")


if __name__ == "__main__":
    main()

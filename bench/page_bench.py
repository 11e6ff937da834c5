#!/usr/bin/env python3
"""Reads pages of a list from a running `xueji serve` (issue 17's aim: a page
of a list on an org with 100,000 open cases, at least 1,000 reads/s, p99
under 50 ms). Signs in as ACCOUNT, then CLIENTS threads, each on its own
keep-alive connection, walk PATH page by page (limit LIMIT, following
next_cursor and starting again at the end) for SECONDS seconds. Prints one
line: reads/s and the latency percentiles of the whole run.

  bench/page_bench.py HOST:PORT ACCOUNT PATH [CLIENTS] [SECONDS] [LIMIT]
"""
import http.client
import json
import sys
import threading
import time

PASSWORD = "Xueji-Demo-2025"  # the demo accounts' (adapters/store/demo_accounts.h)


def connect(hostport):
    host, port = hostport.rsplit(":", 1)
    return http.client.HTTPConnection(host, int(port), timeout=30)


def sign_in(hostport, account):
    c = connect(hostport)
    c.request("POST", "/v1/sessions", json.dumps({"name": account, "password": PASSWORD}),
              {"Content-Type": "application/json"})
    r = c.getresponse()
    body = json.loads(r.read())
    if r.status != 201:
        sys.exit(f"sign-in as {account}: {r.status} {body}")
    return body["token"]


def main():
    hostport, account, path = sys.argv[1:4]
    clients = int(sys.argv[4]) if len(sys.argv) > 4 else 4
    seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 10
    limit = int(sys.argv[6]) if len(sys.argv) > 6 else 100
    token = sign_in(hostport, account)
    headers = {"Authorization": "Bearer " + token}
    latencies = [[] for _ in range(clients)]
    rows = [0] * clients
    errors = [0] * clients
    stop = time.monotonic() + seconds

    def run(i):
        c = connect(hostport)
        cursor = None
        while time.monotonic() < stop:
            target = f"{path}?limit={limit}" + (f"&cursor={cursor}" if cursor else "")
            t0 = time.perf_counter()
            c.request("GET", target, headers=headers)
            r = c.getresponse()
            data = r.read()
            latencies[i].append(time.perf_counter() - t0)
            if r.status != 200:
                errors[i] += 1
                cursor = None
                continue
            body = json.loads(data)
            rows[i] += sum(len(v) for v in body.values() if isinstance(v, list))
            cursor = body.get("next_cursor")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    all_ms = sorted(x * 1000 for each in latencies for x in each)
    n = len(all_ms)

    def pct(p):
        return all_ms[min(n - 1, int(p / 100 * n))]

    print(f"{path} clients={clients} limit={limit} reads={n} reads_per_s={n / elapsed:.0f} "
          f"rows_per_read={sum(rows) / max(1, n):.0f} errors={sum(errors)} "
          f"p50_ms={pct(50):.1f} p99_ms={pct(99):.1f} max_ms={all_ms[-1]:.1f}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Waits for a starting `xueji serve` to answer /readyz 200, polling every
20 ms from this one process, and prints the wall clock (seconds since the
epoch, as `date +%s.%N`) at the first 200. The restart benchmark timed its
starts with a curl process and a sleep process every 20 ms, which took
about a sixth of the machine's samples during the start they timed.

  python3 bench/await_ready.py PORT PID [TIMEOUT_SECONDS]

Exits 1, printing nothing, when the process PID has gone or the timeout
(default 120 s) passed first.
"""
import http.client
import os
import sys
import time


def ready(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        connection.request("GET", "/readyz")
        return connection.getresponse().status == 200
    except OSError:
        return False  # not listening yet, or the answer cut short
    finally:
        connection.close()


def main():
    port, pid = int(sys.argv[1]), int(sys.argv[2])
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 120.0
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready(port):
            print(f"{time.time():.6f}")
            return 0
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return 1
        time.sleep(0.02)
    return 1


if __name__ == "__main__":
    sys.exit(main())

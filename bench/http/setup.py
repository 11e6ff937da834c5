#!/usr/bin/env python3
"""The work bench/http/routes.lua must not measure: real sign-ins (Argon2id at
the configured cost) of the registrars the runs act as, their tokens
written to WORK/tokens, and STUDENTS students registered in batches of
10,000 (POST /v1/students/batch, the September intake's route) whose
numbers go to WORK/students, for the `open` runs to transfer.

  bench/http/setup.py HOST:PORT WORK STUDENTS
"""
import http.client
import json
import sys
import time

PASSWORD = "Xueji-Demo-2025"  # the demo accounts' (adapters/store/demo_accounts.h)
ACCOUNTS = ["reg.4501020001", "reg.4501030002", "reg.450102", "reg.450103"]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def resident_id(u):
    """routes.lua's resident_id(u), which it must match: the pool is u < 1e8."""
    r = u % 336000
    d = r // 1000
    first17 = "45%04d2014%02d%02d%03d" % (u // 336000 % 10000, 1 + d // 28, 1 + d % 28, r % 1000)
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def post(conn, path, body, headers):
    conn.request("POST", path, body, headers)
    answer = conn.getresponse()
    return answer.status, json.loads(answer.read())


def main():
    hostport, work, students = sys.argv[1], sys.argv[2], int(sys.argv[3])
    host, port = hostport.rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=600)
    tokens = {}
    for account in ACCOUNTS:
        status, answer = post(conn, "/v1/sessions", json.dumps({"name": account, "password": PASSWORD}),
                              {"Content-Type": "application/json"})
        if status != 201:
            sys.exit(f"setup: sign-in as {account}: {status} {answer}")
        tokens[account] = answer["token"]
    with open(work + "/tokens", "w") as f:
        f.writelines(f"{a} {t}\n" for a, t in tokens.items())
    numbers = []
    began = time.monotonic()
    for start in range(0, students, 10000):
        rows = "".join(f"{resident_id(u)},测试,4501020001,5\n"
                       for u in range(start, min(students, start + 10000)))
        status, answer = post(conn, "/v1/students/batch", ("id,name,school,grade\n" + rows).encode(),
                              {"Content-Type": "text/csv",
                               "Authorization": "Bearer " + tokens["reg.4501020001"]})
        if status != 200 or answer["refused"]:
            sys.exit(f"setup: batch from {start}: {status} {str(answer)[:300]}")
        numbers += [row["student"]["registration_number"] for row in answer["rows"]]
    with open(work + "/students", "w") as f:
        f.writelines(n + "\n" for n in numbers)
    took = time.monotonic() - began
    # Each row stored opens its archive case (Art. 6) before the batch answers.
    print(f"# setup: 4 sign-ins, {len(numbers)} students registered in batches of 10,000 "
          f"in {took:.1f} s ({len(numbers) / took:,.0f} rows/s, each with its archive case)")


if __name__ == "__main__":
    main()

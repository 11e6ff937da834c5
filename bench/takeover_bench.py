#!/usr/bin/env python3
"""Takeover time of a hot standby pair (docs/reliability.md, "A hot
standby") with CASES open cases, each with its timer armed (next_instant
in 2030, so none fires): two `xueji serve` on the PostgreSQL database URL,
the active one killed with SIGKILL, seconds until the standby's /readyz
answers 200. The cases are written straight into the table (no snapshot is
decoded: the start loads the deadline index, not the cases).

  python3 bench/takeover_bench.py build/xueji postgresql://.../empty_db [CASES] [PORT_A,PORT_B]
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                "faults"))
from harness import Server, query  # noqa: E402
from standby_test import START, launch, pair_server, ready_within  # noqa: E402


def main():
    binary, db = os.path.abspath(sys.argv[1]), sys.argv[2]
    cases = int(sys.argv[3]) if len(sys.argv) > 3 else 1000000
    ports = [int(p) for p in (sys.argv[4] if len(sys.argv) > 4 else "0,0").split(",")]
    source = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
    a = pair_server(binary, source, db, ports[0])
    b = pair_server(binary, source, db, ports[1])
    try:
        began = time.monotonic()
        first = a.start(START, timeout=600)
        query(db, "DELETE FROM cases WHERE rule_version = 'bench'")
        query(db, "INSERT INTO cases SELECT 'T' || lpad(g::text, 9, '0'), 'transfer', 'open', "
                  "'bench', 'G' || g, 3, 1893456000 + g * 30, 'x', 0, 'sending_school', "
                  "'4501020001', '4501020001', '2030-01-01', '2030-01-01', NULL, '450102' "
                  "FROM generate_series(1, %d) g" % cases)
        query(db, "ANALYZE cases")
        print("seeded %d open cases with armed timers in %.1f s" % (cases,
                                                                  time.monotonic() - began))
        a.stop()
        cold = a.start(START, timeout=600)
        launch(b, START)
        time.sleep(2)
        a.kill()
        took = ready_within(b, 600)
        open_now = query(db, "SELECT count(*) FROM cases WHERE status = 'open'")[0][0]
        print("first start %.2f s; start with the cases %.2f s; SIGKILL -> standby ready %s "
              "(%s open cases)" % (first, cold, "%.2f s" % took if took else "never", open_now))
    finally:
        for leftover in list(Server.live):
            leftover.remove()


if __name__ == "__main__":
    main()

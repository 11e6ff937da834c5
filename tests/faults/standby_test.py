"""The hot standby (docs/operations.md, "A hot standby"): two `xueji serve`
on one PostgreSQL of this script's own. Exactly one is ready; the other
answers 503 naming it. SIGKILL the active one under load: the standby takes
over within 10 s, nothing acknowledged is lost or doubled, the timers that
fell due in the gap fire once. SIGSTOP the active one past its lease: the
standby takes over, and the old one, resumed, commits nothing.

    python3 tests/faults/standby_test.py BUILD/xueji SOURCE_DIR

XUEJI_FAULT_PG_PORT: the cluster's port (default 56433, beside the fault
suite's 56432); XUEJI_STANDBY_PORTS="A,B": the two servers' ports (default:
free ones)."""
import os
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("XUEJI_FAULT_PG_PORT", "56433")
import checks  # noqa: E402
from harness import Postgres, Server, call, check, failures, query, sign_in, verdict  # noqa: E402
from workload import Load, resident_id  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "contract"))
import validate_answers  # noqa: E402

START = "2025-09-26T09:00:00+08:00"
ESCALATIONS_PASSED = "2025-10-17T09:00:00+08:00"  # the silent cases' reminders and deadlines passed
LEASE_SECONDS = 5


def pair_server(binary, source, db, port):
    """A Server whose configuration turns the standby on, advertising itself."""
    server = Server(binary, source, db)
    if port:
        old = "listen: 127.0.0.1:%d" % server.port
        server.port, server.base = port, ("127.0.0.1", port)
        with open(server.config) as f:
            text = f.read().replace(old, "listen: 127.0.0.1:%d" % port)
    else:
        with open(server.config) as f:
            text = f.read()
    text += ("standby:\n  enabled: true\n  lease_seconds: %d\n  renew_seconds: 1\n"
             "  advertise: http://127.0.0.1:%d\n" % (LEASE_SECONDS, server.port))
    with open(server.config, "w") as f:
        f.write(text)
    return server


def launch(server, at):
    """Starts `server` without waiting for it to be ready (a standby is not)."""
    server.process = subprocess.Popen(
        [server.binary, "serve", "--config", server.config, "--clock", "simulated", "--start", at,
         "--no-auto-promotion"], stdout=server.log, stderr=subprocess.STDOUT)
    end = time.monotonic() + 20
    while time.monotonic() < end and call(server, "GET", "/healthz", timeout=1)[0] != 200:
        if server.process.poll() is not None:
            raise RuntimeError("xueji serve exited with %d (%s)" % (server.process.returncode,
                                                                    server.work))
        time.sleep(0.05)


def ready_within(server, limit):
    """Seconds until `server`'s /readyz answers 200, or None."""
    began = time.monotonic()
    while time.monotonic() - began < limit:
        if call(server, "GET", "/readyz", timeout=1)[0] == 200:
            return time.monotonic() - began
        time.sleep(0.05)
    return None


def conforms(contract, method, path, answer, label):
    """The answer conforms to docs/api/openapi.yaml, and a problem answered
    in Chinese reads in Chinese (tests/contract/validate_answers.py)."""
    status, headers, body, _ = answer
    record = {"method": method, "target": path, "status": status,
              "content_type": headers.get("Content-Type", ""),
              "content_language": headers.get("Content-Language", ""), "body": body}
    problems, _ = contract.check(record)
    problems += validate_answers.language_failures(record)
    check(not problems, "%s: the standby's %d to %s %s conforms to the contract %s"
          % (label, status, method, path, problems or ""))


def one_active(contract, active, standby, label):
    ready = [call(s, "GET", "/readyz", timeout=2) for s in (active, standby)]
    conforms(contract, "GET", "/readyz", ready[1], label)
    conforms(contract, "GET", "/healthz", call(standby, "GET", "/healthz", timeout=2), label)
    # Exactly one of the pair shows the engine active, for an alert to count.
    shown = [call(s, "GET", "/metrics", timeout=2) for s in (active, standby)]
    check(shown[0][0] == 200 and "\nxueji_engine_active 1\n" in (shown[0][2] or "") and
          shown[1][0] == 200 and "\nxueji_engine_active 0\n" in (shown[1][2] or "") and
          'xueji_engine_inactive_reason{reason="standby"} 1' in (shown[1][2] or ""),
          "%s: /metrics shows xueji_engine_active 1 on the active one, 0 on the standby (%d, %d)"
          % (label, shown[0][0], shown[1][0]))
    check(ready[0][0] == 200 and ready[1][0] == 503 and
          (ready[1][2] or {}).get("reason") == "standby",
          "%s: exactly one ready (/readyz %d and %d, the other's reason %s)"
          % (label, ready[0][0], ready[1][0], (ready[1][2] or {}).get("reason")))
    token = sign_in(active, "reg.4501020001")
    body = {"id": resident_id(900, 9), "name": "备机", "school": "4501020001", "grade": 5}
    refused = call(standby, "POST", "/v1/students", body, token, "standby-w1")
    status, headers, answer, _ = refused
    where = "http://127.0.0.1:%d" % active.port
    check(status == 503 and headers.get("Content-Type") == "application/problem+json" and
          headers.get("Retry-After") and where in (answer or {}).get("detail", "") and
          headers.get("Content-Language") == "zh-CN" and (answer or {}).get("title") == "备用服务器",
          "%s: the standby answers a POST 503 in Chinese naming the active one (%d, %s)"
          % (label, status, (answer or {}).get("detail")))
    conforms(contract, "POST", "/v1/students", refused, label)
    english = call(standby, "POST", "/v1/students", body, token, "standby-w1", language="en")
    check(english[0] == 503 and english[1].get("Content-Language") == "en" and
          (english[2] or {}).get("title") == "Standby server" and
          where in (english[2] or {}).get("detail", ""),
          "%s: in English when asked (%s)" % (label, (english[2] or {}).get("detail")))
    conforms(contract, "POST", "/v1/students", english, label)
    check(not query(active.db, "SELECT 1 FROM students WHERE resident_id = '%s'" % body["id"]),
          "%s: the standby wrote nothing" % label)


def killed(binary, active, standby, db, label):
    load = Load(active, "sb", salt=6, threads=4, budget=1.5, silent=4)
    load.sign_in()
    for story in load.stories:  # their timers fall due while no one is active
        load.tell(story)
    check(all(s.case for s in load.stories), "%s: %d silent transfers opened" %
          (label, len(load.stories)))
    load.start()
    time.sleep(2)
    active.kill()
    load.server = standby  # the clients turn to the other address, as a balancer would
    took = ready_within(standby, 20)
    check(took is not None and took < 10, "%s: SIGKILL -> the standby ready in %s (limit 10 s, "
          "lease %d s)" % (label, "%.2f s" % took if took else "never", LEASE_SECONDS))
    with open(os.path.join(standby.work, "serve.log"), encoding="utf-8") as f:
        log = f.read()
    check("standby: deadline index warm" in log and
          "takeover: deadline index from the warm copy" in log,
          "%s: the standby kept its deadline index warm and took over with it" % label)
    ministry = sign_in(standby, "admin.000000")
    moved = call(standby, "POST", "/v1/clock/advance", {"to": ESCALATIONS_PASSED}, ministry,
                 "sb-clock")
    check(moved[0] == 200 and moved[2].get("fired", 0) >= len([s for s in load.stories if s.silent]),
          "%s: the timers due during the gap fired (%s)" % (label, moved[2]))
    time.sleep(2)
    load.stop()
    before = checks.ledger_before_settling(db, load, label)
    differing = load.settle()
    checks.ledger_after_settling(db, load, differing, label, timers=("reminder", "escalation"))
    return took, before


def paused(active, standby, db, label):
    """SIGSTOP the active past its lease; the standby takes over; SIGCONT."""
    token = sign_in(active, "reg.4501020001")
    active.process.send_signal(signal.SIGSTOP)
    # A write that reaches the paused server: it waits in its socket.
    body = {"id": resident_id(901, 9), "name": "暂停", "school": "4501020001", "grade": 5}
    answer = {}
    sender = threading.Thread(target=lambda: answer.update(
        r=call(active, "POST", "/v1/students", body, token, "paused-w1", timeout=30)))
    sender.start()
    took = ready_within(standby, 20)
    check(took is not None, "%s: the standby took over %s after SIGSTOP (lease %d s)"
          % (label, "%.2f s" % took if took else "never", LEASE_SECONDS))
    epoch = query(db, "SELECT epoch FROM engine_lease")[0][0]
    counts = "SELECT (SELECT count(*) FROM audit_entries), (SELECT count(*) FROM students), " \
             "(SELECT count(*) FROM cases), (SELECT count(*) FROM case_events)"
    at_takeover = query(db, counts)[0]
    active.process.send_signal(signal.SIGCONT)
    sender.join(timeout=40)
    status = answer.get("r", (None,))[0]
    check(status in (0, 503), "%s: the resumed old server refused the write it held (%s)"
          % (label, status))
    try:
        active.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        pass
    code = active.process.poll()
    check(code == 75, "%s: the old server, its lease lost, exited 75 for its supervisor "
          "(exit %s)" % (label, code))
    after = query(db, counts)[0]
    check(after == at_takeover, "%s: nothing committed after the takeover (audit, students, "
          "cases, events %s then %s)" % (label, at_takeover, after))
    check(not query(db, "SELECT 1 FROM students WHERE resident_id = '%s'" % body["id"]),
          "%s: the held write is not in the store" % label)
    check(query(db, "SELECT epoch FROM engine_lease")[0][0] == epoch,
          "%s: the lease stayed at the new epoch %s" % (label, epoch))
    ok = call(standby, "POST", "/v1/students", body, sign_in(standby, "reg.4501020001"),
              "paused-w1")
    check(ok[0] == 201, "%s: the same write, retried at the new active one, is acknowledged "
          "(%d)" % (label, ok[0]))
    checks.audit_verifies(db, label)
    return took


def main():
    binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    checks.AUDIT_BINARY[:] = [binary]
    ports = [int(p) for p in os.environ.get("XUEJI_STANDBY_PORTS", "0,0").split(",")]
    began = time.monotonic()
    contract = validate_answers.Contract(os.path.join(source, "docs", "api", "openapi.yaml"))
    pg = Postgres(source)
    print("standby test: PostgreSQL cluster %s at %s" % (pg.dir, pg.url), flush=True)
    try:
        db = pg.fresh_database("standby_pair")
        a = pair_server(binary, source, db, ports[0])
        b = pair_server(binary, source, db, ports[1])
        print("\n== two servers on one database", flush=True)
        a.start(START)
        launch(b, ESCALATIONS_PASSED)
        one_active(contract, a, b, "pair")
        print("\n== the active one killed with SIGKILL under load", flush=True)
        kill_took, ledger = killed(binary, a, b, db, "takeover")
        # Its supervisor starts it again: now the standby.
        launch(a, ESCALATIONS_PASSED)
        one_active(contract, b, a, "restarted")
        print("\n== the active one paused (SIGSTOP) past its lease, then resumed", flush=True)
        pause_took = paused(b, a, db, "split brain")
        print("\n== figures (%.0f s in all)" % (time.monotonic() - began))
        print("takeover after SIGKILL: %.2f s (lease %d s, renewed every 1 s); after SIGSTOP: "
              "%.2f s; acknowledged %d, lost %d, duplicated %d"
              % (kill_took or -1, LEASE_SECONDS, pause_took or -1, ledger["acknowledged"],
                 ledger["lost"], ledger["duplicated"]))
    finally:
        for leftover in list(Server.live):
            leftover.remove()
        pg.remove()
    return verdict(failures)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main())

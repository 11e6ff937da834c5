"""The fault suite's SQLite-only phases: the disk filling up under load, and
webhook receivers that hang, crawl or answer garbage."""
import errno
import os
import shutil
import subprocess
import tempfile
import time

import checks
from harness import Receiver, Server, call, check, query, sign_in
from workload import Load, resident_id

START = "2025-09-26T09:00:00+08:00"
ESCALATIONS_PASSED = "2025-10-17T09:00:00+08:00"


def recovered_within(server, token, limit, probe):
    """Seconds until /readyz is 200 and a registration is acknowledged, or None."""
    began = time.monotonic()
    ready = written = False
    while time.monotonic() - began < limit:
        ready = ready or call(server, "GET", "/readyz", timeout=2)[0] == 200
        if ready and not written:
            written = 200 <= call(server, "POST", "/v1/students", probe, token,
                                  "probe-" + probe["id"], timeout=2)[0] < 300
        if ready and written:
            return time.monotonic() - began
        time.sleep(0.05)
    return None


def fill(directory):
    """Writes a file in `directory` until the filesystem refuses a byte more."""
    path = os.path.join(directory, "filler")
    with open(path, "wb", buffering=0) as f:
        for size in (1 << 16, 1 << 12, 1 << 9, 1):
            try:
                while True:
                    f.write(b"\0" * size)
            except OSError as e:
                if e.errno != errno.ENOSPC:
                    raise
    return path


def full_disk(binary, source):
    label = "sqlite full disk"
    print("\n== SQLite's filesystem full under load", flush=True)
    mnt = tempfile.mkdtemp(prefix="xueji-fulldisk-")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mnt],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        reason = "cannot mount a 16 MB tmpfs (%s); this part needs root" % (
            mounted.stderr.strip() or "mount exited %d" % mounted.returncode)
        print("SKIP %s: %s" % (label, reason), flush=True)
        os.rmdir(mnt)
        return (label, None, "SKIPPED: " + reason)
    server = None
    try:
        db = "sqlite:%s/xueji.db" % mnt
        server = Server(binary, source, db)
        server.start(START)
        load = Load(server, "d", salt=4, threads=3, budget=1.5)
        load.sign_in()
        load.start()
        time.sleep(2)
        filler = fill(mnt)
        full = time.monotonic()
        before = dict(load.figures.statuses)
        # Until the store refuses writes (a checkpoint or the WAL needs a
        # page more), then a few seconds of it.
        while time.monotonic() - full < 20 and \
                load.figures.statuses.get(503, 0) == before.get(503, 0):
            time.sleep(0.2)
        refused_after = time.monotonic() - full
        time.sleep(3)
        alive = server.process.poll() is None
        health = call(server, "GET", "/healthz", timeout=5)[0]
        refusals = load.figures.statuses.get(503, 0) - before.get(503, 0)
        os.remove(filler)
        # Space returned as an operator returns it: more than the load can
        # fill again before the settling below. Freeing only the filler
        # left what the load wrote before the fill; on a fast day the load
        # filled that again within its last seconds, and the settling then
        # met a full disk for good and ran out its budgets.
        grown = subprocess.run(["mount", "-o", "remount,size=64m", mnt],
                               capture_output=True, text=True)
        check(grown.returncode == 0, "%s: the filesystem grew to 64 MB %s"
              % (label, grown.stderr.strip()))
        token = load.tokens["reg.4501020001"]
        probe = {"id": resident_id(999, 11), "name": "探针", "school": "4501020001", "grade": 5}
        recovery = recovered_within(server, token, 30, probe)
        time.sleep(2)
        load.stop()
        check(refusals > 0, "%s: writes answered 503 once the disk was full (%d, the first "
              "after %.1f s)" % (label, refusals, refused_after))
        check(not load.figures.bad_503, "%s: every 503 is a problem+json with Retry-After"
              % label)
        check(alive and health == 200, "%s: the server kept running (/healthz %d)"
              % (label, health))
        check(load.figures.slowest < 5, "%s: no request hung: slowest answer %.2f s (limit 5)"
              % (label, load.figures.slowest))
        check(recovery is not None and recovery < 5, "%s: serving writes again %s after space "
              "returned (limit 5 s)" % (label, "%.2f s" % recovery if recovery else "never"))
        ledger = checks.ledger_before_settling(db, load, label)
        differing = load.settle()
        checks.ledger_after_settling(db, load, differing, label)
        server.stop()
        integrity = query(db, "PRAGMA integrity_check")[0][0]
        check(integrity == "ok", "%s: PRAGMA integrity_check: %s" % (label, integrity))
        return (label, ledger, "503s %d; writes again %.2f s after space returned"
                % (refusals, recovery or -1))
    finally:
        if server:
            server.remove()
        unmounted = subprocess.run(["umount", mnt], capture_output=True, text=True)
        check(unmounted.returncode == 0, "%s: the filesystem unmounted %s"
              % (label, unmounted.stderr.strip()))
        if unmounted.returncode == 0:
            shutil.rmtree(mnt, ignore_errors=True)


def bad_receivers(binary, source):
    label = "bad receivers"
    print("\n== webhook receivers that hang, crawl and answer garbage, under load", flush=True)
    bad = Receiver()
    # The silent transfer's reminder goes to garbage, its escalation to the
    # receiver that hangs, the completions to the slow one.
    urls = {"4501020001": bad.url("garbage"), "450102": bad.url("hang"),
            "4501030002": bad.url("slow"), "450103": bad.url("ok")}
    work = tempfile.mkdtemp(prefix="xueji-faults-")
    server = Server(binary, source, "sqlite:%s/xueji.db" % work, hook_urls=urls)
    try:
        server.start(START)
        load = Load(server, "w", salt=5, threads=4, budget=3.0, silent=1)
        load.sign_in()
        for story in load.stories:
            load.tell(story)
        ministry = sign_in(server, "admin.000000")
        moved = call(server, "POST", "/v1/clock/advance", {"to": ESCALATIONS_PASSED}, ministry)
        check(moved[0] == 200 and moved[2].get("fired", 0) >= 2, "%s: the clock moved to %s, "
              "firing a silent transfer's reminder and escalation (%s)"
              % (label, ESCALATIONS_PASSED, moved[2]))
        load.start()
        time.sleep(12)
        load.stop()
        took = sorted(load.figures.took)
        p99 = took[int(len(took) * 0.99)] if took else 0
        unacked = [op for op in load.ops() if not op.acked]
        check(len(took) > 50 and not unacked, "%s: %d requests, all acknowledged (%d not)"
              % (label, len(took), len(unacked)))
        check(load.figures.slowest < 3, "%s: nothing blocked the engine: p99 %.3f s, slowest "
              "%.3f s (limit 3 s)" % (label, p99, load.figures.slowest))
        check(all(bad.attempts.get(m, 0) > 0 for m in ("hang", "slow", "garbage")),
              "%s: the dispatcher did try the bad receivers %s" % (label, bad.attempts))
        check(server.process.poll() is None, "%s: the server kept running" % label)
        differing = load.settle()
        checks.ledger_after_settling(server.db, load, differing, label)
        return (label, None, "%d requests, p99 %.3f s, slowest %.3f s, while %s"
                % (len(took), p99, load.figures.slowest, bad.attempts))
    finally:
        server.remove()
        shutil.rmtree(work, ignore_errors=True)

"""The ledger held against the store: what was acknowledged is there once,
what was not is there wholly or not at all, no notice is missing or
doubled, and the audit chain verifies."""
import subprocess
import time
from collections import Counter

from harness import check, query


def effects(db, run):
    """Per request key of run `run`: how many times its effect is in the
    store, and whether its answer was recorded under its key."""
    students = Counter(r[0] for r in query(db, "SELECT resident_id FROM students"))
    cases = {}
    for case_id, subject in query(db, "SELECT id, subject FROM cases WHERE kind = 'transfer'"):
        cases.setdefault(subject, []).append(case_id)
    decided = Counter()
    for case_id, body in query(db, "SELECT case_id, body FROM case_events WHERE type = 'decided'"):
        step = body.split('"step":"', 1)[1].split('"', 1)[0] if '"step":"' in body else ""
        decided[(case_id, step)] += 1
    keys = {}  # key -> the status of its recorded answer, 0 while reserved
    for key, status in query(db, "SELECT key, status FROM idempotency_keys WHERE key LIKE "
                                 "'%%/%s-%%'" % run):
        keys[key] = int(status)
    return students, cases, decided, keys


def count_of(op, students, cases, decided):
    if op.kind == "register":
        return students[op.body["id"]]
    if op.kind == "open":
        return len(cases.get(op.story.student, []))
    return decided[(op.path.split("/")[3], op.body["step"])]


def ledger_before_settling(db, load, label):
    """Right after the fault, before any retry: (acknowledged, lost,
    duplicated, half there) and the checks on them."""
    students, cases, decided, keys = effects(db, load.run)
    acked = lost = doubled = half = unacked = retried = reserved = 0
    for op in load.ops():
        retried += op.acked and op.attempts > 1
        n = count_of(op, students, cases, decided)
        status = keys.get(op.actor + "/" + op.key)
        recorded = status not in (None, 0)
        # Reserved and never answered: its request failed with the store;
        # the retry must take it over (adapters/http/idempotency.cc).
        reserved += status == 0 and n == 0
        if op.acked:
            acked += 1
            lost += n == 0 or not recorded
        else:
            unacked += 1
            # A request whose answer never arrived either committed whole
            # (its effect and its recorded answer, one transaction) or not.
            half += (n > 0) != recorded
        doubled += n > 1
    print("     %s: %d requests acknowledged (%d of them after a retry with the same key), %d "
          "not (%d of whose keys the store still holds as running); lost %d, duplicated %d, half "
          "there %d" % (label, acked, retried, unacked, reserved, lost, doubled, half), flush=True)
    check(acked > 0, "%s: requests were acknowledged under the fault" % label)
    check(lost == 0, "%s: no acknowledged change is lost" % label)
    check(doubled == 0, "%s: no change is there twice" % label)
    check(half == 0, "%s: no unacknowledged change is half there" % label)
    return {"acknowledged": acked, "retried": retried, "unacknowledged": unacked, "lost": lost, "duplicated": doubled,
            "half": half}


def ledger_after_settling(db, load, differing, label, timers=None):
    """After every request was sent again with its key: each story's change
    is there exactly once, replays answered as the first time, and the
    notices match the events. `timers`: per silent case, the notice kinds it
    must have exactly once."""
    check(not differing, "%s: %d acknowledged requests replayed their first answer (%d "
          "differed%s)" % (label, sum(op.acked for op in load.ops()), len(differing),
                           (": " + str(differing[0])[:300]) if differing else ""))
    unfinished = [s.n for s in load.stories if not s.complete()]
    refused = [(op.kind, op.refused) for op in load.ops() if op.refused]
    check(not unfinished, "%s: all %d stories finished after the retries (unfinished: %s %s)"
          % (label, len(load.stories), unfinished[:5], str(refused[:2])[:300]))
    students, cases, decided, _ = effects(db, load.run)
    wrong = [(op.kind, op.key, count_of(op, students, cases, decided)) for op in load.ops()
             if count_of(op, students, cases, decided) != 1]
    check(not wrong, "%s: each of %d requests took effect exactly once %s"
          % (label, len(load.ops()), wrong[:5]))
    notices = query(db, "SELECT id, case_id, kind, org FROM notices")
    by_case = Counter((case_id, kind) for _, case_id, kind, _ in notices)
    events = {(c, s) for c, s in query(db, "SELECT case_id, seq FROM case_events")}
    orphans = [n for n in notices if (n[0].split("/")[0], n[0].split("/")[1]) not in
               {(c, str(s)) for c, s in events}]
    check(not orphans, "%s: every notice belongs to an event of its case %s" % (label, orphans[:3]))
    approved = [s.case for s in load.stories if not s.silent]
    missing = [c for c in approved if by_case[(c, "completion")] != 1]
    check(not missing, "%s: each of %d approved transfers has exactly one completion notice %s"
          % (label, len(approved), [(c, by_case[(c, "completion")]) for c in missing[:3]]))
    doubled = timer_events_twice(db)
    check(not doubled, "%s: no timer fired twice for one step %s" % (label, doubled[:3]))
    if timers:
        silent = [s.case for s in load.stories if s.silent]
        off = [(c, k, by_case[(c, k)]) for c in silent for k in timers if by_case[(c, k)] != 1]
        check(silent and not off, "%s: each of %d silent transfers has exactly one %s notice %s"
              % (label, len(silent), " and one ".join(timers), off[:3]))
    audit_verifies(db, label)


def timer_events_twice(db):
    """(case, type, step) of timer events written more than once."""
    seen = Counter()
    for case_id, kind, body in query(db, "SELECT case_id, type, body FROM case_events WHERE type "
                                         "IN ('reminded', 'escalated', 'completed')"):
        step = body.split('"step":"', 1)[1].split('"', 1)[0] if '"step":"' in body else ""
        seen[(case_id, kind, step)] += 1
    return [k for k, n in seen.items() if n > 1]


AUDIT_BINARY = []


def audit_verifies(db, label):
    out = subprocess.run(AUDIT_BINARY + ["audit", "verify", "--db", db], capture_output=True,
                         text=True)
    check(out.returncode == 0 and "intact" in out.stdout,
          "%s: xueji audit verify: %s" % (label, (out.stdout + out.stderr).strip()[:200]))


def webhooks_delivered(db, receiver, orgs, label, wait=20):
    """Every notice of the hooked `orgs` reached the receiver with its id (at
    least once), and the receiver got no id the store does not hold."""
    in_list = ",".join("'%s'" % o for o in orgs)
    end = time.monotonic() + wait
    while time.monotonic() < end:
        waiting = query(db, "SELECT count(*) FROM notices WHERE delivered_at IS NULL AND org IN "
                            "(%s)" % in_list)[0][0]
        if waiting == "0":
            break
        time.sleep(0.25)
    stored = {r[0] for r in query(db, "SELECT id FROM notices WHERE org IN (%s)" % in_list)}
    got = receiver.ids()
    missing = stored - set(got)
    unknown = set(got) - stored
    repeats = sum(n - 1 for n in got.values())
    print("     %s: %d notices stored for the hooked orgs, %d received, %d delivered more than "
          "once (at least once is the promise)" % (label, len(stored), len(got), repeats))
    check(stored and not missing, "%s: every notice reached its webhook with its id (missing %d)"
          % (label, len(missing)))
    check(not unknown, "%s: the receiver got no notice the store does not hold" % label)
    check(receiver.without_id == 0, "%s: every POST carried X-Xueji-Notice-Id equal to its "
          "body's id" % label)
    return {"notices": len(stored), "repeats": repeats}

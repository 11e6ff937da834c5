"""The rule author's walkthrough of docs/workflows.md ("Adding a province's
rule to a running server"), run as written: the blocks marked
`<!-- walkthrough: NAME -->` are read from the page, so the page and this
test cannot drift. In a deployment directory of its own (a copy of the
project's workflows/): a `xueji serve` on the simulated clock, then the
page's overlay written, checked, simulated and put in force by SIGHUP and by
the administrator's route; a case opened before keeps its plan, one opened
after runs the new rule; a bad file is refused by every path and changes
nothing; each reload is on the audit trail.

Run as `rule_author_walkthrough_test.py XUEJI_BINARY SOURCE_DIR`.
"""
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "console"))
import console_server as cs  # noqa: E402

binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])


def walkthrough_blocks():
    """{name: the fenced block after `<!-- walkthrough: name -->`}."""
    with open(os.path.join(source, "docs", "workflows.md"), encoding="utf-8") as f:
        page = f.read()
    found = re.findall(r"<!-- walkthrough: (\S+) -->\n```\w*\n(.*?)```", page, re.S)
    return {name: text for name, text in found}


blocks = walkthrough_blocks()
cs.check(set(blocks) >= {"workflows/provinces/440000/transfer.yaml", "check",
                         "guangdong-transfer.yaml", "simulate"},
         "docs/workflows.md holds the walkthrough's blocks: %s" % sorted(blocks))

# The deployment: its own rules, the project's calendars and orgs.
work = cs.tempfile.mkdtemp(prefix="xueji-walkthrough-")
shutil.copytree(os.path.join(source, "workflows"), os.path.join(work, "workflows"))
server, base, _ = cs.start_server(binary, source, "xueji-walkthrough-", work=work,
                                  rules=os.path.join(work, "workflows"))
log_path = os.path.join(work, "serve.log")


def command(line):
    """A block's `xueji ...` command, run in the deployment directory."""
    words = line.split("#")[0].split()
    assert words[0] == "xueji", line
    return subprocess.run([binary] + words[1:], cwd=work, capture_output=True, text=True)


def in_force():
    status, answer = cs.call(base, "GET", "/readyz")
    return answer.get("rule_version") if status == 200 else None


def sending_due(case_id, token):
    status, case = cs.call(base, "GET", "/v1/cases/" + case_id, token=token)
    assert status == 200, (status, case)
    step = next(s for s in case["steps"] if s["step"] == "sending_school")
    return step["due"], case["rule_version"]


def transfer(resident_id, token_school, token_receiving):
    status, student = cs.call(base, "POST", "/v1/students",
                              {"id": resident_id, "name": "陈小华", "school": "4401030001",
                               "grade": 5}, token=token_school)
    assert status == 201, (status, student)
    status, case = cs.call(base, "POST", "/v1/cases",
                           {"kind": "transfer", "student": student["registration_number"],
                            "to_school": "4401040001"}, token=token_receiving)
    assert status == 201, (status, case)
    return case["id"]


def wait_for_log(text, seen_before):
    """The log's lines after the first `seen_before`, once one holds `text`."""
    for _ in range(100):
        with open(log_path, encoding="utf-8") as f:
            lines = f.read().splitlines()[seen_before:]
        if any(text in line for line in lines):
            return lines
        time.sleep(0.1)
    return []


def log_length():
    with open(log_path, encoding="utf-8") as f:
        return len(f.read().splitlines())


try:
    school = cs.token(base, "reg.4401030001")
    receiving = cs.token(base, "reg.4401040001")
    before = in_force()
    first = transfer("440103201403020020", school, receiving)
    first_due = sending_due(first, receiving)
    cs.check(first_due == ("2025-10-16", before),
             "a transfer opened before the overlay: national 10 working days %s" % (first_due,))

    # 1. The overlay, as the page writes it.
    overlay = os.path.join(work, "workflows", "provinces", "440000", "transfer.yaml")
    os.makedirs(os.path.dirname(overlay), exist_ok=True)
    with open(overlay, "w", encoding="utf-8") as f:
        f.write(blocks["workflows/provinces/440000/transfer.yaml"])

    # 2. Checked.
    checked = command(blocks["check"].strip())
    cs.check(checked.returncode == 0 and checked.stdout.startswith("ok "),
             "xueji workflows check: %r %r" % (checked.stdout, checked.stderr))
    new_version = checked.stdout.split()[1] if checked.returncode == 0 else ""
    cs.check(new_version not in ("", before), "the check names a new version")

    # 3. Simulated.
    with open(os.path.join(work, "guangdong-transfer.yaml"), "w", encoding="utf-8") as f:
        f.write(blocks["guangdong-transfer.yaml"])
    simulated = command(blocks["simulate"].strip())
    cs.check(simulated.returncode == 0, "xueji simulate: %r" % simulated.stderr)
    events = [json.loads(line) for line in simulated.stdout.splitlines() if line.strip()]
    activated = [e for e in events if e.get("event") == "step_activated"
                 and e.get("step") == "sending_school"]
    cs.check(len(activated) == 1 and activated[0].get("due") == "2025-10-15",
             "the simulation's sending_school is due 2025-10-15, as the page says: %s" % activated)

    # 4. Reloaded by SIGHUP.
    seen = log_length()
    server.send_signal(signal.SIGHUP)
    lines = wait_for_log("rules reloaded", seen)
    cs.check(any(new_version in line for line in lines),
             "SIGHUP logs 'rules reloaded' with the new version: %s" % lines)
    cs.check(in_force() == new_version, "/readyz answers the new version")
    cs.check(server.poll() is None, "the server still runs after SIGHUP")

    second = transfer("440103201309150013", school, receiving)
    # Opened at 2025-09-26 09:00 on the server's clock: 5 working days.
    cs.check(sending_due(second, receiving) == ("2025-10-10", new_version),
             "a transfer opened after the reload runs the overlay: %s"
             % (sending_due(second, receiving),))
    cs.check(sending_due(first, receiving) == first_due,
             "the transfer opened before keeps its plan: %s" % (sending_due(first, receiving),))

    # 5. The route, as an administrator: nothing new to put in force.
    admin = cs.token(base, "admin.440000")
    status, answer = cs.call(base, "POST", "/v1/rules/reload", token=admin)
    cs.check(status == 200 and answer.get("changed") is False
             and answer.get("rule_version") == new_version,
             "POST /v1/rules/reload with the same files: unchanged %s %s" % (status, answer))
    status, answer = cs.call(base, "POST", "/v1/rules/reload",
                             token=cs.token(base, "reg.4401030001"))
    cs.check(status == 403, "a registrar may not reload: %s" % status)

    # 6. A bad file: refused by the check, by the route and by SIGHUP alike.
    with open(overlay, "w", encoding="utf-8") as f:
        f.write(blocks["workflows/provinces/440000/transfer.yaml"].replace(
            "{working_days: 5}", "{months: 6}"))
    checked = command(blocks["check"].strip())
    cs.check(checked.returncode == 2 and "provinces/440000/transfer.yaml:7:" in checked.stderr
             and "(Art. 15)" in checked.stderr,
             "the check refuses six months naming file, line and article: %r" % checked.stderr)
    status, answer = cs.call(base, "POST", "/v1/rules/reload", token=admin)
    cs.check(status == 422 and answer.get("type") == "urn:xueji:problem:reload_refused"
             and "provinces/440000/transfer.yaml:7" in answer.get("detail", ""),
             "the route refuses it, naming the file: %s %s" % (status, answer))
    seen = log_length()
    server.send_signal(signal.SIGHUP)
    lines = wait_for_log("reload refused", seen)
    cs.check(any("transfer.yaml:7" in line for line in lines),
             "SIGHUP logs 'reload refused' naming the file: %s" % lines)
    cs.check(in_force() == new_version, "the version in force is unchanged")
finally:
    cs.stop(server, None)

# 7. The trail: every reload, by whom, with its outcome.
db = sqlite3.connect(os.path.join(work, "xueji.db"))
rows = db.execute("SELECT account, outcome, detail FROM audit_entries "
                  "WHERE action = 'rules.reload' ORDER BY seq").fetchall()
db.close()
cs.check([(a, o) for a, o, _ in rows] == [("system", "ok"), ("admin.440000", "ok"),
                                          ("reg.4401030001", "role_forbidden"),
                                          ("admin.440000", "reload_refused"),
                                          ("system", "reload_refused")],
         "the audit trail has each reload: %s" % [(a, o) for a, o, _ in rows])
cs.check(len(rows) > 0 and (before + " -> " + new_version) in rows[0][2],
         "the SIGHUP entry names both versions: %s" % (rows[0][2] if rows else None))
shutil.rmtree(work, ignore_errors=True)
cs.finish()

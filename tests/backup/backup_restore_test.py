"""Backup and restore as docs/operations.md tells an operator to do them,
on both backends: a PostgreSQL dump (`pg_dump --format=custom`, then
`pg_restore`) and an SQLite online backup (`sqlite3 FILE ".backup ..."`),
each taken while `xueji serve` keeps serving, restored into a fresh store
that a new server serves from; the restored case reads as it did, takes its
next decision, and `xueji audit verify` finds the trail intact. Then the
restored trail's month is archived (`xueji audit archive`) and verifies
from the genesis through the file, while the server goes on appending.

Run as `backup_restore_test.py XUEJI_BINARY SOURCE_DIR`, with
XUEJI_TEST_POSTGRES_URL naming a database whose role may create databases.
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "console"))
from console_server import call, check, ended, finish, start_server, token  # noqa: E402

BINARY, SOURCE = sys.argv[1], sys.argv[2]


def run(*args):
    done = subprocess.run(list(args), capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout + done.stderr


def stop(server):
    server.terminate()
    ended(server)


def verify(db, archives=None):
    args = [BINARY, "audit", "verify", "--db", db] + (["--archives", archives] if archives else [])
    return run(*args)


def work_on(base):
    """A student, a transfer and its first decision: the case, as read."""
    status, _ = call(base, "POST", "/v1/students",
                     {"id": "450102201309150019", "name": "李小明", "school": "4501020001",
                      "grade": 5}, token(base, "reg.4501020001"))
    check(status == 201, "student registered")
    status, opened = call(base, "POST", "/v1/cases",
                          {"kind": "transfer", "student": "G450102201309150019",
                           "to_school": "4501030002"}, token(base, "reg.4501030002"))
    check(status == 201, "transfer opened")
    status, _ = call(base, "POST", "/v1/cases/%s/decisions" % opened["id"],
                     {"step": "sending_school", "decision": "approve"},
                     token(base, "reg.4501020001"))
    check(status == 200, "the sending school approved")
    status, case = call(base, "GET", "/v1/cases/" + opened["id"], token=token(base, "admin.000000"))
    check(status == 200, "the case reads")
    return case


def restore_and_serve(label, source_db, backup, restore, restored_db, work):
    server, base, _ = start_server(BINARY, SOURCE, "xueji-backup-", db=source_db,
                                   work=os.path.join(work, "a"))
    try:
        before = work_on(base)
        code, out = backup()
        check(code == 0, "%s: the backup is taken while the server serves (%s)" % (label, out.strip()))
        # A change after the backup: not in it.
        status, _ = call(base, "POST", "/v1/students",
                         {"id": "450102201406010026", "name": "王芳", "school": "4501020001",
                          "grade": 4}, token(base, "reg.4501020001"))
        check(status == 201, "%s: a registration after the backup" % label)
    finally:
        stop(server)
    code, out = restore()
    check(code == 0, "%s: restored (%s)" % (label, out.strip()))
    code, out = verify(restored_db)
    check(code == 0 and "intact" in out, "%s: the restored trail verifies: %s" % (label, out.strip()))

    server, base, _ = start_server(BINARY, SOURCE, "xueji-restored-", db=restored_db,
                                   work=os.path.join(work, "b"))
    try:
        admin = token(base, "admin.000000")
        status, after = call(base, "GET", "/v1/cases/" + before["id"], token=admin)
        check(status == 200 and after == before,
              "%s: the restored case reads as it did before the backup" % label)
        status, _ = call(base, "GET", "/v1/students/G450102201406010026", token=admin)
        check(status == 404, "%s: what came after the backup is not there (%d)" % (label, status))
        status, _ = call(base, "POST", "/v1/cases/%s/decisions" % before["id"],
                         {"step": "sending_county", "decision": "approve"},
                         token(base, "reg.450102"))
        check(status == 200, "%s: the restored server takes the next decision (%d)" % (label, status))
        # The month of the simulated clock (2025-09) is over by the real one.
        archives = os.path.join(work, "audit")
        code, out = run(BINARY, "audit", "archive", "--db", restored_db, "--to", archives,
                        "--through", "2025-09")
        check(code == 0 and "archived 2025-09" in out, "%s: the month is archived: %s"
              % (label, out.strip()))
        status, _ = call(base, "GET", "/v1/cases/" + before["id"], token=admin)
        check(status == 200, "%s: the server serves on after the archiving" % label)
    finally:
        stop(server)
    code, out = verify(restored_db, archives)
    check(code == 0 and "verify from the genesis" in out,
          "%s: store and archive verify together: %s" % (label, out.strip()))


def postgresql(work):
    url = os.environ.get("XUEJI_TEST_POSTGRES_URL", "")
    check(url != "", "XUEJI_TEST_POSTGRES_URL is set (scripts/test.sh sets it)")
    if not url:
        return
    root = url.rsplit("/", 1)[0]
    names = ["xueji_backup_a_%d" % os.getpid(), "xueji_backup_b_%d" % os.getpid()]
    for name in names:
        run("psql", url, "-qc", "DROP DATABASE IF EXISTS %s" % name)
        code, out = run("psql", url, "-qc", "CREATE DATABASE %s" % name)
        check(code == 0, "database %s created (%s)" % (name, out.strip()))
    source, restored = ["%s/%s" % (root, n) for n in names]
    dump = os.path.join(work, "xueji.dump")
    try:
        restore_and_serve(
            "PostgreSQL", source,
            lambda: run("pg_dump", "--format=custom", "--file=" + dump, source),
            lambda: run("pg_restore", "--dbname=" + restored, "--exit-on-error", dump),
            restored, os.path.join(work, "pg"))
    finally:
        for name in names:
            run("psql", url, "-qc", "DROP DATABASE IF EXISTS %s" % name)


def sqlite(work):
    source = os.path.join(work, "live.db")
    backup = os.path.join(work, "backup.db")
    restored = os.path.join(work, "restored.db")
    restore_and_serve(
        "SQLite", "sqlite:" + source,
        lambda: run("sqlite3", source, ".backup '%s'" % backup),
        lambda: (shutil.copyfile(backup, restored), (0, "copied " + backup))[1],
        "sqlite:" + restored, os.path.join(work, "sqlite"))


def main():
    work = tempfile.mkdtemp(prefix="xueji-backup-test-")
    try:
        postgresql(work)
        sqlite(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    finish()


main()

"""What the fault suite drives: its own PostgreSQL cluster (stopped and
started at will, which is why the suite owns it), `xueji serve` processes
(killed with SIGKILL and started again), HTTP calls with an
Idempotency-Key, and a webhook receiver that can misbehave on purpose.
Python's standard library only."""
import http.client
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PASSWORD = "Xueji-Demo-2025"
failures = []
# How AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer begin
# their reports.
SANITIZER_REPORTS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                     "WARNING: ThreadSanitizer")


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)
    return condition


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_owner(args):
    """PostgreSQL refuses to run as root: as root its cluster is `postgres`'s."""
    return (["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []) + args


class Postgres:
    """A throwaway cluster of scripts/postgres-throwaway.sh, on a port of its
    own (never the developer's cluster): stopped as a crash stops it, started
    again on the same port."""

    def __init__(self, source):
        self.script = os.path.join(source, "scripts", "postgres-throwaway.sh")
        env = dict(os.environ, XUEJI_PG_PORT=os.environ.get("XUEJI_FAULT_PG_PORT", "56432"))
        started = subprocess.run(["bash", self.script], env=env, capture_output=True, text=True)
        if started.returncode != 0:
            raise RuntimeError("postgres-throwaway.sh failed (exit %d): %s" %
                               (started.returncode, started.stderr.strip()))
        out = started.stdout.split()
        self.dir, self.url = out[0], out[1]
        self.port = int(self.url.rsplit(":", 1)[1].split("/")[0])
        bins = sorted(d for d in os.listdir("/usr/lib/postgresql"))
        self.pg_ctl = "/usr/lib/postgresql/%s/bin/pg_ctl" % bins[-1]

    def stop(self):
        subprocess.run(as_owner([self.pg_ctl, "-D", self.dir + "/data", "-m", "immediate",
                                 "stop"]), check=True, capture_output=True)

    def start(self):
        opts = "-p %d -k %s -c listen_addresses=127.0.0.1 -c max_connections=300" % (
            self.port, self.dir)
        subprocess.run(as_owner([self.pg_ctl, "-D", self.dir + "/data", "-l",
                                 self.dir + "/server.log", "-w", "-o", opts, "start"]),
                       check=True, capture_output=True)

    def fresh_database(self, name):
        subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "xueji", "-d",
                        "xueji_test", "-qc", "CREATE DATABASE %s" % name], check=True,
                       capture_output=True)
        return self.url.rsplit("/", 1)[0] + "/" + name

    def remove(self):
        subprocess.run(["bash", self.script, "stop", self.dir], capture_output=True)


def query(db, sql):
    """Rows of `sql` on the store `db` (sqlite:PATH or postgresql://...), as
    tuples of strings."""
    if db.startswith("sqlite:"):
        c = sqlite3.connect(db[len("sqlite:"):], timeout=30)
        try:
            return [tuple("" if v is None else str(v) for v in row) for row in c.execute(sql)]
        finally:
            c.close()  # `with` would only commit, keeping the file (and its mount) busy
    out = subprocess.run(["psql", db, "-AtF", "\t", "-c", sql], check=True, capture_output=True,
                         text=True).stdout
    return [tuple(line.split("\t")) for line in out.splitlines() if line]


class Server:
    """`xueji serve` on the demo tree and the simulated clock, with webhooks
    for `hooked` orgs pointing at `hook_url`."""

    live = []  # every Server not yet removed, for the suite's last cleanup
    reported = set()  # (work directory, mark) of sanitizer reports already failed

    def __init__(self, binary, source, db, hooked=(), hook_url=None, hook_urls=None):
        Server.live.append(self)
        self.binary, self.db = binary, db
        self.work = tempfile.mkdtemp(prefix="xueji-faults-")
        self.port = free_port()
        self.base = ("127.0.0.1", self.port)
        self.process = None
        self.log = open(os.path.join(self.work, "serve.log"), "a")
        urls = dict(hook_urls or {})
        for org in hooked:
            urls[org] = hook_url
        lines = ["db: " + db, "listen: 127.0.0.1:%d" % self.port,
                 "rules: %s/workflows" % source, "calendars: %s/config/calendars" % source,
                 "orgs: %s/config/demo/orgs.yaml" % source, "migrations: %s/migrations" % source,
                 "console: %s/console" % source, "demo_accounts: true",
                 "argon2_memory_kib: 64", "argon2_iterations: 1"]
        lines += ["webhooks:"] if urls else ["webhooks: {}"]
        lines += ['  "%s": %s' % (org, url) for org, url in sorted(urls.items())]
        self.config = os.path.join(self.work, "xueji.yaml")
        with open(self.config, "w") as f:
            f.write("\n".join(lines) + "\n")

    def start(self, at, timeout=20):
        """Starts on the simulated clock at `at`; seconds until /readyz said 200."""
        began = time.monotonic()
        self.process = subprocess.Popen(
            [self.binary, "serve", "--config", self.config, "--clock", "simulated", "--start", at,
             "--no-auto-promotion"], stdout=self.log, stderr=subprocess.STDOUT)
        while time.monotonic() - began < timeout:
            if self.process.poll() is not None:
                raise RuntimeError("xueji serve exited with %d (log: %s/serve.log)" %
                                   (self.process.returncode, self.work))
            if call(self, "GET", "/readyz", timeout=1)[0] == 200:
                return time.monotonic() - began
            time.sleep(0.05)
        raise RuntimeError("xueji serve not ready in %d s (log: %s)" % (timeout, self.work))

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.check_sanitizers()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.check_sanitizers()

    def check_sanitizers(self):
        """scripts/test.sh builds the server with ASan, LSan and UBSan: a
        report in its log (a memory error or undefined behaviour stops the
        server; leaks are reported as it exits) is a failed check."""
        self.log.flush()
        with open(os.path.join(self.work, "serve.log"), errors="replace") as f:
            text = f.read()
        for mark in SANITIZER_REPORTS:
            at = text.find(mark)
            if at >= 0 and (self.work, mark) not in Server.reported:
                Server.reported.add((self.work, mark))
                print(text[max(0, text.rfind("\n", 0, at)):at + 6000], flush=True)
                check(False, "xueji serve ran without a sanitizer report (%s in %s/serve.log)"
                      % (mark, self.work))

    def remove(self):
        self.stop()
        shutil.rmtree(self.work, ignore_errors=True)
        if self in Server.live:
            Server.live.remove(self)


def call(server, method, path, body=None, token=None, key=None, timeout=10, language=None):
    """(status, headers, answer JSON or None, seconds): status 0 when the
    connection failed or timed out. `language`: an Accept-Language to send."""
    began = time.monotonic()
    conn = http.client.HTTPConnection(*server.base, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json", "Connection": "close"}
        if language:
            headers["Accept-Language"] = language
        if token:
            headers["Authorization"] = "Bearer " + token
        if key:
            headers["Idempotency-Key"] = key
        conn.request(method, path, None if body is None else json.dumps(body), headers)
        answer = conn.getresponse()
        raw = answer.read()
        try:
            decoded = json.loads(raw) if raw else None
        except ValueError:
            decoded = raw.decode(errors="replace")
        return answer.status, dict(answer.getheaders()), decoded, time.monotonic() - began
    except (OSError, http.client.HTTPException):
        return 0, {}, None, time.monotonic() - began
    finally:
        conn.close()


def sign_in(server, name, deadline=30):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        status, _, answer, _ = call(server, "POST", "/v1/sessions",
                                    {"name": name, "password": PASSWORD})
        if status == 201:
            return answer["token"]
        time.sleep(0.2)
    raise RuntimeError("cannot sign in as " + name)


class Receiver:
    """A webhook receiver on loopback. Per path: "ok" answers 204, "slow"
    after 1 s, "hang" never (holds the connection), "garbage" writes bytes
    that are no HTTP and closes. Records every notice id it accepted."""

    def __init__(self):
        self.lock = threading.Lock()
        self.accepted = {}  # notice id -> times accepted
        self.attempts = {}  # mode -> POSTs seen
        self.without_id = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                mode = self.path.strip("/") or "ok"
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                with receiver.lock:
                    receiver.attempts[mode] = receiver.attempts.get(mode, 0) + 1
                if mode == "hang":
                    time.sleep(3600)
                    return
                if mode == "garbage":
                    self.wfile.write(b"\x00\xffnot http at all\r\n\r\n")
                    self.close_connection = True
                    return
                if mode == "slow":
                    time.sleep(1)
                notice = self.headers.get("X-Xueji-Notice-Id", "")
                try:
                    same = json.loads(body).get("id") == notice
                except ValueError:
                    same = False
                with receiver.lock:
                    if notice and same:
                        receiver.accepted[notice] = receiver.accepted.get(notice, 0) + 1
                    else:
                        receiver.without_id += 1
                self.send_response(204)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, mode="ok"):
        return "http://127.0.0.1:%d/%s" % (self.port, mode)

    def ids(self):
        with self.lock:
            return dict(self.accepted)


def verdict(failures):
    """The exit status of a run whose failed checks are `failures`, each
    printed."""
    if failures:
        print("%d check(s) failed:" % len(failures))
        for f in failures:
            print("  " + f)
        return 1
    print("all checks passed")
    return 0

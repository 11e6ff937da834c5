"""What the console's browser tests share: a `xueji serve` of the demo tree
on a temporary SQLite file and the simulated clock (2025-09-26 09:00
Beijing), calls to its API, Debian's headless Chromium, and the checks'
tally. Each test is run as `TEST.py XUEJI_BINARY SOURCE_DIR SCREENSHOT_DIR`.
"""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

PASSWORD = "Xueji-Demo-2025"
failures = []
# The work directories start_server made, removed by finish() after a pass.
made = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None, token=None, accept=None):
    """(status, answer): JSON decoded, or the text when `accept` asks for another type."""
    request = urllib.request.Request(base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if accept:
        request.add_header("Accept", accept)
    decode = (lambda raw: raw.decode()) if accept else (lambda raw: json.loads(raw or b"null"))
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, decode(answer.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def token(base, name, password=PASSWORD):
    status, answer = call(base, "POST", "/v1/sessions", {"name": name, "password": password})
    assert status == 201, (status, answer)
    return answer["token"]


def start_server(binary, source, prefix, db=None, work=None, rules=None):
    """(server process, base URL, work directory) once /readyz answers; the
    port is free, or XUEJI_TEST_PORT when set. The store is a new SQLite
    file in the work directory unless `db` names one; the rules are the
    project's unless `rules` names a directory."""
    if work is None:
        work = tempfile.mkdtemp(prefix=prefix)
        made.append(work)
    os.makedirs(work, exist_ok=True)
    port = int(os.environ.get("XUEJI_TEST_PORT", "0")) or free_port()
    config = os.path.join(work, "xueji.yaml")
    with open(config, "w") as f:
        f.write("\n".join([
            "db: %s" % (db or "sqlite:%s/xueji.db" % work),
            "listen: 127.0.0.1:%d" % port,
            "rules: %s" % (rules or os.path.join(source, "workflows")),
            "calendars: %s/config/calendars" % source,
            "orgs: %s/config/demo/orgs.yaml" % source,
            "migrations: %s/migrations" % source,
            "console: %s/console" % source,
            "demo_accounts: true",
            "argon2_memory_kib: 64",
            "argon2_iterations: 1",
            # A browser test fires faster than a person: no anonymous limit.
            "throttle: {anonymous_per_second: 100000, anonymous_burst: 100000}",
            ""]))
    log = open(os.path.join(work, "serve.log"), "w")
    server = subprocess.Popen([binary, "serve", "--config", config, "--clock", "simulated",
                               "--start", "2025-09-26T09:00:00+08:00", "--no-auto-promotion"],
                              stdout=log, stderr=subprocess.STDOUT)
    base = "http://127.0.0.1:%d" % port
    for _ in range(200):
        try:
            if urllib.request.urlopen(base + "/readyz", timeout=1).status == 200:
                return server, base, work
        except Exception:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("xueji serve did not become ready")


def browser(height=900, downloads=None):
    """Debian's headless Chromium in Chinese, 1280 pixels wide; files it
    downloads go to `downloads`, unasked, when given."""
    # Imported here, so that tests without a browser need no Selenium.
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1280,%d" % height, "--lang=zh-CN"):
        options.add_argument(arg)
    if downloads:
        options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                                  "download.prompt_for_download": False})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def stop(server, driver):
    if driver is not None:
        driver.quit()
    server.terminate()
    ended(server)


def ended(server):
    """Waits for a server sent SIGTERM, which drains and exits 0. Under
    scripts/test.sh it is built with ASan, LSan and UBSan, which end it
    with another status on a finding (LSan's 23 for a leak, reported as it
    exits), so anything else is a failed check; the report is in its
    serve.log."""
    status = server.wait(timeout=20)
    check(status == 0, "xueji serve exited 0 on SIGTERM (it exited %d: a sanitizer report, "
          "if any, is in its serve.log)" % status)


def finish():
    """Exits 1 naming how many checks failed, else says all passed and
    removes the work directories start_server made (a failed run keeps
    them: each holds its server's serve.log)."""
    if failures:
        print("%d check(s) failed; the servers' logs: %s" % (len(failures), ", ".join(
            os.path.join(w, "serve.log") for w in made)))
        raise SystemExit(1)
    for work in made:
        shutil.rmtree(work, ignore_errors=True)
    print("all checks passed")

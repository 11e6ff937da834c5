"""The load the faults strike, and its ledger. A story is what registrars
do with one student: the sending school registers them, the receiving
school opens a transfer, and the three parties approve it (Art. 15); a
silent story stops after the opening, so its timers run. Every request
carries its own Idempotency-Key and is retried with that key while the
answer is a 503 or no answer; the ledger keeps, per request, whether it was
acknowledged (2xx) and its answer."""
import random
import threading
import time

from harness import call, sign_in

SCHOOL, TO_SCHOOL = "4501020001", "4501030002"
STEPS = [("sending_school", "4501020001"), ("sending_county", "450102"),
         ("receiving_county", "450103")]
ACTORS = ["reg." + o for o in (SCHOOL, TO_SCHOOL, "450102", "450103")]
RETRYABLE = (0, 503)
REFRESH = threading.Lock()


def resident_id(n, salt):
    """A valid 18-character resident ID of Xingning district, born 2014,
    unique per (salt, n)."""
    day = 1 + n % 28
    first17 = "4501022014%02d%02d%03d" % (1 + salt % 12, day, n // 28 % 1000)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(first17, weights))
    return first17 + "10X98765432"[total % 11]


class Op:
    def __init__(self, story, kind, actor, path, body, key):
        self.story, self.kind, self.actor, self.path, self.body = story, kind, actor, path, body
        self.key = key
        self.acked = False
        self.status = None  # the last answer's status (0: none)
        self.answer = None  # the acknowledging answer
        self.refused = None  # a 4xx that is no fault's doing
        self.attempts = 0  # sent this many times with its key


class Story:
    def __init__(self, n, salt, run, silent=False):
        self.n, self.silent = n, silent
        self.id = resident_id(n, salt)
        self.student = "G" + self.id
        self.run = run
        self.case = None
        self.ops = []

    def plan(self):
        """The next request of this story, or None when it is done."""
        done = len(self.ops)
        key = "%s-%d-%d" % (self.run, self.n, done)
        if done == 0:
            return Op(self, "register", "reg." + SCHOOL, "/v1/students",
                      {"id": self.id, "name": "测试%d" % self.n, "school": SCHOOL, "grade": 5},
                      key)
        if done == 1:
            return Op(self, "open", "reg." + TO_SCHOOL, "/v1/cases",
                      {"kind": "transfer", "student": self.student, "to_school": TO_SCHOOL}, key)
        if self.silent or done >= 2 + len(STEPS) or self.case is None:
            return None
        step, org = STEPS[done - 2]
        return Op(self, "decide", "reg." + org, "/v1/cases/%s/decisions" % self.case,
                  {"step": step, "decision": "approve", "by": org}, key)

    def complete(self):
        return self.plan() is None and (self.silent or len(self.ops) == 2 + len(STEPS))


class Figures:
    """What the load saw: answers by status, the slowest, and the 503s and
    429s that were not a problem+json with Retry-After."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = {}
        self.slowest = 0.0
        self.took = []
        self.bad_503 = []

    def saw(self, status, headers, answer, took):
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            self.slowest = max(self.slowest, took)
            self.took.append(took)
            if status in (503, 429):
                problem = headers.get("Content-Type", "") == "application/problem+json"
                if not problem or not headers.get("Retry-After") or not isinstance(answer, dict):
                    self.bad_503.append((headers.get("Content-Type"), headers.get("Retry-After")))


def perform(server, tokens, op, budget, figures, stop=None):
    """Sends `op` (again, with its key) until acknowledged, refused or out of
    `budget` seconds; True when acknowledged."""
    end = time.monotonic() + budget
    while True:
        status, headers, answer, took = call(server, "POST", op.path, op.body,
                                             tokens[op.actor], op.key, timeout=10)
        figures.saw(status, headers, answer, took)
        op.attempts += 1
        op.status = status
        if 200 <= status < 300:
            op.acked, op.answer = True, answer
            if op.kind == "open":
                op.story.case = answer["id"]
            return True
        in_use = status == 409 and isinstance(answer, dict) and \
            answer.get("type", "").endswith("idempotency_key_in_use")
        if status == 401:  # the session ended (the clock moved past it): sign in again
            stale = tokens[op.actor]
            with REFRESH:
                if tokens[op.actor] == stale:
                    tokens[op.actor] = sign_in(server, op.actor)
            continue
        if status == 429:  # signing in again, all at once: as told, a second later
            time.sleep(1)
            continue
        if status not in RETRYABLE and not in_use:
            op.refused = (status, answer)
            return False
        if time.monotonic() > end or (stop is not None and stop.is_set()):
            return False
        time.sleep(0.1 + random.random() * 0.1)


class Load:
    """`threads` clients telling stories until stopped; the ledger is every
    Op sent. `silent` stories are told first, one per client."""

    def __init__(self, server, run, salt, threads=4, budget=2.0, silent=0):
        self.server, self.run, self.salt = server, run, salt
        self.threads, self.budget = threads, budget
        self.stories = [Story(i, salt, run, silent=True) for i in range(silent)]
        self.next = silent
        self.figures = Figures()
        self.lock = threading.Lock()
        self.stop_event = threading.Event()
        self.workers = []
        self.tokens = {}

    def sign_in(self):
        self.tokens = {a: sign_in(self.server, a) for a in ACTORS}

    def _story(self):
        with self.lock:
            story = Story(self.next, self.salt, self.run)
            self.next += 1
            self.stories.append(story)
            return story

    def _client(self, silent):
        for story in silent:
            self.tell(story)
        while not self.stop_event.is_set():
            self.tell(self._story())

    def tell(self, story):
        while not self.stop_event.is_set():
            op = story.plan()
            if op is None:
                return
            story.ops.append(op)
            if not perform(self.server, self.tokens, op, self.budget, self.figures,
                           self.stop_event):
                return  # unacknowledged: the settling pass finishes the story

    def start(self):
        self.stop_event.clear()
        silent = [s for s in self.stories if s.silent and not s.ops]
        for i in range(self.threads):
            mine = silent[i::self.threads]
            t = threading.Thread(target=self._client, args=(mine,), daemon=True)
            t.start()
            self.workers.append(t)

    def stop(self):
        self.stop_event.set()
        for t in self.workers:
            t.join(timeout=30)
        self.workers = []

    def ops(self):
        return [op for s in self.stories for op in s.ops]

    def settle(self, budget=20.0):
        """Every request sent again with its own key, and every story told to
        its end: an acknowledged request must answer as it did (a replay,
        nothing changed); an unacknowledged one may now take effect, once.
        Returns the acknowledged requests whose replay differed."""
        differing = []
        for story in self.stories:
            for op in list(story.ops):
                first = (op.acked, op.answer)
                perform(self.server, self.tokens, op, budget, self.figures)
                if first[0] and (not op.acked or op.answer != first[1]):
                    differing.append((op.kind, op.key, first[1], op.answer))
            while True:
                op = story.plan()
                if op is None:
                    break
                story.ops.append(op)
                if not perform(self.server, self.tokens, op, budget, self.figures):
                    break
        return differing

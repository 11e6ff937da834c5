// The API walkthrough as another system would write it: a client generated
// from docs/api/openapi.yaml (openapi-typescript's `paths`, openapi-fetch's
// typed calls), compiled by tsc in strict mode, run against a live
// `xueji serve` on the simulated clock with the demo accounts.
//
// Every path, parameter, body and answer field below is checked by the
// compiler against the generated types, so a document that drifts from what
// callers send and read breaks the compile; every answer's status and key
// fields are then checked against the running server, so a document that
// drifts from the server breaks the run. Nothing here names a schema
// component: only paths, so the document may organise its components freely.
//
//   node dist/src/walkthrough.js BASE_URL
//
// Exit status 0 when every check holds; 1 with "FAIL <what>: <why>" on the
// first that does not.
import createClient from "openapi-fetch";

import type { paths } from "../generated/schema.js";

const base = process.argv[2] ?? "";
if (!/^https?:\/\//.test(base)) {
  console.error("usage: walkthrough.js BASE_URL (e.g. http://127.0.0.1:8080)");
  process.exit(2);
}

// The demo accounts (config/xueji.yaml `demo_accounts`, docs/accounts.md).
const PASSWORD = "Xueji-Demo-2025";
const SENDING_SCHOOL = "4501020001"; // 南宁兴宁区第一小学
const RECEIVING_SCHOOL = "4501030002"; // 南宁青秀区第二小学
const RESIDENT_ID = "450102201309150019";
const STUDENT = "G" + RESIDENT_ID; // Art. 8: G + the verified resident ID
// The server starts at Friday 2025-09-26 09:00 Beijing time: 10 working days
// (Art. 15) across the National Day holiday end on 2025-10-16.
const FIRST_DUE = "2025-10-16";

class Mismatch extends Error {}

function fail(what: string, why: string): never {
  throw new Mismatch(`${what}: ${why}`);
}

function check(condition: boolean, what: string, why: string): void {
  if (!condition) fail(what, why);
  console.log(`ok   ${what}`);
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

// One answer of openapi-fetch: its status must be `status`; on success the
// parsed body is returned, typed by the document's answer for that status.
type Answer<D, E> = { data?: D; error?: E; response: Response };

async function expect<D, E>(what: string, call: Promise<Answer<D, E>>, status: number): Promise<Exclude<D, undefined>> {
  const { data, error, response } = await call;
  if (response.status !== status) {
    fail(what, `HTTP ${response.status}, expected ${status}: ${show(error ?? data)}`);
  }
  if (data === undefined) fail(what, `HTTP ${status} without a body`);
  return data as Exclude<D, undefined>;
}

// A refusal: the status, and the problem's stable `type` (never its text).
async function expectProblem<D, E extends { type?: string }>(
  what: string,
  call: Promise<Answer<D, E>>,
  status: number,
  code: string,
): Promise<void> {
  const { data, error, response } = await call;
  if (response.status !== status) {
    fail(what, `HTTP ${response.status}, expected ${status}: ${show(error ?? data)}`);
  }
  check(error?.type === `urn:xueji:problem:${code}`, what, `problem ${show(error)}, expected type ${code}`);
}

const anonymous = createClient<paths>({ baseUrl: base });

// A client signed in as a demo account: its bearer token on every request.
async function signIn(name: string) {
  const session = await expect(
    `sign in as ${name}`,
    anonymous.POST("/v1/sessions", { body: { name, password: PASSWORD } }),
    201,
  );
  check(session.token.startsWith("xj_"), `${name} receives a bearer token`, show(session));
  check(session.account.name === name, `${name}'s session names the account`, show(session.account));
  return createClient<paths>({ baseUrl: base, headers: { Authorization: `Bearer ${session.token}` } });
}

async function main(): Promise<void> {
  const health = await expect("GET /healthz", anonymous.GET("/healthz"), 200);
  check(health.status === "ok", "the server is up", show(health));

  await expectProblem(
    "a wrong password is refused",
    anonymous.POST("/v1/sessions", { body: { name: `reg.${SENDING_SCHOOL}`, password: "not-the-password" } }),
    401,
    "bad_credentials",
  );

  // The sending school registers the student (Art. 8, 9).
  const sendingSchool = await signIn(`reg.${SENDING_SCHOOL}`);
  const registered = await expect(
    "register a student",
    sendingSchool.POST("/v1/students", {
      body: { id: RESIDENT_ID, name: "李小明", school: SENDING_SCHOOL, grade: 5 },
    }),
    201,
  );
  check(
    registered.registration_number === STUDENT &&
      registered.school === SENDING_SCHOOL &&
      registered.grade === 5 &&
      registered.status === "enrolled",
    "the student is enrolled under G + the resident ID",
    show(registered),
  );

  // The receiving school opens the transfer (Art. 15: it starts it).
  const receivingSchool = await signIn(`reg.${RECEIVING_SCHOOL}`);
  const opened = await expect(
    "open a transfer",
    receivingSchool.POST("/v1/cases", {
      body: { kind: "transfer", student: STUDENT, to_school: RECEIVING_SCHOOL },
    }),
    201,
  );
  const caseId = opened.id;
  const firstStep = opened.steps[0];
  check(
    caseId.startsWith("C") && opened.kind === "transfer" && opened.status === "open" && opened.subject === STUDENT,
    "the transfer is open on the student",
    show(opened),
  );
  check(
    firstStep?.step === "sending_school" &&
      firstStep.org === SENDING_SCHOOL &&
      firstStep.status === "active" &&
      firstStep.due === FIRST_DUE,
    "the sending school holds the first step, due in 10 working days (Art. 15)",
    show(firstStep),
  );

  const read = await expect(
    "read the case",
    sendingSchool.GET("/v1/cases/{id}", { params: { path: { id: caseId } } }),
    200,
  );
  check(
    read.id === caseId && read.status === "open" && read.steps.map((s) => s.step).join(",") ===
      "sending_school,sending_county,receiving_county",
    "the case reads back with its three steps (Art. 15)",
    show(read.steps),
  );

  const progress = await expect(
    "read the case's progress",
    receivingSchool.GET("/v1/cases/{id}/progress", { params: { path: { id: caseId } } }),
    200,
  );
  check(
    progress.case === caseId &&
      progress.student === "李**" &&
      progress.now?.org === SENDING_SCHOOL &&
      progress.now.until === FIRST_DUE,
    "the progress view shows who holds it until when, with the name masked (Art. 15)",
    show(progress),
  );

  // The school's pending list, one row a page: the walk follows next_cursor
  // and meets the transfer's step (and the new record's archive_build, Art. 6).
  const pending: { case: string; step: string; due?: string | null }[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await expect(
      `read page ${pages + 1} of the school's pending list`,
      sendingSchool.GET("/v1/orgs/{code}/pending", {
        params: { path: { code: SENDING_SCHOOL }, query: cursor === undefined ? { limit: 1 } : { limit: 1, cursor } },
      }),
      200,
    );
    pages += 1;
    check(page.pending.length <= 1, `page ${pages} holds at most limit=1 row`, show(page));
    pending.push(...page.pending.map((p) => ({ case: p.case, step: p.step, due: p.due })));
    if (!page.has_more) {
      check(page.next_cursor === null, "the last page has no next_cursor", show(page));
      break;
    }
    if (typeof page.next_cursor !== "string") fail(`page ${pages}`, `has_more without a next_cursor: ${show(page)}`);
    cursor = page.next_cursor;
    if (pages > 20) fail("the pending list", "more than 20 pages of one row");
  }
  check(
    pages >= 2 && pending.some((p) => p.case === caseId && p.step === "sending_school" && p.due === FIRST_DUE),
    `the pending list, walked over ${pages} pages, holds the transfer's step`,
    show(pending),
  );

  // Deciding as another party's account is refused, changing nothing.
  await expectProblem(
    "the receiving school may not decide the sending school's step",
    receivingSchool.POST("/v1/cases/{id}/decisions", {
      params: { path: { id: caseId } },
      body: { step: "sending_school", decision: "approve" },
    }),
    403,
    "out_of_jurisdiction",
  );

  // Each party decides its own step, as its own registrar, until the case
  // completes: the sending school, then both counties (Art. 15).
  const decided: string[] = [];
  let current = read;
  while (current.status === "open") {
    const active = current.steps.find((s) => s.status === "active");
    if (active === undefined) fail("the open case", `no active step: ${show(current.steps)}`);
    const holder = active.holder ?? active.org;
    const party = await signIn(`reg.${holder}`);
    const answer = await expect(
      `${holder} approves ${active.step}`,
      party.POST("/v1/cases/{id}/decisions", {
        params: { path: { id: caseId } },
        body: { step: active.step, decision: "approve", note: "同意" },
      }),
      200,
    );
    const after = answer.steps.find((s) => s.step === active.step);
    check(answer.id === caseId && after?.status === "approved", `${active.step} is approved`, show(after));
    current = await expect(
      "read the case after the decision",
      sendingSchool.GET("/v1/cases/{id}", { params: { path: { id: caseId } } }),
      200,
    );
    decided.push(`${active.step}@${holder}`);
    if (decided.length > 10) fail("the transfer", `still open after ${show(decided)}`);
  }
  check(
    decided.join(",") === "sending_school@4501020001,sending_county@450102,receiving_county@450103",
    "the sending school and both counties decided, in order",
    show(decided),
  );
  check(current.status === "closed" && current.outcome === "approved", "the transfer completes approved", show(current));

  const done = await expect(
    "read the progress of the completed case",
    receivingSchool.GET("/v1/cases/{id}/progress", { params: { path: { id: caseId } } }),
    200,
  );
  check(
    done.status === "closed" && done.outcome === "approved" && done.history.at(-1)?.event === "completed",
    "the parents' view shows the case completed",
    show(done),
  );

  const moved = await expect(
    "read the student",
    receivingSchool.GET("/v1/students/{registration_number}", {
      params: { path: { registration_number: STUDENT } },
    }),
    200,
  );
  check(
    moved.school === RECEIVING_SCHOOL && moved.status === "enrolled" &&
      (moved.cases ?? []).some((c) => c.id === caseId && c.outcome === "approved"),
    "the student is enrolled at the receiving school, the transfer on the record",
    show(moved),
  );

  // The initiator is told the case completed (a completion notice).
  const notices = await expect(
    "read the receiving school's notices",
    receivingSchool.GET("/v1/orgs/{code}/notices", { params: { path: { code: RECEIVING_SCHOOL }, query: { limit: 50 } } }),
    200,
  );
  check(
    notices.notices.some((n) => n.case === caseId && n.kind === "completion" && n.org === RECEIVING_SCHOOL),
    "the receiving school has the completion notice",
    show(notices),
  );
  check(notices.has_more === false && notices.next_cursor === null, "one page of notices", show(notices));

  console.log("walkthrough: every check passed");
}

main().catch((e: unknown) => {
  console.error(e instanceof Mismatch ? `FAIL ${e.message}` : `FAIL ${e instanceof Error ? e.stack : show(e)}`);
  process.exit(1);
});

// Xueji's web console: sign in, an org's inbox (pending, overdue, notices,
// the dropout ledger of its subtree), a case with its steps and history,
// and deciding a step. Our own code, no
// library: it talks to the same /v1 API as every other caller, with the
// signed-in account's bearer token, and shows a refusal's title and detail.
"use strict";

const KINDS = {
  transfer: "转学", leave: "休学", resume: "复学", deferral: "缓学",
  withdrawal: "退学", death_deregistration: "死亡注销", graduation: "毕业（结业、肄业）",
  info_change: "学籍信息变更", grade_change: "升级、留级（降级）", stage_handover: "升学衔接",
  study_abroad: "出国（境）就读", return_from_abroad: "回国（境）就读",
  specialised_school_entry: "进入专门学校", specialised_school_return: "专门学校返回原学校",
  archive_build: "学籍档案建立", archive_update: "学籍档案更新",
  roster_check: "学期学籍核准", dropout_follow_up: "控辍保学跟踪",
};
// What a school found of a student not in its classes (Art. 17, 25).
// Art. 14: a special-education student in an ordinary class, as the
// expert committee's assessment found (the record's special_needs mark).
const SPECIAL_NEEDS = "随班就读（经专家评估）";
const FINDINGS = { dropped_out: "辍学", separated: "人籍分离", empty_record: "空挂学籍" };
const PARTIES = {
  sending_school: "转出学校", receiving_school: "转入学校",
  sending_county: "转出地县级教育行政部门", receiving_county: "转入地县级教育行政部门",
  sending_city: "转出地市级教育行政部门", school: "学校", county: "县级教育行政部门",
  city: "市级教育行政部门", province: "省级教育行政部门", superior: "上级教育行政部门",
};
const STEP_STATUS = {
  waiting: "未开始", active: "办理中", approved: "已同意", rejected: "不同意",
  skipped: "已跳过", cancelled: "已撤销",
};
const CASE_STATUS = { open: "办理中", closed: "已办结", in_term: "期限内" };
const OUTCOMES = { approved: "已同意", rejected: "不同意", withdrawn: "已撤回", superseded: "已终止" };
const EVENTS = {
  opened: "发起", step_activated: "进入环节", reminded: "到期提醒", escalated: "逾期上报",
  decided: "办理", completed: "办结", term_ended: "期满", redated: "期限重定",
  handed_over: "学校变更移交",
};
const LISTS = {
  pending: "待办事项", overdue: "逾期事项", notices: "通知", "dropout-ledger": "控辍保学台账",
};
// Each list's rows in its page, and its columns.
const ROWS = { "dropout-ledger": "follow_ups" };
const COLUMNS = {
  notices: ["时间", "案件", "类型", "内容"],
  "dropout-ledger": ["案件", "学生", "核查结论", "学期", "承办单位", "办理期限", "剩余时限"],
};
const STEP_COLUMNS = ["案件", "类型", "环节", "承办单位", "办理期限", "剩余时限"];

const state = {
  token: sessionStorage.getItem("xueji.token"),
  account: JSON.parse(sessionStorage.getItem("xueji.account") || "null"),
  orgNames: {},
};

const $ = (id) => document.getElementById(id);
const label = (table, code) => (code in table ? table[code] : code || "");

function show(section) {
  for (const id of ["sign-in", "password", "sealed", "inbox", "case"]) {
    $(id).hidden = id !== section;
  }
  if ($("statistics")) $("statistics").hidden = section !== "statistics";  // statistics.js
  $("who").hidden = ["sign-in", "password", "sealed"].includes(section);
}

function showProblem(p) {
  $("problem-title").textContent = p ? p.title || "出错了" : "";
  $("problem-detail").textContent = p ? p.detail || "" : "";
  $("problem").hidden = !p;
}

// One call to the API; a refusal throws its problem (title, detail,
// status, type), a dropped token returns to the sign-in page.
async function api(method, path, body) {
  const headers = { "Accept-Language": "zh-CN" };
  if (state.token) headers.Authorization = "Bearer " + state.token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw { title: "无法连接服务器", detail: String(e), status: 0 };
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (!response.ok) {
    const problem = data && data.title ? data
      : { title: "请求失败", detail: "HTTP " + response.status };
    problem.status = response.status;
    if (response.status === 401 && state.token) {
      signOut();
      throw { title: "登录已失效，请重新登录", detail: problem.detail || "", status: 401 };
    }
    // Art. 24: a sealed account goes to the page that says who unseals it,
    // whether it was refused at sign-in or sealed while signed in.
    if (problemCode(problem) === "account_sealed") {
      signOut();
      showSealed(problem);
      problem.shown = true;
    }
    throw problem;
  }
  return data;
}

function problemCode(problem) {
  const type = (problem && problem.type) || "";
  return type.startsWith("urn:xueji:problem:") ? type.slice("urn:xueji:problem:".length) : "";
}

function showSealed(problem) {
  $("sealed-why").textContent = problem.detail || "";
  show("sealed");
}

// An expired password cannot sign in (Art. 24: passwords are changed
// regularly): the person changes it here, with the old one as proof.
function showPasswordChange(name, problem) {
  $("password-account").value = name;
  $("password-why").textContent = problem ? problem.detail || "" : "";
  show("password");
}

async function changePassword(event) {
  event.preventDefault();
  showProblem(null);
  const name = $("password-account").value;
  try {
    await api("POST", "/v1/accounts/" + encodeURIComponent(name) + "/password", {
      old_password: $("password-old").value, new_password: $("password-new").value,
    });
    $("password-old").value = "";
    $("password-new").value = "";
    $("account-name").value = name;
    show("sign-in");
    showProblem({ title: "密码已修改", detail: "请用新密码登录。" });
  } catch (p) {
    if (!p.shown) showProblem(p);
  }
}

async function orgName(code) {
  if (!code) return "";
  if (!(code in state.orgNames)) {
    try {
      state.orgNames[code] = (await api("GET", "/v1/orgs/" + encodeURIComponent(code))).name;
    } catch (e) {
      if (e.status === 401) throw e;  // signed out: the caller shows why
      state.orgNames[code] = code;
    }
  }
  return state.orgNames[code];
}

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

let listCursor = null;
// Loads started, so that a load overtaken by a newer one (the sign-in's and
// the hash change's, a tab clicked twice) adds no rows: only the newest shows.
let listLoads = 0;

// Whatever the last account saw leaves the page with it: the next person at
// the desk signs in to an empty inbox and case view, and a list load still
// in flight for the old account adds no rows (it is overtaken).
function forgetShownData() {
  listLoads++;
  listCursor = null;
  for (const id of ["list-head", "list-body", "as-of", "case-title", "case-facts", "steps-body",
                    "timeline", "deadline-calendars"]) {
    $(id).textContent = "";
  }
  $("inbox-title").textContent = "待办事项";
  $("more").hidden = true;
  $("decide").hidden = true;
  // The roster's and the statistics' sections are made again when next needed.
  for (const id of ["roster", "statistics"]) if ($(id)) $(id).remove();
}

function signOut() {
  state.token = null;
  state.account = null;
  sessionStorage.removeItem("xueji.token");
  sessionStorage.removeItem("xueji.account");
  forgetShownData();
  location.hash = "";
  show("sign-in");
}

async function signIn(event) {
  event.preventDefault();
  showProblem(null);
  try {
    const answer = await api("POST", "/v1/sessions", {
      name: $("account-name").value, password: $("account-password").value,
    });
    state.token = answer.token;
    state.account = answer.account;
    sessionStorage.setItem("xueji.token", state.token);
    sessionStorage.setItem("xueji.account", JSON.stringify(state.account));
    $("account-password").value = "";
    location.hash = "#pending";
    await route();
  } catch (p) {
    if (problemCode(p) === "password_expired") {
      showPasswordChange($("account-name").value, p);
      showProblem(p);
    } else if (!p.shown) {
      showProblem(p);
    }
  }
}

async function loadList(list, more) {
  const load = ++listLoads;
  show("inbox");
  const org = state.account.org;
  $("inbox-title").textContent = (await orgName(org)) + " · " + label(LISTS, list);
  for (const tab of document.querySelectorAll(".tab")) {
    tab.classList.toggle("current", tab.dataset.list === list);
  }
  const cursor = more ? listCursor : null;
  let path = "/v1/orgs/" + encodeURIComponent(org) + "/" + list + "?limit=50";
  if (cursor) path += "&cursor=" + encodeURIComponent(cursor);
  const page = await api("GET", path);
  // Overdue steps are marked in the pending list too: the server's today
  // (the overdue list's as_of) decides, not this computer's clock.
  let today = page.as_of;
  if (list === "pending" && !today) {
    today = (await api("GET", "/v1/orgs/" + encodeURIComponent(org) + "/overdue?limit=1")).as_of;
  }
  const rows = page[ROWS[list] || list] || [];
  const made = [];
  for (const item of rows) {
    const tr = document.createElement("tr");
    if (list === "notices") {
      cell(tr, item.at.replace("T", " ").slice(0, 16));
      caseLink(cell(tr, ""), item.case);
      cell(tr, label(KINDS, item.kind));
      cell(tr, item.text);
    } else {
      caseLink(cell(tr, ""), item.case);
      if (list === "dropout-ledger") {
        // Art. 17: the follow-up's student, what the school found, when.
        cell(tr, item.student);
        cell(tr, label(FINDINGS, item.finding));
        cell(tr, item.term);
      } else {
        cell(tr, label(KINDS, item.kind));
        cell(tr, label(PARTIES, item.step));
      }
      cell(tr, await orgName(item.holder || item.org));
      // The party's own last day decides lateness; once escalated the
      // holder's follow-up date is shown beside it.
      const escalated = item.holder && item.holder !== item.org;
      cell(tr, item.due + (escalated && item.holder_due ? "（上报后 " + item.holder_due + "）" : ""));
      const late = today && item.due && item.due < today;
      // Working days on the party's own calendar, counted by the server.
      const left = item.working_days_left;
      const days = typeof left !== "number" ? ""
        : left < 0 ? " " + -left + " 个工作日" : "剩余 " + left + " 个工作日";
      cell(tr, late ? "已逾期" + days + (escalated ? "，已上报" : "") : days, late ? "overdue" : "");
      if (late) tr.classList.add("overdue");
    }
    made.push(tr);
  }
  if (load !== listLoads) return;  // overtaken: the newer load shows its rows
  $("as-of").textContent = today ? "截至 " + today : "";
  const head = $("list-head");
  head.textContent = "";
  for (const c of COLUMNS[list] || STEP_COLUMNS) {
    const th = document.createElement("th");
    th.textContent = c;
    head.appendChild(th);
  }
  if (!more) $("list-body").textContent = "";
  for (const tr of made) $("list-body").appendChild(tr);
  listCursor = page.next_cursor || null;
  $("more").hidden = !listCursor;
  $("list-empty").hidden = $("list-body").children.length > 0;
}

function caseLink(td, id) {
  const a = document.createElement("a");
  a.href = "#case/" + encodeURIComponent(id);
  a.textContent = id;
  a.className = "case-link";
  td.appendChild(a);
}

// The case's student as the server shows this account (a party of
// another school sees the name masked). The special-needs mark (随班就读,
// Art. 14) comes only to the school, its superiors and a school taking the
// record over: the server leaves it out for anyone else. A record this
// account may not read shows nothing more.
async function studentFacts(number, fact) {
  let s;
  try {
    s = await api("GET", "/v1/students/" + encodeURIComponent(number));
  } catch (e) {
    return;
  }
  fact("姓名", s.name);
  if (s.grade) fact("年级", s.grade + " 年级");
  if (s.special_needs) fact("特殊教育", SPECIAL_NEEDS);
}

async function loadCase(id) {
  show("case");
  const c = await api("GET", "/v1/cases/" + encodeURIComponent(id));
  $("case-title").textContent = label(KINDS, c.kind) + " · " + c.id;
  const facts = $("case-facts");
  facts.textContent = "";
  const fact = (name, value) => {
    if (!value) return;
    const dt = document.createElement("dt");
    dt.textContent = name;
    const dd = document.createElement("dd");
    dd.textContent = value;
    facts.append(dt, dd);
  };
  // A termly check is about a school (Art. 25); every other case a student.
  if (c.kind === "roster_check") {
    fact("学校", await orgName(c.subject));
    fact("学期", c.term);
  } else {
    fact("学籍号", c.subject);
    await studentFacts(c.subject, fact);
  }
  fact("核查结论", label(FINDINGS, c.finding));
  fact("状态", label(CASE_STATUS, c.status) + (c.outcome ? "（" + label(OUTCOMES, c.outcome) + "）" : ""));
  fact("发起单位", await orgName(c.opened_by));
  fact("发起时间", c.opened_at && c.opened_at.replace("T", " ").slice(0, 16));
  fact("期满时间", c.term_ends && c.term_ends.slice(0, 10));

  const body = $("steps-body");
  body.textContent = "";
  let mine = null;
  const org = state.account.org;
  for (const s of c.steps) {
    const tr = document.createElement("tr");
    tr.dataset.step = s.step;
    cell(tr, label(PARTIES, s.step));
    cell(tr, (await orgName(s.holder || s.org)) + (s.holder && s.holder !== s.org ? "（上报）" : ""));
    cell(tr, label(STEP_STATUS, s.status), "status-" + s.status);
    cell(tr, (s.holder_due || s.due || "") + (s.provisional ? "（暂定）" : ""));
    body.appendChild(tr);
    if (s.status === "active" && [s.org, s.holder, s.escalated_to].includes(org)) mine = s;
  }
  const form = $("decide");
  form.hidden = !mine;
  form.dataset.caseId = c.id;
  form.dataset.step = mine ? mine.step : "";
  if (mine) $("decide-title").textContent = "办理：" + label(PARTIES, mine.step);

  const timeline = $("timeline");
  timeline.textContent = "";
  for (const e of c.history || []) {
    const li = document.createElement("li");
    const parts = [e.at.replace("T", " ").slice(0, 16), label(EVENTS, e.type)];
    if (e.step) parts.push(label(PARTIES, e.step));
    if (e.decision) parts.push(e.decision === "approve" ? "同意" : "不同意");
    if (e.to_org) parts.push("上报至 " + (await orgName(e.to_org)));
    if (e.due) parts.push("期限 " + e.due);
    if (e.note) parts.push("意见：" + e.note);
    li.textContent = parts.join(" · ");
    li.className = "event-" + e.type;
    timeline.appendChild(li);
  }
  // roster.js: the school's own termly check takes its roster here.
  if (typeof showRoster === "function") await showRoster(c, mine);
  // calendar.js: each step's deadline on its working-day month grid.
  if (typeof showDeadlines === "function") await showDeadlines(c.steps, c.history);
}

async function decide(event) {
  event.preventDefault();
  showProblem(null);
  const form = $("decide");
  const decision = event.submitter ? event.submitter.dataset.decision : "approve";
  try {
    await api("POST", "/v1/cases/" + encodeURIComponent(form.dataset.caseId) + "/decisions", {
      step: form.dataset.step, decision, by: state.account.org, note: $("decide-note").value,
    });
    $("decide-note").value = "";
    await loadCase(form.dataset.caseId);
  } catch (p) {
    showProblem(p);
  }
}

async function route() {
  if (!state.token || !state.account) {
    show("sign-in");
    return;
  }
  const hash = decodeURIComponent(location.hash.slice(1));
  try {
    $("who-name").textContent = state.account.name + " · " + (await orgName(state.account.org));
    if (hash.startsWith("case/")) await loadCase(hash.slice(5));
    else if (hash === "statistics" || hash.startsWith("statistics/")) {
      await loadStatistics(hash.slice(11));  // statistics.js: the supervisor's view
    }
    else await loadList(LISTS[hash] ? hash : "pending", false);
  } catch (p) {
    showProblem(p);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("sign-in-form").addEventListener("submit", signIn);
  $("sign-out").addEventListener("click", signOut);
  $("password-form").addEventListener("submit", changePassword);
  for (const back of ["password-back", "sealed-back"]) {
    $(back).addEventListener("click", (e) => { e.preventDefault(); show("sign-in"); });
  }
  $("password-link").addEventListener("click", (e) => {
    e.preventDefault();
    showPasswordChange($("account-name").value, null);
  });
  $("decide").addEventListener("submit", decide);
  $("back").addEventListener("click", (e) => { e.preventDefault(); location.hash = "#pending"; });
  $("more").addEventListener("click", () => {
    const list = location.hash.slice(1);
    loadList(LISTS[list] ? list : "pending", true).catch(showProblem);
  });
  for (const tab of document.querySelectorAll(".tab")) {
    tab.addEventListener("click", () => { location.hash = "#" + tab.dataset.list; });
  }
  // A problem stays on screen until the person moves on; one that signed
  // them out (an expired session) stays on the sign-in page to say why.
  window.addEventListener("hashchange", () => {
    if (state.token) showProblem(null);
    route();
  });
  route();
});

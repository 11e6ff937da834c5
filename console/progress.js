// Xueji's parents' page (Art. 15): the family types the progress code it
// received when the case opened and sees, without an account, who holds
// the case now, until when, and what happened so far. It reads only
// GET /v1/progress/{code}, which answers nothing more than that. The words
// are console.js's own (the Measures' terms); this page loads no other
// script, so it keeps the few it needs.
"use strict";

const KINDS = {
  transfer: "转学", leave: "休学", resume: "复学", deferral: "缓学",
  withdrawal: "退学", death_deregistration: "死亡注销", graduation: "毕业（结业、肄业）",
  info_change: "学籍信息变更", grade_change: "升级、留级（降级）", stage_handover: "升学衔接",
  study_abroad: "出国（境）就读", return_from_abroad: "回国（境）就读",
  specialised_school_entry: "进入专门学校", specialised_school_return: "专门学校返回原学校",
};
const PARTIES = {
  sending_school: "转出学校", receiving_school: "转入学校",
  sending_county: "转出地县级教育行政部门", receiving_county: "转入地县级教育行政部门",
  sending_city: "转出地市级教育行政部门", school: "学校", county: "县级教育行政部门",
  city: "市级教育行政部门", province: "省级教育行政部门", superior: "上级教育行政部门",
};
const CASE_STATUS = { open: "办理中", closed: "已办结", in_term: "期限内" };
const OUTCOMES = { approved: "已同意", rejected: "不同意", withdrawn: "已撤回", superseded: "已终止" };
const EVENTS = {
  opened: "发起", step_activated: "进入环节", reminded: "到期提醒", escalated: "逾期上报",
  decided: "办理", completed: "办结", term_ended: "期满", redated: "期限重定",
  handed_over: "学校变更移交",
};

const $ = (id) => document.getElementById(id);
const label = (table, code) => (code in table ? table[code] : code || "");

function showProblem(p) {
  $("problem-title").textContent = p ? p.title || "出错了" : "";
  $("problem-detail").textContent = p ? p.detail || "" : "";
  $("problem").hidden = !p;
}

// The code as issued: letters and digits only, upper case.
const normalise = (typed) => typed.replace(/[\s-]/g, "").toUpperCase();

async function lookUp(code) {
  showProblem(null);
  $("progress-result").hidden = true;
  let response;
  try {
    response = await fetch("/v1/progress/" + encodeURIComponent(code),
                           { headers: { "Accept-Language": "zh-CN" } });
  } catch (e) {
    showProblem({ title: "无法连接服务器", detail: String(e) });
    return;
  }
  const data = await response.json().catch(() => null);
  if (response.status === 404) {
    showProblem({ title: "查询码无效", detail: "请核对查询码后重试。" });
    return;
  }
  if (!response.ok) {
    showProblem(data && data.title ? data : { title: "查询失败", detail: "HTTP " + response.status });
    return;
  }
  render(data);
}

function render(p) {
  $("progress-title").textContent = label(KINDS, p.kind) + "业务办理进度";
  const facts = $("progress-facts");
  facts.textContent = "";
  const fact = (name, value) => {
    if (!value) return;
    const dt = document.createElement("dt");
    dt.textContent = name;
    const dd = document.createElement("dd");
    dd.textContent = value;
    facts.append(dt, dd);
  };
  fact("学生", p.student);
  fact("业务编号", p.case);
  fact("状态", label(CASE_STATUS, p.status) + (p.outcome ? "（" + label(OUTCOMES, p.outcome) + "）" : ""));
  $("progress-now").textContent = p.now
    ? "当前由 " + (p.now.org_name || p.now.org) + "（" + label(PARTIES, p.now.step) + "）办理" +
      (p.now.until ? "，办理期限 " + p.now.until : "") + "。"
    : "";
  const list = $("progress-history");
  list.textContent = "";
  for (const e of p.history || []) {
    const li = document.createElement("li");
    const parts = [e.at.replace("T", " ").slice(0, 16), label(EVENTS, e.event)];
    if (e.step) parts.push(label(PARTIES, e.step));
    if (e.org_name || e.org) parts.push((e.event === "escalated" ? "上报至 " : "") + (e.org_name || e.org));
    if (e.decision) parts.push(e.decision === "approve" ? "同意" : "不同意");
    if (e.outcome) parts.push(label(OUTCOMES, e.outcome));
    if (e.due) parts.push("期限 " + e.due);
    li.textContent = parts.join(" · ");
    list.appendChild(li);
  }
  $("progress-result").hidden = false;
}

document.addEventListener("DOMContentLoaded", () => {
  $("progress-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const code = normalise($("progress-code").value);
    if (!/^[2-9A-HJ-NP-Z]{16}$/.test(code)) {
      showProblem({ title: "查询码格式不正确", detail: "查询码为 16 位字母和数字。" });
      return;
    }
    lookUp(code);
  });
  // A link may carry the code after '#', so a message can open the page on it.
  const carried = normalise(decodeURIComponent(location.hash.slice(1)));
  if (carried) {
    $("progress-code").value = carried;
    lookUp(carried);
  }
});

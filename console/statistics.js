// The supervisor's view (统计; Art. 25, 26): for an org's subtree, per
// month and kind, the steps decided, the share decided on time, the median
// working days to decide and the escalations received, and per level the
// steps open and overdue now; with the same figures as a CSV download.
// It reads GET /v1/orgs/{code}/statistics, whose figures the server keeps
// at commit, so the view costs a few rows whatever the subtree's size.
// Loaded after console.js, whose helpers ($, api, state, show, cell,
// label, orgName, showProblem, KINDS) it uses; console.js's route() calls
// loadStatistics() for #statistics and #statistics/<org>.
"use strict";

const LEVELS = {
  ministry: "教育部", province: "省级", city: "市级", county: "县级", school: "学校",
};
const LEVEL_ORDER = ["ministry", "province", "city", "county", "school"];

// "YYYY-MM" `months` months before `month`.
function monthsBefore(month, months) {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - months;
  return String(Math.floor(index / 12)).padStart(4, "0") + "-" +
    String((index % 12) + 1).padStart(2, "0");
}

// The section, made once: a filter form, the two tables and the download.
function statisticsSection() {
  let section = $("statistics");
  if (section) return section;
  section = document.createElement("section");
  section.id = "statistics";
  section.hidden = true;
  section.innerHTML = `
    <p><a href="#pending" id="statistics-back">← 返回待办</a></p>
    <h2 id="statistics-title">统计</h2>
    <form id="statistics-form">
      <label>单位代码 <input id="statistics-org" name="org" required></label>
      <label>起始月份 <input id="statistics-from" name="from" type="month" required></label>
      <label>截止月份 <input id="statistics-to" name="to" type="month" required></label>
      <label>业务类型 <select id="statistics-kind" name="kind"><option value="">全部</option></select></label>
      <button id="statistics-query" type="submit">查询</button>
      <a id="statistics-csv" hidden>下载 CSV</a>
    </form>
    <p class="hint">按时率：在承办单位自身办理期限内办结的环节所占比例；办理用时为自环节开始至办结的工作日数（超过 60 个工作日记为“60 以上”）。在办、逾期环节为当前数，按承办单位层级汇总。</p>
    <h3>按月办理情况</h3>
    <table id="statistics-months">
      <thead><tr><th>月份</th><th>业务类型</th><th>办结环节</th><th>按时办结</th><th>按时率</th>
        <th>办理用时中位数（工作日）</th><th>收到逾期上报</th></tr></thead>
      <tbody id="statistics-months-body"></tbody>
    </table>
    <p id="statistics-months-empty" class="hint" hidden>所选月份暂无办结或上报的环节。</p>
    <h3>当前在办与逾期环节（按层级）</h3>
    <table id="statistics-levels">
      <thead><tr><th>层级</th><th>业务类型</th><th>在办环节</th><th>逾期环节</th></tr></thead>
      <tbody id="statistics-levels-body"></tbody>
    </table>
    <p id="statistics-levels-empty" class="hint" hidden>暂无在办环节。</p>`;
  document.querySelector("main").appendChild(section);
  for (const [code, name] of Object.entries(KINDS)) {
    const option = document.createElement("option");
    option.value = code;
    option.textContent = name;
    $("statistics-kind").appendChild(option);
  }
  $("statistics-form").addEventListener("submit", (event) => {
    event.preventDefault();
    showProblem(null);
    const target = "#statistics/" + encodeURIComponent($("statistics-org").value.trim());
    if (location.hash === target) loadStatistics(target.slice(12)).catch(showProblem);
    else location.hash = target;
  });
  return section;
}

function percent(rate) {
  return rate === null ? "—" : (rate * 100).toFixed(1) + "%";
}

function median(row) {
  if (row.median_working_days === null) return "—";
  if (row.median_over_60) return "60 以上";
  return String(row.median_working_days);
}

// The query of the form as it stands.
function statisticsQuery() {
  const params = new URLSearchParams();
  params.set("from", $("statistics-from").value);
  params.set("to", $("statistics-to").value);
  if ($("statistics-kind").value) params.set("kind", $("statistics-kind").value);
  return params.toString();
}

// The CSV of the same query, fetched with the session's token (a plain
// link would carry none) and offered as a download.
async function offerCsv(org, query) {
  const link = $("statistics-csv");
  link.hidden = true;
  const response = await fetch(
    "/v1/orgs/" + encodeURIComponent(org) + "/statistics?" + query,
    { headers: { Authorization: "Bearer " + state.token, Accept: "text/csv" } });
  if (!response.ok) return;
  const disposition = response.headers.get("Content-Disposition") || "";
  const name = /filename="([^"]+)"/.exec(disposition);
  if (link.href) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([await response.text()], { type: "text/csv" }));
  link.download = name ? name[1] : "statistics.csv";
  link.hidden = false;
}

async function loadStatistics(org) {
  statisticsSection();
  show("statistics");
  org = org || $("statistics-org").value || state.account.org;
  $("statistics-org").value = org;
  if (!$("statistics-to").value) {
    const now = new Date();
    $("statistics-to").value = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0");
  }
  if (!$("statistics-from").value) {
    $("statistics-from").value = monthsBefore($("statistics-to").value, 11);
  }
  $("statistics-title").textContent = (await orgName(org)) + " · 统计（含下属单位）";
  const query = statisticsQuery();
  const figures = await api("GET", "/v1/orgs/" + encodeURIComponent(org) + "/statistics?" + query);
  const months = $("statistics-months-body");
  months.replaceChildren();
  for (const row of figures.months) {
    const tr = document.createElement("tr");
    cell(tr, row.month);
    cell(tr, label(KINDS, row.kind));
    cell(tr, String(row.decided));
    cell(tr, String(row.decided_on_time));
    cell(tr, percent(row.on_time_rate),
      row.on_time_rate !== null && row.on_time_rate < 0.9 ? "overdue" : "");
    cell(tr, median(row));
    cell(tr, String(row.escalations_received), row.escalations_received > 0 ? "overdue" : "");
    months.appendChild(tr);
  }
  $("statistics-months-empty").hidden = figures.months.length > 0;
  const levels = $("statistics-levels-body");
  levels.replaceChildren();
  const rows = figures.open_steps.slice().sort((a, b) =>
    LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.kind.localeCompare(b.kind));
  for (const row of rows) {
    const tr = document.createElement("tr");
    cell(tr, label(LEVELS, row.level));
    cell(tr, label(KINDS, row.kind));
    cell(tr, String(row.open_steps));
    cell(tr, String(row.overdue_steps), row.overdue_steps > 0 ? "overdue" : "");
    levels.appendChild(tr);
  }
  $("statistics-levels-empty").hidden = rows.length > 0;
  await offerCsv(org, query);
}

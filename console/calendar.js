// Xueji's web console: each step's deadline on a working-day month grid.
// The days the State Council's notice and the province's overlay make
// special (holidays, make-up working days, 壮族三月三 ...) come from
// GET /v1/calendars/{year}?province=CODE, so the grid shows the same
// calendar the server counted the deadline on (Art. 15: working days on the
// party's own province's calendar). Loaded after console.js; console.js
// calls showDeadlines(steps, history) when it shows a case.
"use strict";

const CALENDAR_KINDS = {
  holiday: "休", overlay_off: "休", make_up: "班", overlay_worked: "班",
};
const calendarCache = new Map();

// The province-level code an org code starts with (GB/T 2260: its first
// two digits); "" for the ministry, which counts on the national calendar.
function provinceOf(org) {
  return org && /^\d{6}/.test(org) && org.slice(0, 2) !== "00" ? org.slice(0, 2) + "0000" : "";
}

// A year's special days by date, for `province` ("" national); a province
// without a calendar of its own falls back to the national one.
async function calendarYear(year, province) {
  const key = year + "/" + province;
  if (!calendarCache.has(key)) {
    const path = "/v1/calendars/" + year + (province ? "?province=" + province : "");
    let answer;
    try {
      answer = await api("GET", path);
    } catch (p) {
      if (p.status === 404 && province) return calendarYear(year, "");
      if (p.status === 404) answer = { days: [], provisional: true, unknown: true };
      else throw p;
    }
    const days = new Map();
    for (const d of answer.days) days.set(d.date, d);
    calendarCache.set(key, { days, provisional: answer.provisional, unknown: !!answer.unknown });
  }
  return calendarCache.get(key);
}

function isoDate(y, m, d) {
  return y + "-" + String(m).padStart(2, "0") + "-" + String(d).padStart(2, "0");
}

// One month as a grid, Monday first: every day a cell, marked as the
// calendar makes it (休 a day off, 班 a make-up working day), the days the
// step counts shaded, its due day (and an escalated holder's) marked.
async function monthGrid(year, month, province, marks) {
  const calendar = await calendarYear(year, province);
  const table = document.createElement("table");
  table.className = "month";
  const caption = document.createElement("caption");
  caption.textContent = year + " 年 " + month + " 月" + (calendar.provisional ? "（暂定）" : "");
  table.appendChild(caption);
  const head = document.createElement("tr");
  for (const w of ["一", "二", "三", "四", "五", "六", "日"]) {
    const th = document.createElement("th");
    th.textContent = w;
    head.appendChild(th);
  }
  table.appendChild(head);
  const first = new Date(Date.UTC(year, month - 1, 1));
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  let row = document.createElement("tr");
  for (let i = 0; i < (first.getUTCDay() + 6) % 7; i++) row.appendChild(document.createElement("td"));
  for (let day = 1; day <= length; day++) {
    const date = isoDate(year, month, day);
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    const special = calendar.days.get(date);
    const working = special ? special.working : weekday !== 0 && weekday !== 6;
    const td = document.createElement("td");
    td.dataset.date = date;
    td.textContent = String(day);
    const classes = [working ? "working" : "rest"];
    const notes = [];
    if (special) {
      classes.push("special-" + special.kind);
      const tag = document.createElement("small");
      tag.textContent = CALENDAR_KINDS[special.kind] || "";
      td.appendChild(tag);
      if (special.name) notes.push(special.name);
      notes.push(special.working ? "调休上班" : "放假");
    }
    if (marks.from && date > marks.from && date <= marks.due && working) classes.push("counted");
    if (date === marks.due) {
      classes.push("due");
      notes.push("办理期限");
    }
    if (marks.holderDue && date === marks.holderDue) {
      classes.push("holder-due");
      notes.push("上报后期限");
    }
    td.className = classes.join(" ");
    if (notes.length) td.title = date + " " + notes.join("，");
    row.appendChild(td);
    if ((weekday + 6) % 7 === 6) {
      table.appendChild(row);
      row = document.createElement("tr");
    }
  }
  if (row.children.length) table.appendChild(row);
  return table;
}

// The months from the step's start to its last due date (at most three).
function monthsBetween(from, to) {
  const months = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  while ((y < Number(to.slice(0, 4)) || (y === Number(to.slice(0, 4)) && m <= Number(to.slice(5, 7))))
         && months.length < 3) {
    months.push([y, m]);
    if (++m > 12) { m = 1; y++; }
  }
  return months;
}

// Draws a grid for each step that has a deadline in #deadline-calendars.
async function showDeadlines(steps, history) {
  const box = document.getElementById("deadline-calendars");
  if (!box) return;
  box.textContent = "";
  const started = {};
  for (const e of history || []) {
    if (e.type === "step_activated" && e.step) started[e.step] = e.at.slice(0, 10);
  }
  for (const s of steps) {
    if (!s.due) continue;
    const from = started[s.step] || s.due;
    const holderDue = s.holder_due && s.holder_due !== s.due ? s.holder_due : "";
    const last = holderDue > s.due ? holderDue : s.due;
    const figure = document.createElement("figure");
    figure.className = "deadline";
    figure.dataset.step = s.step;
    const title = document.createElement("figcaption");
    title.textContent = label(PARTIES, s.step) + "：" + from + " 起，" + s.due + " 前办理" +
      (holderDue ? "（上报后 " + holderDue + "）" : "") + (s.provisional ? "（暂定）" : "");
    figure.appendChild(title);
    const marks = { from, due: s.due, holderDue };
    for (const [y, m] of monthsBetween(from, last)) {
      figure.appendChild(await monthGrid(y, m, provinceOf(s.org), marks));
    }
    box.appendChild(figure);
  }
  if (box.children.length) {
    const legend = document.createElement("p");
    legend.className = "hint legend";
    for (const [cls, text] of [["counted", "计入期限的工作日"], ["rest", "休息日"],
      ["special-holiday", "休：法定节假日"], ["special-make_up", "班：调休上班"],
      ["due", "办理期限"]]) {
      const span = document.createElement("span");
      span.className = "swatch " + cls;
      span.textContent = text;
      legend.appendChild(span);
    }
    box.appendChild(legend);
  }
}

// The school's termly check in the case view (学期学籍核准, Art. 25): its
// roster's enrolled students, each with a box to mark them not attending
// and what the school found (辍学, 人籍分离, 空挂学籍, Art. 17); 确认名册
// posts POST /v1/roster-checks/{case}/confirmation, which opens the county's
// follow-up of each student marked and approves the check. The server
// checks every entry before it writes anything; a refusal shows its
// problem and nothing changes.
// Loaded after console.js, whose helpers ($, api, cell, showProblem,
// FINDINGS, loadCase) it uses; loadCase() calls showRoster(c, mine).
"use strict";

// The section under the case's steps, made once.
function rosterSection() {
  let section = $("roster");
  if (section) return section;
  section = document.createElement("form");
  section.id = "roster";
  section.hidden = true;
  section.innerHTML = `
    <h3>核准名册</h3>
    <p class="hint">勾选名册上未在校就读的学生，并选择核查结论；未勾选的学生视为在校。确认后，每名勾选的学生由县级教育行政部门跟踪处理（控辍保学台账）。</p>
    <table>
      <thead><tr><th>未在校</th><th>学籍号</th><th>姓名</th><th>年级</th><th>核查结论</th></tr></thead>
      <tbody id="roster-body"></tbody>
    </table>
    <label>意见 <input id="roster-note" maxlength="500"></label>
    <button id="roster-confirm" type="submit">确认名册</button>`;
  $("decide").after(section);
  section.addEventListener("submit", confirmRoster);
  return section;
}

// Every record of the school, page after page, keeping the enrolled ones.
async function enrolledStudents(school) {
  const out = [];
  let cursor = null;
  do {
    let path = "/v1/orgs/" + encodeURIComponent(school) + "/students?limit=500";
    if (cursor) path += "&cursor=" + encodeURIComponent(cursor);
    const page = await api("GET", path);
    for (const s of page.students) if (s.status === "enrolled") out.push(s);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

// Shows the form for the school's own active check; hides it otherwise.
async function showRoster(c, mine) {
  const section = rosterSection();
  section.hidden = true;
  if (c.kind !== "roster_check" || !mine) return;
  section.dataset.caseId = c.id;
  const body = $("roster-body");
  body.textContent = "";
  for (const s of await enrolledStudents(c.subject)) {
    const tr = document.createElement("tr");
    tr.dataset.student = s.registration_number;
    const box = document.createElement("input");
    box.type = "checkbox";
    box.className = "roster-mark";
    cell(tr, "").appendChild(box);
    cell(tr, s.registration_number);
    const name = cell(tr, s.name);
    // Art. 14: the school sees which of its pupils learn in class with
    // special needs, as the county approved on the assessment.
    if (s.special_needs) {
      const mark = document.createElement("span");
      mark.className = "special-needs";
      mark.title = SPECIAL_NEEDS;
      mark.textContent = "随班就读";
      name.append(" ", mark);
    }
    cell(tr, String(s.grade));
    const finding = document.createElement("select");
    finding.className = "roster-finding";
    for (const [code, name] of Object.entries(FINDINGS)) {
      const option = document.createElement("option");
      option.value = code;
      option.textContent = name;
      finding.appendChild(option);
    }
    cell(tr, "").appendChild(finding);
    body.appendChild(tr);
  }
  $("decide").hidden = true;  // the check is confirmed here, not by a bare 同意
  section.hidden = false;
}

async function confirmRoster(event) {
  event.preventDefault();
  showProblem(null);
  const section = $("roster");
  const marked = [];
  for (const tr of $("roster-body").children) {
    if (!tr.querySelector(".roster-mark").checked) continue;
    marked.push({ student: tr.dataset.student, finding: tr.querySelector(".roster-finding").value });
  }
  try {
    await api("POST", "/v1/roster-checks/" + encodeURIComponent(section.dataset.caseId) +
      "/confirmation", { not_attending: marked, note: $("roster-note").value });
    $("roster-note").value = "";
    await loadCase(section.dataset.caseId);
  } catch (p) {
    showProblem(p);
  }
}

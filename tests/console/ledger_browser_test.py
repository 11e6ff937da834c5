#!/usr/bin/python3
"""The termly check and the dropout ledger (控辍保学台账, Art. 25, 17) in a
real browser (Debian's headless Chromium through Selenium): Guangxi opens
the term's checks over the API, a school's inbox lists its check in
Chinese, the school confirms its roster in the case view, marking one
pupil as dropped out (a screenshot, roster-check.png) while another
shows the special-needs mark (随班就读, Art. 14) the county approved,
and the county's registrar opens the 控辍保学台账 tab: the row must show the
API's follow-up (case, student, 辍学, term, the county, the due date). A
screenshot lands in SCREENSHOT_DIR as dropout-ledger.png.

    ledger_browser_test.py XUEJI_BINARY SOURCE_DIR SCREENSHOT_DIR

The server listens on a free port (XUEJI_TEST_PORT, when set, instead).
"""
import os
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from console_server import PASSWORD, browser, call, check, finish, start_server, stop, token

BINARY, SOURCE, SHOTS = sys.argv[1:4]
TERM = "2025-2026-1"


def resident_id(division, seq):
    """A valid resident ID (GB 11643 check character) born 2013-09-15."""
    first17 = division + "20130915" + "%03d" % seq
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights))
    return first17 + "10X98765432"[total % 11]


def sign_in(driver, wait, base, account):
    driver.get(base + "/")
    driver.execute_script("sessionStorage.clear()")
    driver.get(base + "/")
    wait.until(EC.visibility_of_element_located((By.ID, "account-name"))).send_keys(account)
    driver.find_element(By.ID, "account-password").send_keys(PASSWORD)
    driver.find_element(By.ID, "sign-in-button").click()
    wait.until(EC.visibility_of_element_located((By.ID, "inbox")))


def main():
    os.makedirs(SHOTS, exist_ok=True)
    server, base, work = start_server(BINARY, SOURCE, "xueji-ledger-")
    driver = None
    try:
        school = "4501020001"
        pupils = []
        for seq in (1, 2):
            status, student = call(base, "POST", "/v1/students",
                                   {"id": resident_id("450102", seq), "name": "学生%d" % seq,
                                    "school": school, "grade": 5}, token(base, "reg." + school))
            check(status == 201, "pupil %d registered" % seq)
            pupils.append(student["registration_number"])
        # Art. 14: the second pupil learns in class with special needs, as
        # the expert committee assessed and the county approved.
        school_token, county_token = token(base, "reg." + school), token(base, "reg.450102")
        status, change = call(base, "POST", "/v1/cases",
                              {"kind": "info_change", "student": pupils[1], "special_needs": True,
                               "assessment_ref": "兴残教专评〔2026〕3号"}, school_token)
        check(status == 201, "the special-needs change is opened")
        for step, as_token in (("school", school_token), ("county", county_token)):
            status, _ = call(base, "POST", "/v1/cases/%s/decisions" % change["id"],
                             {"step": step, "decision": "approve"}, as_token)
            check(status == 200, "the %s approves the special-needs change" % step)
        status, opened = call(base, "POST", "/v1/roster-checks", {"term": TERM},
                              token(base, "reg.450000"))
        check(status == 200 and opened["opened"] > 0, "Guangxi opens the term's checks")
        check_case = next(c["case"] for c in opened["checks"] if c["school"] == school)

        driver = browser(height=900)
        wait = WebDriverWait(driver, 10)
        sign_in(driver, wait, base, "reg." + school)
        wait.until(lambda d: check_case in d.find_element(By.ID, "list-body").text)
        rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#list-body tr")]
        check(any("学期学籍核准" in r for r in rows),
              "the school's inbox lists its termly check in Chinese: %s" % rows)
        check(len(rows) == len(set(rows)), "each step once, however often the list loads")

        # The school opens its check and confirms its roster there, marking
        # the first pupil 辍学 and leaving the second as attending.
        driver.find_element(By.LINK_TEXT, check_case).click()
        wait.until(EC.visibility_of_element_located((By.ID, "roster")))
        facts = driver.find_element(By.ID, "case-facts").text
        check("南宁兴宁区第一小学" in facts and TERM in facts,
              "the case names the school and the term: " + facts)
        check(not driver.find_element(By.ID, "decide").is_displayed(),
              "the check is confirmed through its roster, not a bare 同意")
        rows = driver.find_elements(By.CSS_SELECTOR, "#roster-body tr")
        check(sorted(r.get_attribute("data-student") for r in rows) == sorted(pupils),
              "the roster lists the school's enrolled pupils")
        marks = {r.get_attribute("data-student"): r.find_elements(By.CSS_SELECTOR, ".special-needs")
                 for r in rows}
        check(len(marks[pupils[1]]) == 1 and marks[pupils[1]][0].text == "随班就读"
              and not marks[pupils[0]],
              "the roster marks the pupil with special needs (随班就读), and only that one")
        row = next(r for r in rows if r.get_attribute("data-student") == pupils[0])
        row.find_element(By.CSS_SELECTOR, ".roster-mark").click()
        row.find_element(By.CSS_SELECTOR, ".roster-finding option[value=dropped_out]").click()
        driver.save_screenshot(os.path.join(SHOTS, "roster-check.png"))
        driver.find_element(By.ID, "roster-confirm").click()
        wait.until(lambda d: "已办结" in d.find_element(By.ID, "case-facts").text)
        check(not driver.find_element(By.ID, "roster").is_displayed(),
              "once confirmed the form is gone")
        status, case = call(base, "GET", "/v1/cases/" + check_case, None,
                            token(base, "reg." + school))
        check(case["outcome"] == "approved", "the server approved the check")
        status, ledger = call(base, "GET", "/v1/orgs/450102/dropout-ledger", None,
                              token(base, "reg.450102"))
        check(status == 200 and len(ledger["follow_ups"]) == 1, "the county's ledger has it")
        entry = ledger["follow_ups"][0]

        sign_in(driver, wait, base, "reg.450102")
        driver.find_element(By.CSS_SELECTOR, "button[data-list=dropout-ledger]").click()
        wait.until(lambda d: entry["case"] in d.find_element(By.ID, "list-body").text)
        check("控辍保学台账" in driver.find_element(By.ID, "inbox-title").text,
              "the tab is the 控辍保学台账")
        headers = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "#list-head th")]
        check(headers[:4] == ["案件", "学生", "核查结论", "学期"], "its columns: %s" % headers)
        rows = driver.find_elements(By.CSS_SELECTOR, "#list-body tr")
        check(len(rows) == 1, "one row, as the API gives")
        cells = [td.text for td in rows[0].find_elements(By.TAG_NAME, "td")]
        check(cells[0] == entry["case"] and cells[1] == pupils[0] and cells[2] == "辍学"
              and cells[3] == TERM and "兴宁区" in cells[4] and entry["due"] in cells[5],
              "the row shows the follow-up as the API gives it: %s" % cells)
        driver.save_screenshot(os.path.join(SHOTS, "dropout-ledger.png"))

        # The case view names the student; the special-needs change's case
        # shows the mark to the school, which the API shows it to.
        driver.get(base + "/#case/" + change["id"])
        wait.until(lambda d: "学生2" in d.find_element(By.ID, "case-facts").text)
        facts = driver.find_element(By.ID, "case-facts").text
        check("随班就读" in facts and "5 年级" in facts,
              "the county sees the pupil's name, grade and mark: " + facts)
        driver.save_screenshot(os.path.join(SHOTS, "special-needs.png"))
        driver.get(base + "/#case/" + entry["case"])
        wait.until(lambda d: "学生1" in d.find_element(By.ID, "case-facts").text)
        facts = driver.find_element(By.ID, "case-facts").text
        check("随班就读" not in facts, "a pupil without the mark shows none: " + facts)
    finally:
        stop(server, driver)
    finish()


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""The supervisor's view (统计) in a real browser (Debian's headless
Chromium through Selenium): transfers are opened, some decided, some left
past their deadlines to climb to the county, over the API on the simulated
clock; then the city's registrar signs in, opens 统计, asks for the months
the work fell in, and the page must show exactly the figures the API gives
(per month and kind, per level), with a CSV download holding the API's CSV.
A screenshot of the view lands in SCREENSHOT_DIR as statistics.png.

    statistics_browser_test.py XUEJI_BINARY SOURCE_DIR SCREENSHOT_DIR

The server listens on a free port (XUEJI_TEST_PORT, when set, instead).
"""
import json
import os
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from console_server import PASSWORD, browser, call, check, finish, start_server, stop, token

BINARY, SOURCE, SHOTS = sys.argv[1:4]
LEVELS = {"ministry": "教育部", "province": "省级", "city": "市级", "county": "县级",
          "school": "学校"}
KINDS = {"transfer": "转学", "archive_build": "学籍档案建立", "archive_update": "学籍档案更新"}


def resident_id(division, seq):
    """A valid resident ID (GB 11643 check character) born 2013-09-15."""
    first17 = division + "20130915" + "%03d" % seq
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights))
    return first17 + "10X98765432"[total % 11]


def workload(base):
    """Six transfers between the city's schools: two approved at once by the
    sending school, the rest left until their deadlines pass."""
    schools = ["4501020001", "4501020002", "4501030001", "4501030002"]
    cases = []
    for i in range(6):
        school, to = schools[i % 4], schools[(i + 1) % 4]
        status, student = call(base, "POST", "/v1/students",
                               {"id": resident_id(school[:6], i), "name": "学生%d" % i,
                                "school": school, "grade": 5}, token(base, "reg." + school))
        check(status == 201, "student %d registered" % i)
        status, opened = call(base, "POST", "/v1/cases",
                              {"kind": "transfer", "student": student["registration_number"],
                               "to_school": to}, token(base, "reg." + to))
        check(status == 201, "transfer %d opened" % i)
        cases.append((opened["id"], school))
    for case_id, school in cases[:2]:
        status, _ = call(base, "POST", "/v1/cases/%s/decisions" % case_id,
                         {"step": "sending_school", "decision": "approve"},
                         token(base, "reg." + school))
        check(status == 200, "case %s's first step approved" % case_id)
    # Past the schools' 10 working days and the counties' follow-up.
    status, _ = call(base, "POST", "/v1/clock/advance", {"to": "2025-11-10T00:00:00+08:00"},
                     token(base, "admin.000000"))
    check(status == 200, "the simulated clock moved")


def main():
    os.makedirs(SHOTS, exist_ok=True)
    server, base, work = start_server(BINARY, SOURCE, "xueji-statistics-")
    driver = None
    try:
        workload(base)
        city = token(base, "reg.450100")
        query = "?from=2025-09&to=2025-12"
        status, figures = call(base, "GET", "/v1/orgs/450100/statistics" + query, None, city)
        check(status == 200, "the API answers the city's statistics")
        check(len(figures["months"]) > 0 and len(figures["open_steps"]) > 0,
              "with months and open steps: " + json.dumps(figures, ensure_ascii=False))
        status, csv = call(base, "GET", "/v1/orgs/450100/statistics" + query, None, city,
                           accept="text/csv")
        check(status == 200 and csv.startswith("row,month,kind"), "and its CSV")

        downloads = os.path.join(work, "downloads")
        os.makedirs(downloads)
        driver = browser(height=1000, downloads=downloads)
        wait = WebDriverWait(driver, 10)
        visible = lambda id: wait.until(EC.visibility_of_element_located((By.ID, id)))

        driver.get(base + "/")
        visible("account-name").send_keys("reg.450100")
        driver.find_element(By.ID, "account-password").send_keys(PASSWORD)
        driver.find_element(By.ID, "sign-in-button").click()
        visible("inbox")
        driver.find_element(By.CSS_SELECTOR, "button[data-list=statistics]").click()
        visible("statistics")
        check("南宁市" in visible("statistics-title").text,
              "统计 opens on the account's own org, by name: " +
              driver.find_element(By.ID, "statistics-title").text)
        for field, value in (("statistics-from", "2025-09"), ("statistics-to", "2025-12")):
            driver.execute_script("document.getElementById(arguments[0]).value = arguments[1]",
                                  field, value)
        driver.find_element(By.ID, "statistics-query").click()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR,
                                                 "#statistics-months-body tr"))
                   == len(figures["months"]))
        wait.until(EC.visibility_of_element_located((By.ID, "statistics-csv")))

        rows = driver.find_elements(By.CSS_SELECTOR, "#statistics-months-body tr")
        for row, expected in zip(rows, figures["months"]):
            cells = [td.text for td in row.find_elements(By.TAG_NAME, "td")]
            rate = expected["on_time_rate"]
            check(cells[0] == expected["month"]
                  and cells[1] == KINDS.get(expected["kind"], expected["kind"])
                  and cells[2] == str(expected["decided"])
                  and cells[3] == str(expected["decided_on_time"])
                  and cells[4] == ("—" if rate is None else "%.1f%%" % (rate * 100))
                  and cells[6] == str(expected["escalations_received"]),
                  "month row %s as the API gives it: %s" % (expected["month"], cells))
        levels = driver.find_elements(By.CSS_SELECTOR, "#statistics-levels-body tr")
        check(len(levels) == len(figures["open_steps"]), "a row per level and kind")
        shown = sorted(tuple(td.text for td in r.find_elements(By.TAG_NAME, "td"))
                       for r in levels)
        wanted = sorted((LEVELS[o["level"]], KINDS.get(o["kind"], o["kind"]),
                         str(o["open_steps"]), str(o["overdue_steps"]))
                        for o in figures["open_steps"])
        check(shown == wanted, "open and overdue steps per level as the API gives them: %s"
              % shown)
        check(any(o["overdue_steps"] > 0 for o in figures["open_steps"]),
              "some steps are overdue")

        link = driver.find_element(By.ID, "statistics-csv")
        check(link.get_attribute("download") == "statistics-450100-2025-09-2025-12.csv",
              "the download is named for the org and months: " +
              str(link.get_attribute("download")))
        # The person clicks it: the browser saves the file, which must be
        # the API's CSV byte for byte.
        link.click()
        saved = os.path.join(downloads, "statistics-450100-2025-09-2025-12.csv")
        for _ in range(100):
            if os.path.exists(saved):
                break
            time.sleep(0.1)
        downloaded = open(saved, encoding="utf-8", newline="").read() if os.path.exists(
            saved) else None
        check(downloaded == csv, "clicking 下载 CSV saves the API's CSV: %r" % (downloaded or "")[:200])
        driver.save_screenshot(os.path.join(SHOTS, "statistics.png"))

        # A county asking for its neighbour's figures is told why, in Chinese.
        driver.execute_script("sessionStorage.clear()")
        driver.get(base + "/")
        visible("account-name").send_keys("reg.450102")
        driver.find_element(By.ID, "account-password").send_keys(PASSWORD)
        driver.find_element(By.ID, "sign-in-button").click()
        visible("inbox")
        driver.get(base + "/#statistics/450103")
        problem = visible("problem")
        check(problem.text.strip() != "", "a neighbour's figures are refused: " + problem.text)
    finally:
        stop(server, driver)
    finish()


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""The parents' progress page and the deadline calendar in a real browser
(Debian's headless Chromium through Selenium), on a server started as
console_browser_test.py starts it. A family, signed in nowhere, follows the
link from the sign-in page, types the progress code the case's opening
answered (as people type it: lower case, grouped) and sees the progress in
Chinese with the student's masked name and nothing more; a wrong code says
so. A registrar's inbox counts the working days left, and the case shows
each step's deadline on a month grid with the National Day holiday and its
make-up working days. Screenshots land in SCREENSHOT_DIR.

    progress_browser_test.py XUEJI_BINARY SOURCE_DIR SCREENSHOT_DIR
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import console_server as console  # noqa: E402  (the browser tests' shared parts)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

BINARY, SOURCE, SHOTS = sys.argv[1:4]
check = console.check


def main():
    os.makedirs(SHOTS, exist_ok=True)
    server, base, _ = console.start_server(BINARY, SOURCE, "xueji-progress-")
    driver = None
    try:
        status, _ = console.call(base, "POST", "/v1/students",
                                 {"id": "450102201309150019", "name": "李小明",
                                  "school": "4501020001", "grade": 5},
                                 console.token(base, "reg.4501020001"))
        check(status == 201, "student registered")
        status, opened = console.call(base, "POST", "/v1/cases",
                                      {"kind": "transfer", "student": "G450102201309150019",
                                       "to_school": "4501030002"},
                                      console.token(base, "reg.4501030002"))
        check(status == 201, "transfer opened")
        case_id, code = opened["id"], opened.get("progress_code", "")
        check(len(code) == 16, "the opening answers a 16-character progress code: " + code)

        driver = console.browser()
        wait = WebDriverWait(driver, 10)
        visible = lambda id: wait.until(EC.visibility_of_element_located((By.ID, id)))

        # The family: no account, from the sign-in page's link.
        driver.get(base + "/")
        visible("progress-link").click()
        visible("progress-code")
        check(driver.current_url.endswith("/console/progress.html"),
              "the sign-in page links to the progress page: " + driver.current_url)
        check(driver.title.startswith("学籍"), "the progress page's title is Chinese")

        wrong = "abcd-efgh-jkmn-pqrs" if code.upper() != "ABCDEFGHJKMNPQRS" else "zzzz-zzzz-zzzz-zzzz"
        visible("progress-code").send_keys(wrong)
        driver.find_element(By.ID, "progress-button").click()
        problem = visible("problem")
        check("查询码无效" in problem.text, "a wrong code says so: " + problem.text)
        check(not driver.find_element(By.ID, "progress-result").is_displayed(),
              "and shows no case")

        typed = "-".join(code[i:i + 4] for i in range(0, 16, 4)).lower()
        driver.find_element(By.ID, "progress-code").clear()
        driver.find_element(By.ID, "progress-code").send_keys(typed)
        driver.find_element(By.ID, "progress-button").click()
        result = visible("progress-result")
        text = result.text
        check("转学业务办理进度" in driver.find_element(By.ID, "progress-title").text,
              "the code opens the transfer's progress in Chinese")
        check("李**" in text, "with the student's masked name")
        check("李小明" not in driver.page_source and "450102201309150019" not in driver.page_source,
              "and neither the full name nor the resident ID")
        check("转出学校" in text and "办理期限 2025-10-16" in text,
              "who holds it now and until when: " + driver.find_element(By.ID, "progress-now").text)
        check("发起" in driver.find_element(By.ID, "progress-history").text,
              "and its history")
        check(not driver.find_element(By.ID, "problem").is_displayed(), "the problem is gone")
        driver.save_screenshot(os.path.join(SHOTS, "console-progress.png"))

        # A link carrying the code opens on it.
        driver.get(base + "/console/progress.html#" + code)
        wait.until(EC.text_to_be_present_in_element((By.ID, "progress-facts"), case_id))
        check(True, "a link with the code after '#' opens the progress")

        # The registrar: working days left, and the deadline on its calendar.
        driver.get(base + "/")
        visible("account-name").send_keys("reg.4501020001")
        driver.find_element(By.ID, "account-password").send_keys(console.PASSWORD)
        driver.find_element(By.ID, "sign-in-button").click()
        wait.until(EC.text_to_be_present_in_element((By.ID, "list-body"), case_id))
        check("剩余 10 个工作日" in driver.find_element(By.ID, "list-body").text,
              "the inbox counts 10 working days left (Art. 15)")
        driver.find_element(By.LINK_TEXT, case_id).click()
        grid = "#deadline-calendars figure[data-step=sending_school]"
        wait.until(EC.presence_of_element_located(
            (By.CSS_SELECTOR, grid + " td[data-date='2025-10-16']")))
        cls = lambda date: driver.find_element(
            By.CSS_SELECTOR, grid + " td[data-date='%s']" % date).get_attribute("class")
        check("due" in cls("2025-10-16").split(), "the due day is marked: " + cls("2025-10-16"))
        check("special-holiday" in cls("2025-10-01"), "National Day is a holiday on the grid")
        check("special-make_up" in cls("2025-09-28") and "counted" in cls("2025-09-28"),
              "Sunday 28 September is a make-up working day the deadline counts")
        check("counted" not in cls("2025-10-03"), "a holiday is not counted")
        counted = driver.find_elements(By.CSS_SELECTOR, grid + " td.counted")
        check(len(counted) == 10, "exactly 10 working days are counted: %d" % len(counted))
        figure = driver.find_element(By.CSS_SELECTOR, grid)
        driver.execute_script("arguments[0].scrollIntoView()", figure)
        driver.save_screenshot(os.path.join(SHOTS, "console-calendar.png"))

        # Guangxi's own holiday, on the Guangxi school's calendar year.
        status, year = console.call(base, "GET", "/v1/calendars/2025?province=450000", None,
                                    console.token(base, "reg.4501020001"))
        check(status == 200 and any(d["date"] == "2025-03-31" and d.get("name") == "壮族三月三"
                                    for d in year["days"]),
              "the province's calendar names 壮族三月三")
    finally:
        console.stop(server, driver)
    console.finish()


if __name__ == "__main__":
    main()

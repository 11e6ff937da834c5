#!/usr/bin/python3
"""The web console in a real browser (Debian's headless Chromium through
Selenium): a registrar signs in, finds a transfer in the school's inbox,
opens it, approves the step and sees the case move on; a wrong password
shows the problem's title, not a blank page; the county sees the case
next and, once the simulated clock passes its deadline, sees it marked
overdue. Screenshots of the main pages land in SCREENSHOT_DIR.

    console_browser_test.py XUEJI_BINARY SOURCE_DIR SCREENSHOT_DIR
"""
import os
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from console_server import PASSWORD, browser, call, check, finish, start_server, stop, token

BINARY, SOURCE, SHOTS = sys.argv[1:4]


def main():
    os.makedirs(SHOTS, exist_ok=True)
    server, base, _ = start_server(BINARY, SOURCE, "xueji-console-")
    driver = None
    try:
        # A student at school 4501020001 and a transfer to 4501030002, over the API.
        status, _ = call(base, "POST", "/v1/students",
                         {"id": "450102201309150019", "name": "李小明", "school": "4501020001",
                          "grade": 5}, token(base, "reg.4501020001"))
        check(status == 201, "student registered")
        status, opened = call(base, "POST", "/v1/cases",
                              {"kind": "transfer", "student": "G450102201309150019",
                               "to_school": "4501030002"}, token(base, "reg.4501030002"))
        check(status == 201, "transfer opened")
        case_id = opened["id"]

        driver = browser()
        wait = WebDriverWait(driver, 10)
        visible = lambda id: wait.until(EC.visibility_of_element_located((By.ID, id)))

        def sign_in(name, password=PASSWORD):
            visible("account-name").clear()
            driver.find_element(By.ID, "account-name").send_keys(name)
            driver.find_element(By.ID, "account-password").clear()
            driver.find_element(By.ID, "account-password").send_keys(password)
            driver.find_element(By.ID, "sign-in-button").click()

        driver.get(base + "/")
        check(visible("sign-in").is_displayed(), "the console opens on its sign-in page")
        check(driver.title.startswith("学籍"), "the page's title is Chinese")
        driver.save_screenshot(os.path.join(SHOTS, "console-sign-in.png"))

        sign_in("reg.4501020001", "wrong password")
        problem = visible("problem")
        check(problem.text.strip() != "", "a wrong password shows the problem: " + problem.text)
        check(driver.find_element(By.ID, "sign-in").is_displayed(), "and stays on sign-in")

        sign_in("reg.4501020001")
        wait.until(EC.text_to_be_present_in_element((By.ID, "list-body"), case_id))
        body = driver.find_element(By.ID, "list-body").text
        check("转学" in body and "转出学校" in body, "the school's inbox lists the transfer in Chinese")
        check("2025-10-16" in body, "with its due date (10 working days, Art. 15)")
        check("南宁" in driver.find_element(By.ID, "inbox-title").text,
              "the inbox is titled with the org's name")
        driver.save_screenshot(os.path.join(SHOTS, "console-inbox.png"))

        driver.find_element(By.LINK_TEXT, case_id).click()
        wait.until(EC.text_to_be_present_in_element((By.ID, "steps-body"), "办理中"))
        check(visible("decide").is_displayed(), "the school may decide its own step")
        driver.find_element(By.ID, "decide-note").send_keys("同意转出")
        driver.find_element(By.ID, "approve").click()
        wait.until(EC.text_to_be_present_in_element((By.ID, "timeline"), "同意转出"))
        steps = driver.find_element(By.ID, "steps-body").text
        check("已同意" in steps, "after approval the step shows 已同意")
        check(not driver.find_element(By.ID, "decide").is_displayed(),
              "and the school has nothing more to decide")
        driver.save_screenshot(os.path.join(SHOTS, "console-case.png"))

        status, answer = call(base, "GET", "/v1/cases/" + case_id, None,
                              token(base, "reg.4501020001"))
        check(answer["steps"][0]["status"] == "approved", "the server recorded the approval")

        driver.find_element(By.ID, "sign-out").click()
        check(driver.find_element(By.ID, "list-body").text == "" and
              "南宁" not in driver.find_element(By.ID, "inbox-title").get_attribute("textContent"),
              "signing out leaves none of the school's list in the page")
        sign_in("reg.450102")
        wait.until(EC.text_to_be_present_in_element((By.ID, "list-body"), case_id))
        check("转出地县级教育行政部门" in driver.find_element(By.ID, "list-body").text,
              "the county finds the case at its own step")

        # The county stays silent past its 10 working days.
        status, _ = call(base, "POST", "/v1/clock/advance", {"to": "2025-11-10T00:00:00+08:00"},
                         token(base, "admin.000000"))
        check(status == 200, "the simulated clock moved")
        # Six weeks on the simulated clock outlast the session's 8 hours: the
        # console says so on its sign-in page, and a new sign-in works.
        driver.refresh()
        visible("sign-in")
        check("重新登录" in driver.find_element(By.ID, "problem").text,
              "an expired session returns to sign-in saying why: " +
              driver.find_element(By.ID, "problem").text)
        sign_in("reg.450102")
        try:
            wait.until(EC.text_to_be_present_in_element((By.ID, "list-body"), "已逾期"))
        except Exception:
            print(driver.find_element(By.TAG_NAME, "main").text)
            raise
        check(True, "the county's pending step is marked overdue")
        driver.find_element(By.CSS_SELECTOR, "button[data-list=notices]").click()
        wait.until(EC.text_to_be_present_in_element((By.ID, "inbox-title"), "通知"))
        driver.save_screenshot(os.path.join(SHOTS, "console-notices.png"))

        # Art. 24, through to 2026-05-01: reg.450102 (last used 2025-11-10) has
        # a password past Guangxi's 60 days; reg.4501030001, unused since it was
        # made on 2025-09-26, is sealed after six months.
        admin = token(base, "admin.000000")
        status, _ = call(base, "POST", "/v1/clock/advance", {"to": "2026-05-01T09:00:00+08:00"},
                         admin)
        check(status == 200, "the simulated clock moved to 2026-05-01")
        driver.find_element(By.ID, "sign-out").click()
        sign_in("reg.450102")
        visible("password")
        check(driver.find_element(By.ID, "password-account").get_attribute("value") ==
              "reg.450102", "an expired password goes to the change-password page, account filled")
        check("有效期" in driver.find_element(By.ID, "password-why").text,
              "which says why in Chinese: " + driver.find_element(By.ID, "password-why").text)
        driver.save_screenshot(os.path.join(SHOTS, "console-password.png"))
        driver.find_element(By.ID, "password-old").send_keys(PASSWORD)
        driver.find_element(By.ID, "password-new").send_keys("short")
        driver.find_element(By.ID, "password-button").click()
        wait.until(EC.text_to_be_present_in_element((By.ID, "problem"), "密码强度不足"))
        check("至少需要 12 个字符" in driver.find_element(By.ID, "problem").text,
              "a weak new password is refused with a Chinese detail: " +
              driver.find_element(By.ID, "problem").text)
        driver.find_element(By.ID, "password-old").clear()
        driver.find_element(By.ID, "password-old").send_keys(PASSWORD)
        driver.find_element(By.ID, "password-new").clear()
        driver.find_element(By.ID, "password-new").send_keys("Xueji-New-Pass-2026")
        driver.find_element(By.ID, "password-button").click()
        visible("sign-in")
        wait.until(EC.text_to_be_present_in_element((By.ID, "problem"), "密码已修改"))
        check(True, "the changed password returns to sign-in")
        sign_in("reg.450102", "Xueji-New-Pass-2026")
        check(visible("inbox").is_displayed(), "and the new password signs in")
        driver.find_element(By.ID, "sign-out").click()
        sign_in("reg.4501030001")
        visible("sealed")
        sealed_text = driver.find_element(By.ID, "sealed").text
        check("第二十四条" in sealed_text and "2026-03-27" in sealed_text,
              "a sealed account goes to the page that says who unseals it: " + sealed_text)
        driver.save_screenshot(os.path.join(SHOTS, "console-sealed.png"))

        driver.get(base + "/console/../xueji.yaml")
        check("db:" not in driver.page_source, "no file outside the console is served")
    finally:
        stop(server, driver)
    finish()


if __name__ == "__main__":
    main()

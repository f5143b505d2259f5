"""Sightline in a real browser: headless Chromium driven over WebDriver against `sightline serve --demo`.

Run by browser/run.sh (which installs Chromium, its driver and Selenium). Each journey is what a
person does on the pages; the run fails on any browser console error, on any serious accessibility
violation found by axe-core, and on any step that does not hold. A screenshot of every main page
goes to the artifacts folder. Accessibility is checked with axe-core (shipped inside the
axe-selenium-python package) on every page a journey opens.
"""

import base64
import hashlib
import hmac
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

BINARY = os.environ.get("SIGHTLINE_BINARY", ".build/debug/sightline")
ARTIFACTS = os.environ.get("SIGHTLINE_BROWSER_ARTIFACTS", "browser-artifacts")


def totp(secret, at=None):
    """RFC 6238 code (SHA-1, 30 s, six digits) for a base32 secret."""
    secret = re.sub(r"[\s-]", "", secret).upper()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return "%06d" % (value % 1_000_000)


class Server:
    """`sightline serve --demo` on a free loopback port, in a folder of its own."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="sightline-browser-")
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SIGHTLINE_DATA_KEY", "SIGHTLINE_DATA_KEY_FILE")}
        self.process = subprocess.Popen(
            [os.path.abspath(BINARY), "serve", "--demo", "--port", str(self.port)], cwd=self.folder, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.accounts = {}
        self.secrets = {}
        self.last_counter = {}
        self.engagement = None
        self.neighbour = None
        deadline = time.time() + 600
        for line in self.process.stdout:
            match = re.match(r"\s+(\S+@\S+)\s+(\w+)\s+(\S+)\s*$", line)
            if match:
                self.accounts[match.group(2)] = (match.group(1), match.group(3))
            found = re.search(r"Engagement ([0-9a-f-]{36})", line)
            if found:
                self.engagement = found.group(1)
            found = re.search(r"its engagement is ([0-9a-f-]{36})", line)
            if found:
                self.neighbour = found.group(1)
            if "Create an API token" in line or time.time() > deadline:
                break
        if len(self.accounts) < 6 or not self.engagement or not self.neighbour:
            self.stop()
            raise RuntimeError("the demo server did not start as expected: %r" % self.accounts)
        self.base = "http://127.0.0.1:%d" % self.port
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


def browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--disable-gpu"):
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)


class Person:
    """One signed-in person in a browser of their own."""

    def __init__(self, case, server, role):
        self.case, self.server, self.role = case, server, role
        self.driver = browser()

    def go(self, path):
        self.driver.get(self.server.base + path)
        self.check_console(path)
        self.check_accessibility(path)
        return self.driver

    def check_accessibility(self, where):
        """No serious or critical axe-core violation on the page shown."""
        axe = Axe(self.driver)
        axe.inject()
        found = [(violation["id"], [node["html"][:120] for node in violation["nodes"]])
                 for violation in axe.run()["violations"] if violation["impact"] in ("serious", "critical")]
        self.case.assertEqual(found, [], "accessibility on %s" % where)

    def check_console(self, where):
        errors = [entry for entry in self.driver.get_log("browser") if entry.get("level") == "SEVERE"]
        self.case.assertEqual([entry["message"] for entry in errors], [], "console errors on %s" % where)

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def fill(self, field, value):
        element = self.driver.find_element(By.NAME, field)
        element.clear()
        element.send_keys(value)

    def press(self, element):
        """Click a button or link that loads another page, and wait until the old page has gone.

        WebDriver's click does not always wait for the navigation it starts; reading the address or
        the page straight after it can still see the page that was there before."""
        element.click()

        def gone(_):
            try:
                element.is_enabled()
                return False
            except (StaleElementReferenceException, WebDriverException):
                # Chromium also answers "node does not belong to the document" for a page replaced.
                return True
        WebDriverWait(self.driver, 30).until(gone)

    def submit(self, form_action):
        self.press(self.driver.find_element(By.CSS_SELECTOR, 'form[action$="%s"] button[type="submit"]' % form_action))
        self.check_console(form_action)

    def sign_in(self):
        email, password = self.server.accounts[self.role]
        self.go("/sign-in")
        self.fill("email", email)
        self.fill("password", password)
        self.press(self.driver.find_element(By.CSS_SELECTOR, 'form[action="/sign-in"] button'))
        # A code typed across the turn of a 30-second window may be one the server no longer takes,
        # or counts as used already: as a person would, type the next one.
        for _ in range(3):
            if "/sign-in/enroll" in self.driver.current_url:
                self.server.secrets[self.role] = self.driver.find_element(By.CSS_SELECTOR, "code.secret").get_attribute("data-secret")
                self.fill("code", self.code())
                self.press(self.driver.find_element(By.CSS_SELECTOR, 'form[action="/sign-in/enroll"] button'))
                if self.driver.find_elements(By.LINK_TEXT, "Continue"):
                    self.press(self.driver.find_element(By.LINK_TEXT, "Continue"))
            elif "/sign-in/code" in self.driver.current_url:
                self.fill("code", self.code())
                self.press(self.driver.find_element(By.CSS_SELECTOR, 'form[action="/sign-in/code"] button'))
            else:
                break
        self.case.assertNotIn("/sign-in", self.driver.current_url, "%s signed in: %s" % (self.role, self.text()[:300]))
        self.check_accessibility("%s's first page" % self.role)

    def code(self):
        """A code from the person's authenticator; codes are good once, so a second sign-in waits for the next one."""
        while int(time.time() // 30) == self.server.last_counter.get(self.role):
            time.sleep(1)
        self.server.last_counter[self.role] = int(time.time() // 30)
        return totp(self.server.secrets[self.role])

    def screenshot(self, name):
        os.makedirs(ARTIFACTS, exist_ok=True)
        self.driver.save_screenshot(os.path.join(ARTIFACTS, "%s.png" % name))

    def quit(self):
        self.driver.quit()


class Journeys(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_ticket_answered_by_the_vendor(self):
        """A practice manager files a ticket; a vendor agent, in a second session, answers it; the first-response clock is met."""
        manager = Person(self, self.server, "practice_manager")
        agent = Person(self, self.server, "vendor_agent")
        try:
            manager.sign_in()
            manager.screenshot("home-practice-manager")
            queue = "/engagements/%s/tickets" % self.server.engagement
            manager.go(queue)
            manager.screenshot("tickets")
            title = "Browser journey %s: twelve CO-16 denials" % uuid.uuid4().hex[:6]
            # Forgetting the title: the form says so next to the field and keeps what was typed.
            Select(manager.driver.find_element(By.ID, "category")).select_by_visible_text("Claim error")
            manager.fill("description", "Twelve claims came back CO-16 this week.")
            manager.press(manager.driver.find_element(By.CSS_SELECTOR, 'form[action$="%s"] button[type="submit"]' % queue))
            manager.driver.get_log("browser")  # the refusal answers 422, which the browser logs; that is the point here
            self.assertIn("Say in a line what is wrong", manager.driver.find_element(By.ID, "title-error").text)
            self.assertEqual(manager.driver.find_element(By.NAME, "description").get_attribute("value"), "Twelve claims came back CO-16 this week.")
            self.assertEqual(Select(manager.driver.find_element(By.ID, "category")).first_selected_option.text, "Claim error")
            manager.check_accessibility("the ticket form with an error")
            manager.fill("title", title)
            manager.submit(queue)
            self.assertIn("/tickets/", manager.driver.current_url)
            ticket = manager.driver.current_url.split("/tickets/")[1].split("?")[0].split("#")[0]
            self.assertIn(title, manager.text())

            agent.sign_in()
            agent.screenshot("home-vendor-agent")
            agent.go("/tickets/%s" % ticket)
            agent.fill("body", "Looking at them now: the payer wants the missing modifier.")
            agent.submit("/tickets/%s/messages" % ticket)
            agent.go("/tickets/%s" % ticket)
            agent.screenshot("ticket")
            first_response = [row.text for row in agent.driver.find_elements(By.CSS_SELECTOR, "table tr") if "first response" in row.text.lower()]
            self.assertTrue(first_response and "met" in first_response[0].lower(), "first response met: %s" % first_response)

            # Waiting on the practice pauses the resolution clock, and says whose wait it is.
            Select(agent.driver.find_element(By.NAME, "status")).select_by_visible_text("Waiting on the requester")
            agent.fill("reason", "Need the operative notes for claim 4471")
            agent.submit("/tickets/%s/status" % ticket)
            manager.go("/tickets/%s" % ticket)
            resolution = [row.text for row in manager.driver.find_elements(By.CSS_SELECTOR, "table tr") if row.text.lower().startswith("resolution")]
            self.assertTrue(resolution and "paused (waiting on the practice)" in resolution[0], "resolution paused: %s" % resolution)
            manager.screenshot("ticket-waiting-on-practice")
        finally:
            manager.quit()
            agent.quit()

    def test_main_pages(self):
        """Every main page opens without a console error or a serious accessibility problem, and is kept as a screenshot."""
        engagement = self.server.engagement
        pages = {
            "practice_manager": [("home-practice-manager", "/home"), ("dashboard", "/dashboard"), ("engagements", "/engagements"),
                                 ("engagement", "/engagements/%s" % engagement), ("scope", "/scope"), ("claims", "/claims?figure=claimsSubmitted"),
                                 ("access", "/engagements/%s/access" % engagement), ("sla", "/engagements/%s/sla" % engagement),
                                 ("scorecard", "/engagements/%s/scorecard" % engagement), ("monthly-report", "/engagements/%s/report" % engagement),
                                 ("imports", "/imports"), ("people", "/people"), ("definitions", "/definitions"),
                                 ("change-request-new", "/engagements/%s/change-requests/new" % engagement),
                                 ("pilots", "/engagements/%s/pilots" % engagement), ("governance", "/engagements/%s/governance" % engagement),
                                 ("audits", "/engagements/%s/audits" % engagement), ("transition", "/engagements/%s/transition" % engagement)],
            "practice_admin": [("home-practice-admin", "/home"), ("people-admin", "/people")],
            "practice_staff": [("home-practice-staff", "/home"), ("transition-staff", "/engagements/%s/transition" % engagement)],
            "vendor_lead": [("home-vendor-lead", "/home"), ("tickets-vendor", "/engagements/%s/tickets" % engagement)],
            "compliance_auditor": [("home-compliance-auditor", "/home"), ("audit", "/audit"), ("break-glass", "/break-glass")],
        }
        for role, paths in pages.items():
            person = Person(self, self.server, role)
            try:
                person.sign_in()
                for name, path in paths:
                    person.go(path)
                    self.assertNotRegex(person.text(), re.compile("not found|went wrong", re.I), path)
                    person.screenshot(name)
                if role == "practice_manager":
                    # The demo's first phase: decided go, its evidence frozen.
                    person.go("/engagements/%s/pilots" % engagement)
                    person.press(person.driver.find_element(By.CSS_SELECTOR, "a[href^='/pilots/']"))
                    person.check_console("a pilot")
                    person.check_accessibility("a pilot")
                    self.assertIn("Go, recorded by", person.text())
                    person.screenshot("pilot")
                    # The latest governance review: its generated agenda carries the open actions forward.
                    person.go("/engagements/%s/governance" % engagement)
                    person.press(person.driver.find_element(By.CSS_SELECTOR, "a[href^='/reviews/']"))
                    person.check_console("a review")
                    person.check_accessibility("a review")
                    self.assertIn("Carried forward", person.text())
                    person.screenshot("review")
                    # The demo's quality audit: its findings, one ticketed for the vendor, one a review action.
                    person.go("/engagements/%s/audits" % engagement)
                    person.press(person.driver.find_element(By.CSS_SELECTOR, "a[href^='/audits/']"))
                    person.check_console("a quality audit")
                    person.check_accessibility("a quality audit")
                    self.assertIn("Accuracy: 85%", person.text())
                    self.assertRegex(person.text(), r"ticket [A-Z][A-Z0-9]{1,5}-\d+")
                    person.screenshot("quality-audit")
                if role == "practice_staff":
                    # Staff read what changes for them and ask under a notice; the draft is not theirs to see.
                    self.assertIn("Who do I call when a patient asks about a denied claim?", person.text())
                    self.assertNotIn("Medical assistants stop waiting on hold", person.text())
                    box = person.driver.find_element(By.CSS_SELECTOR, "article.notice input[name='text']")
                    box.send_keys("Will the statements show the new phone number?")
                    person.press(box.find_element(By.XPATH, "ancestor::form//button"))
                    self.assertIn("Will the statements show the new phone number?", person.text())
                    person.screenshot("transition-staff-asked")
            finally:
                person.quit()

    def test_another_practice_is_not_reachable(self):
        """Another practice's engagement, the same vendor serves, answers to the practice manager as missing, like an id that
        does not exist; the vendor's agent, who works for both, does reach it."""
        manager = Person(self, self.server, "practice_manager")
        agent = Person(self, self.server, "vendor_agent")
        try:
            agent.sign_in()
            agent.go("/engagements/%s" % self.server.neighbour)
            self.assertIn("Lakeside Pediatrics", agent.text())
            agent.go("/home")
            self.assertIn("Lakeside Pediatrics", agent.text(), "the agent's queue holds both practices' work")
            manager.sign_in()
            neighbour = self.server.neighbour
            for path in ("/engagements/%s" % neighbour, "/engagements/%s/tickets" % neighbour, "/engagements/%s/report" % neighbour,
                         "/engagements/%s/access" % neighbour, "/engagements/%s" % uuid.uuid4(), "/tickets/%s" % uuid.uuid4()):
                manager.driver.get(self.server.base + path)
                self.assertNotIn("Lakeside", manager.driver.page_source, path)
                self.assertRegex(manager.text(), re.compile("not found|does not exist|no such", re.I), path)
                manager.driver.get_log("browser")  # the 404 asked for is not a console error to report
            manager.go("/home")
            self.assertNotIn("Lakeside", manager.text())
        finally:
            manager.quit()
            agent.quit()

    def test_remittance_upload_changes_the_figures(self):
        """A practice manager uploads an 835 on the import page, sees it imported, and the payer payments on the figures grow."""
        folder = tempfile.mkdtemp(prefix="sightline-synth-")
        manager = Person(self, self.server, "practice_manager")
        try:
            today = time.gmtime()
            year, month = today.tm_year, today.tm_mon - 3
            if month < 1:
                year, month = year - 1, month + 12
            subprocess.run([os.path.abspath(BINARY), "synth", "--out", folder, "--months", "1", "--claims-per-day", "3", "--seed", "4242",
                            "--start", "%04d-%02d-01" % (year, month)], check=True, capture_output=True)
            remittances = sorted(name for name in os.listdir(folder) if name.startswith("835-"))
            self.assertTrue(remittances, "synth wrote an 835: %s" % os.listdir(folder))
            manager.sign_in()
            before = self.payer_payments(manager)
            manager.go("/imports")
            manager.driver.find_element(By.NAME, "files").send_keys(os.path.join(folder, remittances[0]))
            manager.submit("/imports")
            WebDriverWait(manager.driver, 120).until(lambda driver: "Import results" in manager.text())
            manager.check_console("/imports")
            manager.screenshot("import-results")
            rows = [row.text for row in manager.driver.find_elements(By.CSS_SELECTOR, "table tr") if remittances[0] in row.text]
            self.assertTrue(rows and "835" in rows[0] and "imported" in rows[0], "the 835 imported: %s" % rows)
            after = self.payer_payments(manager)
            self.assertGreater(after, before, "payer payments grew with the 835")
        finally:
            manager.quit()
            shutil.rmtree(folder, ignore_errors=True)

    def test_tablet_width_and_keyboard(self):
        """On a tablet held upright nothing runs off the side of the main pages; the keyboard reaches the content first."""
        manager = Person(self, self.server, "practice_manager")
        try:
            manager.sign_in()
            manager.driver.set_window_size(820, 1180)
            engagement = self.server.engagement
            for name, path in (("home", "/home"), ("tickets", "/engagements/%s/tickets" % engagement), ("dashboard", "/dashboard"),
                               ("report", "/engagements/%s/report" % engagement), ("engagement", "/engagements/%s" % engagement)):
                manager.go(path)
                overflow = manager.driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
                self.assertLessEqual(overflow, 1, "%s runs %spx off the side at tablet width" % (path, overflow))
                manager.screenshot("tablet-%s" % name)
            manager.go("/home")
            body = manager.driver.find_element(By.TAG_NAME, "body")
            body.send_keys(Keys.TAB)
            first = manager.driver.switch_to.active_element
            self.assertEqual(first.text, "Skip to the content")
            first.send_keys(Keys.ENTER)
            self.assertEqual(manager.driver.switch_to.active_element.get_attribute("id"), "content")
        finally:
            manager.quit()

    def payer_payments(self, person):
        person.go("/dashboard")
        figure = person.driver.find_element(By.XPATH, "//a[@href='/definitions#payerPayments']/ancestor::div[contains(@class,'tile')]//div[@class='figure']")
        return float(re.sub(r"[^0-9.]", "", figure.text))

    def test_denial_cause_to_claim_timeline(self):
        """From the figures a practice manager opens a denial cause, then one of its claims, and reads that claim's timeline."""
        manager = Person(self, self.server, "practice_manager")
        try:
            manager.sign_in()
            manager.go("/dashboard")
            cause = manager.driver.find_element(By.XPATH, "//h2[starts-with(normalize-space(.),'Denial causes')]/following-sibling::table[1]//tbody/tr[1]")
            reason = cause.find_element(By.TAG_NAME, "td").text
            manager.press(cause.find_element(By.CSS_SELECTOR, "a[href*='figure=initialDenials']"))
            manager.check_console("claims of a denial cause")
            manager.check_accessibility("claims of a denial cause")
            self.assertIn(reason, manager.text())
            manager.screenshot("claims-of-a-denial-cause")
            manager.press(manager.driver.find_element(By.CSS_SELECTOR, "table tbody tr a[href^='/claims/']"))
            manager.check_console("claim timeline")
            manager.check_accessibility("claim timeline")
            self.assertIn("Timeline", manager.text())
            self.assertIn(reason, manager.text(), "the denial's reason shows on the claim's timeline")
            manager.screenshot("claim-timeline")
        finally:
            manager.quit()


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print("browser: %d passed, %d failed" % (result.testsRun - failed, failed))
    sys.exit(0 if result.wasSuccessful() else 1)

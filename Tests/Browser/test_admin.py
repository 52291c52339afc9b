"""The administrator's accounts page and the audit page, in a real headless Chromium.

fran (the first account, so an administrator) invites sam through the page; sam opens the link in
a browser of his own, chooses a password and signs in; fran disables him and his next page load is
signed out; fran enables him and resets his password, and the reset link works once.
Then the audit: fran runs a few things from the console, a phone contributes, and the audit page
names who did each, as the exported log does.

The tests run in order and share one server.
"""
import json
import re
from pathlib import Path

import pytest
import requests

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

from conftest import PASSWORD, USERNAME, Facilitator, press_agenda, start_phase  # noqa: E402
from test_live_room import make_driver, wait  # noqa: E402

SHOTS = Path("/tmp/shots-admin")
SAM_PASSWORD = "sam chooses his own passphrase"
SAM_NEW_PASSWORD = "sam after the reset, a new one"
PHONE_NAME = "Ada Lovelace"
BCRYPT = re.compile(r"\$2[aby]\$\d\d\$")


@pytest.fixture(scope="module")
def server(server_factory):
    return server_factory("admin")


@pytest.fixture(scope="module")
def admin(server):
    driver = make_driver(1366, 768)
    sign_in(driver, server.url, USERNAME, PASSWORD)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shared():
    return {}


def sign_in(driver, base, username, password):
    """Signs in through the sign-in form, as a person does."""
    driver.get(base + "/login")
    field = driver.find_element(By.ID, "username")
    field.clear()
    field.send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
    wait(driver).until(lambda d: "/login" not in d.current_url or d.find_elements(By.ID, "signin-error"))


def signed_in(driver):
    return driver.get_cookie("cocreate_session") is not None and "/login" not in driver.current_url


def row(driver, username):
    return driver.find_element(By.CSS_SELECTOR, f"tr[data-account='{username}']")


def flags(driver, username):
    return {e.get_attribute("data-flag") for e in row(driver, username).find_elements(By.CSS_SELECTOR, "[data-flag]")}


def press(driver, username, action):
    """Presses a row's button and waits for the page the form post brings back.

    The old page's row is still there for a moment after the click, so waiting for a row alone can
    read the page that is going away (seen in CI on a loaded machine).
    """
    driver.execute_script("window.pageBeforeThePress = true")
    row(driver, username).find_element(By.CSS_SELECTOR, f"button[data-action='{action}']").click()
    wait(driver).until(lambda d: d.execute_script("return !window.pageBeforeThePress && document.readyState === 'complete'"))
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, f"tr[data-account='{username}']"))


def no_hash(driver):
    assert not BCRYPT.search(driver.page_source), f"{driver.current_url} shows a password hash"


def set_password(driver, link, password, confirm=None):
    driver.get(link)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "confirm").send_keys(confirm if confirm is not None else password)
    driver.find_element(By.CSS_SELECTOR, "form[action^='/invite/'] button[type=submit]").click()
    wait(driver).until(lambda d: "/login" in d.current_url or d.find_elements(By.CSS_SELECTOR, ".form-message.error"))


def test_admin_invites_someone_through_the_page(server, admin, shared):
    admin.get(server.url + "/")
    admin.find_element(By.LINK_TEXT, "Accounts").click()
    wait(admin).until(lambda d: d.current_url.endswith("/admin/accounts"))
    assert flags(admin, USERNAME) == {"administrator"}

    admin.find_element(By.ID, "invite-username").send_keys("sam")
    admin.find_element(By.ID, "invite-name").send_keys("Sam Okafor")
    admin.find_element(By.CSS_SELECTOR, "form[action='/admin/accounts/invite'] button[type=submit]").click()
    link = wait(admin).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-field=issuedLink]")).get_attribute("value")
    assert re.fullmatch(re.escape(server.url) + r"/invite/[A-Za-z0-9_-]{16,64}", link), link
    assert flags(admin, "sam") == {"invited"}
    no_hash(admin)
    SHOTS.mkdir(parents=True, exist_ok=True)
    admin.save_screenshot(str(SHOTS / "accounts-1366x768.png"))

    # The same username again is refused next to the field, and nothing is added.
    admin.find_element(By.ID, "invite-username").send_keys("SAM")
    admin.find_element(By.CSS_SELECTOR, "form[action='/admin/accounts/invite'] button[type=submit]").click()
    error = wait(admin).until(lambda d: d.find_element(By.ID, "invite-error"))
    assert "SAM is already taken" in error.text
    admin.save_screenshot(str(SHOTS / "accounts-refused-1366x768.png"))
    assert len(admin.find_elements(By.CSS_SELECTOR, "tr[data-account]")) == 2
    shared["invite"] = link


def test_the_invited_person_sets_a_password_in_a_fresh_browser_and_signs_in(server, shared):
    sam = make_driver(1366, 768)
    shared["sam"] = sam
    sam.get(shared["invite"])
    assert sam.find_element(By.CSS_SELECTOR, "[data-field=username]").text == "sam"
    set_password(sam, shared["invite"], SAM_PASSWORD, "not the same passphrase")
    assert sam.find_element(By.ID, "confirm-error").text == "The second password does not match the first."
    sam.save_screenshot(str(SHOTS / "invite-refused-1366x768.png"))
    set_password(sam, shared["invite"], SAM_PASSWORD)
    assert sam.find_element(By.ID, "signin-password-set").is_displayed()
    assert sam.find_element(By.ID, "username").get_attribute("value") == "sam"

    sign_in(sam, server.url, "sam", SAM_PASSWORD)
    assert signed_in(sam), sam.find_element(By.TAG_NAME, "main").text
    assert not sam.find_elements(By.LINK_TEXT, "Accounts"), "a facilitator's nav has no Accounts link"
    sam.get(server.url + "/admin/accounts")
    assert "There is nothing here" in sam.find_element(By.TAG_NAME, "main").text
    # A link works once.
    sam.get(shared["invite"])
    assert "expired or was already used" in sam.find_element(By.TAG_NAME, "main").text


def test_a_disabled_account_is_signed_out_on_its_next_page_load(server, admin, shared):
    sam = shared["sam"]
    sam.get(server.url + "/")
    assert signed_in(sam)
    shared["ended_session"] = sam.get_cookie("cocreate_session")["value"]

    admin.get(server.url + "/admin/accounts")
    # The own row has no Disable button: nobody locks themselves out.
    assert not row(admin, USERNAME).find_elements(By.CSS_SELECTOR, "button[data-action=disable]")
    press(admin, "sam", "disable")
    assert "disabled" in flags(admin, "sam")

    sam.get(server.url + "/")
    wait(sam).until(lambda d: "/login" in d.current_url)
    assert sam.find_element(By.ID, "signin-ended").is_displayed()
    sign_in(sam, server.url, "sam", SAM_PASSWORD)
    assert "has been disabled" in sam.find_element(By.ID, "signin-error").text
    assert not signed_in(sam)


def test_reset_gives_a_link_that_works_once(server, admin, shared):
    sam = shared["sam"]
    admin.get(server.url + "/admin/accounts")
    press(admin, "sam", "enable")
    assert "disabled" not in flags(admin, "sam")
    # The session that ended was deleted, not only refused: enabling the account does not bring it back.
    ended = requests.get(server.url + "/", cookies={"cocreate_session": shared["ended_session"]}, allow_redirects=False)
    assert ended.status_code == 302 and ended.headers["Location"].startswith("/login"), ended.status_code
    press(admin, "sam", "reset")
    link = admin.find_element(By.CSS_SELECTOR, "[data-field=issuedLink]").get_attribute("value")
    assert link != shared["invite"]
    no_hash(admin)

    sam.delete_all_cookies()
    sign_in(sam, server.url, "sam", SAM_PASSWORD)
    assert signed_in(sam), "the old password works until the reset link is used"
    sam.delete_all_cookies()
    set_password(sam, link, SAM_NEW_PASSWORD)
    assert "/login" in sam.current_url
    sign_in(sam, server.url, "sam", SAM_PASSWORD)
    assert sam.find_elements(By.ID, "signin-error") and not signed_in(sam), "the old password stopped working"
    sign_in(sam, server.url, "sam", SAM_NEW_PASSWORD)
    assert signed_in(sam)
    sam.get(link)
    assert "expired or was already used" in sam.find_element(By.TAG_NAME, "main").text
    sam.quit()


def audit_rows(driver):
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('table.audit tbody tr')).map(function (tr) {
          var who = tr.querySelector('[data-field=who]');
          return {sequence: Number(tr.dataset.sequence), type: tr.dataset.type,
                  what: tr.querySelector('[data-field=what]').textContent.trim(),
                  kind: who.dataset.kind, name: who.dataset.name};
        });""")


def test_the_audit_names_who_did_what_as_the_log_does(server, admin):
    facilitator = Facilitator(server.url)
    cid, code = facilitator.create()
    facilitator.import_people(cid, [PHONE_NAME, "Grace Hopper", "Alan Turing", "Edsger Dijkstra"])

    admin.get(server.url + f"/conversations/{cid}")
    wait(admin).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-field=joinCode]").text == code)
    admin.find_element(By.ID, "statement-text").send_keys("Homework twice a week")
    admin.find_element(By.CSS_SELECTOR, "form[action$='/statements'].stack button[type=submit]").click()
    # A statement nobody voted on yet is listed as its rewording field.
    wait(admin).until(lambda d: "Homework twice a week" in d.execute_script(
        "return Array.from(document.querySelectorAll('[data-list=statements] input[name=text]')).map(e => e.value)"))
    admin.find_element(By.CSS_SELECTOR, "form[action$='/seating'] button[type=submit]").click()
    start_phase(admin, "round")

    phone = make_driver(375, 667, mobile=True)
    try:
        phone.get(server.url + "/join")
        phone.find_element(By.ID, "code").send_keys(code)
        phone.find_element(By.CSS_SELECTOR, "form[action='/join'] button[type=submit]").click()
        wait(phone).until(lambda d: d.find_elements(By.ID, "who"))
        Select(phone.find_element(By.ID, "who")).select_by_visible_text(PHONE_NAME)
        phone.find_element(By.CSS_SELECTOR, "form[action$='/join'] > button[type=submit]").click()
        box = wait(phone).until(lambda d: d.find_element(By.ID, "text") if d.find_elements(By.ID, "text") and d.find_element(By.ID, "text").is_displayed() else None)
        box.send_keys("Quiet room at lunch")
        box.find_element(By.XPATH, "./ancestor::form//button[@type='submit']").click()
        wait(admin).until(lambda d: "Quiet room at lunch" in d.find_element(By.CSS_SELECTOR, "[data-list=contributions]").text)
    finally:
        phone.quit()
    item = next(li for li in admin.find_elements(By.CSS_SELECTOR, "[data-list=contributions] li") if "Quiet room at lunch" in li.text)
    item.find_element(By.CSS_SELECTOR, "form[action$='/hide'] button").click()
    wait(admin).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-list=contributions] .hidden-item"))
    press_agenda(admin, "pause")

    admin.find_element(By.LINK_TEXT, "Who did what").click()
    wait(admin).until(lambda d: d.current_url.endswith(f"/conversations/{cid}/audit"))
    rows = audit_rows(admin)
    SHOTS.mkdir(parents=True, exist_ok=True)
    admin.save_screenshot(str(SHOTS / "audit-1366x768.png"))

    def only(event_type):
        found = [r for r in rows if r["type"] == event_type]
        assert found, f"the audit shows no {event_type}: {[r['type'] for r in rows]}"
        return found[-1]

    assert only("conversationCreated")["name"] == USERNAME
    statement = only("statementAdded")
    assert (statement["kind"], statement["name"]) == ("account", USERNAME) and "Homework twice a week" in statement["what"]
    assert (only("seatingPublished")["kind"], only("phaseStarted")["name"], only("phasePaused")["name"]) == ("account", USERNAME, USERNAME)
    contribution = only("contributionAdded")
    assert (contribution["kind"], contribution["name"]) == ("participant", PHONE_NAME) and "Quiet room at lunch" in contribution["what"]
    assert (only("nameClaimed")["kind"], only("nameClaimed")["name"]) == ("participant", PHONE_NAME)
    hidden = only("contributionHidden")
    assert (hidden["kind"], hidden["name"]) == ("account", USERNAME) and "Quiet room at lunch" in hidden["what"]
    assert [r["sequence"] for r in rows] == sorted((r["sequence"] for r in rows), reverse=True), "newest first"

    # The exported log agrees, event by event.
    lines = [json.loads(line) for line in facilitator.export(cid).splitlines() if line.strip()]
    assert len(lines) == len(rows)
    names = {p: p for p in [PHONE_NAME, "Grace Hopper", "Alan Turing", "Edsger Dijkstra"]}  # no id column: the name is the id
    by_sequence = {r["sequence"]: r for r in rows}
    for line in lines:
        shown = by_sequence[line["sequence"]]
        assert shown["type"] == line["type"]
        by = line["event"].get("_by")
        assert by is not None, f"{line['type']} was written without who wrote it"
        (kind, who), = by.items()
        expected = ("account", who) if kind == "facilitator" else ("participant", names[who])
        assert (shown["kind"], shown["name"]) == expected, (line, shown)

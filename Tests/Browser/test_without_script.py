"""Forms without their script: a refused action comes back as the same page with the message in
the section of the form that was sent, and a summary at the top that links to it.

Some school and council laptops block scripts; the console and the phone must still work as plain
HTML forms, and a refusal must not be a separate error page. Each test drives a Chromium with
JavaScript switched off, presses a real button, and reads the exported log to see nothing was written.
"""
import shutil

import pytest

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402

from conftest import start_phase  # noqa: E402
from test_day_journey import events, find, join_phone, open_console, text_of, wait_for  # noqa: E402
from test_live_room import sign_in  # noqa: E402


@pytest.fixture(scope="module")
def server(server_factory):
    return server_factory("without-script")


def driver_without_script(width, height):
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    if shutil.which("chromium"):
        options.binary_location = shutil.which("chromium")
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver")) if shutil.which("chromedriver") else None
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(20)
    return driver


def assert_refused_in_section(driver, section, *words):
    """The page shows the message in `section` and a summary at the top linking to it."""
    wait_for(driver, lambda d: d.find_elements(By.ID, f"{section}-error"),
             lambda: f"the page shows no #{section}-error after the refusal: {text_of(driver, 'main')[:300]!r}")
    message = find(driver, f"#{section}-error", f"the message in the {section} section (#{section}-error)")
    assert message.is_displayed(), f"#{section}-error is on the page but not shown"
    for word in words:
        assert word in message.text, f"#{section}-error says {message.text!r}, without {word!r}"
    assert message.text[0].isupper() and message.text.endswith("."), f"#{section}-error is not a sentence: {message.text!r}"
    summary = find(driver, ".error-summary a", "the error summary at the top of the page")
    assert summary.get_attribute("href").endswith(f"#{section}-error") and summary.text == message.text, (
        f"the summary links to {summary.get_attribute('href')!r} saying {summary.text!r}")
    # The summary sits above the fold; the message sits in its section, not at the top of the page.
    assert summary.location["y"] < message.location["y"] or section == "top", "the summary is not above the message"
    return message.text


def test_console_refusal_shows_in_its_section(server, facilitator, screenshots):
    cid, code = facilitator.create()
    facilitator.import_people(cid, ["Ada Lovelace"])
    console = driver_without_script(1366, 768)
    try:
        sign_in(console, server.url, facilitator)
        console.get(server.url + f"/conversations/{cid}")
        button = find(console, "#seating-form button[type=submit]", "the console's seating button")
        button.click()
        said = assert_refused_in_section(console, "tables", "two people")
        assert "people:" not in said and "seating:" not in said, f"the message shows a code name: {said!r}"
        console.save_screenshot(str(screenshots / "console-no-script-refused-1366x768.png"))
    finally:
        console.quit()
    assert events(facilitator, cid, "seatingPublished") == [], "a refused seating still wrote seatingPublished"


def test_phone_vote_on_a_withdrawn_statement_is_refused_in_the_vote_section(server, facilitator, console, screenshots):
    cid, code = facilitator.create()
    facilitator.import_people(cid, ["Grace Hopper", "Alan Turing"])
    open_console(console, server, cid, code)
    added = facilitator.post(f"/conversations/{cid}/statements", text="Homework only at weekends")
    statement = next(s for s in added["view"]["statements"] if s["text"] == "Homework only at weekends")
    start_phase(console, "vote")
    phone = driver_without_script(375, 667)
    try:
        join_phone(phone, server, code, "Grace Hopper")
        phone.get(server.url + f"/c/{code}/me")
        form = find(phone, f"#vote form:has(input[name=statementID][value='{statement['id']}'])", "the phone's vote on the new statement")
        # While the page is open, the facilitator withdraws the statement from the console.
        facilitator.post(f"/conversations/{cid}/statements/withdraw", statementID=statement["id"])
        form.find_element(By.CSS_SELECTOR, "button.vote.agree").click()
        assert_refused_in_section(phone, "vote", "This statement", "withdrawn")
        phone.save_screenshot(str(screenshots / "phone-no-script-refused-375x667.png"))
        assert text_of(phone, "#status") == "", "the top status line carries the refusal instead of the vote section"
    finally:
        phone.quit()
    votes = [e for e in events(facilitator, cid, "voteCast") if e["statementID"] == statement["id"]]
    assert votes == [], f"a vote on a withdrawn statement reached the log: {votes}"


def test_a_broken_pasted_design_is_named_by_the_form_and_kept(server, facilitator, screenshots):
    before = {line for line in facilitator.http.get(server.url + "/").text.splitlines() if "/conversations/" in line}
    home = driver_without_script(1366, 768)
    try:
        sign_in(home, server.url, facilitator)
        home.get(server.url + "/")
        find(home, "#conversation-name", "the home page's name field").send_keys("Year 9 parents' evening")
        broken = "name: my-design\ntitle: Parents' evening\nphases:\n  - kind: round\n    minutes: -5\n"
        find(home, "#designYAML", "the design upload box").send_keys(broken)
        find(home, "form[action='/conversations'] button[type=submit]", "the create button").click()
        said = assert_refused_in_section(home, "create", "line")
        box = find(home, "#designYAML", "the design box after the refusal")
        assert box.get_attribute("aria-invalid") == "true" and box.get_attribute("aria-describedby") == "create-error", (
            "the design box is not marked as the field at fault")
        assert "minutes: -5" in box.get_attribute("value"), "the pasted design was lost"
        assert find(home, "#conversation-name", "the name field").get_attribute("value") == "Year 9 parents' evening", "the name typed was lost"
        home.save_screenshot(str(screenshots / "home-no-script-bad-design-1366x768.png"))
        print(f"\nhome: {said}")
    finally:
        home.quit()
    after = {line for line in facilitator.http.get(server.url + "/").text.splitlines() if "/conversations/" in line}
    assert after == before, "a refused design still created a conversation"


def test_follow_up_owner_sees_a_bad_link_by_its_field(server, facilitator, screenshots):
    cid, code = facilitator.create()
    facilitator.import_people(cid, ["Ada Lovelace"])
    made = facilitator.post(f"/conversations/{cid}/paper/commitment", text="Write to the council about the crossing", outsideOwners="the PTA")
    commitment = made["view"]["commitments"][0]["id"]
    token = facilitator.post(f"/conversations/{cid}/commitments/{commitment}/link")["token"]
    owner = driver_without_script(390, 844)
    try:
        owner.get(server.url + f"/f/{token}")
        page = text_of(owner, "main")
        assert "Due ·" not in page and "not started yet" in page, f"a commitment with no date reads {page[:300]!r}"
        find(owner, "#note", "the follow-up note box").send_keys("Letter sent on Monday")
        find(owner, "#evidence", "the evidence field").send_keys("ftp://example.org/letter.pdf")
        find(owner, f"form[action='/f/{token}'] button[type=submit]", "the save button").click()
        said = assert_refused_in_section(owner, "evidence", "https://")
        field = find(owner, "#evidence", "the evidence field after the refusal")
        assert field.get_attribute("aria-invalid") == "true", "the evidence field is not marked as the one at fault"
        assert field.get_attribute("value") == "ftp://example.org/letter.pdf", "what the owner typed was lost"
        assert find(owner, "#note", "the note").get_attribute("value") == "Letter sent on Monday", "the note was lost"
        error = find(owner, "#evidence-error", "the message")
        assert error.location["y"] < field.location["y"] < error.location["y"] + 200, "the message is not beside the field"
        owner.save_screenshot(str(screenshots / "followup-no-script-bad-link-390x844.png"))
        print(f"\nfollow-up: {said}")
    finally:
        owner.quit()
    assert events(facilitator, cid, "commitmentUpdated") == [], "a refused update still reached the log"

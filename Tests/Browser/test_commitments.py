"""Commitments end to end in a real headless Chromium.

Issue: commitments made on phones in the action phase appear on the projector; an owner opens the
follow-up link and marks done; the results page and the report show it; a follow-up conversation
carries the open ones.

The steps run in order and share one room (one server, one conversation, one phone).
"""
import html
import re

import pytest
import requests

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from conftest import Facilitator, console_of, start_phase  # noqa: E402
from test_live_room import make_driver, mark, not_reloaded, no_alert, wait  # noqa: E402

PEOPLE = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Barbara Liskov"]
PHONE_NAME = "Ada Lovelace"
ACTION_PHASE = 6  # Cooperative Knowledge Café: "Action planning" is the 7th phase
DONE_TEXT = "Paint the bike lane on Elm Street by spring"
DONE_DUE = "2030-04-30"
OPEN_TEXT = "Ask the council for a second crossing at the school"
NOTE = "Lane painted on 12 April, photos at the library"


@pytest.fixture(scope="module")
def room(server_factory):
    server = server_factory("commitments")
    facilitator = Facilitator(server.url)
    cid, code = facilitator.create()
    facilitator.import_people(cid, PEOPLE)
    return {"server": server, "facilitator": facilitator, "id": cid, "code": code}


@pytest.fixture(scope="module")
def console(room):
    """The facilitator's laptop, signed in, on the room's console."""
    driver = console_of(room)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def phone(room):
    driver = make_driver(375, 667, mobile=True)
    yield driver
    driver.quit()


def join(room, phone):
    """Joins the phone through the join page once; later calls just bring it back to its page."""
    if room.get("joined"):
        phone.get(room["server"].url + f"/c/{room['code']}/me")
        wait(phone).until(lambda d: d.find_elements(By.ID, "commit-text"))
        return
    phone.get(room["server"].url + f"/c/{room['code']}")
    Select(wait(phone).until(lambda d: d.find_element(By.ID, "who"))).select_by_visible_text(PHONE_NAME)
    phone.find_element(By.CSS_SELECTOR, "form[action$='/join'] > button[type=submit]").click()
    wait(phone).until(lambda d: d.current_url.rstrip("/").endswith(f"/c/{room['code']}/me"))
    wait(phone).until(lambda d: d.find_elements(By.ID, "commit-text"))
    room["joined"] = True


def commit_on_phone(phone, text, due=None):
    box = wait(phone).until(lambda d: d.find_element(By.ID, "commit-text") if d.find_element(By.ID, "commit-text").is_displayed() else None)
    box.send_keys(text)
    if due:
        # Typing into a date widget depends on the browser's locale; set the ISO value directly.
        field = phone.find_element(By.ID, "commit-due")
        phone.execute_script("arguments[0].value = arguments[1];"
                             "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field, due)
        assert field.get_attribute("value") == due
    box.find_element(By.XPATH, "./ancestor::form//button[@type='submit']").click()
    wait(phone).until(lambda d: d.find_element(By.ID, "commit-text").get_attribute("value") == "")
    wait(phone).until(lambda d: text in d.find_element(By.CSS_SELECTOR, "[data-list=myCommitments]").text)


def commitment_ids(facilitator, cid):
    """{text: id} from the facilitator's commitments page."""
    page = facilitator.http.get(facilitator.base + f"/conversations/{cid}/commitments")
    assert page.status_code == 200, page.text[:500]
    found = {}
    for cmid, text in re.findall(r'<li id="([^"]+)" class="commitment">\s*<p><strong class="text">([^<]*)</strong>', page.text):
        found[html.unescape(text)] = cmid
        assert f'action="/conversations/{cid}/commitments/{cmid}/link"' in page.text, "no issue-link form"
    return found


def test_action_phase_commitment_reaches_projector_live(room, phone, console, screenshots):
    current = start_phase(console, "action-planning")  # the facilitator skips ahead on the console
    assert current["index"] == ACTION_PHASE, current
    assert current["title"] == "Action planning", current
    join(room, phone)

    screen = make_driver(1920, 1080)
    try:
        screen.get(room["server"].url + f"/c/{room['code']}/screen")
        wait(screen).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-list=commitments]"))
        mark(screen)

        commit_on_phone(phone, DONE_TEXT, DONE_DUE)

        wait(screen, 10).until(lambda d: DONE_TEXT in d.find_element(By.CSS_SELECTOR, "[data-list=commitments]").text)
        assert not_reloaded(screen), "the projector reloaded instead of updating live"
        section = screen.find_element(By.CSS_SELECTOR, "[data-section=commitments]")
        assert section.is_displayed()
        assert PHONE_NAME in section.text
        no_alert(screen)
        screen.save_screenshot(str(screenshots / "projector-commitments-1920x1080.png"))
    finally:
        screen.quit()


def test_owner_marks_done_through_follow_up_link(room):
    facilitator, cid = room["facilitator"], room["id"]
    ids = commitment_ids(facilitator, cid)
    assert DONE_TEXT in ids, ids
    room["done_id"] = ids[DONE_TEXT]

    issued = facilitator.post(f"/conversations/{cid}/commitments/{ids[DONE_TEXT]}/link")
    token = issued["token"]
    assert issued["url"] == f"/f/{token}"

    owner = make_driver(390, 844, mobile=True)  # a fresh browser: no session, no participant cookie
    try:
        owner.get(room["server"].url + f"/f/{token}")
        assert "cocreate_session" not in [c["name"] for c in owner.get_cookies()]
        assert DONE_TEXT in owner.find_element(By.CSS_SELECTOR, ".commitment").text
        assert owner.find_element(By.CSS_SELECTOR, "em.status").text == "not started yet", "the status shows raw, not in words"
        Select(owner.find_element(By.ID, "status")).select_by_value("done")
        owner.find_element(By.ID, "note").send_keys(NOTE)
        owner.find_element(By.CSS_SELECTOR, f"form[action='/f/{token}'] button[type=submit]").click()
        wait(owner).until(lambda d: "saved=1" in d.current_url)
        assert owner.find_element(By.CSS_SELECTOR, "em.status").text == "done"
        assert NOTE in owner.find_element(By.CSS_SELECTOR, "ul.history").text
        assert Select(owner.find_element(By.ID, "status")).first_selected_option.get_attribute("value") == "done"
    finally:
        owner.quit()


def test_results_and_report_show_it(room, phone):
    join(room, phone)
    base, code = room["server"].url, room["code"]

    # The phone's own links lead to both pages (issue 14: "the phone links to neither").
    phone.get(base + f"/c/{code}/me")
    phone.find_element(By.CSS_SELECTOR, "nav.after a[href$='/results']").click()
    WebDriverWait(phone, 10).until(lambda d: d.current_url.endswith(f"/c/{code}/results"))
    assert phone.find_element(By.ID, "votes-h").text == "How people voted"
    rows = {r.find_element(By.CSS_SELECTOR, ".text").text: r
            for r in phone.find_elements(By.CSS_SELECTOR, "ol.commitments li.commitment")}
    assert DONE_TEXT in rows, phone.find_element(By.TAG_NAME, "main").text[:1000]
    assert rows[DONE_TEXT].find_element(By.CSS_SELECTOR, "em.status").text == "done"
    assert PHONE_NAME in rows[DONE_TEXT].text  # a participant sees owners by name

    phone.get(base + f"/c/{code}/me")
    phone.find_element(By.CSS_SELECTOR, "nav.after a[href$='/report']").click()
    WebDriverWait(phone, 10).until(lambda d: d.current_url.endswith(f"/c/{code}/report"))
    assert DONE_TEXT in phone.find_element(By.TAG_NAME, "body").text
    # On a 375 px phone the charts keep their labels legible (they scroll sideways instead of shrinking).
    label_heights = phone.execute_script(
        "return [...document.querySelectorAll('svg.bars text')].map(t => t.getBoundingClientRect().height);")
    assert label_heights and min(label_heights) >= 10, f"the report's chart labels are {min(label_heights or [0]):.1f} px tall on a phone"

    # Without joining, neither page is open (results are for participants by default).
    assert requests.get(base + f"/c/{code}/results").status_code == 401
    assert requests.get(base + f"/c/{code}/report").status_code == 401


def test_follow_up_conversation_carries_open_commitments(room, phone):
    facilitator, cid, base = room["facilitator"], room["id"], room["server"].url
    join(room, phone)
    commit_on_phone(phone, OPEN_TEXT)

    # The route answers with a redirect only (FollowUpController.followUp), so it is posted by hand.
    r = facilitator.http.post(base + f"/conversations/{cid}/follow-up",
                              data={"_csrf": facilitator.csrf, "design": "same"}, allow_redirects=False)
    assert r.status_code in (302, 303), f"{r.status_code} {r.text[:500]}"
    new_id = r.headers["Location"].rstrip("/").split("/")[-1]
    assert new_id and new_id != cid

    console = facilitator.http.get(base + f"/conversations/{new_id}")
    assert console.status_code == 200, console.text[:500]
    listed = re.search(r'<ul data-list="commitments">(.*?)</ul>', console.text, re.S)
    assert listed, "the follow-up console has no commitments list"
    text = html.unescape(listed.group(1))
    assert OPEN_TEXT in text, text
    assert DONE_TEXT not in text, "a done commitment was carried into the follow-up conversation"

    # The same people were carried over too: the open commitment keeps its owner's name.
    assert PHONE_NAME in text, text

"""A facilitator's day, through the pages themselves, checked in the exported log.

Issue 13, items 1-4 and the retry rule: people are imported with the console's file field (a
second file adds, a bad file gets a message next to the field and writes nothing), the console
and `cocreate plan` give the same people the same ids, phones never drop a commitment sent after
a contribution, a retried write id with other content is refused, and re-seating seats everyone
who is not marked absent.

Every behaviour under test is done the way a person does it (a click, typing, choosing a file in
a real <input type=file>); the outcome is read from `GET /conversations/ID/export.jsonl` with the
facilitator's session cookie. Only setup (creating a conversation, one quick import in the phone
test) and the 409 check of the JSON API go over plain HTTP.

All tests share one server; each has its own conversation.
"""
import json
import re
import subprocess
import uuid
from collections import Counter
from urllib.parse import urlparse

import pytest
import requests

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import (  # noqa: E402
    JavascriptException, NoSuchElementException, StaleElementReferenceException, TimeoutException)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from conftest import REPO, press_agenda, start_phase  # noqa: E402
from conftest import agenda as agenda_of  # noqa: E402
from test_live_room import console_click, make_driver, mark, not_reloaded  # noqa: E402

WAIT = 10
GROUPS = ["pupil", "parent", "teacher"]
PEOPLE_24 = [
    "Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth",
    "Frances Allen", "John Backus", "Katherine Johnson", "Claude Shannon", "Margaret Hamilton", "Dennis Ritchie",
    "Radia Perlman", "Ken Thompson", "Hedy Lamarr", "Tim Berners-Lee", "Mary Kenneth Keller", "Niklaus Wirth",
    "Annie Easley", "Leslie Lamport", "Shafi Goldwasser", "Tony Hoare", "Jean Sammet", "Robin Milner",
]
IGNORED = (NoSuchElementException, StaleElementReferenceException, JavascriptException)


# ----------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="module")
def server(server_factory):
    return server_factory("day-journey")


# ----------------------------------------------------------------------------------------------
# Helpers: waiting, the export, files


def wait_for(driver, condition, message, timeout=WAIT):
    """Waits (polling every 0.1 s) for `condition(driver)` to be truthy; fails with `message` otherwise."""
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.1, ignored_exceptions=IGNORED).until(condition)
    except TimeoutException:
        raise AssertionError(message() if callable(message) else message) from None


def poll(condition, message, timeout=WAIT):
    """wait_for without a browser (for the export)."""
    return wait_for(object(), lambda _: condition(), message, timeout)


def find(driver, css, what):
    found = driver.find_elements(By.CSS_SELECTOR, css)
    assert found, f"{what}: the page has no {css} (url {driver.current_url})"
    return found[0]


def click(driver, element):
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def text_of(driver, css):
    found = driver.find_elements(By.CSS_SELECTOR, css)
    return found[0].text if found else ""


def export_lines(facilitator, cid):
    return [json.loads(line) for line in facilitator.export(cid).splitlines() if line.strip()]


def events(facilitator, cid, kind):
    """The payloads of the exported events of one type, in order."""
    return [line["event"] for line in export_lines(facilitator, cid) if line["type"] == kind]


def registered(facilitator, cid):
    """{participantID: (name, group)} from the export; the latest registration of an id wins."""
    people = {}
    for event in events(facilitator, cid, "participantRegistered"):
        people[event["participantID"]] = (event["name"], event.get("group"))
    return people


def write_csv(folder, name, rows, header="name,group"):
    path = folder / name
    path.write_text(header + "\n" + "".join(",".join(row) + "\n" for row in rows), encoding="utf-8")
    return path


def with_groups(names):
    return [(name, GROUPS[index % len(GROUPS)]) for index, name in enumerate(names)]


# ----------------------------------------------------------------------------------------------
# Helpers: the console


def new_conversation(facilitator):
    return facilitator.create()  # setup over HTTP: {id, code}


def open_console(console, server, cid, code):
    console.get(server.url + f"/conversations/{cid}")
    wait_for(console, lambda d: d.find_element(By.CSS_SELECTOR, "[data-field=joinCode]").text == code,
             f"the console of {cid} did not open (join code {code} not shown)")


def people_rows(console):
    return console.find_elements(By.CSS_SELECTOR, "table.people tbody tr")


def import_outcome(driver):
    return (text_of(driver, "#people-import-message"), text_of(driver, "#people-error"))


def import_file(console, path):
    """Chooses `path` in the console's file field and presses the import form's button; waits for
    the answer (a new page, or a message that changed in place)."""
    form = find(console, "form#people-import", "the console's people import form")
    field = form.find_elements(By.CSS_SELECTOR, "input#people")
    assert field, "the people import form has no input#people file field"
    before = import_outcome(console)
    mark(console)
    field[0].send_keys(str(path))
    click(console, form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]"))

    def answered(d):
        if d.execute_script("return document.readyState") != "complete":
            return False
        return not not_reloaded(d) or import_outcome(d) != before

    wait_for(console, answered, f"nothing happened within {WAIT} s after importing {path.name}")


def assert_on_console(console, cid, after):
    """The console is what the facilitator sees: its own address, or the import's address when
    the console is shown again with a message (a form answered in place), never an error page."""
    path = urlparse(console.current_url).path.rstrip("/")
    heading = text_of(console, "h1")
    assert path in (f"/conversations/{cid}", f"/conversations/{cid}/people"), (
        f"after {after} the facilitator was left on {console.current_url} ({heading!r}), not on the console")
    assert console.find_elements(By.CSS_SELECTOR, "form#people-import") and console.find_elements(
        By.CSS_SELECTOR, "[data-field=joinCode]"), (
        f"after {after} the page is not the console: {heading!r}: {text_of(console, 'main')[:300]!r}")


def import_message(console, after):
    message = text_of(console, "#people-import-message")
    assert message, (f"after {after} the facilitator saw no #people-import-message; "
                     f"error shown: {text_of(console, '#people-error')!r}")
    return message


def wait_people_rows(console, count, after):
    wait_for(console, lambda d: len(people_rows(d)) == count,
             lambda: f"after {after} the people table shows {len(people_rows(console))} rows, not {count}")


def row_of(console, pid):
    return find(console, f"table.people tbody tr[data-participant='{pid}']", f"the people table row of {pid}")


def press_in_row(console, facilitator, cid, pid, label):
    """Presses the button labelled `label` in the row of `pid`; waits until the log has a new
    event about that person."""
    before = len(export_lines(facilitator, cid))
    for attempt in range(5):  # console.js rebuilds the people table on every view it receives
        try:
            buttons = row_of(console, pid).find_elements(By.XPATH, f".//button[normalize-space()='{label}']")
            assert buttons, f"the row of {pid} has no {label!r} button: {row_of(console, pid).text!r}"
            click(console, buttons[0])
            break
        except StaleElementReferenceException:
            if attempt == 4:
                raise

    def logged():
        return any(line["event"].get("participantID") == pid for line in export_lines(facilitator, cid)[before:])

    poll(logged, f"pressing {label!r} for {pid} wrote nothing to the log")


def press_seating(console, facilitator, cid, label_starts):
    button = find(console, "form#seating-form button[type=submit], form#seating-form button", "the seating button")
    label = button.text.strip()
    assert label.startswith(label_starts), f"the seating button says {label!r}, not {label_starts!r}…"
    before = len(events(facilitator, cid, "seatingPublished"))
    click(console, button)
    poll(lambda: len(events(facilitator, cid, "seatingPublished")) > before,
         lambda: f"pressing {label!r} published no seating; the console says "
                 f"{text_of(console, '#status')!r} {text_of(console, '#seating-form .form-message')!r}")


# ----------------------------------------------------------------------------------------------
# Helpers: phones


def join_phone(phone, server, code, name):
    """Joins through the join page: open /c/CODE, pick the name, press the button."""
    phone.get(server.url + f"/c/{code}")
    who = wait_for(phone, lambda d: d.find_element(By.ID, "who"), f"the join page of {code} has no select#who")
    Select(who).select_by_visible_text(name)
    click(phone, phone.find_element(By.CSS_SELECTOR, "form[action$='/join'] > button[type=submit]"))
    wait_for(phone, lambda d: urlparse(d.current_url).path.rstrip("/").endswith(f"/c/{code}/me")
             and d.find_elements(By.ID, "commit-text"),
             lambda: f"{name} did not reach their phone page: {phone.current_url} {text_of(phone, 'main')[:200]!r}")


def sent_next_to(field_id):
    """The form holding `field_id` says Sent; the status line at the top (the connection's) says nothing."""
    def said(driver):
        form = driver.find_element(By.ID, field_id).find_element(By.XPATH, "./ancestor::form")
        message = " ".join(e.text for e in form.find_elements(By.CSS_SELECTOR, ".form-message"))
        return bool(re.search(r"\bsent\b", message, re.I)) and "not sent" not in message.lower() and not text_of(driver, "#status")
    return said


def phone_failed(driver, form):
    status = driver.find_element(By.ID, "status")
    return "offline" in (status.get_attribute("class") or "") or form.find_elements(By.CSS_SELECTOR, ".form-message.error")


def send_on_phone(phone, field_id, text, what):
    """Types `text` into the field, presses its form's button and waits until the form was reset
    (sent) or the phone shows a failure."""
    box = wait_for(phone, lambda d: d.find_element(By.ID, field_id) if d.find_element(By.ID, field_id).is_displayed() else None,
                   lambda: f"the phone does not show the {what} form (#{field_id}) in the phase "
                           f"{text_of(phone, '[data-field=phaseTitle]')!r}")
    box.send_keys(text)
    form = box.find_element(By.XPATH, "./ancestor::form")
    click(phone, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    wait_for(phone, lambda d: d.find_element(By.ID, field_id).get_attribute("value") == "" or phone_failed(d, form),
             lambda: f"the {what} {text!r} was neither sent nor refused: #status {text_of(phone, '#status')!r}")
    assert phone.find_element(By.ID, field_id).get_attribute("value") == "", (
        f"the phone did not send the {what} {text!r}: #status says {text_of(phone, '#status')!r}, "
        f"the form says {[e.text for e in form.find_elements(By.CSS_SELECTOR, '.form-message')]!r}")


# ----------------------------------------------------------------------------------------------
# 1. People import through the console form


def test_console_csv_import_adds_people(server, facilitator, console, tmp_path, screenshots):
    cid, code = new_conversation(facilitator)
    rows = with_groups(PEOPLE_24)
    path = write_csv(tmp_path, "people-24.csv", rows)
    open_console(console, server, cid, code)

    import_file(console, path)

    assert_on_console(console, cid, "importing 24 people")
    message = import_message(console, "importing 24 people")
    assert re.search(r"\b24 people added\b", message), f"the import message says {message!r}, not '24 people added'"
    wait_people_rows(console, 24, "importing 24 people")
    console.save_screenshot(str(screenshots / "day-console-after-import-1366x768.png"))

    registrations = events(facilitator, cid, "participantRegistered")
    assert len(registrations) == 24, f"the log has {len(registrations)} participantRegistered events, not 24"
    logged = sorted((e["name"], e.get("group")) for e in registrations)
    assert logged == sorted(rows), f"the log registered {logged}, not the file's {sorted(rows)}"
    assert len({e["participantID"] for e in registrations}) == 24, "two people of the file got the same id"


# ----------------------------------------------------------------------------------------------
# 2. A second import adds people, never replaces them


def test_second_import_adds_people(server, facilitator, console, tmp_path):
    cid, code = new_conversation(facilitator)
    first = write_csv(tmp_path, "first-3.csv", with_groups(["Ada Lovelace", "Grace Hopper", "Alan Turing"]))
    second = write_csv(tmp_path, "second-2.csv", [("Barbara Liskov", "parent"), ("Donald Knuth", "teacher")])
    open_console(console, server, cid, code)

    import_file(console, first)
    assert_on_console(console, cid, "importing the first file")
    message = import_message(console, "importing the first file")
    assert re.search(r"\b3 people added\b", message), f"after the first file the message says {message!r}"

    import_file(console, second)
    assert_on_console(console, cid, "importing the second file")
    message = import_message(console, "importing the second file")
    assert re.search(r"\b2 people added\b", message), f"after the second file the message says {message!r}, not '2 people added'"
    people = registered(facilitator, cid)
    assert len(people) == 5, (f"after a 3-person file and a 2-person file the log has {len(people)} distinct people, "
                              f"not 5: {people}")
    assert sorted(name for name, _ in people.values()) == sorted(
        ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Barbara Liskov", "Donald Knuth"]), people
    wait_people_rows(console, 5, "importing the second file")

    import_file(console, first)
    assert_on_console(console, cid, "importing the first file again")
    message = import_message(console, "importing the first file again")
    assert re.search(r"\b0 people added\b", message) and re.search(r"\b3 already\b", message), (
        f"importing the first file again says {message!r}, not '0 people added; 3 already …'")
    assert len(registered(facilitator, cid)) == 5, f"importing a file again changed the room: {registered(facilitator, cid)}"
    wait_people_rows(console, 5, "importing the first file again")


# ----------------------------------------------------------------------------------------------
# 3. A bad CSV gets a message next to the field and writes nothing


def assert_error_next_to_field(console, cid, after, *lines):
    assert_on_console(console, cid, after)
    error = find(console, "#people-error", f"after {after} the facilitator saw no error message")
    assert error.is_displayed(), f"after {after} #people-error is hidden"
    for line in lines:
        assert re.search(rf"\b{line}\b", error.text), f"after {after} the error says {error.text!r}; it does not name {line}"
    placed = console.execute_script(
        "var f = document.querySelector('form#people-import'), e = document.getElementById('people-error');"
        "return f.contains(e) || f.nextElementSibling === e;")
    assert placed, f"after {after} #people-error is neither inside form#people-import nor right after it"
    field = console.find_element(By.CSS_SELECTOR, "input#people")
    assert field.get_attribute("aria-invalid") == "true", (
        f"after {after} input#people has aria-invalid={field.get_attribute('aria-invalid')!r}, not 'true'")
    gap = console.execute_script(
        "var a = document.getElementById('people').getBoundingClientRect(),"
        "    b = document.getElementById('people-error').getBoundingClientRect();"
        "return b.top >= a.bottom ? b.top - a.bottom : (a.top >= b.bottom ? a.top - b.bottom : 0);")
    assert gap <= 200, f"after {after} the error is {gap:.0f} px away from the file field, not next to it"


def test_bad_csv_message_next_to_field(server, facilitator, console, tmp_path):
    cid, code = new_conversation(facilitator)
    no_name = write_csv(tmp_path, "no-name.csv", [("Ada Lovelace", "pupil"), ("Grace Hopper", "parent")],
                        header="fullname,group")
    twice = write_csv(tmp_path, "twice.csv", [("Ada Lovelace", "pupil"), ("Grace Hopper", "parent"),
                                              ("Ada Lovelace", "teacher"), ("Alan Turing", "pupil")])
    open_console(console, server, cid, code)

    import_file(console, no_name)
    assert_error_next_to_field(console, cid, "a file without a name column", "line 1")
    assert events(facilitator, cid, "participantRegistered") == [], "a file without a name column registered people"

    open_console(console, server, cid, code)
    import_file(console, twice)
    assert_error_next_to_field(console, cid, "a file with Ada Lovelace twice", "line 4", "line 2")
    registrations = events(facilitator, cid, "participantRegistered")
    assert registrations == [], f"a file with the same name twice registered {len(registrations)} people"


# ----------------------------------------------------------------------------------------------
# 4. The CLI and the console give the same people the same ids


def plan_ids(plan):
    return {member["id"] for round_ in plan["rounds"] for table in round_["tables"] for member in table["members"]}


def test_cli_and_console_give_same_ids(server, facilitator, console, cocreate_bin, tmp_path):
    cid, code = new_conversation(facilitator)
    path = write_csv(tmp_path, "eight.csv", with_groups(PEOPLE_24[:8]))
    open_console(console, server, cid, code)
    import_file(console, path)
    assert_on_console(console, cid, "importing 8 people")

    run = subprocess.run([cocreate_bin, "plan", str(path), "--rounds", "2", "--table-size", "4", "--json"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, f"cocreate plan failed: {run.stderr}"
    from_cli = plan_ids(json.loads(run.stdout))
    from_console = set(registered(facilitator, cid))
    assert len(from_cli) == 8, f"the plan seats {sorted(from_cli)}, not 8 people"
    assert from_console == from_cli, (
        f"the same file gives other ids: console {sorted(from_console)}, cocreate plan {sorted(from_cli)}")


# ----------------------------------------------------------------------------------------------
# 5. Phones never drop a commitment sent after a contribution


def test_phone_commitment_after_contribution_is_kept(server, facilitator, console, screenshots):
    """Each phone contributes during a round and, on the same page load, commits once the
    facilitator has moved on to action planning: the phone follows the phase live and keeps both."""
    cid, code = new_conversation(facilitator)
    names = PEOPLE_24[:8]
    facilitator.import_people(cid, names)  # setup: import through the form is tested above
    said = {name: f"{name.split()[0]} says: more trees by the school gate" for name in names[:4]}
    promised = {name: f"{name.split()[0]} will write to the council by Friday" for name in names[:4]}
    open_console(console, server, cid, code)
    start_phase(console, "round")

    phones = [make_driver(375, 667, mobile=True) for _ in range(4)]
    try:
        for phone, name in zip(phones, names[:4]):
            join_phone(phone, server, code, name)
            mark(phone)
        for phone, name in zip(phones[:3], names[:3]):
            send_on_phone(phone, "text", said[name], "contribution")
            wait_for(phone, sent_next_to("text"), lambda: f"after sending a contribution {name}'s form does not say 'Sent' "
                                                         f"(the top status line says {text_of(phone, '#status')!r})")
        # The fourth phone sends two contributions, then (below) a commitment, on one page load.
        phone, name = phones[3], names[3]
        send_on_phone(phone, "text", said[name], "contribution")
        send_on_phone(phone, "text", said[name] + ", and benches", "second contribution")

        start_phase(console, "action-planning")
        for phone, name in zip(phones, names[:4]):
            send_on_phone(phone, "commit-text", promised[name], "commitment")
            assert not_reloaded(phone), f"{name}'s phone reloaded between the contribution and the commitment"
        phones[0].save_screenshot(str(screenshots / "day-phone-after-commitment-375x667.png"))
    finally:
        for phone in phones:
            phone.quit()

    contributions = [e["text"] for e in events(facilitator, cid, "contributionAdded")]
    commitments = [e["text"] for e in events(facilitator, cid, "commitmentMade")]
    expected_contributions = [said[n] for n in names[:4]] + [said[names[3]] + ", and benches"]
    assert Counter(contributions) == Counter(expected_contributions), (
        f"the log holds contributions {contributions}, not {expected_contributions}")
    assert Counter(commitments) == Counter(promised.values()), (
        f"the log holds commitments {commitments}, not the {len(promised)} the phones sent: {list(promised.values())}")

    open_console(console, server, cid, code)
    wait_for(console, lambda d: all(text in d.find_element(By.CSS_SELECTOR, "[data-list=commitments]").text
                                    for text in promised.values()),
             lambda: f"the console's commitments list shows {text_of(console, '[data-list=commitments]')!r}")


# ----------------------------------------------------------------------------------------------
# 6. A retried write id with other content is refused


def test_same_write_id_different_content_is_refused(server, facilitator):
    cid, code = new_conversation(facilitator)
    base = server.url
    joined = requests.post(base + "/api/v1/join", json={"code": code, "name": "Walk In"}, timeout=10)
    assert joined.status_code in (200, 201), f"joining over the API: {joined.status_code} {joined.text[:300]}"
    bearer = {"Authorization": "Bearer " + joined.json()["token"]}
    url = base + f"/api/v1/c/{code}/me/contributions"
    write_id = str(uuid.uuid4())

    first = requests.post(url, json={"id": write_id, "text": "first"}, headers=bearer, timeout=10)
    assert first.status_code in (200, 201), f"the first write: {first.status_code} {first.text[:300]}"
    retry = requests.post(url, json={"id": write_id, "text": "first"}, headers=bearer, timeout=10)
    assert retry.status_code in (200, 201), f"a retry of the same write was refused: {retry.status_code} {retry.text[:300]}"
    other = requests.post(url, json={"id": write_id, "text": "second"}, headers=bearer, timeout=10)
    assert other.status_code == 409, (
        f"the same id with other text answered {other.status_code}, not 409: {other.text[:300]}")

    # The same through the phone's own form endpoint, with a phone that joined through the page.
    phone = make_driver(375, 667, mobile=True)
    try:
        phone.get(base + f"/c/{code}")
        details = wait_for(phone, lambda d: d.find_element(By.CSS_SELECTOR, "form[action$='/join'] details"), "no walk-in section")
        if details.get_attribute("open") is None:  # closed while names are still offered; open when none are
            click(phone, details.find_element(By.TAG_NAME, "summary"))
        phone.find_element(By.ID, "walkin-name").send_keys("Phone Walk In")
        click(phone, phone.find_element(By.CSS_SELECTOR, "form[action$='/join'] > button[type=submit]"))
        wait_for(phone, lambda d: urlparse(d.current_url).path.rstrip("/").endswith(f"/c/{code}/me"),
                 lambda: f"the walk-in did not reach the phone page: {phone.current_url}")
        cookies = {c["name"]: c["value"] for c in phone.get_cookies()}
    finally:
        phone.quit()
    form = requests.post(base + f"/c/{code}/me/contributions", data={"id": write_id, "text": "second"},
                         headers={"Accept": "application/json"}, cookies=cookies, timeout=10)
    assert form.status_code == 409, (
        f"the phone's form with a used id and other text answered {form.status_code}, not 409: {form.text[:300]}")

    texts = [e["text"] for e in events(facilitator, cid, "contributionAdded")]
    assert texts.count("first") == 1, f"the log holds 'first' {texts.count('first')} times: {texts}"
    assert "second" not in texts, f"the log holds the refused 'second': {texts}"


# ----------------------------------------------------------------------------------------------
# 7. Re-seating seats everyone who is not marked absent


def test_reseat_keeps_everyone_not_absent(server, facilitator, console, tmp_path, screenshots):
    cid, code = new_conversation(facilitator)
    path = write_csv(tmp_path, "people-24.csv", with_groups(PEOPLE_24))
    open_console(console, server, cid, code)
    import_file(console, path)
    assert_on_console(console, cid, "importing 24 people")
    ids = {name: pid for pid, (name, _) in registered(facilitator, cid).items()}
    assert len(ids) == 24, f"the import registered {len(ids)} people, not 24"
    wait_people_rows(console, 24, "importing 24 people")

    arrivals = PEOPLE_24[:7]
    absentees = [PEOPLE_24[10], PEOPLE_24[17]]
    present = [name for name in PEOPLE_24 if name not in absentees]
    for name in arrivals:
        press_in_row(console, facilitator, cid, ids[name], "Arrived")
    for name in absentees:
        press_in_row(console, facilitator, cid, ids[name], "Absent")

    press_seating(console, facilitator, cid, "Seat everyone")
    if console.find_elements(By.CSS_SELECTOR, "form[action$='/agenda']:has(input[name=action][value=start])"):
        console_click(console, "/agenda", "start")
        poll(lambda: events(facilitator, cid, "phaseStarted"), "pressing Start started no phase")
    wait_for(console, lambda d: d.find_element(By.CSS_SELECTOR, "form#seating-form button").text.strip().startswith("Re-seat"),
             lambda: f"once seated, the seating button still says {text_of(console, 'form#seating-form button')!r}")
    press_seating(console, facilitator, cid, "Re-seat")

    published = events(facilitator, cid, "seatingPublished")[-1]
    expected = sorted(ids[name] for name in present)
    absent_ids = {ids[name] for name in absentees}
    assert published["rounds"], f"the re-seat published no rounds: {published}"
    for round_ in published["rounds"]:
        seated = [seat["participantID"] for table in round_["tables"] for seat in table["seats"]]
        twice = [pid for pid, n in Counter(seated).items() if n > 1]
        assert not twice, f"round {round_['round']} seats {twice} more than once"
        assert not absent_ids & set(seated), f"round {round_['round']} seats people marked absent: {absent_ids & set(seated)}"
        missing = [name for name in present if ids[name] not in seated]
        assert sorted(seated) == expected, (
            f"round {round_['round']} of the re-seat seats {len(seated)} people, not the 22 not marked absent; "
            f"left out: {missing}")

    wait_for(console, lambda d: all(name in d.find_element(By.ID, "unseated").text for name in absentees),
             lambda: f"#unseated says {text_of(console, '#unseated')!r}; it does not list both absent people {absentees}")
    unseated = console.find_element(By.ID, "unseated").text
    listed = [name for name in present if name in unseated]
    assert not listed, f"#unseated lists people who are seated: {listed}"

    def table_names(d):
        return [li.text for li in d.find_elements(By.CSS_SELECTOR, "[data-list=tables] article.table-card ul > li")]

    wait_for(console, lambda d: len(table_names(d)) == 22,
             lambda: f"the console's tables show {len(table_names(console))} people, not 22")
    shown = " | ".join(table_names(console))
    not_shown = [name for name in present if name not in shown]
    assert not not_shown, f"the console's tables do not show {not_shown}"
    assert not [name for name in absentees if name in shown], f"the console's tables show absent people: {shown}"
    console.save_screenshot(str(screenshots / "day-console-after-reseat-1366x768.png"))

    everyone = find(console, "form#everyone-arrived button", "the 'Everyone is here' button")
    assert "Everyone is here" in everyone.text, f"the button says {everyone.text!r}"
    click(console, everyone)

    def arrived():
        return {e["participantID"] for e in events(facilitator, cid, "participantArrived")}

    poll(lambda: {ids[name] for name in present} <= arrived(),
         lambda: f"after 'Everyone is here' the log has no participantArrived for "
                 f"{[name for name in present if ids[name] not in arrived()]}")
    assert not absent_ids & arrived(), (
        f"'Everyone is here' marked people who are absent as arrived: {[n for n in absentees if ids[n] in arrived()]}")
    wait_for(console, lambda d: re.search(r"\b22\s*(/|of)\s*24\b", text_of(d, "[data-field=arrivedCount]")),
             lambda: f"the console's count says {text_of(console, '[data-field=arrivedCount]')!r}, not 22/24 arrived")


# ----------------------------------------------------------------------------------------------
# 8. The phone shows only what the current phase asks of its person

PHONE_PARTS = ("seat", "contribute", "vote", "commit", "mine", "paused")
STRINGS = json.loads((REPO / "Sources" / "Server" / "Strings" / "en.json").read_text(encoding="utf-8"))


def phone_shows(phone):
    """The ids of the phone's parts (PHONE_PARTS) that take up room on the page now."""
    return phone.execute_script(
        "return arguments[0].filter(function (id) { var e = document.getElementById(id);"
        "  return e && e.getClientRects().length > 0; });", list(PHONE_PARTS))


def forms_shown(phone):
    """The writing fields a person can use now: contribute, vote, commit."""
    return phone.execute_script(
        "return [['contribute', '#text'], ['vote', 'form[action$=\"/me/votes\"] button'], ['commit', '#commit-text']]"
        ".filter(function (p) { return Array.from(document.querySelectorAll(p[1]))"
        "  .some(function (e) { return e.getClientRects().length > 0; }); }).map(function (p) { return p[0]; });")


def expect_phone(phone, phase, *parts):
    """Waits until the phone shows exactly `parts` of PHONE_PARTS, and of the forms only theirs."""
    want = sorted(parts)
    want_forms = sorted(p for p in parts if p in ("contribute", "vote", "commit"))
    wait_for(phone, lambda d: sorted(phone_shows(d)) == want and sorted(forms_shown(d)) == want_forms,
             lambda: f"{phase}: the phone shows {sorted(phone_shows(phone))} (forms {sorted(forms_shown(phone))}), "
                     f"not {want}; its phase says {text_of(phone, '[data-field=phaseTitle]')!r}")
    width = phone.execute_script("return document.documentElement.scrollWidth")
    assert width <= 375, f"{phase}: the phone page is {width} px wide, wider than the 375 px screen"


def upcoming_rounds(phone):
    """The round numbers 'Later rounds' ([data-list=upcoming], inside a closed <details>) lists."""
    texts = phone.execute_script(
        "return Array.from(document.querySelectorAll('[data-list=upcoming] li')).map(function (li) { return li.textContent; })")
    rounds = []
    for text in texts:
        found = re.search(r"\d+", text)
        assert found, f"a 'Later rounds' line names no round: {text!r}"
        rounds.append(int(found.group(0)))
    return rounds


def expect_upcoming(phone, phase, played, rounds):
    """'Later rounds' lists only rounds after the last one played (or being played), all of them."""
    expected = [r for r in range(1, rounds + 1) if r > played]
    if played == 0:
        expected = expected[1:]  # before the start the seat card shows round 1 itself
    wait_for(phone, lambda d: upcoming_rounds(d) == expected,
             lambda: f"{phase}: 'Later rounds' lists rounds {upcoming_rounds(phone)}, not {expected} "
                     f"(rounds played: {list(range(1, played + 1))})")


def test_phone_follows_the_phase(server, facilitator, console, screenshots):
    cid, code = new_conversation(facilitator)
    names = PEOPLE_24[:8]
    facilitator.import_people(cid, names)  # setup: import through the form is tested above
    name = names[0]
    open_console(console, server, cid, code)
    rounds = [item["title"] for item in agenda_of(console) if item["kind"] == "round"]
    assert len(rounds) == 3, f"the Cooperative Knowledge Café's agenda has rounds {rounds}, not 3"

    phone = make_driver(375, 667, mobile=True)

    def shot(phase):
        phone.execute_script("window.scrollTo(0, 0);")  # the phase card (and any paused banner) in view
        phone.save_screenshot(str(screenshots / f"phone-{phase}-375x667.png"))

    try:
        join_phone(phone, server, code, name)
        mark(phone)
        expect_phone(phone, "before the seating", "seat")

        # Before the start: the seat card, once the facilitator has seated the room.
        press_seating(console, facilitator, cid, "Seat everyone")
        wait_for(phone, lambda d: d.find_elements(By.CSS_SELECTOR, "#seat [data-field=seat] .big-number"),
                 lambda: f"after the seating the phone's seat card says {text_of(phone, '#seat')!r}")
        expect_phone(phone, "before the start", "seat")
        expect_upcoming(phone, "before the start", 0, len(rounds))
        shot("before")

        start_phase(console, "input")
        expect_phone(phone, "during the input", "seat")
        expect_upcoming(phone, "during the input", 0, len(rounds))
        shot("input")

        # Each round: the contribute form and the table; what is sent shows on the table's list.
        for number, title in enumerate(rounds, start=1):
            start_phase(console, "round", title=title, skip=False)
            phase = f"during round {number}"
            expect_phone(phone, phase, "seat", "contribute")
            wait_for(phone, lambda d: d.find_elements(By.CSS_SELECTOR, "#seat [data-field=seat] .big-number"),
                     f"{phase} the seat card shows no table")
            expect_upcoming(phone, phase, number, len(rounds))
            said = f"{name.split()[0]} in round {number}: a crossing by the school"
            send_on_phone(phone, "text", said, "contribution")
            table = "#contribute [data-list=tableContributions]"
            wait_for(phone, lambda d: said in text_of(d, table),
                     lambda: f"{phase} the table's list shows {text_of(phone, table)!r}, not the contribution just sent")
            shot(f"round-{number}")
            if number == 1:
                press_agenda(console, "pause", lambda a: any(i["status"] == "paused" for i in a), "pausing round 1")
                expect_phone(phone, "while round 1 is paused", "seat", "contribute", "paused")
                assert text_of(phone, "#paused") == STRINGS["phase.paused"], (
                    f"the paused banner says {text_of(phone, '#paused')!r}")
                shot("paused")
                press_agenda(console, "resume", lambda a: any(i["status"] == "running" for i in a), "resuming round 1")
                expect_phone(phone, "once round 1 runs again", "seat", "contribute")

        start_phase(console, "plenary", skip=False)
        expect_phone(phone, "during the plenary", "contribute")
        expect_upcoming(phone, "during the plenary", len(rounds), len(rounds))
        shot("plenary")

        # The vote: only the statements, and the vote is recorded.
        start_phase(console, "vote")
        expect_phone(phone, "during the vote", "vote")
        statements = phone.find_elements(By.CSS_SELECTOR, "#vote [data-list=statements] > li")
        assert len(statements) == 3, f"the vote shows {len(statements)} statements, not the design's 3"
        agree = "#vote [data-list=statements] > li:first-child button.vote.agree"
        wait_for(phone, lambda d: click(d, d.find_element(By.CSS_SELECTOR, agree)) or True,
                 "the phone's Agree button could not be pressed")
        wait_for(phone, lambda d: d.find_element(By.CSS_SELECTOR, agree).get_attribute("aria-pressed") == "true",
                 "the Agree pressed on the phone does not show as pressed")
        poll(lambda: events(facilitator, cid, "voteCast"), "the vote on the phone is not in the log")
        shot("vote")

        # Action planning: only the commitment form; what is promised then shows under #mine.
        start_phase(console, "action-planning")
        expect_phone(phone, "during action planning", "commit")
        promise = f"{name.split()[0]} will ask the council for the crossing"
        send_on_phone(phone, "commit-text", promise, "commitment")
        expect_phone(phone, "after a commitment during action planning", "commit", "mine")
        wait_for(phone, lambda d: promise in text_of(d, "#mine [data-list=myCommitments]"),
                 lambda: f"#mine lists {text_of(phone, '#mine')!r}, not the commitment just made")
        shot("action-planning")

        start_phase(console, "closing")
        expect_phone(phone, "during the closing circle", "commit", "mine")
        shot("closing")

        # Closed: no forms, the closed message, and the commitments.
        press_agenda(console, "close", lambda a: all(i["status"] not in ("running", "paused") for i in a),
                     "Close the conversation")
        expect_phone(phone, "after the conversation closed", "mine")
        wait_for(phone, lambda d: text_of(d, "[data-field=phaseTitle]") == STRINGS["phase.closed"],
                 lambda: f"after the close the phone's heading says {text_of(phone, '[data-field=phaseTitle]')!r}, "
                         f"not {STRINGS['phase.closed']!r}")
        assert promise in text_of(phone, "#mine"), f"after the close #mine says {text_of(phone, '#mine')!r}"
        assert upcoming_rounds(phone) == [], f"after the close 'Later rounds' lists {upcoming_rounds(phone)}"
        assert not_reloaded(phone), "the phone reloaded instead of following the phases live"
        shot("closed")

        # Opened afresh, the closed phone looks the same.
        phone.refresh()
        expect_phone(phone, "the closed conversation opened afresh", "mine")
        wait_for(phone, lambda d: text_of(d, "[data-field=phaseTitle]") == STRINGS["phase.closed"],
                 lambda: f"reopened after the close, the phone's heading says {text_of(phone, '[data-field=phaseTitle]')!r}")
    finally:
        phone.quit()

"""The room's day-of features, through the pages, checked in the exported log.

Closing asks first and can be undone; contributions hidden and shown again; statements reworded
and withdrawn before anyone votes, and one statement per contribution; the budget vote on a
phone and the projector; counts and commitments typed in from paper; a name that stays with the
device that joined under it until the facilitator releases it; and the console's warning when
phones cannot reach the address it shows.

What is under test is done as a person does it (a click, typing, choosing); the outcome is read
from `GET /conversations/ID/export.jsonl`. Only setup (creating a conversation, importing people)
goes over plain HTTP with the Facilitator helper.

All tests share one server; each has its own conversation.
"""
import re
import time
from urllib.parse import urlparse

import pytest

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

from conftest import agenda_buttons, describe_agenda, press_agenda, start_phase  # noqa: E402
from conftest import agenda as agenda_of  # noqa: E402
from conftest import USERNAME  # noqa: E402
from test_day_journey import (  # noqa: E402
    PEOPLE_24, click, events, export_lines, find, import_file, join_phone, open_console, poll, press_seating, registered,
    row_of, send_on_phone, text_of, wait_for, with_groups, write_csv)
from test_live_room import make_driver  # noqa: E402

WAIT = 10
PRESS_AGAIN = "Press the button again to confirm."


# ----------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="module")
def server(server_factory):
    return server_factory("room-day")


# ----------------------------------------------------------------------------------------------
# Helpers


def import_with_groups(facilitator, cid, people):
    """Setup over HTTP: people as (name, group)."""
    csv = "name,group\n" + "".join(f"{name},{group}\n" for name, group in people)
    return facilitator.post(f"/conversations/{cid}/people", csv=csv)


def ids_by_name(facilitator, cid):
    return {name: pid for pid, (name, _) in registered(facilitator, cid).items()}


def types(facilitator, cid):
    return [line["type"] for line in export_lines(facilitator, cid)]


def agenda_form(console, action):
    found = console.find_elements(By.CSS_SELECTOR, f"form[action$='/agenda']:has(input[name=action][value='{action}'])")
    return found[0] if found else None


def press_in(console, find_form, label, what):
    """Presses the button `label` of the form `find_form(console)` returns; console.js rebuilds
    the lists on every view, so the form is looked up again when it went stale."""
    for attempt in range(5):
        try:
            form = find_form(console)
            assert form is not None, f"{what}: no such form on the console"
            buttons = form.find_elements(By.XPATH, f".//button[normalize-space()='{label}']")
            assert buttons, f"{what}: the form has no {label!r} button: {form.text!r}"
            click(console, buttons[0])
            return form
        except StaleElementReferenceException:
            if attempt == 4:
                raise
            time.sleep(0.1)


def form_message(driver, form):
    try:
        found = form.find_elements(By.CSS_SELECTOR, ".form-message")
        return (found[0].text, "error" in (found[0].get_attribute("class") or "")) if found else ("", False)
    except StaleElementReferenceException:
        return ("<form rebuilt>", False)


def contribution_item(console, text):
    """The console's contributions list item whose text is `text`."""
    for li in console.find_elements(By.CSS_SELECTOR, "[data-list=contributions] > li"):
        spans = li.find_elements(By.CSS_SELECTOR, ".text")
        if spans and spans[0].text == text:
            return li
    return None


def contribution_form(console, text, path_end):
    li = contribution_item(console, text)
    if li is None:
        return None
    forms = [f for f in li.find_elements(By.TAG_NAME, "form") if (f.get_attribute("action") or "").endswith(path_end)]
    return forms[0] if forms else None


def statement_items(console):
    return console.find_elements(By.CSS_SELECTOR, "[data-list=statements] > li")


def statement_item(console, text):
    """The console's statements list item for `text`: its wording input, or its text span."""
    for li in statement_items(console):
        inputs = li.find_elements(By.CSS_SELECTOR, "form[action$='/statements/edit'] input[name=text]")
        shown = inputs[0].get_attribute("value") if inputs else text_of(li, ".text").strip()
        if shown == text:
            return li
    return None


def statement_texts(console):
    texts = []
    for li in statement_items(console):
        inputs = li.find_elements(By.CSS_SELECTOR, "input[name=text]")
        texts.append(inputs[0].get_attribute("value") if inputs else text_of(li, ".text").strip())
    return texts


def add_statement_on_console(console, facilitator, cid, text, cost=None):
    """Types a statement (and its cost) into the console's statement form and presses Add."""
    box = find(console, "#statement-text", "the console's statement form")
    box.clear()
    box.send_keys(text)
    if cost is not None:
        field = find(console, "#statement-cost", "the console's cost field (a budget design)")
        field.clear()
        field.send_keys(str(cost))
    form = box.find_element(By.XPATH, "./ancestor::form")
    click(console, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    added = poll(lambda: next((e for e in events(facilitator, cid, "statementAdded") if e["text"] == text), None),
                 lambda: f"adding the statement {text!r} wrote no statementAdded; the form says {form_message(console, form)}")
    wait_for(console, lambda d: statement_item(d, text) is not None,
             lambda: f"the console's statements list does not show {text!r}: {statement_texts(console)}")
    return added


# ----------------------------------------------------------------------------------------------
# 1. Closing asks first, and can be undone


def test_close_asks_first_and_can_be_reopened(server, facilitator, console, screenshots):
    cid, code = facilitator.create()
    open_console(console, server, cid, code)
    assert "close" in agenda_buttons(console), f"the console offers no close button: {agenda_buttons(console)}"
    assert agenda_form(console, "close").get_attribute("data-confirm"), "the close form does not ask first (no data-confirm)"

    form = press_in(console, lambda d: agenda_form(d, "close"), "Close the conversation", "the close button")
    wait_for(console, lambda d: PRESS_AGAIN in form_message(d, form)[0],
             lambda: f"one press of Close showed {form_message(console, form)[0]!r} inside its form, "
                     f"not a question ending {PRESS_AGAIN!r}")
    message = form_message(console, form)[0]
    assert message.startswith("Close the conversation?"), f"the close form asks {message!r}"
    console.save_screenshot(str(screenshots / "room-close-asks-1366x768.png"))
    time.sleep(1)  # anything one press sent would be in the log by now
    assert "conversationClosed" not in types(facilitator, cid), "one press of Close closed the conversation"
    assert "reopen" not in agenda_buttons(console), f"after one press the console offers {agenda_buttons(console)}"

    press_in(console, lambda d: agenda_form(d, "close"), "Close the conversation", "the armed close button")
    poll(lambda: "conversationClosed" in types(facilitator, cid), "the second press of Close wrote no conversationClosed")
    wait_for(console, lambda d: agenda_buttons(d) == {"reopen": "Reopen the conversation"},
             lambda: f"after closing, the agenda offers {agenda_buttons(console)}, not only 'Reopen the conversation'")

    press_agenda(console, "reopen")
    poll(lambda: "conversationReopened" in types(facilitator, cid), "pressing Reopen wrote no conversationReopened")
    wait_for(console, lambda d: "close" in agenda_buttons(d) and "start" in agenda_buttons(d),
             lambda: f"after reopening the agenda offers {agenda_buttons(console)}; agenda {describe_agenda(console)}")
    logged = [t for t in types(facilitator, cid) if t in ("conversationClosed", "conversationReopened")]
    assert logged == ["conversationClosed", "conversationReopened"], f"the log has {logged}"


# ----------------------------------------------------------------------------------------------
# 2. Hide and show again; one statement per contribution; reword and withdraw before votes


def test_hide_show_promote_reword_withdraw(server, facilitator, console, screenshots):
    cid, code = facilitator.create()
    open_console(console, server, cid, code)
    said = "Table 3 on paper: a safe crossing by the school gate"

    box = find(console, "#typein", "the console's type-in form")
    box.send_keys(said)
    click(console, box.find_element(By.XPATH, "./ancestor::form").find_element(By.CSS_SELECTOR, "button[type=submit]"))
    added = poll(lambda: next((e for e in events(facilitator, cid, "contributionAdded") if e["text"] == said), None),
                 f"the type-in {said!r} is not in the log")
    contribution = added["contributionID"]
    wait_for(console, lambda d: contribution_item(d, said) is not None, "the typed-in contribution is not listed on the console")

    press_in(console, lambda d: contribution_form(d, said, "/hide"), "Hide", "Hide on the contribution")
    poll(lambda: [e for e in events(facilitator, cid, "contributionHidden") if e["contributionID"] == contribution],
         "pressing Hide wrote no contributionHidden")
    wait_for(console, lambda d: contribution_form(d, said, "/show") is not None and "hidden" in text_of(contribution_item(d, said), "em"),
             lambda: f"the hidden contribution shows {contribution_item(console, said).text!r}, no 'hidden' and 'Show again'")
    assert contribution_form(console, said, "/statements") is None, "a hidden contribution still offers 'Make a statement'"

    press_in(console, lambda d: contribution_form(d, said, "/show"), "Show again", "Show again on the contribution")
    poll(lambda: [e for e in events(facilitator, cid, "contributionShown") if e["contributionID"] == contribution],
         "pressing Show again wrote no contributionShown")
    wait_for(console, lambda d: contribution_form(d, said, "/hide") is not None,
             "the contribution shown again offers no Hide button")

    def from_it():
        return [e for e in events(facilitator, cid, "statementAdded") if e.get("fromContribution") == contribution]

    promote = "Make a statement to vote on"
    first = press_in(console, lambda d: contribution_form(d, said, "/statements"), promote, "the first promote")
    poll(lambda: from_it(), "the first 'Make a statement to vote on' wrote no statementAdded")
    statement = from_it()[0]
    wait_for(console, lambda d: statement_item(d, said) is not None,
             lambda: f"the statements list does not show the promoted contribution: {statement_texts(console)}")
    # The view that followed rebuilds the contributions list; press the fresh button.
    wait_for(console, lambda d: form_message(d, first)[0] == "<form rebuilt>", "the contributions list was not rebuilt")
    second = press_in(console, lambda d: contribution_form(d, said, "/statements"), promote, "the second promote")
    wait_for(console, lambda d: form_message(d, second)[1],
             lambda: f"the second promote of the same contribution shows {form_message(console, second)} in its form, no error")
    error = form_message(console, second)[0]
    assert error.startswith("This contribution is already the statement") and "fromContribution" not in error, (
        f"the second promote says {error!r}, not a sentence without code names")
    console.save_screenshot(str(screenshots / "room-promote-twice-1366x768.png"))
    assert len(from_it()) == 1, f"promoting one contribution twice logged {len(from_it())} statements: {from_it()}"

    other = add_statement_on_console(console, facilitator, cid, "We need a second crossing warden")

    reworded = "A safe crossing at the school gate, with a warden"
    item = statement_item(console, said)
    field = item.find_element(By.CSS_SELECTOR, "form[action$='/statements/edit'] input[name=text]")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    field.send_keys(reworded)
    press_in(console, lambda d: statement_item(d, reworded).find_element(By.CSS_SELECTOR, "form[action$='/statements/edit']"),
             "Save wording", "Save wording")
    poll(lambda: [e for e in events(facilitator, cid, "statementAdded")
                  if e["statementID"] == statement["statementID"] and e["text"] == reworded],
         "Save wording wrote no statementAdded with the new wording under the same statement id")

    press_in(console, lambda d: statement_item(d, other["text"]).find_element(By.CSS_SELECTOR, "form[action$='/statements/withdraw']"),
             "Withdraw", "Withdraw")
    poll(lambda: [e for e in events(facilitator, cid, "statementWithdrawn") if e["statementID"] == other["statementID"]],
         "Withdraw wrote no statementWithdrawn")
    def settled(d):
        shown = statement_texts(d)
        return reworded in shown and said not in shown and other["text"] not in shown

    wait_for(console, settled, lambda: f"after rewording and withdrawing, the statements list shows {statement_texts(console)}: "
                                       f"not the new wording, or still the old one or the withdrawn {other['text']!r}")

    logged = types(facilitator, cid)
    assert logged.index("contributionHidden") < logged.index("contributionShown"), logged
    added = [e for e in events(facilitator, cid, "statementAdded") if e.get("fromContribution") == contribution]
    assert [e["text"] for e in added] == [said, reworded], f"statementAdded for the contribution: {added}"
    assert len({e["statementID"] for e in added}) == 1, f"the rewording made a new statement: {added}"
    console.save_screenshot(str(screenshots / "room-statements-1366x768.png"))


# ----------------------------------------------------------------------------------------------
# 3. Budget vote on the phone, and the projector


PROPOSALS = [("New benches for the playground", 1200), ("Library books in many languages", 2500),
             ("A vegetable garden", 3000), ("A climbing wall", 4000)]


def budget_boxes(phone):
    return phone.find_elements(By.CSS_SELECTOR, "#budget-form [data-list=proposals] input[type=checkbox]")


def budget_box(phone, text):
    for label in phone.find_elements(By.CSS_SELECTOR, "#budget-form [data-list=proposals] label"):
        if text in label.text:
            return label.find_element(By.CSS_SELECTOR, "input[type=checkbox]")
    raise AssertionError(f"the phone's budget form lists no {text!r}: {text_of(phone, '#budget-form')!r}")


def summary_numbers(phone):
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text_of(phone, "[data-field=budgetSummary]"))]


def save_button(phone):
    return phone.find_element(By.CSS_SELECTOR, "#budget-form button[type=submit]")


def test_budget_vote_on_the_phone(server, facilitator, console, screenshots):
    cid, code = facilitator.create("school-participatory-budget")
    facilitator.import_people(cid, ["Ada Lovelace", "Grace Hopper", "Alan Turing"])
    open_console(console, server, cid, code)
    ids = {}
    for text, cost in PROPOSALS:
        added = add_statement_on_console(console, facilitator, cid, text, cost)
        assert added.get("cost") == cost, f"the statement {text!r} was logged with cost {added.get('cost')}, not {cost}"
        ids[text] = added["statementID"]

    phone = make_driver(375, 667, mobile=True)
    projector = make_driver(1920, 1080)
    try:
        join_phone(phone, server, code, "Ada Lovelace")
        start_phase(console, "vote")
        wait_for(phone, lambda d: d.find_element(By.ID, "budget-form").is_displayed() and len(budget_boxes(d)) == 4,
                 lambda: f"in the budget vote the phone shows {text_of(phone, '#vote')!r}, not the 4 proposals to tick")
        assert summary_numbers(phone)[:2] == [0, 5000], f"before ticking the summary says {text_of(phone, '[data-field=budgetSummary]')!r}"

        click(phone, budget_box(phone, "Library books"))
        wait_for(phone, lambda d: summary_numbers(d) == [2500, 5000, 2500],
                 lambda: f"with the books ticked the summary says {text_of(phone, '[data-field=budgetSummary]')!r}")
        assert save_button(phone).is_enabled()
        click(phone, budget_box(phone, "vegetable garden"))
        wait_for(phone, lambda d: "over" in text_of(d, "[data-field=budgetSummary]") and summary_numbers(d) == [500, 5000],
                 lambda: f"5,500 ticked: the summary says {text_of(phone, '[data-field=budgetSummary]')!r}, not 500 over 5,000")
        assert not save_button(phone).is_enabled(), "over the budget the 'Save my choice' button can still be pressed"
        phone.save_screenshot(str(screenshots / "room-budget-over-375x667.png"))
        click(phone, budget_box(phone, "vegetable garden"))
        click(phone, budget_box(phone, "benches"))
        wait_for(phone, lambda d: summary_numbers(d) == [3700, 5000, 1300],
                 lambda: f"books and benches ticked: the summary says {text_of(phone, '[data-field=budgetSummary]')!r}")
        assert save_button(phone).is_enabled(), "within the budget the save button is disabled"
        click(phone, save_button(phone))
        chosen = {ids["Library books in many languages"], ids["New benches for the playground"]}
        poll(lambda: events(facilitator, cid, "budgetAllocated"),
             lambda: f"'Save my choice' wrote no budgetAllocated; the form says {text_of(phone, '#budget-form .form-message')!r}")
        allocations = events(facilitator, cid, "budgetAllocated")
        assert len(allocations) == 1, f"the log has {len(allocations)} budgetAllocated events: {allocations}"
        assert set(allocations[0]["statementIDs"]) == chosen, f"the phone saved {allocations[0]['statementIDs']}, not {chosen}"
        wait_for(phone, lambda d: "Sent" in text_of(d, "#budget-form .form-message"),
                 lambda: f"after saving the form says {text_of(phone, '#budget-form .form-message')!r}")
        phone.execute_script("document.getElementById('vote').scrollIntoView();")
        phone.save_screenshot(str(screenshots / "room-budget-phone-375x667.png"))

        projector.get(server.url + f"/c/{code}/screen")

        def lines(d):
            return {li.text.split("\n")[0]: li.text for li in d.find_elements(By.CSS_SELECTOR, "[data-list=results] > li")}

        wait_for(projector, lambda d: len(lines(d)) == 4 and all("would fund it" in t for t in lines(d).values()),
                 lambda: f"the projector's results show {list(lines(projector).values())}, not 4 'would fund it' lines")
        shown = lines(projector)
        for text, _ in PROPOSALS:
            line = next((v for k, v in shown.items() if text in k), None)
            assert line is not None, f"the projector lists no {text!r}: {shown}"
            if ids[text] in chosen:
                assert "1 would fund it" in line and "funded" in line.replace("would fund it", ""), f"chosen {text!r}: {line!r}"
            else:
                assert "0 would fund it" in line and "funded" not in line.replace("would fund it", ""), f"not chosen {text!r}: {line!r}"
        projector.save_screenshot(str(screenshots / "room-budget-projector-1920x1080.png"))
    finally:
        phone.quit()
        projector.quit()


# ----------------------------------------------------------------------------------------------
# 4. Paper counts and a paper commitment


def record_paper_count(console, statement_id, group, method, agree, disagree, passed):
    """Fills the console's 'From paper' card and presses its button; returns the form."""
    form = find(console, "#paper-tally", "the console's 'From paper' card")
    Select(find(console, "#paper-statement", "the paper statement choice")).select_by_value(statement_id)
    group_choice = Select(find(console, "#paper-group", "the paper group choice"))
    offered = [o.text for o in group_choice.options]
    assert group in offered, f"the paper group choice offers {offered}, not the imported {group!r}"
    group_choice.select_by_visible_text(group)
    Select(find(console, "#paper-method", "the paper method choice")).select_by_value(method)
    for name, count in (("agree", agree), ("disagree", disagree), ("pass", passed)):
        box = form.find_element(By.CSS_SELECTOR, f"input[name={name}]")
        box.clear()
        box.send_keys(str(count))
    click(console, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    return form


def test_paper_tally_and_commitment(server, facilitator, console, screenshots):
    cid, code = facilitator.create()
    import_with_groups(facilitator, cid, [("Ada Lovelace", "pupil"), ("Grace Hopper", "parent"),
                                          ("Alan Turing", "teacher"), ("Barbara Liskov", "pupil")])
    people = ids_by_name(facilitator, cid)
    open_console(console, server, cid, code)
    statement = add_statement_on_console(console, facilitator, cid, "The school day should start at nine")

    form = record_paper_count(console, statement["statementID"], "pupil", "paper-ballots", agree=5, disagree=2, passed=1)
    tally = poll(lambda: events(facilitator, cid, "paperTallyRecorded"),
                 lambda: f"'Record the count' wrote no paperTallyRecorded; the form says {form_message(console, form)}")
    # `_by`: the log says who typed the count in.
    assert tally == [{"statementID": statement["statementID"], "group": "pupil", "method": "paper-ballots",
                      "agree": 5, "disagree": 2, "pass": 1, "_by": {"facilitator": USERNAME}}], f"the log has {tally}"

    def tally_line(d):
        item = statement_item(d, statement["text"])
        return text_of(item, ".muted") if item is not None else ""

    wait_for(console, lambda d: "5 agree · 2 disagree · 1 pass" in tally_line(d) and "(8 on paper)" in tally_line(d),
             lambda: f"the statements list shows {tally_line(console)!r}, not '5 agree · 2 disagree · 1 pass (8 on paper)'")

    promise = "Ask the governors to move the start to nine"
    commit_form = find(console, "#paper-commitment", "the console's paper commitment form")
    find(console, "#paper-commit-text", "the paper commitment text").send_keys(promise)
    owners = Select(find(console, "#paper-commit-owners", "the paper commitment owners"))
    owners.select_by_visible_text("Ada Lovelace")
    owners.select_by_visible_text("Alan Turing")
    find(console, "#paper-commit-outside", "the outside owners field").send_keys("the head teacher, the PTA")
    click(console, commit_form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    made = poll(lambda: [e for e in events(facilitator, cid, "commitmentMade") if e["text"] == promise],
                lambda: f"'Record the commitment' wrote no commitmentMade; the form says {form_message(console, commit_form)}")
    assert len(made) == 1, made
    assert sorted(made[0]["ownerIDs"]) == sorted([people["Ada Lovelace"], people["Alan Turing"]]), made[0]
    assert made[0]["outsideOwners"] == ["the head teacher", "the PTA"], made[0]
    wait_for(console, lambda d: promise in text_of(d, "[data-list=commitments]"),
             lambda: f"the console's commitments list shows {text_of(console, '[data-list=commitments]')!r}")
    line = text_of(console, "[data-list=commitments]")
    for owner in ("Ada Lovelace", "Alan Turing", "the head teacher", "the PTA"):
        assert owner in line, f"the console's commitment line {line!r} does not name {owner!r}"
    console.save_screenshot(str(screenshots / "room-paper-1366x768.png"))

    # The report, opened from the console's link, counts the paper ballots and says how they were cast.
    click(console, find(console, "a[href$='/report']", "the console's Report link"))
    counting = wait_for(console, lambda d: d.find_elements(By.CSS_SELECTOR, "#counting tbody tr"),
                        lambda: f"the report has no 'How the votes were counted' rows: {text_of(console, 'main')[:400]!r}")
    row = counting[0].text
    assert statement["text"] in row and "5 agree · 2 disagree · 1 pass" in row and "counted by group: pupil" in row, (
        f"the report's counting row reads {row!r}")
    headings = [th.text for th in console.find_elements(By.CSS_SELECTOR, "#counting thead th")]
    assert headings == ["Statement", "Phones", "Paper ballots", "All together"], f"the counting table's columns are {headings}"
    console.save_screenshot(str(screenshots / "report-paper-counts-1366x768.png"))


# ----------------------------------------------------------------------------------------------
# 5. A name stays with its device until the facilitator releases it


def join_options(phone):
    return [o.text for o in Select(phone.find_element(By.ID, "who")).options]


def test_name_stays_with_its_device(server, facilitator, console, screenshots):
    cid, code = facilitator.create()
    import_with_groups(facilitator, cid, [("Ada", "pupil"), ("Grace", "parent"), ("Alan", "teacher")])
    ada = ids_by_name(facilitator, cid)["Ada"]
    phone_a = make_driver(375, 667, mobile=True)
    phone_b = make_driver(375, 667, mobile=True)
    try:
        join_phone(phone_a, server, code, "Ada")
        poll(lambda: [e for e in events(facilitator, cid, "nameClaimed") if e["participantID"] == ada],
             "joining as Ada wrote no nameClaimed")

        phone_b.get(server.url + f"/c/{code}")
        wait_for(phone_b, lambda d: d.find_element(By.ID, "who"), "the join page has no select#who")
        assert "Ada" not in join_options(phone_b), f"with Ada joined on another phone the join page offers {join_options(phone_b)}"
        assert {"Grace", "Alan"} <= set(join_options(phone_b)), join_options(phone_b)

        # inside the closed "Not on the list?" <details>: read what the options say, shown or not
        groups = [o.get_attribute("textContent").strip() for o in Select(phone_b.find_element(By.ID, "walkin-group")).options]
        groups = [g for g in groups if g]
        assert {"pupil", "parent", "teacher"} <= set(groups), f"the walk-in's group choice offers {groups}"

        click(phone_b, phone_b.find_element(By.CSS_SELECTOR, "details > summary"))
        name = wait_for(phone_b, lambda d: d.find_element(By.ID, "walkin-name") if d.find_element(By.ID, "walkin-name").is_displayed() else None,
                        "opening 'Not on the list?' shows no name field")
        name.send_keys("ada")
        click(phone_b, phone_b.find_element(By.CSS_SELECTOR, "form[action$='/join'] > button[type=submit]"))
        error = wait_for(phone_b, lambda d: d.find_element(By.ID, "name-error"),
                         lambda: f"joining as the walk-in 'ada' showed no #name-error: {phone_b.current_url} "
                                 f"{text_of(phone_b, 'main')[:300]!r}")
        assert error.is_displayed(), "the #name-error is not shown (its details closed?)"
        assert "already joined" in error.text, f"#name-error says {error.text!r}"
        field = phone_b.find_element(By.ID, "walkin-name")
        assert field.get_attribute("aria-describedby") == "name-error" and field.get_attribute("aria-invalid") == "true", (
            "the name field does not point to its error")
        next_to = phone_b.execute_script("return arguments[0].nextElementSibling === arguments[1];", field, error)
        assert next_to, "#name-error is not right after the name field"
        assert field.get_attribute("value") == "ada", "the name typed was not kept"
        phone_b.save_screenshot(str(screenshots / "room-name-taken-375x667.png"))
        assert not [p for p in registered(facilitator, cid).values() if p[0].lower() == "ada" and p[0] != "Ada"], (
            "the refused walk-in 'ada' was registered")

        open_console(console, server, cid, code)
        wait_for(console, lambda d: "on a phone" in row_of(d, ada).text and
                 row_of(d, ada).find_elements(By.XPATH, ".//button[normalize-space()='Release name']"),
                 lambda: f"Ada's row on the console says {row_of(console, ada).text!r}: no 'on a phone' and 'Release name'")
        console.save_screenshot(str(screenshots / "room-release-name-1366x768.png"))
        press_in(console, lambda d: row_of(d, ada), "Release name", "Release name in Ada's row")
        poll(lambda: [e for e in events(facilitator, cid, "nameReleased") if e["participantID"] == ada],
             "pressing Release name wrote no nameReleased")
        wait_for(console, lambda d: "on a phone" not in row_of(d, ada).text,
                 lambda: f"after releasing, Ada's row still says {row_of(console, ada).text!r}")

        phone_b.get(server.url + f"/c/{code}")
        wait_for(phone_b, lambda d: "Ada" in join_options(d),
                 lambda: f"after the release the join page offers {join_options(phone_b)}, not Ada")
        join_phone(phone_b, server, code, "Ada")
        claims = [e for e in events(facilitator, cid, "nameClaimed") if e["participantID"] == ada]
        assert len(claims) == 2, f"the log has {len(claims)} nameClaimed for Ada, not 2 (phone A, then phone B)"
        logged = [t for t in types(facilitator, cid) if t in ("nameClaimed", "nameReleased")]
        assert logged == ["nameClaimed", "nameReleased", "nameClaimed"], logged
    finally:
        phone_a.quit()
        phone_b.quit()


# ----------------------------------------------------------------------------------------------
# 6. The console says where phones join, and when they cannot


def test_console_warns_about_a_loopback_join_address(server, facilitator, console, screenshots):
    cid, code = facilitator.create()
    open_console(console, server, cid, code)
    join_url = find(console, "#join-url", "the console's join address").text
    assert urlparse(join_url).hostname == "127.0.0.1" and join_url.endswith(f"/c/{code}"), f"#join-url says {join_url!r}"
    warnings = console.find_elements(By.ID, "join-warning")
    assert warnings and warnings[0].is_displayed(), "a server on 127.0.0.1: the console shows no #join-warning"
    assert "Phones cannot reach this address" in warnings[0].text, f"#join-warning says {warnings[0].text!r}"
    together = console.execute_script(
        "return document.getElementById('join-url').closest('div').contains(document.getElementById('join-warning'));")
    assert together, "#join-warning is not next to #join-url"
    console.save_screenshot(str(screenshots / "room-join-warning-1366x768.png"))


# ----------------------------------------------------------------------------------------------
# 7. The whole day through the pages: a Cooperative Knowledge Café with 16 people and 4 phones


def vote_on_phone(phone, index, choice):
    """Presses agree/disagree/pass on the index-th statement of the phone's vote; waits until it shows pressed."""
    css = f"#vote [data-list=statements] > li:nth-child({index + 1}) button.vote.{choice}"
    wait_for(phone, lambda d: click(d, d.find_element(By.CSS_SELECTOR, css)) or True,
             f"the phone's {choice} button of statement {index + 1} could not be pressed")
    wait_for(phone, lambda d: d.find_element(By.CSS_SELECTOR, css).get_attribute("aria-pressed") == "true",
             lambda: f"the {choice} pressed on statement {index + 1} does not show as pressed: {text_of(phone, '#status')!r}")


def open_the_day(server, facilitator, console, tmp_path, design):
    """A new conversation of `design`, 16 people imported through the console's file form and
    seated from the console; returns its id, code, the people (name, group) and their ids by name."""
    cid, code = facilitator.create(design)
    people = with_groups(PEOPLE_24[:16])
    open_console(console, server, cid, code)
    import_file(console, write_csv(tmp_path, "people-16.csv", people))
    ids = ids_by_name(facilitator, cid)
    assert len(ids) == 16, f"importing 16 people through the console registered {len(ids)}"
    press_seating(console, facilitator, cid, "Seat everyone")
    return cid, code, people, ids


def commit_on_every_phone_and_close(console, facilitator, cid, phones, promise, screenshot, while_closing=None):
    """Action planning: every phone commits `promise(name)`; then the closing runs and the console
    closes the conversation (its screenshot to `screenshot`). Returns what each name promised."""
    start_phase(console, "action-planning", skip=False)
    promised = {}
    for name, phone in phones.items():
        promised[name] = promise(name)
        send_on_phone(phone, "commit-text", promised[name], "commitment")
    start_phase(console, "closing", skip=False)
    if while_closing:
        while_closing()
    press_agenda(console, "close")
    poll(lambda: "conversationClosed" in types(facilitator, cid), "closing at the end of the day wrote no conversationClosed")
    console.save_screenshot(str(screenshot))
    return promised


def test_the_whole_day_through_the_pages(server, facilitator, console, tmp_path, screenshots):
    cid, code, people, ids = open_the_day(server, facilitator, console, tmp_path, "cooperative-knowledge-cafe")

    names = [name for name, _ in people[:4]]
    phones = {}
    sent = {name: [] for name in names}
    try:
        for name in names:
            phones[name] = make_driver(375, 667, mobile=True)
            join_phone(phones[name], server, code, name)

        start_phase(console, "input")
        rounds = [item["title"] for item in agenda_of(console) if item["kind"] == "round"]
        for number, title in enumerate(rounds, start=1):
            start_phase(console, "round", title=title, skip=False)
            for name, phone in phones.items():
                text = f"{name} in round {number}: more time for questions"
                send_on_phone(phone, "text", text, f"round {number} contribution")
                sent[name].append(text)
        start_phase(console, "plenary", skip=False)
        start_phase(console, "vote", skip=False)
        for position, (name, phone) in enumerate(phones.items()):
            vote_on_phone(phone, 0, "agree")
            vote_on_phone(phone, 1, ("agree", "disagree", "pass", "disagree")[position])
        promised = commit_on_every_phone_and_close(
            console, facilitator, cid, phones, lambda name: f"{name} will write up the table's ideas by Friday",
            screenshots / "room-day-console-closed-1366x768.png",
            while_closing=lambda: phones[names[0]].save_screenshot(str(screenshots / "room-day-phone-closing-375x667.png")))
    finally:
        for phone in phones.values():
            phone.quit()

    contributions = events(facilitator, cid, "contributionAdded")
    for name in names:
        mine = [e["text"] for e in contributions if e.get("authorID") == ids[name]]
        assert sorted(mine) == sorted(sent[name]), f"the log holds {mine} from {name}, who sent {sent[name]}"
    votes = events(facilitator, cid, "voteCast")
    for name in names:
        cast = [e for e in votes if e["participantID"] == ids[name]]
        assert len(cast) == 2, f"the log holds {len(cast)} votes from {name}, who voted on 2 statements: {cast}"
    made = events(facilitator, cid, "commitmentMade")
    for name in names:
        theirs = [e for e in made if e["text"] == promised[name]]
        assert len(theirs) == 1 and ids[name] in theirs[0]["ownerIDs"], (
            f"{name}'s commitment {promised[name]!r} is in the log as {theirs}")
    started = [e["phaseIndex"] for e in events(facilitator, cid, "phaseStarted")]
    assert started == sorted(set(started)) and len(started) == 8, f"the phases started {started}, not each of the 8 once in turn"


# ----------------------------------------------------------------------------------------------
# 8. A released name no longer writes from the device it was released from


def test_released_name_stops_writing_from_the_old_phone(server, facilitator, console):
    cid, code = facilitator.create()
    import_with_groups(facilitator, cid, [("Ada", "pupil"), ("Grace", "parent")])
    ada = ids_by_name(facilitator, cid)["Ada"]
    phone_a = make_driver(375, 667, mobile=True)
    phone_b = make_driver(375, 667, mobile=True)
    try:
        join_phone(phone_a, server, code, "Ada")
        open_console(console, server, cid, code)
        wait_for(console, lambda d: row_of(d, ada).find_elements(By.XPATH, ".//button[normalize-space()='Release name']"),
                 "Ada's row offers no 'Release name'")
        press_in(console, lambda d: row_of(d, ada), "Release name", "Release name in Ada's row")
        poll(lambda: events(facilitator, cid, "nameReleased"), "pressing Release name wrote no nameReleased")
        join_phone(phone_b, server, code, "Ada")
        start_phase(console, "round")

        old = "sent from the phone Ada's name was released from"
        phone_a.refresh()  # a released phone may be sent back to the join page: then it cannot write at all
        boxes = [b for b in phone_a.find_elements(By.ID, "text") if b.is_displayed()]
        if boxes:
            boxes[0].send_keys(old)
            click(phone_a, boxes[0].find_element(By.XPATH, "./ancestor::form").find_element(By.CSS_SELECTOR, "button[type=submit]"))
            time.sleep(2)  # the answer (sent or refused) is in by then
        written = [e for e in events(facilitator, cid, "contributionAdded") if e["text"] == old]
        assert not written, f"after the release the old phone still wrote as Ada: {written}"
    finally:
        phone_a.quit()
        phone_b.quit()

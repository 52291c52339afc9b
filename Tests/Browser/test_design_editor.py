"""The design editor and passing the model on, through the pages as a facilitator does it.

A design is built from a blank page in the editor (three rounds with different structures, a vote with
statements, a budget with costed proposals), saved, downloaded and checked by `cocreate design validate`,
then run; the exported log must hold the design as built. A finished conversation's learnings are forked
into a new design, its model file is imported on a fresh server with a preview, and a conversation started
from it shows the lineage.
"""
import json
import re
import subprocess

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import Facilitator, press_agenda, start_phase
from test_day_journey import click, find, poll, wait_for
from test_live_room import make_driver, sign_in


@pytest.fixture(scope="module")
def server(server_factory):
    return server_factory("design-editor")


def phase_count(driver):
    return len(driver.find_elements(By.CSS_SELECTOR, "fieldset.phase-edit"))


def press(driver, value):
    """Presses an editor button (add-round, down-2, save ...) and waits for the page it brings back."""
    old = driver.find_element(By.TAG_NAME, "html")
    click(driver, find(driver, f"button[name=button][value='{value}']:not(.sr)", f"the editor's {value} button"))
    wait_for(driver, lambda d: old.id != d.find_element(By.TAG_NAME, "html").id, f"pressing {value} brought no page")


def fill(driver, name, text):
    field = find(driver, f"[name='{name}']", f"the field {name}")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", field)
    if field.tag_name == "select":
        Select(field).select_by_value(text)
    else:
        field.clear()
        field.send_keys(text)


def message_by(driver, name):
    """The message shown beside field `name` (empty when none is shown)."""
    return driver.execute_script("""
        var box = document.querySelector("[data-field='" + arguments[0] + "']");
        var error = box && box.querySelector('.field-error');
        return error && !error.hidden ? error.textContent.trim() : '';""", name)


def last_phase(driver):
    return phase_count(driver) - 1


def test_build_a_design_from_blank_run_it_and_validate_its_file(server, facilitator, console, cocreate_bin, tmp_path, screenshots):
    console.get(server.url + "/designs")
    click(console, find(console, "a[href='/designs/new?from=blank']", "the designs page's blank-page link"))
    wait_for(console, lambda d: phase_count(d) == 3, "a blank design starts with an input, a round and a closing")

    # The input's speaker is empty: the live check says so beside the field, and stops once it is typed.
    wait_for(console, lambda d: "required" in message_by(d, "phases.0.speaker").lower(),
             "the live check put no message beside the empty speaker")
    fill(console, "phases.0.speaker", "The head of year")
    wait_for(console, lambda d: message_by(d, "phases.0.speaker") == "", "the speaker's message stayed after typing it")

    fill(console, "title", "Belonging in year 9")
    fill(console, "name", "year9-belonging")
    fill(console, "purpose", "Agree three changes that help pupils belong")
    fill(console, "questions", "What helps you feel you belong here?")
    fill(console, "stakeholder-groups", "pupils\nparents\nstaff")
    fill(console, "table-size", "4")
    fill(console, "phases.1.question", "When did you last feel you belonged?")
    fill(console, "phases.1.structure", "round-robin")

    # Two more rounds, each with its own structure; the turn rule follows the choice as it is made.
    press(console, "add-round")
    second = last_phase(console)
    fill(console, f"phases.{second}.title", "Pairs")
    fill(console, f"phases.{second}.question", "What would change it?")
    fill(console, f"phases.{second}.structure", "think-pair-share")
    wait_for(console, lambda d: "Think alone" in d.find_element(By.CSS_SELECTOR, f"[data-rule='{second}'] span").text,
             "the turn rule did not follow the chosen structure")
    press(console, "add-round")
    third = last_phase(console)
    fill(console, f"phases.{third}.title", "Chips")
    fill(console, f"phases.{third}.question", "Which change first?")
    fill(console, f"phases.{third}.structure", "talking-chips")
    fill(console, f"phases.{third}.movement", "hosts-stay")
    assert find(console, f"[name='phases.{second}.question']", "the second round").get_attribute("value") == "What would change it?", \
        "what was typed before adding a phase was lost"

    press(console, "add-vote")
    vote = last_phase(console)
    fill(console, f"phases.{vote}.statements.0.text", "Pupils choose one club a term")
    fill(console, f"phases.{vote}.statements.1.text", "Every tutor group has a buddy class")

    press(console, "add-vote")
    budget = last_phase(console)
    fill(console, f"phases.{budget}.title", "Spend the wellbeing fund")
    fill(console, f"phases.{budget}.method", "budget")
    fill(console, f"phases.{budget}.budget", "1000")
    fill(console, f"phases.{budget}.statements.0.text", "A quiet room")
    fill(console, f"phases.{budget}.statements.0.cost", "600")
    fill(console, f"phases.{budget}.statements.1.text", "Benches by the field")
    wait_for(console, lambda d: "cost" in message_by(d, f"phases.{budget}.statements.1.cost").lower(),
             "a proposal without its cost got no message beside the cost")
    fill(console, f"phases.{budget}.statements.1.cost", "300")

    # The closing circle goes back to the end, one move at a time.
    while console.find_elements(By.CSS_SELECTOR, "fieldset.phase-edit")[-1].get_attribute("data-kind") != "closing":
        closing = [f.get_attribute("data-index") for f in console.find_elements(By.CSS_SELECTOR, "fieldset.phase-edit")
                   if f.get_attribute("data-kind") == "closing"][0]
        press(console, f"down-{closing}")
    minutes = [int(f.get_attribute("value")) for f in console.find_elements(By.CSS_SELECTOR, "input[name$='.minutes']")]
    wait_for(console, lambda d: d.find_element(By.ID, "total-minutes").text == str(sum(minutes)), "the running total is not the sum")
    clocks = [c.text for c in console.find_elements(By.CSS_SELECTOR, "[data-clock]")]
    assert clocks[0] == "09:00" and clocks[1] == "09:10", clocks
    console.save_screenshot(str(screenshots / "design-editor-1366x768.png"))

    press(console, "save")
    wait_for(console, lambda d: d.current_url.endswith("/designs/mine/year9-belonging"),
             lambda: f"saving did not open the design's page: {console.current_url} {console.find_element(By.TAG_NAME, 'main').text[:600]}")
    console.save_screenshot(str(screenshots / "design-page-1366x768.png"))

    # The file the page offers is one the CLI accepts.
    yaml_text = facilitator.http.get(server.url + "/designs/mine/year9-belonging/design.yaml").text
    path = tmp_path / "year9-belonging.yaml"
    path.write_text(yaml_text)
    checked = subprocess.run([cocreate_bin, "design", "validate", str(path)], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, f"cocreate design validate refused the saved design: {checked.stdout} {checked.stderr}"

    fill(console, "name", "Year 9, spring")
    click(console, find(console, "#start-conversation", "the design page's start button"))
    wait_for(console, lambda d: re.search(r"/conversations/[^/#?]+$", d.current_url.split("#")[0]), "starting did not open a console")
    cid = console.current_url.split("#")[0].rstrip("/").split("/")[-1]
    start_phase(console, "round", title="Chips")
    lines = [json.loads(line) for line in facilitator.export(cid).splitlines() if line.strip()]
    created = lines[0]
    started = [line["event"]["phaseIndex"] for line in lines if line["type"] == "phaseStarted"]
    assert started and created["event"]["design"]["phases"][started[-1]]["title"] == "Chips", "the third round did not run"

    assert created["type"] == "conversationCreated"
    design = created["event"]["design"]
    rounds = [p for p in design["phases"] if p["kind"] == "round"]
    assert [p["structure"] for p in rounds] == ["round-robin", "think-pair-share", "talking-chips"], rounds
    assert rounds[2]["movement"] == "hosts-stay"
    votes = [p for p in design["phases"] if p["kind"] == "vote"]
    assert votes[0]["statements"] == ["Pupils choose one club a term", "Every tutor group has a buddy class"]
    assert votes[1]["voteMethod"] == "budget" and votes[1]["budget"] == 1000
    assert votes[1]["statements"] == ["A quiet room", "Benches by the field"] and votes[1]["costs"] == [600, 300]
    assert design["phases"][-1]["kind"] == "closing" and design["stakeholderGroups"] == ["pupils", "parents", "staff"]
    # The budget's proposals arrive in the room with their costs.
    view = facilitator.http.get(server.url + f"/api/v1/conversations/{cid}", headers={"Accept": "application/json"}).json()
    costs = {s["text"]: s.get("cost") for s in view.get("statements", [])}
    assert costs.get("A quiet room") == 600, costs


def test_pass_a_finished_conversation_on_and_import_it_elsewhere(server, server_factory, facilitator, console, tmp_path, screenshots):
    # A conversation run and closed from the console, with a learning recorded on its commitments page.
    console.get(server.url + "/")
    fill(console, "name", "Cafe, first run")
    Select(find(console, "#design", "the home page's design list")).select_by_value("cooperative-knowledge-cafe")
    click(console, find(console, "form[action='/conversations'] button[type=submit]", "the create button"))
    wait_for(console, lambda d: re.search(r"/conversations/[^/#?]+$", d.current_url.split("#")[0]), "creating did not open the console")
    cid = console.current_url.split("#")[0].rstrip("/").split("/")[-1]
    press_agenda(console, "close")
    poll(lambda: "conversationClosed" in facilitator.export(cid), "closing from the console wrote no conversationClosed")

    console.get(server.url + f"/conversations/{cid}/commitments")
    Select(find(console, "#learning-phase", "the learning's phase")).select_by_index(2)
    fill(console, "worked", "Round Robin gave everyone a turn")
    fill(console, "change", "Give the second round ten more minutes")
    click(console, find(console, "form[action$='/learnings'] button[type=submit]", "the record-learning button"))
    wait_for(console, lambda d: "ten more minutes" in d.find_element(By.CSS_SELECTOR, "ul.learnings").text, "the learning is not listed")

    fill(console, "name", "cafe-with-longer-rounds")
    click(console, find(console, "form[action$='/fork'] button[type=submit]", "the fork button"))
    wait_for(console, lambda d: d.current_url.endswith("/designs/mine/cafe-with-longer-rounds"), "forking did not open the new design")
    lineage = find(console, "ol.lineage-chain", "the lineage").text
    assert "cooperative-knowledge-cafe" in lineage and "Cafe, first run" in lineage, lineage
    assert "ten more minutes" in find(console, "#learned-h", "the learnings").find_element(By.XPATH, "..").text

    # The model file, downloaded from the commitments page's link, imported on another server.
    console.get(server.url + f"/conversations/{cid}/commitments")
    href = find(console, f"a[href='/conversations/{cid}/model.json']", "the model download link").get_attribute("href")
    model = facilitator.http.get(href)
    assert model.status_code == 200 and json.loads(model.text)["format"] == "cocreate-model"
    model_path = tmp_path / "cafe-model.json"
    model_path.write_text(model.text)
    broken_path = tmp_path / "broken-model.json"
    broken_path.write_text(model.text.replace('"format"', '"format_"', 1))

    elsewhere = server_factory("design-import")
    other = Facilitator(elsewhere.url)
    browser = make_driver(1366, 768)
    try:
        sign_in(browser, elsewhere.url, other)
        browser.get(elsewhere.url + "/designs")
        click(browser, find(browser, "a[href='/designs/import']", "the import link"))
        find(browser, "#model-file", "the model file field").send_keys(str(broken_path))
        click(browser, find(browser, "#preview-model", "the preview button"))
        error = wait_for(browser, lambda d: d.find_elements(By.ID, "model-file-error"), "a broken model file got no message by its field")[0]
        assert "broken-model.json" in error.text and "format" in error.text, error.text
        assert other.http.get(elsewhere.url + "/designs").text.count("/designs/mine/") == 0, "a refused file kept something"

        find(browser, "#model-file", "the model file field").send_keys(str(model_path))
        click(browser, find(browser, "#preview-model", "the preview button"))
        wait_for(browser, lambda d: d.find_elements(By.ID, "keep-model"), "the model file was not previewed")
        preview = browser.find_element(By.TAG_NAME, "main").text
        assert "ten more minutes" in preview and "cooperative-knowledge-cafe" in preview, preview[:800]
        browser.save_screenshot(str(screenshots / "design-import-preview-1366x768.png"))
        fill(browser, "name", "cafe-from-elsewhere")
        click(browser, find(browser, "#keep-model", "the keep button"))
        wait_for(browser, lambda d: d.current_url.endswith("/designs/mine/cafe-from-elsewhere"), "keeping did not open the design")
        assert "cooperative-knowledge-cafe" in find(browser, "ol.lineage-chain", "the lineage").text

        fill(browser, "name", "Cafe, second community")
        click(browser, find(browser, "#start-conversation", "the start button"))
        wait_for(browser, lambda d: re.search(r"/conversations/[^/#?]+$", d.current_url.split("#")[0]), "starting did not open a console")
        second = browser.current_url.split("#")[0].rstrip("/").split("/")[-1]
        created = json.loads(other.export(second).splitlines()[0])["event"]["design"]
        assert created["name"] == "cafe-from-elsewhere"
        assert created["lineage"]["forkedFrom"] == "cooperative-knowledge-cafe" and created["lineage"]["run"] == cid
        assert any("ten more minutes" in learning["change"] for learning in created["learnings"])
    finally:
        browser.quit()

"""The room in Welsh and Arabic: a participant chooses Welsh on the join page's switcher, another
Arabic; each phone speaks its person's language and keeps it after a reload; the facilitator opens
the projector in Welsh from the console's projector-language control and reads the console in
Arabic; both phones vote on one statement and the Welsh and Arabic projectors, and the console, show the same tally.
Then the facilitator words a new statement in Welsh and Arabic through the console; each phone reads
it in its own language and votes, and the projectors and the report show the statement once, with
both wordings and one tally.
Screenshots of join, phone, projector and console in cy and ar go to test-output/screenshots.

The strings asserted are the catalogs' own (Sources/Server/Strings/*.json), so a change of wording
there is a change here too.
"""
import html
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

webdriver = pytest.importorskip("selenium.webdriver")
from axe_selenium_python import Axe  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

from conftest import start_phase  # noqa: E402
from test_day_journey import open_console, poll, wait_for  # noqa: E402
from test_live_room import make_driver, sign_in  # noqa: E402

STRINGS = Path(__file__).resolve().parents[2] / "Sources" / "Server" / "Strings"
CATALOG = {language: json.loads((STRINGS / f"{language}.json").read_text()) for language in ("en", "cy", "ar")}
PEOPLE = {"cy": "Gwenllian Jones", "ar": "نسرين أحمد"}
STATEMENT = "Dylai'r ysgol gael gardd gymunedol"
# One statement, worded by the facilitator in three languages.
WORDED = {"en": "Parents should run a homework club", "cy": "Dylai rhieni redeg clwb gwaith cartref",
          "ar": "ينبغي أن يدير أولياء الأمور نادياً للواجبات المنزلية"}


def t(language, key, **values):
    text = CATALOG[language][key]
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


@pytest.fixture(scope="module")
def server(server_factory):
    return server_factory("languages")


@pytest.fixture(scope="module")
def room(server, facilitator):
    cid, code = facilitator.create()
    facilitator.import_people(cid, [PEOPLE["cy"], PEOPLE["ar"], "Sam Lee", "Amira Khan"])
    facilitator.seat(cid)
    facilitator.post(f"/conversations/{cid}/statements", text=STATEMENT)
    return {"server": server, "cid": cid, "code": code}


@pytest.fixture(scope="module")
def phones():
    made = {language: make_driver(375, 667, mobile=True) for language in ("cy", "ar")}
    yield made
    for driver in made.values():
        driver.quit()


@pytest.fixture
def console(room, facilitator):
    """A facilitator's browser at 1366×768, signed in; each test opens the console it needs."""
    driver = make_driver(1366, 768)
    sign_in(driver, room["server"].url, facilitator)
    yield driver
    driver.quit()


@pytest.fixture
def projectors():
    """Projector browsers a test opens by language, closed after it."""
    made = {}
    yield made
    for driver in made.values():
        driver.quit()


def choose_language(driver, language):
    """The switcher as someone without a script would use it: pick, press Change (a GET form)."""
    form = driver.find_element(By.CSS_SELECTOR, "form.language-switcher")
    Select(form.find_element(By.NAME, "lang")).select_by_value(language)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(driver, lambda d: d.execute_script("return document.documentElement.lang") == language,
             f"the page did not turn to {language}")


def ours(driver, items, text_in):
    """The item of the list `items` whose `text_in` element is this test's statement (the design brings its own too)."""
    for item in driver.find_elements(By.CSS_SELECTOR, items):
        if any(e.text == STATEMENT for e in item.find_elements(By.CSS_SELECTOR, text_in)):
            return item
    raise AssertionError(f"no {items} shows {STATEMENT!r}")


def html_attributes(driver):
    return driver.execute_script("return [document.documentElement.lang, document.documentElement.dir]")


def blocking_violations(driver):
    axe = Axe(driver)
    axe.inject()
    return [f"{v['impact']} {v['id']}" for v in axe.run()["violations"] if v["impact"] in ("critical", "serious")]


@pytest.mark.parametrize("language", ["cy", "ar"])
def test_a_participant_joins_in_their_language_and_keeps_it(room, phones, screenshots, language):
    phone, base, code = phones[language], room["server"].url, room["code"]
    phone.get(base + f"/c/{code}")
    assert html_attributes(phone) == ["en", "ltr"], "a phone with no choice starts in English"
    choose_language(phone, language)
    assert urlparse(phone.current_url).path == f"/c/{code}", "the switcher goes back to the page it was on"
    assert html_attributes(phone) == [language, "rtl" if language == "ar" else "ltr"]
    assert phone.find_element(By.TAG_NAME, "h1").text == t(language, "join.title")
    assert t(language, "join.pickName") in phone.find_element(By.TAG_NAME, "legend").text
    assert phone.find_element(By.CSS_SELECTOR, "form[action$='/join'] > button[type=submit]").text == t(language, "join.submit")
    phone.save_screenshot(str(screenshots / f"languages-join-{language}.png"))
    assert blocking_violations(phone) == [], f"axe on the join page in {language}"

    Select(phone.find_element(By.ID, "who")).select_by_visible_text(PEOPLE[language])
    phone.find_element(By.CSS_SELECTOR, "form[action$='/join'] > button[type=submit]").click()
    wait_for(phone, lambda d: urlparse(d.current_url).path == f"/c/{code}/me", f"the {language} phone did not reach its page")
    for reloaded in (False, True):
        if reloaded:
            phone.refresh()
        assert html_attributes(phone) == [language, "rtl" if language == "ar" else "ltr"], f"reloaded={reloaded}"
        wait_for(phone, lambda d: d.find_element(By.ID, "seat-h").text == t(language, "phone.yourTable"),
                 f"the {language} phone's seat card is not in {language} (reloaded={reloaded})")
        assert phone.find_element(By.ID, "commit-h").get_attribute("textContent") == t(language, "phone.commit")
        assert phone.find_element(By.CSS_SELECTOR, "#phase-h").text == t(language, "phase.waiting")
        # The person's own name keeps its own direction inside the page's.
        name = phone.find_element(By.CSS_SELECTOR, "header.bar bdi.muted")
        assert name.text == PEOPLE[language]
    phone.save_screenshot(str(screenshots / f"languages-phone-{language}.png"))
    assert blocking_violations(phone) == [], f"axe on the phone in {language}"


def test_the_console_in_arabic_and_the_projector_in_welsh_show_one_tally(room, phones, facilitator, console, projectors, screenshots):
    base, code, cid = room["server"].url, room["code"], room["cid"]
    open_console(console, room["server"], cid, code)
    choose_language(console, "cy")
    assert console.find_element(By.ID, "plan-h").text == t("cy", "console.agenda")
    console.save_screenshot(str(screenshots / "languages-console-cy.png"))
    choose_language(console, "ar")
    assert html_attributes(console) == ["ar", "rtl"]
    assert console.find_element(By.ID, "plan-h").text == t("ar", "console.agenda")
    start_label = console.find_element(By.CSS_SELECTOR, "form:has(input[name=action][value=start]) button").text
    assert start_label.startswith(t("ar", "console.action.start", phase="").strip()), start_label

    # The projector's language is the facilitator's choice, made on the console; it opens a new window.
    form = console.find_element(By.ID, "projector-language")
    Select(form.find_element(By.NAME, "lang")).select_by_value("cy")
    before = set(console.window_handles)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(console, lambda d: len(set(d.window_handles) - before) == 1, "the projector did not open")
    console.switch_to.window((set(console.window_handles) - before).pop())
    assert urlparse(console.current_url).path == f"/c/{code}/screen" and "lang=cy" in console.current_url
    assert html_attributes(console) == ["cy", "ltr"], "the projector is in the language chosen for it, not the console's"
    console.close()
    console.switch_to.window(before.pop())

    for language in ("cy", "ar"):
        projectors[language] = make_driver(1920, 1080)
        projectors[language].get(base + f"/c/{code}/screen?lang={language}")
        assert projectors[language].find_element(By.CSS_SELECTOR, ".screen-join > p").text == t(language, "screen.join")
        projectors[language].save_screenshot(str(screenshots / f"languages-projector-{language}.png"))

    start_phase(console, "vote")
    console.save_screenshot(str(screenshots / "languages-console-ar.png"))
    for language, choice in (("cy", "agree"), ("ar", "disagree")):
        phone = phones[language]
        phone.refresh()
        button = wait_for(phone, lambda d: ours(d, "#vote [data-list=statements] > li", "p").find_element(By.CSS_SELECTOR, f"button.vote.{choice}"),
                          f"the {language} phone does not show the statement to vote on")
        assert button.text == t(language, f"phone.{choice}")
        button.click()
        wait_for(phone, lambda d: ours(d, "#vote [data-list=statements] > li", "p").find_element(
            By.CSS_SELECTOR, f"button.vote.{choice}").get_attribute("aria-pressed") == "true", f"the {language} vote did not register")
        phone.save_screenshot(str(screenshots / f"languages-phone-vote-{language}.png"))

    for language, projector in projectors.items():
        expected = t(language, "live.tally", agree=1, disagree=1, **{"pass": 0})
        wait_for(projector, lambda d: expected in ours(d, "[data-list=results] > li", "span").text,
                 lambda: f"the {language} projector shows {projector.find_element(By.CSS_SELECTOR, '[data-list=results]').text!r}, not {expected!r}")
        projector.save_screenshot(str(screenshots / f"languages-projector-vote-{language}.png"))
    # In Arabic the tally reads right to left: the label before its number, and nothing in English.
    tally = ours(projectors["ar"], "[data-list=results] > li", "span").find_element(By.CSS_SELECTOR, "span.muted")
    assert projectors["ar"].execute_script("return getComputedStyle(arguments[0]).direction", tally) == "rtl"
    assert tally.text.startswith(t("ar", "screen.agree")) and "agree" not in tally.text
    assert blocking_violations(projectors["ar"]) == [], "axe on the Arabic projector"
    assert blocking_violations(console) == [], "axe on the Arabic console"

    # One statement, one tally: the log holds each phone's one vote, and the console's view counts the same.
    votes = [json.loads(line) for line in facilitator.export(cid).splitlines() if '"voteCast"' in line]
    assert len(votes) == 2, votes
    page = facilitator.http.get(base + f"/conversations/{cid}").text
    view = json.loads(html.unescape(re.search(r'data-view="([^"]*)"', page).group(1)))
    tally = next(s["tally"] for s in view["statements"] if s["text"] == STATEMENT)
    assert (tally["agree"], tally["disagree"], tally["pass"]) == (1, 1, 0), tally


def test_print_sheets_come_in_the_facilitators_language(room, facilitator, screenshots):
    base, cid = room["server"].url, room["cid"]
    for language in ("cy", "ar"):
        for path, heading in (("badges", "print.nameBadges"), ("tables", "print.tableCards")):
            page = facilitator.http.get(base + f"/conversations/{cid}/print/{path}", cookies={"lang": language}).text
            direction = "rtl" if language == "ar" else "ltr"
            assert f'<html lang="{language}" dir="{direction}">' in page, page[:200]
            assert f"<h1>{t(language, heading)}</h1>" in page
            assert t(language, "print.round", round=1) in page and t(language, "print.table", table=1) in page
            assert "Round 1" not in page and "Table 1" not in page, f"English left in the {language} {path}"
        sheets = facilitator.http.get(base + f"/conversations/{cid}/print/scribe-sheets", cookies={"lang": language}).text
        assert t(language, "scribe.hint").replace("'", "&#39;") in sheets or t(language, "scribe.hint") in sheets
    driver = make_driver(1366, 768)
    try:
        sign_in(driver, base, facilitator)
        driver.add_cookie({"name": "lang", "value": "ar", "path": "/"})
        driver.get(base + f"/conversations/{cid}/print/badges")
        assert html_attributes(driver) == ["ar", "rtl"]
        driver.save_screenshot(str(screenshots / "languages-badges-ar.png"))
    finally:
        driver.quit()


def wording_item(driver, items, language, text):
    """The item of `items` that carries the wording `text` in `language`, or None."""
    for item in driver.find_elements(By.CSS_SELECTOR, items):
        if any(e.text == text for e in item.find_elements(By.CSS_SELECTOR, f".translation[lang='{language}']")):
            return item
    return None


def test_a_statement_worded_in_welsh_and_arabic_gets_one_tally(room, phones, facilitator, console, projectors, screenshots):
    base, code, cid = room["server"].url, room["code"], room["cid"]
    open_console(console, room["server"], cid, code)
    assert html_attributes(console) == ["en", "ltr"], "a fresh browser's console is in English"
    # The facilitator adds the statement and words it in Welsh and in Arabic, all through the console's forms.
    console.find_element(By.ID, "statement-text").send_keys(WORDED["en"])
    console.find_element(By.CSS_SELECTOR, "form[action$='/statements'] button[type=submit]").click()
    wait_for(console, lambda d: WORDED["en"] in [o.text for o in d.find_elements(By.CSS_SELECTOR, "#translate-statement option")],
             "the new statement is not offered for wording")
    for language in ("cy", "ar"):
        form = console.find_element(By.ID, "statement-translate")
        Select(form.find_element(By.ID, "translate-statement")).select_by_visible_text(WORDED["en"])
        Select(form.find_element(By.ID, "translate-language")).select_by_value(language)
        field = form.find_element(By.ID, "translate-text")
        field.clear()
        field.send_keys(WORDED[language])
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for(console, lambda d: wording_item(d, "[data-list=statements] > li", language, WORDED[language]),
                 f"the console does not show the {language} wording")
    item = wording_item(console, "[data-list=statements] > li", "cy", WORDED["cy"])
    assert wording_item(console, "[data-list=statements] > li", "ar", WORDED["ar"]) == item, "both wordings sit beside one statement"
    console.save_screenshot(str(screenshots / "languages-console-wordings.png"))
    assert blocking_violations(console) == [], "axe on the console with a worded statement"

    # Each phone reads the statement in its own language, never the English, and votes on it.
    for language in ("cy", "ar"):
        phone = phones[language]
        phone.refresh()
        texts = lambda d: [p.text for p in d.find_elements(By.CSS_SELECTOR, "#vote [data-list=statements] > li > p")]
        wait_for(phone, lambda d: WORDED[language] in texts(d), lambda: f"the {language} phone shows {texts(phone)!r}")
        assert WORDED["en"] not in texts(phone)
        item = next(li for li in phone.find_elements(By.CSS_SELECTOR, "#vote [data-list=statements] > li")
                    if li.find_element(By.CSS_SELECTOR, "p").text == WORDED[language])
        item.find_element(By.CSS_SELECTOR, "button.vote.agree").click()
        wait_for(phone, lambda d: next(li for li in d.find_elements(By.CSS_SELECTOR, "#vote [data-list=statements] > li")
                                       if li.find_element(By.CSS_SELECTOR, "p").text == WORDED[language]
                                       ).find_element(By.CSS_SELECTOR, "button.vote.agree").get_attribute("aria-pressed") == "true",
                 f"the {language} vote did not register")
        phone.save_screenshot(str(screenshots / f"languages-phone-worded-{language}.png"))

    # The projectors: one item for the statement, in the projector's language first, the other wordings beneath, one tally.
    for language in ("en", "cy"):
        projector = projectors[language] = make_driver(1920, 1080)
        projector.get(base + f"/c/{code}/screen?lang={language}")
        expected = t(language, "live.tally", agree=2, disagree=0, **{"pass": 0})

        def worded(d):
            found = [li for li in d.find_elements(By.CSS_SELECTOR, "[data-list=results] > li")
                     if li.find_element(By.CSS_SELECTOR, "span").text == WORDED[language]]
            return found[0] if len(found) == 1 and expected in found[0].text else None
        item = wait_for(projector, worded, lambda: f"the {language} projector shows {projector.find_element(By.CSS_SELECTOR, '[data-list=results]').text!r}")
        others = {e.get_attribute("lang") or "original": e.text for e in item.find_elements(By.CSS_SELECTOR, ".translation")}
        assert set(others.values()) == {w for k, w in WORDED.items() if k != language}, others
        projector.save_screenshot(str(screenshots / f"languages-projector-worded-{language}.png"))
    assert blocking_violations(projectors["en"]) == [], "axe on the projector with a worded statement"

    # The report: the statement once, with both wordings and the one tally of the two phones' votes.
    console.get(base + f"/c/{code}/report")
    rows = [row for row in console.find_elements(By.CSS_SELECTOR, "#every-statement tbody tr")
            if WORDED["en"] in row.find_element(By.CSS_SELECTOR, "td").text]
    assert len(rows) == 1, [r.text for r in console.find_elements(By.CSS_SELECTOR, "#every-statement tbody tr")]
    cells = [td.text for td in rows[0].find_elements(By.CSS_SELECTOR, "td")]
    assert cells[1:4] == ["2", "0", "0"], cells
    for language in ("cy", "ar"):
        assert rows[0].find_element(By.CSS_SELECTOR, f".translation[lang='{language}']").text == WORDED[language]
    console.save_screenshot(str(screenshots / "languages-report-worded.png"))

    # The log: two wordings of one statement id, and both phones' votes on that id.
    log = [json.loads(line) for line in facilitator.export(cid).splitlines() if line.strip()]
    added = [e for e in log if e["type"] == "statementAdded" and e["event"]["text"] == WORDED["en"]]
    assert len(added) == 1, added
    statement_id = added[0]["event"]["statementID"]
    worded = {e["event"]["language"]: e["event"]["text"] for e in log if e["type"] == "statementTranslated" and e["event"]["statementID"] == statement_id}
    assert worded == {"cy": WORDED["cy"], "ar": WORDED["ar"]}, worded
    votes = [e["event"] for e in log if e["type"] == "voteCast" and e["event"]["statementID"] == statement_id]
    assert sorted(v["vote"] for v in votes) == ["agree", "agree"] and len({v["participantID"] for v in votes}) == 2, votes


@pytest.mark.parametrize("language", ["cy", "ar"])
def test_the_report_reads_in_the_phones_language(room, phones, screenshots, language):
    """Each phone follows its link to the report and reads it in its language, the statement worded for it included."""
    phone, code = phones[language], room["code"]
    phone.get(room["server"].url + f"/c/{code}/me")
    phone.find_element(By.CSS_SELECTOR, f"a[href='/c/{code}/report']").click()
    wait_for(phone, lambda d: urlparse(d.current_url).path == f"/c/{code}/report", f"the {language} phone did not open the report")
    assert html_attributes(phone) == [language, "rtl" if language == "ar" else "ltr"]
    headings = [h.text for h in phone.find_elements(By.TAG_NAME, "h2")]
    assert t(language, "report.whoTookPart") in headings and t(language, "report.every") in headings, headings
    rows = [row.find_element(By.CSS_SELECTOR, "td").text for row in phone.find_elements(By.CSS_SELECTOR, "#every-statement tbody tr")]
    assert any(WORDED[language] in row and WORDED["en"] in row for row in rows), rows
    phone.save_screenshot(str(screenshots / f"languages-report-{language}.png"))
    assert blocking_violations(phone) == [], f"axe on the {language} report"


QUESTION_WORDED = {"cy": "Sut mae gwneud adborth yn rhywbeth y mae myfyrwyr a staff yn ymddiried ynddo?",
                   "ar": "كيف نجعل الملاحظات على التقييم شيئاً يثق به الطلاب والموظفون؟"}
ROUND_QUESTION_WORDED = {"cy": "Pryd mae adborth wedi eich helpu, a phryd nad yw wedi?",
                         "ar": "متى ساعدتك الملاحظات، ومتى لم تساعدك؟"}


def word_question(console, phase, language, text):
    """Words a question through the console's form: `phase` is "" for the conversation's question."""
    form = console.find_element(By.ID, "question-translate")
    Select(form.find_element(By.ID, "question-choice")).select_by_value(phase)
    Select(form.find_element(By.ID, "question-language")).select_by_value(language)
    field = form.find_element(By.ID, "question-text")
    field.clear()
    field.send_keys(text)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()


def test_the_question_worded_in_welsh_and_arabic(room, phones, facilitator, console, projectors, screenshots):
    base = room["server"].url
    cid, code = facilitator.create()
    facilitator.import_people(cid, [PEOPLE["cy"], PEOPLE["ar"], "Sam Lee", "Amira Khan"])
    facilitator.seat(cid)
    created = next(json.loads(line) for line in facilitator.export(cid).splitlines() if '"conversationCreated"' in line)
    question = created["event"]["design"]["questions"][0]
    first_round = next(i for i, p in enumerate(created["event"]["design"]["phases"]) if p["kind"] == "round" and p.get("question"))
    open_console(console, room["server"], cid, code)
    # The conversation's question (the projector shows it before the start) and the first round's own question.
    for phase, wordings in (("", QUESTION_WORDED), (str(first_round), ROUND_QUESTION_WORDED)):
        for language, text in wordings.items():
            word_question(console, phase, language, text)
            poll(lambda: text in facilitator.export(cid), f"the {language} wording did not reach the log")

    # The projector shows the question in its own language, the other wordings beneath it.
    for language in ("en", "cy"):
        projector = projectors[language] = make_driver(1920, 1080)
        projector.get(base + f"/c/{code}/screen?lang={language}")
        own = question if language == "en" else QUESTION_WORDED["cy"]
        wait_for(projector, lambda d: d.find_element(By.CSS_SELECTOR, "[data-field=question]").text == own,
                 lambda: f"the {language} projector asks {projector.find_element(By.CSS_SELECTOR, '[data-field=question]').text!r}")
        beneath = {e.text for e in projector.find_elements(By.CSS_SELECTOR, "[data-list=questionWordings] .translation")}
        expected = {question, *QUESTION_WORDED.values()} - {own}
        assert beneath == expected, beneath
        # The board names each table's roles in the projector's language, in the page as drawn and after live updates.
        roles = {e.text for e in projector.find_elements(By.CSS_SELECTOR, ".board .role")}
        assert roles == {t(language, f"role.{r}.name") for r in ("host", "scribe", "timekeeper", "reporter")}, roles
        projector.save_screenshot(str(screenshots / f"languages-projector-question-{language}.png"))

    # Each phone, joined to this conversation, reads the round's question in its own language.
    start_phase(console, "round")
    for language in ("cy", "ar"):
        phone = phones[language]
        phone.get(base + f"/c/{code}")
        Select(phone.find_element(By.ID, "who")).select_by_visible_text(PEOPLE[language])
        phone.find_element(By.CSS_SELECTOR, "form[action$='/join'] > button[type=submit]").click()
        wait_for(phone, lambda d: urlparse(d.current_url).path == f"/c/{code}/me", f"the {language} phone did not join")
        wait_for(phone, lambda d: d.find_element(By.CSS_SELECTOR, "[data-field=question]").text == ROUND_QUESTION_WORDED[language],
                 lambda: f"the {language} phone asks {phone.find_element(By.CSS_SELECTOR, '[data-field=question]').text!r}")
        phone.save_screenshot(str(screenshots / f"languages-phone-question-{language}.png"))

    worded = [json.loads(line)["event"] for line in facilitator.export(cid).splitlines() if '"questionTranslated"' in line]
    assert sorted(((w["language"], w["text"], w.get("phaseIndex")) for w in worded), key=str) == sorted(
        [(language, text, None) for language, text in QUESTION_WORDED.items()]
        + [(language, text, first_round) for language, text in ROUND_QUESTION_WORDED.items()], key=str), worded


def test_paper_ballots_word_each_statement_in_the_chosen_language(room, facilitator, console, screenshots):
    base, cid, code = room["server"].url, room["cid"], room["code"]
    for language in ("cy", "ar"):
        console.add_cookie({"name": "lang", "value": language, "path": "/"})
        open_console(console, room["server"], cid, code)
        console.find_element(By.CSS_SELECTOR, f"a[href='/conversations/{cid}/print/ballots']").click()
        wait_for(console, lambda d: urlparse(d.current_url).path == f"/conversations/{cid}/print/ballots", "the ballots did not open")
        assert html_attributes(console) == [language, "rtl" if language == "ar" else "ltr"]
        ballots = console.find_elements(By.CSS_SELECTOR, "section.ballot")
        assert len(ballots) == 4, "one ballot for each of the four people"
        first = ballots[0]
        assert t(language, "print.ballot") in first.find_element(By.CSS_SELECTOR, ".meta").text
        rows = [row.find_element(By.CSS_SELECTOR, "td").text for row in first.find_elements(By.CSS_SELECTOR, "tbody tr")]
        assert WORDED[language] in rows and WORDED["en"] not in rows, rows
        assert STATEMENT in rows, "a statement with no wording in this language prints as it was written"
        headings = [th.text for th in first.find_elements(By.CSS_SELECTOR, "thead th")]
        assert headings[1:] == [t(language, "phone.agree"), t(language, "phone.disagree"), t(language, "phone.pass")], headings
        console.save_screenshot(str(screenshots / f"languages-ballots-{language}.png"))
        assert blocking_violations(console) == [], f"axe on the {language} ballots"

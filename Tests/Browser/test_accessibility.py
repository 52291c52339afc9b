"""axe-core (bundled by axe-selenium-python) on every page a room uses, in the states the day goes
through: no critical or serious violation anywhere; the moderate and minor counts are printed.

The pages are driven as people use them (the console's buttons, a phone that joined through the
join page); setup that is not under test (creating the conversation, importing people, a
commitment and its link) goes over HTTP.
"""
import collections

import pytest

webdriver = pytest.importorskip("selenium.webdriver")
axe_selenium_python = pytest.importorskip("axe_selenium_python")
from axe_selenium_python import Axe  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

from conftest import press_agenda, start_phase  # noqa: E402
from test_day_journey import join_phone, open_console  # noqa: E402
from test_live_room import make_driver, sign_in  # noqa: E402

BLOCKING = ("critical", "serious")
counts = collections.Counter()
problems = []


@pytest.fixture(scope="module")
def server(server_factory):
    return server_factory("accessibility")


def audit(driver, state):
    """Runs axe on the page as it is; records every blocking violation with where it is."""
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    for violation in results["violations"]:
        counts[violation["impact"]] += 1
        if violation["impact"] in BLOCKING:
            where = "; ".join(node["target"][0] if node["target"] else "?" for node in violation["nodes"][:4])
            problems.append(f"{state}: {violation['impact']} {violation['id']} ({violation['help']}) at {where}")


def test_every_page_and_state_has_no_critical_or_serious_violation(server, facilitator, console):
    cid, code = facilitator.create()
    facilitator.import_people(cid, ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Barbara Liskov"])
    facilitator.seat(cid)
    made = facilitator.post(f"/conversations/{cid}/paper/commitment", text="Write to the council", outsideOwners="the PTA")
    token = facilitator.post(f"/conversations/{cid}/commitments/{made['view']['commitments'][0]['id']}/link")["token"]
    facilitator.post(f"/conversations/{cid}/contributions", text="More trees by the gate")
    open_console(console, server, cid, code)
    phone = make_driver(375, 667, mobile=True)
    projector = make_driver(1920, 1080)
    guest = make_driver(1366, 768)
    printouts = {}
    try:
        guest.get(server.url + "/login")
        audit(guest, "sign-in page")
        guest.get(server.url + f"/c/{code}")
        audit(guest, "join page")
        sign_in(guest, server.url, facilitator)
        guest.get(server.url + "/")
        audit(guest, "home page")
        join_phone(phone, server, code, "Ada Lovelace")
        projector.get(server.url + f"/c/{code}/screen")
        audit(phone, "phone, waiting")
        audit(projector, "projector, waiting")
        audit(console, "console, before the start")
        for kind in ("input", "round", "plenary", "vote", "action-planning", "closing"):
            start_phase(console, kind)
            for driver, where in ((phone, "phone"), (projector, "projector"), (console, "console")):
                driver.refresh() if driver is not console else None
                audit(driver, f"{where}, {kind}")
        press_agenda(console, "close")
        audit(console, "console, closed")
        for path, state in ((f"/conversations/{cid}/themes", "themes page"), (f"/conversations/{cid}/commitments", "commitments page"),
                            (f"/c/{code}/report", "report"), (f"/c/{code}/results", "results page"),
                            (f"/conversations/{cid}/print/tables", "table cards"), (f"/conversations/{cid}/print/badges", "badges"),
                            (f"/conversations/{cid}/print/scribe-sheets", "scribe sheets"),
                            (f"/conversations/{cid}/print/ballots", "paper ballots"),
                            ("/designs", "designs page"), ("/designs/new?from=blank", "design editor, blank"),
                            ("/designs/new?from=built-in:school-participatory-budget", "design editor, a budget design"),
                            ("/designs/import", "model import page")):
            guest.get(server.url + path)
            audit(guest, state)
            if path.startswith(f"/conversations/{cid}/print/"):
                headings = [h.text for h in guest.find_elements(By.TAG_NAME, "h1")]
                buttons = guest.find_elements(By.CSS_SELECTOR, "button[data-print]")
                assert buttons and buttons[0].is_displayed(), f"the {state} page has no Print button"
                printouts[state] = headings
        guest.delete_all_cookies()
        guest.get(server.url + f"/f/{token}")
        audit(guest, "follow-up page")
    finally:
        for driver in (phone, projector, guest):
            driver.quit()
    print(f"\naxe-core: {dict(counts)} violations by impact over the pages and states above")
    assert printouts["badges"] and all("badge" in h.lower() for h in printouts["badges"]), f"the badges page holds {printouts['badges']}"
    assert printouts["table cards"] and all("table cards" in h.lower() for h in printouts["table cards"]), (
        f"the table cards page holds {printouts['table cards']}")
    assert problems == [], "critical or serious accessibility violations:\n" + "\n".join(problems)

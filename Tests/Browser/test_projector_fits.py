"""The projector never scrolls: at 1920×1080, tables for 24, 60 and 300 people (the design's tables of 4 to 6) and votes of 5 and 12
statements fit the screen, shrinking to a size still readable at the back, and a list too long even
then is shown a page at a time, every item on some page.

The projector is a plain browser on /c/CODE/screen (with ?cycle=1 so a page turns every second);
the console's buttons move the room through its phases. Bounding boxes are checked, not only the
page height, and a screenshot of every state goes to the test output.
"""
import re
import time

import pytest

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402

from conftest import start_phase  # noqa: E402
from test_day_journey import open_console, poll  # noqa: E402
from test_live_room import make_driver  # noqa: E402

WIDTH, HEIGHT = 1920, 1080
SMALLEST_READABLE_PX = 16


@pytest.fixture(scope="module")
def server(server_factory):
    return server_factory("projector-fits")


@pytest.fixture(scope="module")
def projector():
    driver = make_driver(WIDTH, HEIGHT)
    yield driver
    driver.quit()


LAYOUT = """
const box = document.querySelector('[data-fit]');
const shown = [...box.querySelectorAll(arguments[0])].filter(e => !e.hidden && !e.closest('[hidden]') && e.getClientRects().length);
return {
  pageHeight: document.documentElement.scrollHeight, innerHeight: innerHeight,
  boxClipped: box.scrollHeight > box.clientHeight + 1,
  lowest: Math.max(0, ...shown.map(e => e.getBoundingClientRect().bottom)),
  smallestFont: Math.min(999, ...shown.map(e => parseFloat(getComputedStyle(e).fontSize))),
  keys: shown.map(e => (e.querySelector('h3') || e).firstChild.textContent.trim()),
  note: (document.querySelector('[data-field=pageNote]') || {}).textContent || ''
};
"""


def assert_fits_and_shows_all(projector, item_css, expected, state, screenshots):
    """Every page of the screen fits; over the pages, every expected item is shown."""
    seen, pages = set(), 1
    deadline = time.monotonic() + 4 + len(expected) * 1.2
    while time.monotonic() < deadline:
        layout = projector.execute_script(LAYOUT, item_css)
        assert layout["pageHeight"] <= layout["innerHeight"], f"{state}: the page is {layout['pageHeight']} px tall in a {HEIGHT} px screen"
        assert not layout["boxClipped"], f"{state}: the content box clips what it holds"
        assert layout["lowest"] <= layout["innerHeight"], f"{state}: an item ends at {layout['lowest']} px, below the screen"
        assert layout["smallestFont"] >= SMALLEST_READABLE_PX, f"{state}: text shrank to {layout['smallestFont']} px"
        seen.update(layout["keys"])
        found = re.search(r"of (\d+)", layout["note"])
        pages = int(found.group(1)) if found else 1
        if set(expected) <= seen:
            break
        time.sleep(0.3)
    missing = [item for item in expected if item not in seen]
    assert missing == [], f"{state}: over {pages} page(s) the projector never showed {missing[:8]}"
    projector.save_screenshot(str(screenshots / f"projector-fit-{state}-1920x1080.png"))
    return pages


@pytest.mark.parametrize("people", [24, 60, 300])
def test_seating_fits_every_room(server, facilitator, console, projector, screenshots, people):
    cid, code = facilitator.create()
    facilitator.import_people(cid, [f"Person {n:03d} Example" for n in range(1, people + 1)])
    facilitator.seat(cid)
    open_console(console, server, cid, code)
    start_phase(console, "round")
    projector.get(server.url + f"/c/{code}/screen?cycle=1")
    poll(lambda: projector.find_elements(By.CSS_SELECTOR, "[data-list=board] > article"), "the projector shows no tables in round 1")
    tables = len(projector.find_elements(By.CSS_SELECTOR, "[data-list=board] > article"))
    assert people // 7 <= tables <= people // 3, f"{people} people were seated at {tables} tables"
    pages = assert_fits_and_shows_all(projector, "[data-list=board] > article", [f"Table {n}" for n in range(1, tables + 1)],
                                      f"seating-{people}", screenshots)
    print(f"\nprojector: {people} people, {tables} tables, {pages} page(s)")


@pytest.mark.parametrize("count", [5, 12])
def test_vote_results_fit(server, facilitator, console, projector, screenshots, count):
    cid, code = facilitator.create()
    facilitator.import_people(cid, ["Ada Lovelace", "Grace Hopper"])
    texts = [f"Statement {n}: the school should try idea number {n} next term" for n in range(1, count + 1)]
    for text in texts:
        facilitator.post(f"/conversations/{cid}/statements", text=text)
    open_console(console, server, cid, code)
    start_phase(console, "vote")
    projector.get(server.url + f"/c/{code}/screen?cycle=1")
    poll(lambda: projector.find_elements(By.CSS_SELECTOR, "[data-list=results] > li"), "the projector shows no results in the vote")
    pages = assert_fits_and_shows_all(projector, "[data-list=results] > li", texts, f"vote-{count}", screenshots)
    print(f"\nprojector: a vote with {count} added statements, {pages} page(s)")

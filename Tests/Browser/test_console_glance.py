"""The console at 1366×768 reads at a glance (issue 14): the phase under way, the next action and the
room's state are on screen without scrolling, and they follow the room live.

Everything is done through the pages: the people file through the console's form, the seating and
the phases with the console's buttons, a contribution from a phone. The run sheet's figures are
checked against the exported log.
"""
import pytest

from conftest import agenda_buttons, press_agenda
from test_day_journey import events, import_file, join_phone, open_console, press_seating, send_on_phone, text_of, wait_for, write_csv
from test_live_room import make_driver

PEOPLE = [(f"Person {n:02d}", ["pupil", "parent", "teacher"][n % 3]) for n in range(1, 25)]
WIDTH, HEIGHT = 1366, 768


@pytest.fixture(scope="module")
def server(server_factory):
    return server_factory("console-glance")


def in_view(driver, css):
    """The first element matching `css` is shown and lies wholly inside the 1366×768 viewport."""
    return driver.execute_script("""
        var el = document.querySelector(arguments[0]);
        if (!el) return false;
        var r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth
          && window.scrollY === 0;""", css)


def glance(driver):
    return {name: text_of(driver, f"#runsheet [data-field={name}]") for name in ("runNow", "runNext", "arrivedCount", "runSeated", "runCameIn")}


def test_the_run_sheet_is_on_screen_and_follows_the_room(server, facilitator, console, tmp_path, screenshots):
    cid, code = facilitator.create()
    open_console(console, server, cid, code)
    import_file(console, write_csv(tmp_path, "people-24.csv", PEOPLE))
    press_seating(console, facilitator, cid, "Seat everyone")
    console.execute_script("window.scrollTo(0, 0)")

    wait_for(console, lambda d: glance(d)["runSeated"].startswith("Round 1:"),
             lambda: f"after seating the run sheet says {glance(console)}")
    seating = events(facilitator, cid, "seatingPublished")[-1]
    tables = len(next(r["tables"] for r in seating["rounds"] if r["round"] == 1))
    shown = glance(console)
    assert shown["runNow"] == "Waiting to begin", shown
    assert shown["runNext"].startswith("1. Authoritative input"), shown
    assert shown["arrivedCount"] == "0/24 arrived", shown
    assert shown["runSeated"] == f"Round 1: {tables} tables seated", shown
    assert "start" in agenda_buttons(console), agenda_buttons(console)

    press_agenda(console, "start")
    console.execute_script("window.scrollTo(0, 0)")
    wait_for(console, lambda d: glance(d)["runNow"] == "1. Authoritative input",
             lambda: f"after the start the run sheet says {glance(console)}")
    for css, what in (("#runsheet [data-field=runNow]", "the phase under way"),
                      ("#runsheet [data-field=timer]", "its time left"),
                      ("#runsheet [data-field=runNext]", "the next phase"),
                      ("#runsheet [data-list=actions] form button", "the next action's button"),
                      ("#runsheet [data-field=arrivedCount]", "who is here"),
                      ("#runsheet [data-field=runSeated]", "the tables"),
                      ("#runsheet [data-field=runCameIn]", "what came in")):
        assert in_view(console, css), f"at {WIDTH}×{HEIGHT} {what} ({css}) is not on screen without scrolling"
    assert glance(console)["runNext"].startswith("2. Round 1"), glance(console)
    console.save_screenshot(str(screenshots / "console-run-sheet-1366x768.png"))

    # The room changes; the run sheet follows without a reload.
    phone = make_driver(375, 667, mobile=True)
    try:
        join_phone(phone, server, code, "Person 01")
        press_agenda(console, "start")  # round 1, where the phone can contribute
        send_on_phone(phone, "text", "Homework clubs after school", "contribution")
    finally:
        phone.quit()
    added = events(facilitator, cid, "contributionAdded")
    arrived = {e["participantID"] for e in events(facilitator, cid, "participantArrived")}
    came_in = f"{len(added)} contribution{'' if len(added) == 1 else 's'} · "
    wait_for(console, lambda d: glance(d)["runCameIn"].startswith(came_in),
             lambda: f"after a contribution from a phone the run sheet says {glance(console)['runCameIn']!r}; "
                     f"the log holds {len(added)}")
    wait_for(console, lambda d: glance(d)["arrivedCount"] == f"{len(arrived)}/24 arrived",
             lambda: f"the run sheet counts {glance(console)['arrivedCount']!r}; the log has {len(arrived)} arrivals")
    assert glance(console)["runNow"].startswith("2. Round 1"), glance(console)

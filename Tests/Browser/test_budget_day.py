"""The whole day of "Our school, our budget" (school-participatory-budget), through the pages only.

Issue 13's last item, for the budget design: 16 people imported with the console's CSV form and
seated from the console; four phones join by name; every phase is started from the console's
agenda, none skipped. In the two rounds each phone contributes; in the first (Think-Pair-Share,
timed turns) the tables' timekeepers tap their tablemates' turns on the phone, and the second
(Numbered Heads Together) has no turns to tap. In the plenary the facilitator types the tables'
proposals and their costs into the console; in the budget vote each phone ticks proposals, sees
its running total against the budget of 5,000 and saves; the projector shows who would fund
what. Each phone makes a commitment, and the facilitator closes (close asks first).

Everything under test is done as a person does it (a click, typing, choosing a file); the
outcome is read from `GET /conversations/ID/export.jsonl`. Only creating the conversation goes
over plain HTTP, and the seating in the log decides which people hold the four phones.
"""
import time

import pytest

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402

from conftest import start_phase  # noqa: E402
from conftest import agenda as agenda_of  # noqa: E402
from test_day_journey import click, events, join_phone, send_on_phone, text_of, wait_for  # noqa: E402
from test_live_room import make_driver  # noqa: E402
from test_room_day import (  # noqa: E402
    PROPOSALS, add_statement_on_console, budget_box, budget_boxes, commit_on_every_phone_and_close, open_the_day, save_button,
    summary_numbers)

BUDGET = 5000
KEEPERS = ("timekeeper", "scribe")  # the roles whose phones tap turns
# What each of the four phones funds (indexes into PROPOSALS: benches 1,200, books 2,500, garden 3,000, wall 4,000).
PICKS = [(1, 0), (2, 0), (3,), (1, 0)]
FUNDED = {0, 1}  # benches (3 would fund it) and books (2): 3,700; the garden (1) would take it over 5,000


@pytest.fixture(scope="module")
def server(server_factory):
    return server_factory("budget-day")


def seats_in(facilitator, cid, round_number):
    """{participantID: (table, role)} of one round, from the latest seatingPublished in the log."""
    seating = events(facilitator, cid, "seatingPublished")[-1]
    tables = next(r["tables"] for r in seating["rounds"] if r["round"] == round_number)
    return {seat["participantID"]: (t["table"], seat.get("role")) for t in tables for seat in t["seats"]}


def speaker_button(phone, name):
    for button in phone.find_elements(By.CSS_SELECTOR, "#turns [data-list=speakers] button"):
        if button.text.split("\n")[0] == name:
            return button
    return None


def speakers_shown(phone):
    return [b.text for b in phone.find_elements(By.CSS_SELECTOR, "#turns [data-list=speakers] button")]


def take_turns(phone, speakers):
    """The timekeeper taps each speaker in turn (a tap ends the one before and records it) and
    taps the last again to end their turn; each turn lasts a little over a second."""
    for index, name in enumerate(speakers + [speakers[-1]]):
        wait_for(phone, lambda d: click(d, speaker_button(d, name)) or True,
                 lambda: f"the turns panel offers no button for {name}: {speakers_shown(phone)}")
        if index > 0:
            done = speakers[index - 1]
            wait_for(phone, lambda d: any(t.startswith(f"{done}\nturns: 1 · ") for t in speakers_shown(d)),
                     lambda: f"after {done}'s turn the turns panel shows {speakers_shown(phone)}, not 1 turn for {done}")
        if index < len(speakers):
            wait_for(phone, lambda d: text_of(d, "#turns [data-field=speaker]") == name,
                     lambda: f"tapping {name} shows {text_of(phone, '#turns [data-field=speaker]')!r} speaking")
            time.sleep(1.2)


def panel_shown(phone):
    return phone.find_element(By.ID, "turns").is_displayed()


def test_the_budget_day_through_the_pages(server, facilitator, console, tmp_path, screenshots):
    cid, code, people, ids = open_the_day(server, facilitator, console, tmp_path, "school-participatory-budget")
    names_of = {pid: name for name, pid in ids.items()}

    first = seats_in(facilitator, cid, 1)
    by_table = {}
    for pid, (table, role) in first.items():
        by_table.setdefault(table, []).append(pid)
    keepers = [next(names_of[p] for p in by_table[t] if first[p][1] == "timekeeper") for t in sorted(by_table)[:2]]
    others = [name for name, _ in people if first[ids[name]][1] not in KEEPERS][:2]
    names = keepers + others
    assert len(set(names)) == 4, f"the seating gives no two timekeepers and two others: {first}"

    phones, projector = {}, None
    sent = {name: [] for name in names}
    chose = {}
    try:
        for name in names:
            phones[name] = make_driver(375, 667, mobile=True)
            join_phone(phones[name], server, code, name)

        start_phase(console, "input", skip=False)
        rounds = [item["title"] for item in agenda_of(console) if item["kind"] == "round"]
        assert rounds == ["Ideas", "Shaping proposals"], f"the console's agenda lists the rounds {rounds}"
        for number, title in enumerate(rounds, start=1):
            start_phase(console, "round", title=title, skip=False)
            seats = seats_in(facilitator, cid, number)
            for name, phone in phones.items():
                table = str(seats[ids[name]][0])
                wait_for(phone, lambda d: text_of(d, "[data-field=seat] .big-number") == table,
                         lambda: f"in round {number} {name}'s phone shows table "
                                 f"{text_of(phone, '[data-field=seat] .big-number')!r}, seated at {table}")
                text = f"{name} in round {number}: a quiet reading corner"
                send_on_phone(phone, "text", text, f"round {number} contribution")
                sent[name].append(text)
            for name, phone in phones.items():
                keeps = number == 1 and name in keepers
                wait_for(phone, lambda d: panel_shown(d) == keeps,
                         lambda: f"in round {number} ({title}) {name} ({seats[ids[name]][1]}) "
                                 f"{'sees no' if keeps else 'sees a'} turns panel")
            if number == 1:
                for name in keepers:
                    table = first[ids[name]][0]
                    take_turns(phones[name], [names_of[p] for p in by_table[table]])
        start_phase(console, "plenary", skip=False)
        proposal_ids = [add_statement_on_console(console, facilitator, cid, text, cost)["statementID"]
                        for text, cost in PROPOSALS]

        start_phase(console, "vote", skip=False)
        for (name, phone), picks in zip(phones.items(), PICKS):
            wait_for(phone, lambda d: d.find_element(By.ID, "budget-form").is_displayed() and len(budget_boxes(d)) == 4,
                     lambda: f"in the budget vote {name}'s phone shows {text_of(phone, '#vote')!r}, not 4 proposals")
            assert summary_numbers(phone)[:2] == [0, BUDGET], (
                f"before ticking {name}'s phone says {text_of(phone, '[data-field=budgetSummary]')!r}")
            spent = 0
            for pick in picks:
                text, cost = PROPOSALS[pick]
                spent += cost
                click(phone, budget_box(phone, text))
                wait_for(phone, lambda d: summary_numbers(d) == [spent, BUDGET, BUDGET - spent],
                         lambda: f"{name} ticked {spent:,} in all: the phone says "
                                 f"{text_of(phone, '[data-field=budgetSummary]')!r}")
            chose[name] = {proposal_ids[p] for p in picks}
            click(phone, save_button(phone))
            wait_for(phone, lambda d: "Sent" in text_of(d, "#budget-form .form-message"),
                     lambda: f"after saving {name}'s budget form says {text_of(phone, '#budget-form .form-message')!r}")
        phone = phones[names[0]]
        phone.execute_script("document.getElementById('vote').scrollIntoView();")
        phone.save_screenshot(str(screenshots / "budget-day-phone-vote-375x667.png"))

        projector = make_driver(1920, 1080)
        projector.get(server.url + f"/c/{code}/screen")
        funders = [sum(proposal_ids[p] in chosen for chosen in chose.values()) for p in range(len(PROPOSALS))]

        def results(d):
            return [li.text for li in d.find_elements(By.CSS_SELECTOR, "[data-list=results] > li")]

        def fits(d):
            lines = results(d)
            return len(lines) == len(PROPOSALS) and all(
                any(text in line and f"{count} would fund it" in line and ("funded" in line.split("costs")[-1]) == (p in FUNDED)
                    for line in lines)
                for p, ((text, _), count) in enumerate(zip(PROPOSALS, funders)))

        wait_for(projector, fits, lambda: f"the projector's results show {results(projector)}, not {funders} would fund "
                                          f"{[t for t, _ in PROPOSALS]} with the first two funded")
        projector.save_screenshot(str(screenshots / "budget-day-projector-vote-1920x1080.png"))

        promised = commit_on_every_phone_and_close(
            console, facilitator, cid, phones, lambda name: f"{name} will ask three suppliers for prices by Friday",
            screenshots / "budget-day-console-closed-1366x768.png")
    finally:
        for phone in phones.values():
            phone.quit()
        if projector is not None:
            projector.quit()

    seating = {number: seats_in(facilitator, cid, number) for number in (1, 2)}
    contributions = events(facilitator, cid, "contributionAdded")
    for name in names:
        mine = [e for e in contributions if e.get("authorID") == ids[name]]
        assert sorted(e["text"] for e in mine) == sorted(sent[name]), f"the log holds {mine} from {name}, who sent {sent[name]}"
        for e in mine:
            assert e.get("table") == seating[e.get("round")][ids[name]][0], (
                f"{name}'s {e['text']!r} is logged at round {e.get('round')} table {e.get('table')}, not at their seat")

    cost = {pid: c for pid, (_, c) in zip(proposal_ids, PROPOSALS)}
    allocated = events(facilitator, cid, "budgetAllocated")
    for name in names:
        theirs = [e for e in allocated if e["participantID"] == ids[name]]
        assert len(theirs) == 1 and set(theirs[0]["statementIDs"]) == chose[name], (
            f"{name} saved {chose[name]} once; the log holds {theirs}")
        total = sum(cost[s] for s in theirs[0]["statementIDs"])
        assert total == sum(cost[s] for s in chose[name]) and total <= BUDGET, f"{name}'s allocation costs {total}"

    turns = events(facilitator, cid, "turnTaken")
    tapped = {ids[k]: first[ids[k]][0] for k in keepers}
    expected = sorted((1, first[p][0], p) for p in first if first[p][0] in tapped.values())
    got = sorted((e["round"], e["table"], e["participantID"]) for e in turns)
    assert got == expected, f"the timekeepers tapped one turn for everyone at tables {sorted(tapped.values())}; the log holds {turns}"
    assert all(e["seconds"] >= 1 for e in turns), f"a turn of over a second is logged shorter: {turns}"
    for name in names:
        mine = [e for e in turns if e["participantID"] == ids[name]]
        assert len(mine) == (first[ids[name]][0] in tapped.values()), f"{name}'s turns in the log: {mine}"

    made = events(facilitator, cid, "commitmentMade")
    for name in names:
        theirs = [e for e in made if e["text"] == promised[name]]
        assert len(theirs) == 1 and theirs[0]["ownerIDs"] == [ids[name]], (
            f"{name}'s commitment {promised[name]!r} is in the log as {theirs}")
    started = [e["phaseIndex"] for e in events(facilitator, cid, "phaseStarted")]
    assert started == list(range(7)), f"the phases started {started}, not each of the 7 once in turn"
    skipped = [e for e in events(facilitator, cid, "phaseEnded") if e.get("skipped")]
    assert not skipped, f"phases were skipped: {skipped}"

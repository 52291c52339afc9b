"""The console's downloads: a contributions CSV and a votes CSV, with group, table and round, and how each
vote was cast. A phone contributes and votes through its page, the console types in a paper count, and
the files the console's links give must say what the exported log says.
"""
import csv
import io

import pytest

from conftest import start_phase
from test_day_journey import events, find, join_phone, open_console, poll, send_on_phone
from test_live_room import make_driver
from test_room_day import add_statement_on_console, ids_by_name, import_with_groups, record_paper_count, vote_on_phone


@pytest.fixture(scope="module")
def server(server_factory):
    return server_factory("console-downloads")


def download(console, facilitator, link_end):
    """Follows the console's link that ends with `link_end` with the facilitator's session; the rows as dicts."""
    link = find(console, f"a[href$='{link_end}']", f"the console's {link_end} link")
    response = facilitator.http.get(link.get_attribute("href"))
    assert response.status_code == 200, f"{link_end}: {response.status_code}"
    assert response.headers["Content-Type"].startswith("text/csv"), response.headers
    return list(csv.DictReader(io.StringIO(response.text)))


def test_contributions_and_votes_download_from_the_console(server, facilitator, console, screenshots):
    cid, code = facilitator.create()
    import_with_groups(facilitator, cid, [("Ada Lovelace", "pupil"), ("Grace Hopper", "parent"),
                                          ("Alan Turing", "teacher"), ("Barbara Liskov", "pupil")])
    facilitator.seat(cid)
    ids = ids_by_name(facilitator, cid)
    open_console(console, server, cid, code)
    statement = add_statement_on_console(console, facilitator, cid, "The school day should start at nine")
    phone = make_driver(375, 667, mobile=True)
    try:
        join_phone(phone, server, code, "Ada Lovelace")
        start_phase(console, "round")
        send_on_phone(phone, "text", "A later start helps the bus pupils", "contribution")
        # After sending, the phone keeps its place: the focus is back in the emptied box, not at the top.
        poll(lambda: phone.execute_script("return document.activeElement && document.activeElement.id") == "text",
             lambda: f"after sending, the focus is on {phone.execute_script('return document.activeElement.outerHTML.slice(0, 80)')}")
        start_phase(console, "vote")
        phone.refresh()
        vote_on_phone(phone, 0, "agree")
        poll(lambda: events(facilitator, cid, "voteCast"), "the phone's vote is not in the log")
    finally:
        phone.quit()

    record_paper_count(console, statement["statementID"], "parent", "show-of-hands", agree=4, disagree=3, passed=0)
    poll(lambda: events(facilitator, cid, "paperTallyRecorded"), "the paper count is not in the log")
    console.execute_script("window.scrollTo(0, 0)")
    console.save_screenshot(str(screenshots / "console-tools-1366x768.png"))

    logged = [e for e in events(facilitator, cid, "contributionAdded") if e["text"] == "A later start helps the bus pupils"]
    assert len(logged) == 1
    rows = download(console, facilitator, "/contributions.csv")
    row = [r for r in rows if r["id"] == logged[0]["contributionID"]]
    assert row, f"the contributions file lacks the phone's contribution: {rows}"
    assert row[0]["name"] == "Ada Lovelace" and row[0]["group"] == "pupil" and row[0]["participant id"] == ids["Ada Lovelace"], row[0]
    assert row[0]["round"] == str(logged[0].get("round", "")) and row[0]["table"] == str(logged[0].get("table", "")), (row[0], logged[0])
    assert row[0]["round"] == "1" and row[0]["table"], row[0]

    seating = events(facilitator, cid, "seatingPublished")[-1]
    table_of_ada = [t["table"] for r in seating["rounds"][-1:] for t in r["tables"] for s in t["seats"] if s["participantID"] == ids["Ada Lovelace"]]
    votes = download(console, facilitator, "/votes.csv")
    phone_rows = [v for v in votes if v["cast"] == "phone"]
    cast = events(facilitator, cid, "voteCast")
    assert len(cast) == 1 and cast[0]["vote"] == "agree", cast
    texts = {e["statementID"]: e["text"] for e in events(facilitator, cid, "statementAdded")}
    created = events(facilitator, cid, "conversationCreated")[0]["design"]["phases"]
    texts.update({f"p{i}s{j + 1}": text for i, phase in enumerate(created) for j, text in enumerate(phase.get("statements", []))})
    assert phone_rows == [{"statement id": cast[0]["statementID"], "statement": texts[cast[0]["statementID"]], "vote": "agree", "count": "1",
                           "cast": "phone", "participant id": ids["Ada Lovelace"], "name": "Ada Lovelace", "group": "pupil",
                           "table": str(table_of_ada[0])}], phone_rows
    paper = {(v["vote"], v["count"], v["group"]) for v in votes if v["cast"] == "show-of-hands"}
    assert paper == {("agree", "4", "parent"), ("disagree", "3", "parent")}, votes

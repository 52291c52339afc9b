"""Checks the commitments calendar written by the Swift suite (CommitmentCalendarTests) with an
independent iCalendar parser: all-day dates, stable UIDs, escaped text, CRLF and folding."""
import datetime
import pathlib

import pytest

icalendar = pytest.importorskip("icalendar")

ICS = pathlib.Path(__file__).resolve().parents[2] / "test-output" / "commitments.ics"


@pytest.fixture(scope="module")
def raw():
    if not ICS.exists():
        pytest.skip(f"{ICS} is missing: run `swift test --filter CommitmentCalendarTests` first")
    return ICS.read_bytes()


def test_lines_end_in_crlf_and_fold_at_75_octets(raw):
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75


def test_events_parse_with_all_day_dates(raw):
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar.get("PRODID")
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"m1@cocreate", "m2@cocreate", "m4@cocreate"}
    start = events["m1@cocreate"].decoded("DTSTART")
    assert type(start) is datetime.date and start == datetime.date(2026, 2, 28)
    assert events["m2@cocreate"].decoded("DTSTART") == datetime.date(2025, 12, 1)
    assert str(events["m1@cocreate"]["SUMMARY"]) == "Publish the minutes, with actions; owners\\dates"
    stamp = events["m1@cocreate"].decoded("DTSTAMP")
    assert stamp.tzinfo is not None and stamp.utcoffset() == datetime.timedelta(0)

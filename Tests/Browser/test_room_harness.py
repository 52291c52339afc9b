"""24 simulated phones in one Cooperative Knowledge Café, over plain HTTP and WebSockets.

Each phone joins by picking its name, keeps its live socket open, gets its table and role when the
facilitator seats the room, contributes and votes; the export then holds every contribution and
every vote, and every write reached every socket quickly (the measured figures are printed).
"""
import json
import re
import threading
import time

import pytest
import requests

from conftest import Facilitator

websocket = pytest.importorskip("websocket")

PHONES = 24
BOUND_SECONDS = 3.0  # asserted; the goal is 1 s, the figure is printed


class Phone:
    def __init__(self, base, code, pid, name):
        self.base, self.code, self.pid, self.name = base, code, pid, name
        self.http = requests.Session()
        self.messages = []  # (monotonic time, view)
        self.lock = threading.Lock()
        self.socket = None
        self.thread = None

    def join(self):
        r = self.http.post(f"{self.base}/c/{self.code}/join", data={"participantID": self.pid}, allow_redirects=False)
        assert r.status_code in (302, 303), f"{self.name}: {r.status_code} {r.text[:300]}"
        assert r.headers["Location"].endswith(f"/c/{self.code}/me")

    def connect(self):
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        url = self.base.replace("http://", "ws://") + f"/ws/phone/{self.code}"
        self.socket = websocket.create_connection(url, cookie=cookie, timeout=30)
        self.socket.send(json.dumps({"after": 0}))
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        while True:
            try:
                data = self.socket.recv()
            except Exception:
                return
            now = time.monotonic()
            try:
                view = json.loads(data)["view"]
            except (ValueError, KeyError, TypeError):
                continue
            with self.lock:
                self.messages.append((now, view))

    def latest(self):
        with self.lock:
            return self.messages[-1][1] if self.messages else None

    def first_at_or_after(self, version):
        with self.lock:
            for at, view in self.messages:
                if view["version"] >= version:
                    return at, view
        return None

    def post(self, path, **fields):
        r = self.http.post(f"{self.base}/c/{self.code}/me/{path}", data=fields, headers={"Accept": "application/json"})
        assert r.status_code == 200, f"{self.name} {path}: {r.status_code} {r.text[:300]}"
        return r.json()["view"]


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def fan_out(phones, started, version):
    """Seconds from the start of a write until each phone's socket had a view that includes it."""
    arrivals = [wait_for(lambda p=p: p.first_at_or_after(version), BOUND_SECONDS + 2, f"{p.name} to get version {version}")
                for p in phones]
    return [at - started for at, _ in arrivals], [view for _, view in arrivals]


def test_twenty_four_phones(server_factory):
    server = server_factory("harness")
    facilitator = Facilitator(server.url)
    cid, code = facilitator.create("cooperative-knowledge-cafe")
    names = [f"Person {i:02d}" for i in range(1, PHONES + 1)]
    facilitator.import_people(cid, names)

    page = requests.get(f"{server.url}/c/{code}").text
    options = dict((name, pid) for pid, name in re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', page))
    assert set(names) <= set(options), f"the join page lists {sorted(options)}"
    phones = [Phone(server.url, code, options[name], name) for name in names]
    try:
        for phone in phones:
            phone.join()
            phone.connect()
        wait_for(lambda: all(p.latest() for p in phones), 10, "every socket's first view")
        assert all(p.latest().get("seat") is None for p in phones)

        delays = {}
        # Seating: each phone receives its table and role over its socket.
        started = time.monotonic()
        # An explicit seed: without one the server derives it with a misaligned load and crashes
        # (ConsoleController+Seating.swift:23); test_live_room covers the console's own button.
        view = facilitator.post(f"/conversations/{cid}/seating", seed="20240601")["view"]
        delays["seating"], views = fan_out(phones, started, view["version"])
        for phone, v in zip(phones, views):
            assert v.get("seat") and v["seat"]["table"] >= 1, f"{phone.name} got no table: {v.get('seat')}"
            assert v["seat"].get("roleName"), f"{phone.name} got no role: {v['seat']}"
        tables = {v["seat"]["table"] for v in views}
        assert len(tables) >= 2, f"24 people at {len(tables)} table(s)"

        table_of = {phone.pid: v["seat"]["table"] for phone, v in zip(phones, views)}

        # Contributions: each idea reaches every phone at its author's table (phones show their own table's ideas).
        delays["contributions"] = []
        for i, phone in enumerate(phones):
            started = time.monotonic()
            v = phone.post("contributions", id=str(__import__("uuid").uuid4()), kind="idea", text=f"Idea {i:02d} from {phone.name}")
            tablemates = [p for p in phones if table_of[p.pid] == table_of[phone.pid]]
            measured, seen = fan_out(tablemates, started, v["version"])
            assert all(any(c["text"] == f"Idea {i:02d} from {phone.name}" for c in view["tableContributions"]) for view in seen)
            delays["contributions"] += measured

        # Votes on a statement the facilitator adds.
        started = time.monotonic()
        view = facilitator.post(f"/conversations/{cid}/statements", text="We should meet again in spring")["view"]
        measured, views = fan_out(phones, started, view["version"])
        delays["statement"] = measured
        statement = views[0]["statements"][0]["id"]
        delays["votes"] = []
        for i, phone in enumerate(phones):
            started = time.monotonic()
            v = phone.post("votes", id=str(__import__("uuid").uuid4()), statementID=statement, vote=["agree", "disagree", "pass"][i % 3])
            # A vote changes only the voter's own phone; the other 23 are not sent a view for it.
            measured, seen = fan_out([phone], started, v["version"])
            assert seen[0]["statements"][0]["myVote"] == ["agree", "disagree", "pass"][i % 3]
            delays["votes"] += measured

        everything = [d for values in delays.values() for d in values]
        print(f"\nfan-out to the phone sockets that show each change: {len(everything)} deliveries, "
              f"max {max(everything) * 1000:.0f} ms, median {sorted(everything)[len(everything) // 2] * 1000:.0f} ms; "
              + ", ".join(f"{k} max {max(v) * 1000:.0f} ms" for k, v in delays.items()))
        assert max(everything) < BOUND_SECONDS

        # The export holds all 24 contributions and all 24 votes.
        events = [json.loads(line) for line in facilitator.export(cid).splitlines() if line.strip()]
        text = [json.dumps(e) for e in events]
        contributions = [t for t in text if "contributionAdded" in t]
        votes = [t for t in text if "voteCast" in t]
        assert len(contributions) == PHONES, f"{len(contributions)} contributions in the export"
        assert len(votes) == PHONES, f"{len(votes)} votes in the export"
        for i, phone in enumerate(phones):
            assert any(f"Idea {i:02d} from {phone.name}" in t for t in contributions)
            assert any(phone.pid in t for t in votes)
    finally:
        for phone in phones:
            if phone.socket:
                phone.socket.close()

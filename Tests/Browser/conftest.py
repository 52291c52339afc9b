"""Shared fixtures for the browser and room-harness tests.

Nothing is built here: the server binary comes from $COCREATE_BIN (default .build/debug/cocreate).
Each server runs on a free loopback port with its own SQLite file in a temporary folder.
"""
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-output" / "screenshots"
PASSWORD = "correct horse battery"
USERNAME = "fran"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CocreateServer:
    """One `cocreate serve` process over one database; can be killed and started again."""

    def __init__(self, binary, folder, name):
        self.binary = binary
        self.database = str(Path(folder) / f"{name}.sqlite")
        self.log_path = Path(folder) / f"{name}.log"
        self.port = free_port()
        self.process = None
        add = subprocess.run([binary, "user", "add", USERNAME, "--database", self.database],
                             input=PASSWORD + "\n", text=True, capture_output=True, timeout=60)
        assert add.returncode == 0, f"user add failed: {add.stdout} {add.stderr}"

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=30):
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--database", self.database, "--port", str(self.port), "--hostname", "127.0.0.1"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {self.log_path.read_text()[-2000:]}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise RuntimeError("server did not answer /healthz in time")

    def kill(self):
        """SIGKILL: no graceful shutdown, like a pulled power cord."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Facilitator:
    """The facilitator over plain HTTP: signs in, creates and drives a conversation."""

    def __init__(self, base):
        self.base = base
        self.http = requests.Session()
        self.csrf = None
        self.login()

    def login(self):
        r = self.http.post(self.base + "/login", data={"username": USERNAME, "password": PASSWORD}, allow_redirects=False)
        assert r.status_code in (302, 303), r.text[:500]
        assert "cocreate_session" in self.http.cookies
        home = self.http.get(self.base + "/")
        self.csrf = re.search(r'name="_csrf" value="([^"]+)"', home.text).group(1)

    def create(self, design="cooperative-knowledge-cafe"):
        r = self.http.post(self.base + "/conversations", data={"_csrf": self.csrf, "design": design}, allow_redirects=False)
        assert r.status_code == 303, r.text[:500]
        cid = r.headers["Location"].rstrip("/").split("/")[-1]
        page = self.http.get(self.base + f"/conversations/{cid}").text
        code = re.search(r'data-field="joinCode">([^<]+)<', page).group(1)
        return cid, code

    def post(self, path, **fields):
        r = self.http.post(self.base + path, data={"_csrf": self.csrf, **fields},
                           headers={"Accept": "application/json", "X-CSRF-Token": self.csrf})
        assert r.status_code == 200, f"{path}: {r.status_code} {r.text[:500]}"
        return r.json()

    def import_people(self, cid, names):
        csv = "name\n" + "\n".join(names) + "\n"
        return self.post(f"/conversations/{cid}/people", csv=csv)

    def seat(self, cid):
        return self.post(f"/conversations/{cid}/seating")

    def agenda(self, cid, action):
        return self.post(f"/conversations/{cid}/agenda", action=action)

    def export(self, cid):
        r = self.http.get(self.base + f"/conversations/{cid}/export.jsonl")
        assert r.status_code == 200, r.text[:500]
        return r.text


@pytest.fixture(scope="session")
def cocreate_bin():
    binary = os.environ.get("COCREATE_BIN", str(REPO / ".build" / "debug" / "cocreate"))
    assert os.access(binary, os.X_OK), f"no cocreate binary at {binary}; run swift build or set COCREATE_BIN"
    return binary


@pytest.fixture(scope="session")
def server_factory(cocreate_bin):
    """Starts servers on demand; every one is killed at the end of the session."""
    folder = tempfile.TemporaryDirectory(prefix="cocreate-browser-")
    servers = []

    def make(name):
        server = CocreateServer(cocreate_bin, folder.name, name)
        server.start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()
    folder.cleanup()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


# ----------------------------------------------------------------------------------------------
# The console's agenda, pressed in the browser the way a facilitator does it.
#
# A phase is started with the console's own agenda buttons (forms posting to .../agenda with a
# hidden `action`), never with a hand-built request: the phone shows only what the current phase
# asks of its person, so a page test that contributes, votes or commits first brings the room to
# the right phase here. Tests that deliberately drive the API (the room harness, the API checks)
# use Facilitator.agenda instead.

AGENDA_WAIT = 10
UNDER_WAY = ("running", "paused")


def agenda(console):
    """The console's agenda list [data-list=agenda] as shown: [{index, title, kind, status}]. Kind and
    status are the identifiers each item carries (data-kind, data-status), whatever language the words are in."""
    return console.execute_script("""
        return Array.from(document.querySelectorAll('[data-list=agenda] > li')).map(function (li, index) {
          var what = li.querySelector('.what'), muted = li.querySelector('.muted');
          var parts = (muted ? muted.textContent : '').split('\u00b7').map(function (s) { return s.trim(); });
          return {index: index, title: what ? what.textContent.trim() : '', kind: li.dataset.kind || parts[0] || '',
                  status: li.dataset.status || (parts.length > 1 ? parts[parts.length - 1] : '')};
        });""")


def agenda_buttons(console):
    """{action: button label} of the agenda buttons the console shows now."""
    return console.execute_script("""
        var found = {};
        document.querySelectorAll("form[action$='/agenda']").forEach(function (form) {
          var action = form.querySelector('input[name=action]'), button = form.querySelector('button');
          if (action && button && !(action.value in found)) found[action.value] = button.textContent.trim();
        });
        return found;""")


def describe_agenda(console):
    return "; ".join(f"{i['index'] + 1}. {i['title']} ({i['kind']}): {i['status']}" for i in agenda(console)) or "(empty)"


def _wait_console(console, condition, message, timeout=AGENDA_WAIT):
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = condition()
        except Exception:  # a list being rebuilt by console.js, a page still loading
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(message() if callable(message) else message)
        time.sleep(0.1)


def press_agenda(console, action, until=None, what=None):
    """Presses the console's agenda button for `action` (start, skip, end, pause, resume, extend,
    close) and waits until `until(agenda)` holds, if given. Fails when the console offers no such
    button. A form that asks first (data-confirm: the first press arms it, the second sends) is
    pressed twice, once its question shows."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    selector = f"form[action$='/agenda']:has(input[name=action][value='{action}']) button"
    for attempt in range(5):  # console.js rebuilds the buttons on every view
        buttons = console.find_elements(By.CSS_SELECTOR, selector)
        assert buttons, (f"the console shows no {action!r} agenda button; buttons: {agenda_buttons(console)}; "
                         f"agenda: {describe_agenda(console)}")
        try:
            button = buttons[0]
            asks = console.execute_script("return arguments[0].form.getAttribute('data-confirm');", button)
            console.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
            button.click()
            if asks:
                _wait_console(console, lambda: console.execute_script(
                    "return arguments[0].form.getAttribute('data-armed') === 'yes';", button),
                    f"pressing {action!r} once did not ask {asks!r}")
                button.click()
            break
        except StaleElementReferenceException:
            if attempt == 4:
                raise
            time.sleep(0.1)
    if until is not None:
        _wait_console(console, lambda: until(agenda(console)),
                      lambda: f"after pressing {action!r} ({what or 'the agenda button'}) the console's agenda shows "
                              f"{describe_agenda(console)}")


def _status(items, title):
    return next((item["status"] for item in items if item["title"] == title), None)


def start_phase(console, kind, title=None, skip=True, timeout=AGENDA_WAIT):
    """Advances the conversation open on `console` (its console page, /conversations/ID) until a
    phase of `kind` (input, round, plenary, vote, action-planning, closing; and `title`, if given)
    is running, pressing the agenda buttons: Start when the next phase is the one wanted, and for
    the phases before it Skip next phase (`skip=True`; a phase under way is ended first) or Start
    (`skip=False`: each phase in between runs in turn). A wanted phase that is paused is resumed.
    Waits until the console's agenda shows the phase running; returns its agenda item."""
    def wanted(item):
        return item["kind"] == kind and (title is None or item["title"] == title)

    _wait_console(console, lambda: agenda(console), "the console shows no agenda list [data-list=agenda]", timeout)
    for _ in range(3 * len(agenda(console)) + 3):
        items = agenda(console)
        current = next((item for item in items if item["status"] in UNDER_WAY), None)
        if current is not None and wanted(current):
            if current["status"] == "paused":
                press_agenda(console, "resume", lambda a: _status(a, current["title"]) == "running",
                             f"resuming {current['title']}")
            return next(item for item in agenda(console) if item["title"] == current["title"])
        label = agenda_buttons(console).get("start")
        assert label, (f"no phase of kind {kind!r}{f' ({title})' if title else ''} is left to start: the console "
                       f"offers no Start button; agenda: {describe_agenda(console)}")
        next_title = label.split(":", 1)[1].strip() if ":" in label else ""
        upcoming = [item for item in items if item["title"] == next_title]
        assert upcoming, f"the Start button says {label!r}, a phase the agenda does not list: {describe_agenda(console)}"
        following = upcoming[0]
        if wanted(following) or not skip:
            press_agenda(console, "start", lambda a: _status(a, next_title) == "running", f"{label!r}")
            continue
        if current is not None:
            press_agenda(console, "end", lambda a: _status(a, current["title"]) not in UNDER_WAY,
                         f"ending {current['title']} to skip ahead")
        press_agenda(console, "skip", lambda a: _status(a, next_title) == "skipped", f"skipping {next_title}")
    raise AssertionError(f"start_phase({kind!r}) went round without reaching it; agenda: {describe_agenda(console)}")


# A module that defines its own `server` fixture gets a signed-in facilitator and console for it.
def console_of(room, width=1366, height=768):
    """The facilitator's laptop, signed in, on `room`'s console, once it shows the room's code."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    from test_live_room import make_driver, sign_in
    driver = make_driver(width, height)
    base = room["server"].url
    sign_in(driver, base, room["facilitator"])
    driver.get(base + f"/conversations/{room['id']}")
    WebDriverWait(driver, 10, poll_frequency=0.1).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "[data-field=joinCode]").text == room["code"])
    return driver


@pytest.fixture(scope="module")
def facilitator(server):
    return Facilitator(server.url)


@pytest.fixture(scope="module")
def console(server, facilitator):
    """The facilitator's laptop: 1366×768, signed in."""
    from test_live_room import make_driver, sign_in
    driver = make_driver(1366, 768)
    sign_in(driver, server.url, facilitator)
    yield driver
    driver.quit()

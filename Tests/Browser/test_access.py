"""Who may open, change and export a conversation: per-conversation roles.

fran creates conversation A. sam is a second facilitator account:
  * with no role on A, every facilitator route of A answers 404 (pages, exports, print pages,
    every POST, the JSON API) and the console socket is refused; sam's lists do not show A;
  * fran adds sam on A's console (the team form, through a real browser) as an observer: sam reads
    (200) and cannot write (403), and the console socket sends views;
  * fran grants co-facilitator: sam's writes go through;
  * fran removes sam: back to 404.
Also: the reserved `_accounts` stream is no conversation for anybody, and no response body
anywhere carries a bcrypt hash.

The tests of one backend run in order and share one server and one conversation (the roles build
on each other); each runs against SQLite and, when COCREATE_TEST_POSTGRES_URL is set, PostgreSQL.
"""
import json
import os
from html.parser import HTMLParser
import re
import shutil
import subprocess
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest
import requests
import websocket

from conftest import PASSWORD, USERNAME, CocreateServer, Facilitator, free_port

OWNER = USERNAME  # fran, made by CocreateServer's convention
STRANGER = "sam"
STRANGER_PASSWORD = "sam keeps his own passphrase"
PEOPLE = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra",
          "Barbara Liskov", "Donald Knuth", "Frances Allen", "John Backus"]
IDEAS = ["Safe bike lanes on Elm Street", "Bike lanes near the school", "More buses at night",
         "Night buses to the station", "A library open on Sundays", "Sunday hours for the library"]
BCRYPT = re.compile(r"\$2[aby]\$\d\d\$")
SOCKET_WAIT = 3.0
RESERVED = "_accounts"

# GET routes of one conversation, under /conversations/:id
PAGE_GETS = ["", "/export.jsonl", "/commitments", "/commitments.csv", "/commitments.ics", "/contributions.csv", "/votes.csv", "/themes",
             "/print/badges", "/print/tables", "/print/scribe-sheets", "/model.json", "/audit"]
# GET routes of one conversation, under /api/v1/conversations/:id
API_GETS = ["", "/events"]


# ---------------------------------------------------------------------------------------------
# Accounts, databases, servers

def add_account(binary, database, username, password):
    """`cocreate user add USERNAME --database DATABASE`, the password on stdin. Works before the
    server starts or while it runs (SQLite and PostgreSQL both allow a second writer)."""
    add = subprocess.run([binary, "user", "add", username, "--database", database],
                         input=password + "\n", text=True, capture_output=True, timeout=120)
    assert add.returncode == 0, f"user add {username} failed: {add.stdout} {add.stderr}"


def psql(url, sql):
    exe = shutil.which("psql")
    if not exe:
        pytest.skip("psql is not installed: cannot create a fresh PostgreSQL database")
    run = subprocess.run([exe, url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, f"psql {sql!r} failed: {run.stderr}"


class PostgresDatabase:
    """A fresh database on the server of COCREATE_TEST_POSTGRES_URL, dropped by `drop`."""

    def __init__(self, server_url):
        self.server_url = server_url
        self.name = "cocreate_access_" + uuid.uuid4().hex  # hex only: safe inside SQL
        parts = urllib.parse.urlsplit(server_url)
        self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.name))
        psql(server_url, f"CREATE DATABASE {self.name}")

    def drop(self):
        psql(self.server_url, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


class AccessServer(CocreateServer):
    """A `cocreate serve` over any database location (SQLite file or postgres:// URL)."""

    def __init__(self, binary, folder, name, database):  # noqa: super().__init__ would make a SQLite file
        self.binary = binary
        self.database = database
        self.log_path = Path(folder) / f"{name}.log"
        self.port = free_port()
        self.process = None


class Account(Facilitator):
    """A facilitator account signed in twice: the HTML forms (`_csrf`) and the JSON API
    (`POST /api/v1/session`, `X-CSRF-Token`)."""

    def __init__(self, base, username, password):
        self.username, self.password = username, password
        super().__init__(base)

    def login(self):
        r = self.http.post(self.base + "/login", data={"username": self.username, "password": self.password},
                           allow_redirects=False)
        assert r.status_code in (302, 303), f"{self.username} could not sign in: {r.status_code} {r.text[:300]}"
        home = self.http.get(self.base + "/")
        self.csrf = re.search(r'name="_csrf" value="([^"]+)"', home.text).group(1)
        self.api = requests.Session()
        r = self.api.post(self.base + "/api/v1/session", json={"username": self.username, "password": self.password})
        assert r.status_code == 200, f"{self.username}: POST /api/v1/session → {r.status_code} {r.text[:300]}"
        self.api_csrf = r.json()["csrfToken"]

    @property
    def cookie(self):
        return self.http.cookies["cocreate_session"]

    def get(self, path):
        return self.http.get(self.base + path, allow_redirects=False, timeout=30)

    def form(self, path, fields):
        """A plain HTML form post with this account's own valid CSRF token."""
        return self.http.post(self.base + path, data={"_csrf": self.csrf, **fields}, allow_redirects=False, timeout=30)

    def api_get(self, path):
        return self.api.get(self.base + path, allow_redirects=False, timeout=30)

    def api_post(self, path, body):
        return self.api.post(self.base + path, json=body, headers={"X-CSRF-Token": self.api_csrf},
                             allow_redirects=False, timeout=30)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def world(request, cocreate_bin):
    """One server per backend with fran and sam, and fran's conversation A with people, seating,
    contributions and a commitment, so that every route of A has something to show or change."""
    backend = request.param
    folder = tempfile.TemporaryDirectory(prefix=f"cocreate-access-{backend}-")
    database = None
    if backend == "postgres":
        server_url = os.environ.get("COCREATE_TEST_POSTGRES_URL", "")
        if not server_url:
            pytest.skip("COCREATE_TEST_POSTGRES_URL is not set; run eval \"$(scripts/postgres-test-server start)\" "
                        "to run these tests against PostgreSQL too")
        database = PostgresDatabase(server_url)
        location = database.url
    else:
        location = str(Path(folder.name) / "access.sqlite")
    add_account(cocreate_bin, location, OWNER, PASSWORD)
    server = AccessServer(cocreate_bin, folder.name, f"access-{backend}", location)
    state = {"server": server, "folder": folder, "database": database, "driver": None, "fallbacks": []}
    try:
        server.start()
        add_account(cocreate_bin, location, STRANGER, STRANGER_PASSWORD)  # while the server runs
        fran = Account(server.url, OWNER, PASSWORD)
        sam = Account(server.url, STRANGER, STRANGER_PASSWORD)
        cid, code = fran.create()
        fran.import_people(cid, PEOPLE)
        fran.seat(cid)
        for idea in IDEAS:
            fran.post(f"/conversations/{cid}/contributions", text=idea)
        view = fran.post(f"/conversations/{cid}/statements", text="Cars slow down near the school")["view"]
        # A participant's commitment, so the commitment routes and exports have one.
        joined = requests.post(server.url + "/api/v1/join", json={"code": code, "participantID": view["participants"][0]["id"]})
        assert joined.status_code == 201, f"join: {joined.status_code} {joined.text[:300]}"
        made = requests.post(server.url + f"/api/v1/c/{code}/me/commitments", json={"text": "Paint the lane by spring"},
                             headers={"Authorization": "Bearer " + joined.json()["token"]})
        assert made.status_code == 201, f"commitment: {made.status_code} {made.text[:300]}"
        view = fran.api_get(f"/api/v1/conversations/{cid}").json()
        themes = re.findall(r'name="theme" value="([^"]+)"', fran.get(f"/conversations/{cid}/themes").text)
        state.update(fran=fran, sam=sam, id=cid, code=code, participant=view["participants"][0]["id"],
                     contribution=view["contributions"][0]["id"], commitment=view["commitments"][0]["id"],
                     themes=themes + ["t-none-1", "t-none-2"])
        yield state
    finally:
        if state["driver"] is not None:
            state["driver"].quit()
        server.stop()
        if database is not None:
            database.drop()
        folder.cleanup()


# ---------------------------------------------------------------------------------------------
# Routes

class FormsAndLinks(HTMLParser):
    """The POST forms (action and hidden fields) and the links of a page."""

    def __init__(self):
        super().__init__()
        self.forms, self.links, self._form = [], [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = (a.get("action") or "", {})
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None and a.get("type") == "hidden" and a.get("name") not in (None, "_csrf"):
            self._form[1][a["name"]] = a.get("value") or ""
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def discovered(w):
    """What fran's own pages of A offer: every POST form under /conversations/A/ and every link
    under /conversations/A, so routes added later are tried too."""
    prefix = f"/conversations/{w['id']}"
    parser = FormsAndLinks()
    for page in (prefix, prefix + "/commitments", prefix + "/themes"):
        parser.feed(w["fran"].get(page).text)
    posts = [(action, fields) for action, fields in parser.forms if action.startswith(prefix + "/")]
    gets = sorted({href.split("#")[0].split("?")[0] for href in parser.links
                   if href.split("#")[0].split("?")[0].startswith(prefix)} - {""})
    return posts, gets


def openapi(w):
    """The facilitator API of one conversation as /openapi.json describes it: (method, path) pairs."""
    if "openapi" not in w:
        paths = requests.get(w["server"].url + "/openapi.json", timeout=30).json()["paths"]
        w["openapi"] = [(method.upper(), path) for path, item in paths.items()
                        if path.startswith("/api/v1/conversations/{id}") for method in item if method in ("get", "post")]
    return w["openapi"]


def api_path(template, cid, w):
    path = template.replace("{id}", cid).replace("{contribution}", w.get("contribution", "k1"))
    return re.sub(r"\{[^}]+\}", "x1", path)


def page_gets(cid, w=None):
    paths = [f"/conversations/{cid}{suffix}" for suffix in PAGE_GETS]
    if w is not None and cid == w["id"]:
        paths += [p for p in discovered(w)[1] if p not in paths]
    return paths


def api_gets(cid, w=None):
    paths = [f"/api/v1/conversations/{cid}{suffix}" for suffix in API_GETS]
    if w is not None:
        paths += [p for p in (api_path(t, cid, w) for m, t in openapi(w) if m == "GET") if p not in paths]
    return paths


def page_posts(w):
    """Every POST under /conversations/A/..., each with fields that would work for fran, then
    every other POST form on fran's pages of A (with its hidden fields)."""
    cid, t = w["id"], w["themes"]
    base = f"/conversations/{cid}"
    posts = [
        (base + "/people", {"csv": "name\nMallory Intruder\n"}),
        (base + "/arrivals", {"participantID": w["participant"]}),
        (base + "/agenda", {"action": "start"}),
        (base + "/contributions", {"text": "sam was here"}),
        (base + f"/contributions/{w['contribution']}/hide", {"reason": "sam hid it"}),
        (base + "/statements", {"text": "sam's statement"}),
        (base + "/seating", {}),
        (base + "/seating/move", {"participantID": w["participant"], "table": "2"}),
        (base + "/seating/lock", {"table": "1"}),
        (base + f"/commitments/{w['commitment']}/link", {}),
        (base + f"/commitments/{w['commitment']}/link/revoke", {}),
        (base + "/results-visibility", {"visibility": "public"}),
        (base + "/learnings", {"worked": "sam's learning", "change": "sam's change"}),
        (base + "/follow-up", {"design": "same"}),
        (base + "/themes/rename", {"theme": t[0], "label": "Renamed by sam"}),
        (base + "/themes/move", {"item": w["contribution"], "toTheme": "new"}),
        (base + "/themes/merge", {"from": t[0], "into": t[1]}),
        (base + "/team", {"username": STRANGER, "role": "co-facilitator"}),
        (base + "/team/remove", {"username": OWNER}),
    ]
    known = {path for path, _ in posts}
    for action, fields in discovered(w)[0]:
        if action not in known:
            known.add(action)
            posts.append((action, fields))
    return posts


def api_posts(w):
    """Every POST under /api/v1/conversations/A/..., each with a body that would work for fran,
    then any other POST /openapi.json lists (with an empty body)."""
    base = f"/api/v1/conversations/{w['id']}"
    posts = [
        (base + "/participants", {"people": [{"name": "Mallory Intruder"}]}),
        (base + "/arrivals", {"participantID": w["participant"]}),
        (base + "/seating", {}),
        (base + "/agenda", {"action": "start"}),
        (base + "/contributions", {"text": "sam was here"}),
        (base + f"/contributions/{w['contribution']}/hide", {"reason": "sam hid it"}),
        (base + "/statements", {"text": "sam's statement"}),
    ]
    known = {path for path, _ in posts}
    for method, template in openapi(w):
        path = api_path(template, w["id"], w)
        if method == "POST" and path not in known:
            known.add(path)
            posts.append((path, {}))
    return posts


def reserved_paths(w):
    return page_gets(RESERVED) + api_gets(RESERVED, w)


# ---------------------------------------------------------------------------------------------
# Helpers

def line_count(w):
    return len(w["fran"].export(w["id"]).splitlines())


def events_of(w, event_type):
    return [json.loads(line) for line in w["fran"].export(w["id"]).splitlines()
            if json.loads(line).get("type") == event_type]


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def normal(role):
    return role.replace("-", "").replace("_", "").lower()


def names(record, username, role=None):
    """Whether an exported event names `username` (and `role`, as co-facilitator or coFacilitator)."""
    values = list(strings_in(record.get("event")))
    return username in values and (role is None or normal(role) in {normal(v) for v in values})


def role_of_stranger(w):
    """sam's role on A as the export tells it: the last accessGranted/accessRevoked naming sam."""
    role = None
    for line in w["fran"].export(w["id"]).splitlines():
        record = json.loads(line)
        if record.get("type") == "accessGranted" and names(record, STRANGER):
            values = {normal(v) for v in strings_in(record.get("event"))}
            role = next((r for r in ("co-facilitator", "observer") if normal(r) in values), "?")
        elif record.get("type") == "accessRevoked" and names(record, STRANGER):
            role = None
    return role


def ensure_role(w, role):
    """Makes sure sam has `role` (None: no role) before a test that needs it. The browser tests do
    this through the console; should they have failed, fran posts the same form over HTTP so the
    server's side is still tested, and the fallback is recorded."""
    if role_of_stranger(w) == role:
        return
    cid = w["id"]
    if role is None:
        path, fields = f"/conversations/{cid}/team/remove", {"username": STRANGER}
    else:
        path, fields = f"/conversations/{cid}/team", {"username": STRANGER, "role": role}
    r = w["fran"].form(path, fields)
    w["fallbacks"].append(f"{path} {fields} → {r.status_code}")
    assert r.status_code in (200, 303), (
        f"could not set sam's role on A to {role!r}: the browser step failed and fran's POST {path} {fields} "
        f"→ {r.status_code} {r.text[:200]}")
    assert role_of_stranger(w) == role, f"after fran's POST {path} {fields} the export says sam's role is {role_of_stranger(w)!r}, not {role!r}"


def console_socket(base, key, cookie):
    """What the console WebSocket /ws/console/KEY does for this session cookie: 'view' when a
    message with a view arrives within SOCKET_WAIT seconds of sending {"after": 0} (as live.js
    does), else 'refused (…)', 'closed' or 'silent'."""
    url = base.replace("http://", "ws://") + f"/ws/console/{key}"
    try:
        ws = websocket.create_connection(url, cookie=f"cocreate_session={cookie}", timeout=SOCKET_WAIT)
    except websocket.WebSocketBadStatusException as error:
        return f"refused ({error.status_code})"
    except (websocket.WebSocketException, OSError) as error:
        return f"refused ({error!r})"
    try:
        ws.send(json.dumps({"after": 0}))
        deadline = time.monotonic() + SOCKET_WAIT
        while (left := deadline - time.monotonic()) > 0:
            ws.settimeout(left)
            try:
                message = ws.recv()
            except websocket.WebSocketTimeoutException:
                return "silent"
            except (websocket.WebSocketException, OSError):
                return "closed"
            if isinstance(message, bytes):
                message = message.decode("utf-8", "replace")
            if not message:
                return "closed"
            if '"view"' in message:
                return "view"
        return "silent"
    finally:
        ws.close()


def failures(results, expected):
    """'ACCOUNT METHOD PATH → STATUS body…' for every response whose status is not in `expected`."""
    return [f"{who} {method} {path} → {r.status_code} (expected {'/'.join(map(str, expected))}) {r.text[:120]!r}"
            for who, method, path, r in results if r.status_code not in expected]


def report(problems):
    return f"{len(problems)} route(s) wrong:\n  " + "\n  ".join(problems)


def browser(w):
    """fran's console in headless Chromium, fran's session cookie copied in (as sign_in in
    test_live_room does)."""
    if w["driver"] is None:
        from test_live_room import make_driver, sign_in
        driver = make_driver(1280, 900)
        sign_in(driver, w["server"].url, w["fran"])
        w["driver"] = driver
    return w["driver"]


def press(driver, button):
    """Scrolls the button to the middle of the window first: at the foot of a long console a plain
    click can land on whatever overlaps it, which failed once under a loaded machine."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()


def open_console(w):
    pytest.importorskip("selenium.webdriver")
    driver = browser(w)
    driver.get(w["server"].url + f"/conversations/{w['id']}")
    assert f"/conversations/{w['id']}" in driver.current_url, f"fran's console did not open: {driver.current_url}"
    return driver


def wait_for_event(w, event_type, role=None, before=0, timeout=10):
    """Waits for a new `event_type` event naming sam (and `role`) in A's export; returns it or None."""
    deadline = time.monotonic() + timeout
    while True:
        found = [e for e in events_of(w, event_type) if names(e, STRANGER, role)]
        if len(found) > before:
            return found[-1]
        if time.monotonic() > deadline:
            return None
        time.sleep(0.2)


def grant_through_console(w, role):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    driver = open_console(w)
    before = len([e for e in events_of(w, "accessGranted") if names(e, STRANGER, role)])
    forms = driver.find_elements(By.CSS_SELECTOR, "form#team-form")
    assert forms, (f"fran's console /conversations/{w['id']} has no form#team-form; forms on the page: "
                   f"{[f.get_attribute('action') for f in driver.find_elements(By.TAG_NAME, 'form')]}")
    form = forms[0]
    action = form.get_attribute("action") or ""
    assert action.rstrip("/").endswith(f"/conversations/{w['id']}/team"), f"form#team-form posts to {action!r}"
    username = form.find_element(By.CSS_SELECTOR, "input[name=username]")
    username.clear()
    username.send_keys(STRANGER)
    Select(form.find_element(By.CSS_SELECTOR, "select[name=role]")).select_by_value(role)
    press(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit], button:not([type])"))
    event = wait_for_event(w, "accessGranted", role, before)
    assert event is not None, (f"after fran submitted form#team-form (username=sam, role={role}) no new accessGranted "
                               f"event naming sam and {role} is in A's export; types there: "
                               f"{sorted({json.loads(l)['type'] for l in w['fran'].export(w['id']).splitlines()})}")
    return event


def remove_through_console(w):
    from selenium.webdriver.common.by import By
    driver = open_console(w)
    action = f"/conversations/{w['id']}/team/remove"
    forms = [f for f in driver.find_elements(By.TAG_NAME, "form")
             if (f.get_attribute("action") or "").rstrip("/").endswith(action)]
    assert forms, f"fran's console has no form with action {action}"
    # A form per member (a hidden username) or one form with a field to fill in.
    target = next((f for f in forms if f.find_elements(By.CSS_SELECTOR, f"input[type=hidden][name=username][value='{STRANGER}']")), None)
    if target is None:
        for form in forms:
            fields = [f for f in form.find_elements(By.CSS_SELECTOR, "input[name=username], select[name=username]")
                      if f.get_attribute("type") != "hidden"]
            if fields:
                if fields[0].tag_name == "select":
                    from selenium.webdriver.support.ui import Select
                    Select(fields[0]).select_by_value(STRANGER)
                else:
                    fields[0].clear()
                    fields[0].send_keys(STRANGER)
                target = form
                break
    assert target is not None, f"none of the {len(forms)} form(s) posting to {action} removes sam (no username field for sam)"
    press(driver, target.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit], button:not([type])"))
    alert = None
    try:  # a confirm() dialog, if the console asks
        alert = driver.switch_to.alert
    except Exception:
        pass
    if alert is not None:
        alert.accept()
    event = wait_for_event(w, "accessRevoked")
    assert event is not None, "after fran submitted the remove form for sam no accessRevoked event naming sam is in A's export"
    return event


# ---------------------------------------------------------------------------------------------
# sam has no role on A

def test_stranger_gets_404_on_every_page_and_export(world):
    fran, sam = world["fran"], world["sam"]
    control = failures([(OWNER, "GET", p, fran.get(p)) for p in page_gets(world["id"], world)], (200,))
    assert not control, "fran (the owner) cannot read her own conversation: " + report(control)
    problems = failures([(STRANGER, "GET", p, sam.get(p)) for p in page_gets(world["id"], world)], (404,))
    assert not problems, "sam has no role on A, so A's pages and exports must be 404: " + report(problems)


def test_stranger_posts_are_404_and_change_nothing(world):
    sam = world["sam"]
    before = line_count(world)
    results = [(STRANGER, "POST", path, sam.form(path, fields)) for path, fields in page_posts(world)]
    after = line_count(world)
    problems = failures(results, (404,))
    assert not problems, "sam has no role on A, so every POST under /conversations/A must be 404: " + report(problems)
    assert after == before, f"sam's POSTs changed A: its export had {before} lines before and {after} after"


def test_stranger_api_is_404(world):
    sam = world["sam"]
    before = line_count(world)
    results = [(STRANGER, "GET", p, sam.api_get(p)) for p in api_gets(world["id"], world)]
    results += [(STRANGER, "POST", path, sam.api_post(path, body)) for path, body in api_posts(world)]
    after = line_count(world)
    problems = failures(results, (404,))
    assert not problems, "sam has no role on A, so every /api/v1/conversations/A route must be 404: " + report(problems)
    assert after == before, f"sam's API POSTs changed A: its export had {before} lines before and {after} after"


def test_stranger_console_socket_is_refused(world):
    base = world["server"].url
    owner = console_socket(base, world["id"], world["fran"].cookie)
    assert owner == "view", f"fran's own console socket /ws/console/{world['id']} sent no view within {SOCKET_WAIT}s: {owner}"
    stranger = console_socket(base, world["id"], world["sam"].cookie)
    assert stranger != "view", f"sam (no role) opened /ws/console/{world['id']} and was sent A's console view"


def test_stranger_lists_do_not_show_the_conversation(world):
    fran, sam, cid, code = world["fran"], world["sam"], world["id"], world["code"]
    own_id, own_code = sam.create()  # sam's own conversation: the control
    for who, account, path, r in [(STRANGER, sam, "/", sam.get("/")), (STRANGER, sam, "/api/v1/conversations", sam.api_get("/api/v1/conversations"))]:
        assert r.status_code == 200, f"sam GET {path} → {r.status_code}"
        assert own_id in r.text, f"sam's GET {path} does not list sam's own conversation {own_id}"
        assert cid not in r.text, f"sam's GET {path} lists fran's conversation A (id {cid})"
        assert code not in r.text, f"sam's GET {path} shows A's join code {code}"
    for path, r in [("/", fran.get("/")), ("/api/v1/conversations", fran.api_get("/api/v1/conversations"))]:
        assert cid in r.text, f"fran's GET {path} does not list her own conversation A ({cid})"
        assert own_id not in r.text, f"fran's GET {path} lists sam's conversation {own_id}"


# ---------------------------------------------------------------------------------------------
# The reserved accounts stream

def test_reserved_accounts_stream_is_no_conversation(world):
    problems = []
    for account in (world["fran"], world["sam"]):
        results = [(account.username, "GET", p, account.get(p)) for p in page_gets(RESERVED)]
        results += [(account.username, "GET", p, account.api_get(p)) for p in api_gets(RESERVED, world)]
        problems += failures(results, (404,))
        socket = console_socket(world["server"].url, RESERVED, account.cookie)
        if socket == "view":
            problems.append(f"{account.username} /ws/console/{RESERVED} → sent a view")
    assert not problems, f"the reserved stream {RESERVED} must be 404 for every account: " + report(problems)


# ---------------------------------------------------------------------------------------------
# sam as an observer

def test_owner_adds_an_observer_through_the_console(world):
    event = grant_through_console(world, "observer")
    assert names(event, STRANGER, "observer"), f"the accessGranted event does not name sam as observer: {event}"


def test_observer_reads_every_page_and_export(world):
    ensure_role(world, "observer")
    sam = world["sam"]
    problems = failures([(STRANGER, "GET", p, sam.get(p)) for p in page_gets(world["id"], world)], (200,))
    assert not problems, "sam is an observer of A, so A's pages and exports must be 200: " + report(problems)
    export = sam.get(f"/conversations/{world['id']}/export.jsonl").text
    assert "accessGranted" in export, "the export sam reads as an observer is not A's (no accessGranted event)"


def test_observer_reads_the_api(world):
    ensure_role(world, "observer")
    sam = world["sam"]
    problems = failures([(STRANGER, "GET", p, sam.api_get(p)) for p in api_gets(world["id"], world)], (200,))
    assert not problems, "sam is an observer of A, so A's API reads must be 200: " + report(problems)


def test_observer_cannot_write(world):
    ensure_role(world, "observer")
    sam = world["sam"]
    before = line_count(world)
    results = [(STRANGER, "POST", path, sam.form(path, fields)) for path, fields in page_posts(world)]
    results += [(STRANGER, "POST", path, sam.api_post(path, body)) for path, body in api_posts(world)]
    after = line_count(world)
    problems = failures(results, (403,))
    assert not problems, "sam is only an observer of A, so every POST of A must be 403: " + report(problems)
    assert after == before, f"the observer's POSTs changed A: its export had {before} lines before and {after} after"
    assert role_of_stranger(world) == "observer", f"after the observer's POSTs sam's role is {role_of_stranger(world)!r}"


def test_observer_console_socket_sends_views(world):
    ensure_role(world, "observer")
    result = console_socket(world["server"].url, world["id"], world["sam"].cookie)
    assert result == "view", f"sam (observer) got no console view on /ws/console/{world['id']} within {SOCKET_WAIT}s: {result}"


# ---------------------------------------------------------------------------------------------
# sam as a co-facilitator

def test_owner_makes_the_observer_a_co_facilitator_through_the_console(world):
    ensure_role(world, "observer")
    event = grant_through_console(world, "co-facilitator")
    assert names(event, STRANGER, "co-facilitator"), f"the accessGranted event does not name sam as co-facilitator: {event}"


def test_co_facilitator_can_write(world):
    ensure_role(world, "co-facilitator")
    sam, cid = world["sam"], world["id"]
    text = f"Statement by the co-facilitator {uuid.uuid4().hex[:6]}"
    r = sam.http.post(sam.base + f"/conversations/{cid}/statements", data={"_csrf": sam.csrf, "text": text},
                      headers={"Accept": "application/json"}, allow_redirects=False)
    assert r.status_code in (200, 303), f"sam (co-facilitator) POST /conversations/{cid}/statements → {r.status_code} {r.text[:200]}"
    api_text = f"API statement by the co-facilitator {uuid.uuid4().hex[:6]}"
    r = sam.api_post(f"/api/v1/conversations/{cid}/statements", {"text": api_text})
    assert r.status_code in (200, 201), f"sam (co-facilitator) POST /api/v1/conversations/{cid}/statements → {r.status_code} {r.text[:200]}"
    stated = [value for e in events_of(world, "statementAdded") for value in strings_in(e.get("event"))]
    assert text in stated, "the co-facilitator's statement (HTML form) is not in A's export"
    assert api_text in stated, "the co-facilitator's statement (API) is not in A's export"


def test_no_response_body_carries_a_bcrypt_hash(world):
    cid = world["id"]
    paths = page_gets(cid, world) + api_gets(cid, world) + ["/", "/api/v1/conversations"] + reserved_paths(world)
    leaks = []
    for account in (world["fran"], world["sam"]):
        for path in paths:
            for session in (account.http, account.api):
                r = session.get(account.base + path, allow_redirects=False, timeout=30)
                if BCRYPT.search(r.text):
                    leaks.append(f"{account.username} GET {path} → {r.status_code}: …{BCRYPT.search(r.text).group(0)}…")
    assert not leaks, "bcrypt hashes in response bodies: " + report(sorted(set(leaks)))


# ---------------------------------------------------------------------------------------------
# sam removed

def test_owner_removes_the_co_facilitator_through_the_console(world):
    ensure_role(world, "co-facilitator")
    event = remove_through_console(world)
    assert names(event, STRANGER), f"the accessRevoked event does not name sam: {event}"
    assert role_of_stranger(world) is None, f"after the removal the export still gives sam the role {role_of_stranger(world)!r}"


def test_removed_account_is_back_to_404(world):
    ensure_role(world, None)
    sam, cid = world["sam"], world["id"]
    before = line_count(world)
    results = [(STRANGER, "GET", p, sam.get(p)) for p in page_gets(cid, world)]
    results += [(STRANGER, "POST", path, sam.form(path, fields)) for path, fields in page_posts(world)]
    results += [(STRANGER, "GET", p, sam.api_get(p)) for p in api_gets(cid, world)]
    results += [(STRANGER, "POST", path, sam.api_post(path, body)) for path, body in api_posts(world)]
    after = line_count(world)
    problems = failures(results, (404,))
    socket = console_socket(world["server"].url, cid, sam.cookie)
    if socket == "view":
        problems.append(f"sam /ws/console/{cid} → sent a view")
    assert not problems, "sam was removed from A, so A must be 404 for sam again: " + report(problems)
    assert after == before, f"the removed account's POSTs changed A: its export had {before} lines before and {after} after"
    for path, r in [("/", sam.get("/")), ("/api/v1/conversations", sam.api_get("/api/v1/conversations"))]:
        assert cid not in r.text, f"after the removal sam's GET {path} still lists A ({cid})"

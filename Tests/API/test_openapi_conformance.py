"""The server really conforms to /openapi.json: every documented operation is exercised against a
running `cocreate serve`, and every response it gives the conformance tests is checked against its operation in
the document: the status must be documented, the Content-Type must be the documented one, and the body must
validate against that response's schema (which describes nested objects fully and closes them, so a key added
or dropped by the server fails here). The document must also list every route the server registers under /api/."""
import json
import os
import re
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

import jsonschema
import pytest
from jsonschema.exceptions import best_match
from openapi_spec_validator import validate as validate_spec

BIN = os.environ.get("COCREATE_BIN", ".build/debug/cocreate")
ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "Sources" / "Server" / "Public" / "openapi.json"
PASSWORD = "correct horse battery"
PEOPLE = "id,name,group\np01,Ada,students\np02,Bayo,staff\np03,Chen,students\np04,Dee,staff\np05,Eli,students\np06,Fay,staff\n"
# Accounts besides fran: an observer, a co-facilitator and one without a role, for the per-conversation roles.
OTHER_ACCOUNTS = ("olive", "cole", "sam")
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def new_database(prefix, accounts=()):
    """A fresh SQLite file with the facilitator fran, and `accounts` with the same password."""
    database = os.path.join(tempfile.mkdtemp(prefix=prefix), "cocreate.sqlite")
    for username in ("fran", *accounts):
        subprocess.run([BIN, "user", "add", username, "--database", database], input=(PASSWORD + "\n").encode(), check=True, capture_output=True)
    return database


def start_server(database, port, stderr=subprocess.DEVNULL):
    """Starts `cocreate serve` and returns once /healthz answers."""
    process = subprocess.Popen([BIN, "serve", "--database", database, "--port", str(port), "--log-level", "warning"],
                               stdout=subprocess.DEVNULL, stderr=stderr)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    return process


class Conformance:
    """Checks answers against the document and remembers which operations answered with which statuses."""

    def __init__(self, document):
        self.document = document
        self.answered = {}  # (method, template) -> set of statuses
        self.routes = []
        for template, operations in document["paths"].items():
            pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")
            for method in operations:
                if method in METHODS:
                    self.routes.append((method, pattern, template))
        self.operations = {(method, template) for method, _, template in self.routes}

    def template(self, method, path):
        path = urllib.parse.urlsplit(path).path
        matches = [template for m, pattern, template in self.routes if m == method and pattern.match(path)]
        # A literal segment beats a parameter: /conversations/{id}/team/remove is not …/{contribution}/hide.
        assert matches, f"{method.upper()} {path} is not an operation of the document"
        return min(matches, key=lambda t: t.count("{"))

    def schema(self, schema):
        """A schema of the document, resolvable on its own ($refs point into the document's components)."""
        return {**schema, "components": self.document["components"]}

    def check_request(self, method, path, body, content_type):
        """A request the tests send as a client would: its media type and body are the documented ones."""
        template = self.template(method, path)
        documented = self.document["paths"][template][method].get("requestBody")
        if body is None:
            assert not (documented or {}).get("required"), f"{method.upper()} {template} needs a body"
            return
        assert documented, f"{method.upper()} {template} takes no body in the document"
        assert content_type in documented["content"], f"{method.upper()} {template} takes {sorted(documented['content'])}, not {content_type}"
        schema = documented["content"][content_type].get("schema")
        if content_type == "application/json" and schema:
            error = best_match(jsonschema.Draft202012Validator(self.schema(schema)).iter_errors(body))
            assert error is None, f"{method.upper()} {template}: the test's request is not what the document describes: {error.message}"

    def check(self, method, path, status, content_type, raw):
        template = self.template(method, path)
        operation = self.document["paths"][template][method]
        label = f"{method.upper()} {template} answered {status}"
        assert str(status) in operation["responses"], f"{label}, which is not documented: {raw[:300]!r}"
        content = operation["responses"][str(status)].get("content", {})
        media = (content_type or "").split(";")[0].strip().lower()
        if not content:
            assert raw == b"", f"{label} with a body, where the document gives none: {raw[:300]!r}"
        else:
            assert media in content, f"{label} as {content_type!r}; the document says {sorted(content)}"
        self.answered.setdefault((method, template), set()).add(status)
        if media != "application/json":
            return raw
        body = json.loads(raw)
        schema = content[media].get("schema")
        assert schema, f"{label}: the document gives JSON but no schema"
        validator = jsonschema.Draft202012Validator(self.schema(schema), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        error = best_match(validator.iter_errors(body))
        # An event line that matches none of the oneOf branches: say what is wrong in the branch of its own type.
        while error is not None and error.validator == "oneOf" and error.context:
            branches = {e.relative_schema_path[0] for e in error.context if list(e.relative_path) == ["type"]}
            own = [e for e in error.context if e.relative_schema_path[0] not in branches]
            if not own:
                break
            error = best_match(own)
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "(the body)"
            pytest.fail(f"{label} with a body that does not match its schema at {where}: {error.message}\n"
                        f"  schema path: {'/'.join(str(p) for p in error.absolute_schema_path)}")
        return body


class Client:
    """A tiny HTTP client with a cookie jar and the API's headers. Given a `Conformance`, it checks every answer."""

    def __init__(self, base, conformance=None):
        self.base = base
        self.conformance = conformance
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.headers = {}

    def call(self, method, path, body=None, content_type="application/json", off_schema=False):
        """Sends a request; `off_schema` for a body that deliberately breaks the documented request schema."""
        if self.conformance is not None and not off_schema:
            self.conformance.check_request(method.lower(), path, body, content_type)
        data = None
        headers = dict(self.headers)
        if body is not None:
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            headers["Content-Type"] = content_type
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=10) as response:
                status, answer_type, raw = response.status, response.headers.get("Content-Type"), response.read()
        except urllib.error.HTTPError as error:
            status, answer_type, raw = error.code, error.headers.get("Content-Type"), error.read()
        if self.conformance is not None:
            return status, self.conformance.check(method.lower(), path, status, answer_type, raw)
        return status, json.loads(raw or b"null")

    @classmethod
    def signed_in(cls, base, conformance=None, username="fran"):
        """A facilitator (fran unless told; made by `new_database`), signed in over the API with the CSRF header set."""
        client = cls(base, conformance)
        status, body = client.call("POST", "/api/v1/session", {"username": username, "password": PASSWORD})
        assert status == 200, body
        client.headers["X-CSRF-Token"] = body["csrfToken"]
        return client


@pytest.fixture(scope="module")
def server():
    port = free_port()
    process = start_server(new_database("cocreate-api-", OTHER_ACCOUNTS), port)
    yield f"http://127.0.0.1:{port}"
    process.kill()
    process.wait()


@pytest.fixture(scope="module")
def spec(server):
    with urllib.request.urlopen(server + "/openapi.json") as response:
        document = json.load(response)
    validate_spec(document)
    return document


@pytest.fixture(scope="module")
def conformance(spec):
    return Conformance(spec)


def test_the_served_document_is_the_one_in_the_tree(spec):
    assert spec == json.loads(DOCUMENT.read_text()), \
        f"/openapi.json differs from {DOCUMENT.relative_to(ROOT)}: the binary under test was built from another document"


def test_response_schemas_describe_every_nested_object(spec):
    """No bare `object` or item-less array in what the server answers: every object lists its properties and is
    closed (additionalProperties false), or is a map whose values have a schema."""
    problems = []
    seen = set()

    def walk(schema, where):
        if not isinstance(schema, dict):
            return
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            if name not in seen:
                seen.add(name)
                walk(spec["components"]["schemas"][name], f"#/components/schemas/{name}")
            return
        for key in ("oneOf", "anyOf", "allOf"):
            for index, branch in enumerate(schema.get(key, [])):
                walk(branch, f"{where}/{key}/{index}")
        kind = schema.get("type")
        if not kind and "const" not in schema and not any(k in schema for k in ("oneOf", "anyOf", "allOf")):
            problems.append(f"{where}: no type")
        if kind == "object":
            extra = schema.get("additionalProperties")
            if "properties" in schema:
                if extra is not False:
                    problems.append(f"{where}: properties without additionalProperties: false")
                missing = set(schema.get("required", [])) - set(schema["properties"])
                if missing:
                    problems.append(f"{where}: requires {sorted(missing)}, which it does not describe")
                for name, sub in schema["properties"].items():
                    walk(sub, f"{where}/properties/{name}")
            elif isinstance(extra, dict):
                walk(extra, f"{where}/additionalProperties")
            else:
                problems.append(f"{where}: an object without properties")
        if kind == "array":
            if "items" not in schema:
                problems.append(f"{where}: an array without items")
            else:
                walk(schema["items"], f"{where}/items")

    for template, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation.get("responses", {}).items():
                for media, content in response.get("content", {}).items():
                    walk(content.get("schema"), f"{method.upper()} {template} {status} {media}")
    assert problems == []


def test_every_documented_operation_answers_as_documented(server, conformance):
    facilitator = Client(server, conformance)
    status, body = facilitator.call("POST", "/api/v1/session", {"username": "fran", "password": PASSWORD})
    assert status == 200
    facilitator.headers["X-CSRF-Token"] = body["csrfToken"]
    status, body = Client(server, conformance).call("POST", "/api/v1/session", {"username": "fran", "password": "wrong horse"})
    assert status == 401

    status, body = facilitator.call("GET", "/api/v1/designs")
    assert {d["name"] for d in body} >= {"world-cafe", "cooperative-knowledge-cafe"}

    status, created = facilitator.call("POST", "/api/v1/conversations", {"design": "cooperative-knowledge-cafe"})
    assert status == 201
    cid, code = created["id"], created["joinCode"]

    status, body = facilitator.call("GET", "/api/v1/conversations")
    assert cid in [c["id"] for c in body]
    status, body = Client(server, conformance).call("GET", "/api/v1/conversations")
    assert status == 401

    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/participants", PEOPLE, content_type="text/csv")
    assert status == 200
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/participants", {"people": [{"id": "p07", "name": "Gus", "group": "staff"}, {"name": "Hana", "group": "students"}]})
    assert len(body["participants"]) == 8

    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/capacity", {"maximumParticipants": 1500})
    assert status == 200
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/capacity", {"maximumParticipants": 2})
    assert status == 422 and "maximumParticipants" in body["error"]

    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/arrivals", {"participantID": "p02"})
    assert status == 200
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/seating", {"id": str(uuid.uuid4()), "seed": 7})
    assert body["roundsPlanned"] == 3 and len(body["tables"]) == 2

    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/agenda", {"action": "start"})
    assert body["phase"]["kind"] == "input"
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/agenda", {"action": "dance"}, off_schema=True)
    assert status == 422 and "action" in body["error"]

    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/contributions", {"text": "From the paper sheet of table 1", "table": 1})
    assert status == 201
    contribution = body["contributions"][0]["id"]
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/statements", {"fromContribution": contribution})
    assert status == 201
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/contributions/{contribution}/hide", {"reason": "duplicate"})
    assert body["contributions"][0]["hidden"] is True

    phone = Client(server, conformance)
    status, joined = phone.call("POST", "/api/v1/join", {"code": code, "participantID": "p01"})
    assert status == 201
    phone.headers["Authorization"] = "Bearer " + joined["token"]
    walk_in = Client(server, conformance)
    status, body = walk_in.call("POST", "/api/v1/join", {"code": code, "name": "Walk-in Wren", "group": "students", "id": str(uuid.uuid4())})
    assert status == 201
    status, body = walk_in.call("POST", "/api/v1/join", {"code": "WRONG-CODE", "participantID": "p01"})
    assert status == 404

    status, body = phone.call("GET", f"/api/v1/c/{code}/me")
    assert body["me"]["id"] == "p01" and body["seat"]["table"] in (1, 2)
    write_id = str(uuid.uuid4())
    for _ in range(2):  # a retry with the same id is applied once
        status, body = phone.call("POST", f"/api/v1/c/{code}/me/contributions", {"text": "Feedback in two weeks", "kind": "proposal", "id": write_id})
    assert [c["text"] for c in body["myContributions"]].count("Feedback in two weeks") == 1
    status, body = phone.call("POST", f"/api/v1/c/{code}/me/votes", {"statementID": "p5s1", "vote": "agree"})
    assert status == 200
    status, body = phone.call("POST", f"/api/v1/c/{code}/me/votes", {"statementID": "nope", "vote": "agree"})
    assert status == 422
    status, body = phone.call("POST", f"/api/v1/c/{code}/me/commitments", {"text": "Draft criteria with students", "due": "2027-03-01"})
    assert status == 201
    status, body = Client(server, conformance).call("GET", f"/api/v1/c/{code}/me")
    assert status == 401

    status, body = Client(server, conformance).call("GET", f"/api/v1/c/{code}/screen")
    assert body["seating"]["round"] == 1

    status, body = facilitator.call("GET", f"/api/v1/conversations/{cid}")
    assert body["statements"][0]["tally"]["agree"] == 1
    status, events = facilitator.call("GET", f"/api/v1/conversations/{cid}/events?after=0")
    assert [e["sequence"] for e in events] == list(range(1, len(events) + 1))
    assert sum(1 for e in events if e["type"] == "contributionAdded") == 2

    # Dots and budget: this design has neither, so both are refused with the rule named; a retry rule holds.
    status, body = phone.call("POST", f"/api/v1/c/{code}/me/dots", {"dots": {"p5s1": 1}})
    assert status == 422 and "dots" in body["error"]
    status, body = phone.call("POST", f"/api/v1/c/{code}/me/budget", {"statementIDs": []})
    assert status == 200
    status, body = phone.call("POST", f"/api/v1/c/{code}/me/contributions", {"text": "Other text, reused id", "id": write_id})
    assert status == 409

    # The team: only accounts that exist get a role; the owner's own role stays.
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/team", {"username": "nobody-here", "role": "observer"})
    assert status == 422 and "nobody-here" in body["error"]
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/team", {"username": "fran", "role": "observer"})
    assert status == 422, "the owner already owns it"
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/team/remove", {"username": "nobody-here"})
    assert status == 422

    # Writes without the CSRF token are refused.
    no_csrf = Client(server, conformance)
    no_csrf.opener = facilitator.opener
    status, body = no_csrf.call("POST", "/api/v1/conversations", {"design": "world-cafe"})
    assert status == 403

    # The whole agenda, every phase kind in turn: each phase's console, projector and phone views are checked.
    kinds = []
    while True:
        status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/agenda", {"action": "start"})
        if status == 422:
            assert "every phase has run" in body["error"]
            break
        kinds.append(body["phase"]["kind"])
        for action in ("pause", "resume", "extend", "end"):
            status, _ = facilitator.call("POST", f"/api/v1/conversations/{cid}/agenda", {"action": action})
            assert status == 200, action
        status, _ = phone.call("GET", f"/api/v1/c/{code}/me")
        assert status == 200
        status, _ = Client(server, conformance).call("GET", f"/api/v1/c/{code}/screen")
        assert status == 200
    assert {"round", "plenary", "vote", "action-planning"} <= set(kinds), kinds  # input ran above
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/agenda", {"action": "close"})
    assert body["closed"] is True
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/agenda", {"action": "reopen"})
    assert body["closed"] is False
    status, events = facilitator.call("GET", f"/api/v1/conversations/{cid}/events?after=0")
    assert {"phasePaused", "phaseResumed", "phaseExtended", "phaseEnded", "conversationClosed", "conversationReopened"} <= {e["type"] for e in events}


def test_dot_and_budget_votes_and_every_phone_through_the_rounds(server, conformance):
    """A dot vote and a budget vote on designs that have them, with every phone's view checked in every phase
    (so the timekeeper's and scribe's turn panels, seats and upcoming seats are validated too)."""
    facilitator = Client.signed_in(server, conformance)
    panels = 0
    for design, method in (("student-staff-partnership", "dots"), ("school-participatory-budget", "budget")):
        status, created = facilitator.call("POST", "/api/v1/conversations", {"design": design})
        assert status == 201
        cid, code = created["id"], created["joinCode"]
        status, _ = facilitator.call("POST", f"/api/v1/conversations/{cid}/participants", PEOPLE, content_type="text/csv")
        assert status == 200
        phones = []
        for person in ("p01", "p02", "p03", "p04", "p05", "p06"):
            phone = Client(server, conformance)
            status, joined = phone.call("POST", "/api/v1/join", {"code": code, "participantID": person})
            assert status == 201
            phone.headers["Authorization"] = "Bearer " + joined["token"]
            phones.append(phone)
        status, _ = facilitator.call("POST", f"/api/v1/conversations/{cid}/seating", {"seed": 11})
        assert status == 200
        statement = {"text": "A quiet room in the library", "cost": 3000} if method == "budget" else {"text": "Feedback within two weeks"}
        status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/statements", statement)
        assert status == 201
        sid = body["statements"][0]["id"]
        while True:
            status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/agenda", {"action": "start"})
            assert status == 200, body
            for phone in phones:
                status, view = phone.call("GET", f"/api/v1/c/{code}/me")
                panels += "turns" in view
            if body["phase"]["kind"] == "vote":
                break
        assert body["phase"]["voteMethod"] == method
        if method == "dots":
            status, view = phones[0].call("POST", f"/api/v1/c/{code}/me/dots", {"dots": {sid: 2}, "id": str(uuid.uuid4())})
            assert status == 200 and [s["myDots"] for s in view["statements"] if s["id"] == sid] == [2]
        else:
            status, view = phones[0].call("POST", f"/api/v1/c/{code}/me/budget", {"statementIDs": [sid]})
            assert status == 200 and [s["chosen"] for s in view["statements"] if s["id"] == sid] == [True]
        status, screen = Client(server, conformance).call("GET", f"/api/v1/c/{code}/screen")
        assert screen["showResults"] is True and screen["results"][0]["id"] == sid
        status, events = facilitator.call("GET", f"/api/v1/conversations/{cid}/events?after=0")
        assert ("dotsPlaced" if method == "dots" else "budgetAllocated") in {e["type"] for e in events}
    assert panels > 0, "no phone ever showed a turn panel, so its schema was never checked"


def test_the_console_twins_and_the_event_log_of_every_kind_of_event(server, spec, conformance):
    """The console's forms as API operations (names, paper counts, statement edits, seat moves and locks, themes,
    learnings, visibility...), then a timekeeper's turn and a follow-up link, which only pages write; the log, read
    through the API, must match the document's schema for each kind of event."""
    facilitator = Client.signed_in(server, conformance)

    def page(path, fields, opener=None, headers=None):
        """A form post as a page's script sends it; the answer is a page's, not the API's."""
        request = urllib.request.Request(server + path, data=urllib.parse.urlencode(fields).encode(), method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json", **(facilitator.headers if headers is None else headers)})
        with (opener or facilitator.opener).open(request, timeout=10) as response:
            return json.loads(response.read()) if "json" in response.headers.get("Content-Type", "") else None

    def api(path, body=None, expect=200):
        status, answer = facilitator.call("POST", f"/api/v1/conversations/{cid}{path}", body)
        assert status == expect, f"{path}: {status} {answer}"
        return answer

    def events():
        status, lines = facilitator.call("GET", f"/api/v1/conversations/{cid}/events?after=0")
        assert status == 200
        return lines

    status, created = facilitator.call("POST", "/api/v1/conversations", {"design": "cooperative-knowledge-cafe"})
    cid, code = created["id"], created["joinCode"]
    status, _ = facilitator.call("POST", f"/api/v1/conversations/{cid}/participants", PEOPLE, content_type="text/csv")
    assert status == 200
    api("/participants", {"people": [{"id": "p07", "name": "Gus"}, {"id": "p08", "name": "Hana"}, {"id": "p09", "name": "Ines"}]})
    api("/arrivals", {"participantID": "p06", "present": False})
    phones = {}
    for person in ("p01", "p02", "p03", "p04", "p05"):
        phone = Client(server, conformance)
        status, joined = phone.call("POST", "/api/v1/join", {"code": code, "participantID": person})
        phone.headers["Authorization"] = "Bearer " + joined["token"]
        phones[person] = phone
    view = api("/arrivals/everyone", {})
    assert all(p["arrived"] for p in view["participants"] if p["id"] != "p06")
    view = api("/seating", {"seed": 5})
    other_table = next(t["table"] for t in view["tables"] if "p01" not in [m["id"] for m in t["members"]])
    view = api("/seating/move", {"participantID": "p01", "table": other_table})
    assert "p01" in [m["id"] for t in view["tables"] if t["table"] == other_table for m in t["members"]]
    view = api("/seating/lock", {"table": 1})
    assert [t["locked"] for t in view["tables"] if t["table"] == 1] == [True]
    api("/names/release", {"participantID": "p05"})
    view = api("/name", {"name": "Feedback day", "date": "2027-03-01", "place": "The hall"})
    assert view["title"] == "Feedback day"
    view = api("/contributions", {"text": "From a sheet", "table": 1}, expect=201)
    contribution = view["contributions"][0]["id"]
    view = api("/contributions", {"text": "Another sheet", "table": 2}, expect=201)
    second = view["contributions"][0]["id"]
    api(f"/contributions/{contribution}/hide", {"reason": "by mistake"})
    view = api(f"/contributions/{contribution}/show")
    assert [c["hidden"] for c in view["contributions"] if c["id"] == contribution] == [False]
    view = api("/statements", {"text": "A typo statment"}, expect=201)
    typo = next(s["id"] for s in view["statements"] if s["text"] == "A typo statment")
    view = api("/statements/edit", {"statementID": typo, "text": "A typo statement"})
    assert "A typo statement" in [s["text"] for s in view["statements"]]
    view = api("/statements/translate", {"statementID": typo, "language": "cy", "text": "Datganiad gyda theipo"})
    assert [s["translations"] for s in view["statements"] if s["id"] == typo] == [[{"language": "cy", "text": "Datganiad gyda theipo"}]]
    view = api("/statements/withdraw", {"statementID": typo})
    api("/questions/translate", {"language": "ar", "text": "سؤال المحادثة"})
    worded = [e["event"] for e in events() if e["type"] == "questionTranslated"]
    assert [(w["language"], w["text"], w.get("phaseIndex")) for w in worded] == [("ar", "سؤال المحادثة", None)], worded
    assert typo not in [s["id"] for s in view["statements"]]
    view = api("/paper/tally", {"statementID": "p5s1", "method": "show-of-hands", "agree": 4, "disagree": 1, "pass": 0})
    assert [s["tally"]["onPaper"] for s in view["statements"] if s["id"] == "p5s1"] == [5]
    view = api("/paper/commitment", {"text": "Ask the PTA", "owners": ["p02"], "outsideOwners": "the head teacher", "due": "2027-05-01"}, expect=201)
    assert "Ask the PTA" in [c["text"] for c in view["commitments"]]
    api("/results-visibility", {"visibility": "public"})
    api("/learnings", {"worked": "Paper sheets", "change": "More time for round 2"}, expect=201)
    api("/themes/move", {"item": contribution, "toTheme": "new"})
    api("/themes/move", {"item": second, "toTheme": "new"})
    themes = [e["event"]["themeID"] for e in events() if e["type"] == "themeNamed"]
    assert len(set(themes)) == 2, themes
    api("/themes/rename", {"theme": themes[0], "label": "Paper"})
    api("/themes/merge", {"from": themes[1], "into": themes[0]})
    named = [e["event"] for e in events() if e["type"] == "themeNamed"]
    assert named[-1]["label"] == "Paper" and set(named[-1]["contributionIDs"]) == {contribution, second}

    for _ in range(2):  # the input, then round 1: a timekeeper records a turn (a phone's page; no API operation)
        api("/agenda", {"action": "start"})
    keepers = [(person, view) for person, phone in phones.items()
               for status, view in [phone.call("GET", f"/api/v1/c/{code}/me")] if "turns" in view]
    assert keepers, "nobody keeps time in round 1"
    keeper, view = keepers[0]
    page(f"/c/{code}/me/turns", {"participantID": view["turns"]["speakers"][0]["id"], "seconds": "45"},
         opener=phones[keeper].opener, headers=phones[keeper].headers)
    status, view = phones["p01"].call("POST", f"/api/v1/c/{code}/me/commitments", {"text": "Write up the day", "due": "2027-04-01"})
    status, body = facilitator.call("GET", f"/api/v1/conversations/{cid}")
    commitment = next(c["id"] for c in body["commitments"] if c["text"] == "Write up the day")
    link = page(f"/conversations/{cid}/commitments/{commitment}/link", {})  # the owner's follow-up link: pages only
    page(link["url"], {"status": "in-progress", "note": "Draft shared"}, headers={})
    api("/agenda", {"action": "close"})

    written = {e["type"] for e in events()}
    expected = {"participantLeft", "participantArrived", "tableLocked", "nameClaimed", "nameReleased", "conversationNamed",
                "contributionHidden", "contributionShown", "statementWithdrawn", "paperTallyRecorded", "resultsVisibilitySet",
                "learningRecorded", "themeNamed", "turnTaken", "commitmentMade", "commitmentUpdated", "conversationClosed"}
    assert expected <= written, f"not written: {sorted(expected - written)}"
    documented = {variant["$ref"].rsplit("_", 1)[-1] for variant in spec["components"]["schemas"]["EventLine"]["oneOf"]}
    assert written <= documented


def test_roles_decide_who_reads_and_who_changes_a_conversation(server, spec, conformance):
    """The owner gives roles; an observer reads every view and is refused every write (403); an account without
    a role gets 404 from every operation on the conversation, as if it did not exist; only the owner changes the team."""
    owner = Client.signed_in(server, conformance)
    observer, co_facilitator, stranger = (Client.signed_in(server, conformance, name) for name in OTHER_ACCOUNTS)
    status, created = owner.call("POST", "/api/v1/conversations", {"design": "world-cafe"})
    cid = created["id"]
    status, body = owner.call("POST", f"/api/v1/conversations/{cid}/participants", PEOPLE, content_type="text/csv")
    assert status == 200
    status, body = owner.call("POST", f"/api/v1/conversations/{cid}/seating", {"seed": 3})
    assert status == 200
    status, body = owner.call("POST", f"/api/v1/conversations/{cid}/contributions", {"text": "On paper", "table": 1})
    assert status == 201
    contribution = body["contributions"][0]["id"]

    status, body = owner.call("POST", f"/api/v1/conversations/{cid}/team", {"username": "olive", "role": "observer"})
    assert status == 200
    status, body = owner.call("POST", f"/api/v1/conversations/{cid}/team", {"username": "cole", "role": "co-facilitator"})
    assert status == 200

    def conversation_operations():
        for template, operations in spec["paths"].items():
            if template.startswith("/api/v1/conversations/{id}"):
                for method in operations:
                    yield method, template, template.replace("{id}", cid).replace("{contribution}", contribution)

    status, version_before = owner.call("GET", f"/api/v1/conversations/{cid}")
    version_before = version_before["version"]
    reads = writes = 0
    for method, template, path in conversation_operations():
        body = None if method == "get" else {}
        status, answer = stranger.call(method.upper(), path, body, off_schema=True)
        assert status == 404, f"{method.upper()} {template} by an account without a role: {status} {answer}"
        status, answer = observer.call(method.upper(), path, body, off_schema=True)
        if method == "get":
            reads += 1
            assert status == 200, f"{method.upper()} {template} by an observer: {status} {answer}"
        else:
            writes += 1
            assert status == 403 and "observe" in answer["error"], f"{method.upper()} {template} by an observer: {status} {answer}"
    assert reads >= 2 and writes >= 10, (reads, writes)
    status, body = owner.call("GET", f"/api/v1/conversations/{cid}")
    assert body["version"] == version_before, "an observer's or a stranger's write changed the conversation"

    status, listed = stranger.call("GET", "/api/v1/conversations")
    assert cid not in [c["id"] for c in listed]
    status, listed = observer.call("GET", "/api/v1/conversations")
    assert cid in [c["id"] for c in listed]

    # A co-facilitator runs it but does not change the team.
    status, body = co_facilitator.call("POST", f"/api/v1/conversations/{cid}/agenda", {"action": "start"})
    assert status == 200 and body["phase"]["index"] == 0
    status, body = co_facilitator.call("POST", f"/api/v1/conversations/{cid}/team", {"username": "sam", "role": "observer"})
    assert status == 403 and "owner" in body["error"]
    status, body = co_facilitator.call("POST", f"/api/v1/conversations/{cid}/team/remove", {"username": "olive"})
    assert status == 403 and "owner" in body["error"]

    # The owner takes the observer's role away: the conversation is gone for her.
    status, body = owner.call("POST", f"/api/v1/conversations/{cid}/team/remove", {"username": "olive"})
    assert status == 200
    status, body = observer.call("GET", f"/api/v1/conversations/{cid}")
    assert status == 404
    status, events = owner.call("GET", f"/api/v1/conversations/{cid}/events?after=0")
    granted = [(e["event"]["username"], e["event"]["role"]) for e in events if e["type"] == "accessGranted"]
    assert granted == [("olive", "observer"), ("cole", "co-facilitator")]
    assert [e["event"]["username"] for e in events if e["type"] == "accessRevoked"] == ["olive"]


def test_every_documented_operation_was_exercised_with_success(conformance):
    """Runs after the tests above (pytest keeps the file's order): each operation answered at least once with a 2xx."""
    never = sorted(f"{m.upper()} {t}" for m, t in conformance.operations - set(conformance.answered))
    assert never == [], f"documented but never exercised: {never}"
    unhappy = sorted(f"{m.upper()} {t}: {sorted(s)}" for (m, t), s in conformance.answered.items() if not any(200 <= x < 300 for x in s))
    assert unhappy == [], f"documented operations never answered with success: {unhappy}"


ROUTE = re.compile(r'\.(get|post|put|patch|delete|head)\(\s*"((?:[^"\\]|\\.)*)"')
CONSTANT = re.compile(r'\blet\s+(\w+)\s*=\s*"([^"\\]*)"')
SHARED_ACTION = re.compile(r'SharedAction\(\s*"([^"\\]*)"')
SHARED_ROUTES = re.compile(r'SharedAction\.addRoutes\(to:\s*\w+,\s*below:\s*(?:"([^"\\]*)"|(\w+))')


def registered_api_routes():
    """(method, path template) of every route the server's sources register under /api/, read from Sources/Server.
    A path spelled with a string constant (`"\\(base)/name"` after `let base = "/api/v1/…"`) is spelled out, and
    the shared actions' table (`SharedAction("path", …)`) is registered below the base each front end names."""
    routes = set()
    sources = list((ROOT / "Sources" / "Server").rglob("*.swift"))
    shared = [path for source in sources if source.name == "SharedActions.swift" for path in SHARED_ACTION.findall(source.read_text())]
    assert shared, "no SharedAction table found in Sources/Server; teach this test where the shared actions are listed"
    for source in sources:
        text = source.read_text()
        if source.name == "SharedActions.swift":
            continue  # its one route line is the table's loop, read above
        for literal, constant in SHARED_ROUTES.findall(text):
            base = literal or dict(CONSTANT.findall(text)).get(constant)
            assert base, f"{source}: the shared actions are added below {constant!r}, which this test cannot read"
            if base.startswith("/api/"):
                routes.update(("post", re.sub(r":(\w+)", r"{\1}", f"{base}/{path}")) for path in shared)
        # Routes registered under a group with an /api prefix would be missed by the pattern below.
        assert not re.search(r"\.group\(\s*\"/api", text), f"{source}: a route group under /api/; teach this test to read it"
        constants = dict(CONSTANT.findall(text))
        for method, path in ROUTE.findall(text):
            spelled = re.sub(r"\\\((\w+)\)", lambda m: constants.get(m.group(1), m.group(0)), path)
            assert "\\(" not in spelled, f"{source}: route {path!r} is spelled with something this test cannot read"
            if spelled.startswith("/api/"):
                routes.add((method, re.sub(r":(\w+)", r"{\1}", spelled)))
    return routes


def test_every_api_route_the_server_registers_is_documented(spec):
    registered = registered_api_routes()
    assert {"/api/v1/session", "/api/v1/conversations/{id}/team"} <= {path for _, path in registered}, "the route scan found too little"
    documented = {(method, template) for template, operations in spec["paths"].items() for method in operations if method in METHODS}
    assert sorted(registered - documented) == [], "served under /api/ but not in the document"
    assert sorted(documented - registered) == [], "in the document but not registered by the server"


def test_undocumented_api_paths_do_not_exist(server, spec):
    status, _ = Client(server).call("GET", "/api/v1/not-a-thing")
    assert status == 404

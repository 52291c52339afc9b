"""The server really conforms to /openapi.json: every documented operation is exercised against a
running `cocreate serve`, and every response body is validated against the documented schema."""
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from http.cookiejar import CookieJar

import jsonschema
import pytest
from openapi_spec_validator import validate as validate_spec

BIN = os.environ.get("COCREATE_BIN", ".build/debug/cocreate")
PEOPLE = "id,name,group\np01,Ada,students\np02,Bayo,staff\np03,Chen,students\np04,Dee,staff\np05,Eli,students\np06,Fay,staff\n"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def new_database(prefix):
    """A fresh SQLite file with the facilitator fran."""
    database = os.path.join(tempfile.mkdtemp(prefix=prefix), "cocreate.sqlite")
    subprocess.run([BIN, "user", "add", "fran", "--database", database], input=b"correct horse battery\n", check=True, capture_output=True)
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


@pytest.fixture(scope="module")
def server():
    port = free_port()
    process = start_server(new_database("cocreate-api-"), port)
    yield f"http://127.0.0.1:{port}"
    process.kill()
    process.wait()


class Client:
    """A tiny HTTP client with a cookie jar and the API's headers."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.headers = {}

    def call(self, method, path, body=None, content_type="application/json"):
        data = None
        headers = dict(self.headers)
        if body is not None:
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            headers["Content-Type"] = content_type
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    @classmethod
    def signed_in(cls, base):
        """The facilitator fran (made by `new_database`), signed in over the API with the CSRF header set."""
        client = cls(base)
        status, body = client.call("POST", "/api/v1/session", {"username": "fran", "password": "correct horse battery"})
        assert status == 200, body
        client.headers["X-CSRF-Token"] = body["csrfToken"]
        return client


@pytest.fixture(scope="module")
def spec(server):
    with urllib.request.urlopen(server + "/openapi.json") as response:
        document = json.load(response)
    validate_spec(document)
    return document


exercised = set()


def check(spec, method, template, status, body):
    """Asserts the status is documented for the operation and the body matches its schema."""
    operation = spec["paths"][template][method]
    assert str(status) in operation["responses"], f"{method.upper()} {template} answered {status}, which is not documented: {body}"
    content = operation["responses"][str(status)].get("content", {}).get("application/json")
    if content:
        jsonschema.validate(body, {**content["schema"], "components": spec["components"]})
    exercised.add((method, template))


def test_every_documented_operation_answers_as_documented(server, spec):
    facilitator = Client(server)
    status, body = facilitator.call("POST", "/api/v1/session", {"username": "fran", "password": "correct horse battery"})
    check(spec, "post", "/api/v1/session", status, body)
    assert status == 200
    facilitator.headers["X-CSRF-Token"] = body["csrfToken"]

    status, body = facilitator.call("GET", "/api/v1/designs")
    check(spec, "get", "/api/v1/designs", status, body)
    assert {d["name"] for d in body} >= {"world-cafe", "cooperative-knowledge-cafe"}

    status, created = facilitator.call("POST", "/api/v1/conversations", {"design": "cooperative-knowledge-cafe"})
    check(spec, "post", "/api/v1/conversations", status, created)
    assert status == 201
    cid, code = created["id"], created["joinCode"]

    status, body = facilitator.call("GET", "/api/v1/conversations")
    check(spec, "get", "/api/v1/conversations", status, body)
    assert cid in [c["id"] for c in body]

    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/participants", PEOPLE, content_type="text/csv")
    check(spec, "post", "/api/v1/conversations/{id}/participants", status, body)
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/participants", {"people": [{"id": "p07", "name": "Gus", "group": "staff"}, {"name": "Hana", "group": "students"}]})
    check(spec, "post", "/api/v1/conversations/{id}/participants", status, body)
    assert len(body["participants"]) == 8

    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/capacity", {"maximumParticipants": 1500})
    check(spec, "post", "/api/v1/conversations/{id}/capacity", status, body)
    assert status == 200
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/capacity", {"maximumParticipants": 2})
    check(spec, "post", "/api/v1/conversations/{id}/capacity", status, body)
    assert status == 422 and "maximumParticipants" in body["error"]

    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/arrivals", {"participantID": "p02"})
    check(spec, "post", "/api/v1/conversations/{id}/arrivals", status, body)
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/seating", {"id": str(uuid.uuid4()), "seed": 7})
    check(spec, "post", "/api/v1/conversations/{id}/seating", status, body)
    assert body["roundsPlanned"] == 3 and len(body["tables"]) == 2

    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/agenda", {"action": "start"})
    check(spec, "post", "/api/v1/conversations/{id}/agenda", status, body)
    assert body["phase"]["kind"] == "input"
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/agenda", {"action": "dance"})
    check(spec, "post", "/api/v1/conversations/{id}/agenda", status, body)
    assert status == 422 and "action" in body["error"]

    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/contributions", {"text": "From the paper sheet of table 1", "table": 1})
    check(spec, "post", "/api/v1/conversations/{id}/contributions", status, body)
    contribution = body["contributions"][0]["id"]
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/statements", {"fromContribution": contribution})
    check(spec, "post", "/api/v1/conversations/{id}/statements", status, body)
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/contributions/{contribution}/hide", {"reason": "duplicate"})
    check(spec, "post", "/api/v1/conversations/{id}/contributions/{contribution}/hide", status, body)
    assert body["contributions"][0]["hidden"] is True

    phone = Client(server)
    status, joined = phone.call("POST", "/api/v1/join", {"code": code, "participantID": "p01"})
    check(spec, "post", "/api/v1/join", status, joined)
    phone.headers["Authorization"] = "Bearer " + joined["token"]
    walk_in = Client(server)
    status, body = walk_in.call("POST", "/api/v1/join", {"code": code, "name": "Walk-in Wren", "group": "students", "id": str(uuid.uuid4())})
    check(spec, "post", "/api/v1/join", status, body)
    status, body = walk_in.call("POST", "/api/v1/join", {"code": "WRONG-CODE", "participantID": "p01"})
    check(spec, "post", "/api/v1/join", status, body)
    assert status == 404

    status, body = phone.call("GET", f"/api/v1/c/{code}/me")
    check(spec, "get", "/api/v1/c/{code}/me", status, body)
    assert body["me"]["id"] == "p01" and body["seat"]["table"] in (1, 2)
    write_id = str(uuid.uuid4())
    for _ in range(2):  # a retry with the same id is applied once
        status, body = phone.call("POST", f"/api/v1/c/{code}/me/contributions", {"text": "Feedback in two weeks", "kind": "proposal", "id": write_id})
        check(spec, "post", "/api/v1/c/{code}/me/contributions", status, body)
    assert [c["text"] for c in body["myContributions"]].count("Feedback in two weeks") == 1
    status, body = phone.call("POST", f"/api/v1/c/{code}/me/votes", {"statementID": "p5s1", "vote": "agree"})
    check(spec, "post", "/api/v1/c/{code}/me/votes", status, body)
    status, body = phone.call("POST", f"/api/v1/c/{code}/me/votes", {"statementID": "nope", "vote": "agree"})
    check(spec, "post", "/api/v1/c/{code}/me/votes", status, body)
    assert status == 422
    status, body = phone.call("POST", f"/api/v1/c/{code}/me/commitments", {"text": "Draft criteria with students", "due": "2027-03-01"})
    check(spec, "post", "/api/v1/c/{code}/me/commitments", status, body)
    status, body = Client(server).call("GET", f"/api/v1/c/{code}/me")
    check(spec, "get", "/api/v1/c/{code}/me", status, body)
    assert status == 401

    status, body = Client(server).call("GET", f"/api/v1/c/{code}/screen")
    check(spec, "get", "/api/v1/c/{code}/screen", status, body)
    assert body["seating"]["round"] == 1

    status, body = facilitator.call("GET", f"/api/v1/conversations/{cid}")
    check(spec, "get", "/api/v1/conversations/{id}", status, body)
    assert body["statements"][0]["tally"]["agree"] == 1
    status, events = facilitator.call("GET", f"/api/v1/conversations/{cid}/events?after=0")
    check(spec, "get", "/api/v1/conversations/{id}/events", status, events)
    assert [e["sequence"] for e in events] == list(range(1, len(events) + 1))
    assert sum(1 for e in events if e["type"] == "contributionAdded") == 2

    # Dots and budget: this design has neither, so both are refused with the rule named; a retry rule holds.
    status, body = phone.call("POST", f"/api/v1/c/{code}/me/dots", {"dots": {"p5s1": 1}})
    check(spec, "post", "/api/v1/c/{code}/me/dots", status, body)
    assert status == 422 and "dots" in body["error"]
    status, body = phone.call("POST", f"/api/v1/c/{code}/me/budget", {"statementIDs": []})
    check(spec, "post", "/api/v1/c/{code}/me/budget", status, body)
    assert status == 200
    status, body = phone.call("POST", f"/api/v1/c/{code}/me/contributions", {"text": "Other text, reused id", "id": write_id})
    check(spec, "post", "/api/v1/c/{code}/me/contributions", status, body)
    assert status == 409

    # The team: only accounts that exist get a role; the owner removes it again.
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/team", {"username": "nobody-here", "role": "observer"})
    check(spec, "post", "/api/v1/conversations/{id}/team", status, body)
    assert status == 422 and "nobody-here" in body["error"]
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/team", {"username": "fran", "role": "observer"})
    check(spec, "post", "/api/v1/conversations/{id}/team", status, body)
    assert status == 422, "the owner already owns it"
    status, body = facilitator.call("POST", f"/api/v1/conversations/{cid}/team/remove", {"username": "nobody-here"})
    check(spec, "post", "/api/v1/conversations/{id}/team/remove", status, body)
    assert status == 422

    # Writes without the CSRF token are refused.
    no_csrf = Client(server)
    no_csrf.opener = facilitator.opener
    status, body = no_csrf.call("POST", "/api/v1/conversations", {"design": "world-cafe"})
    check(spec, "post", "/api/v1/conversations", status, body)
    assert status == 403

    documented = {(m, p) for p, ops in spec["paths"].items() for m in ops}
    assert documented - exercised == set(), f"documented but not exercised: {documented - exercised}"


def test_undocumented_api_paths_do_not_exist(server, spec):
    status, _ = Client(server).call("GET", "/api/v1/not-a-thing")
    assert status == 404

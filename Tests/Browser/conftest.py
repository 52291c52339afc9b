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

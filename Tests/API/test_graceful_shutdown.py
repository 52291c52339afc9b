"""SIGTERM while phones are writing: `cocreate serve` stops taking new connections, finishes the requests it
is working on, and exits 0. Every write it acknowledged is in the log afterwards, and a write it never took
can be retried with its id and is then applied exactly once."""
import json
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid

from test_openapi_conformance import BIN, DOCUMENT, Client, Conformance, free_port, new_database, start_server

WRITERS = 12


def test_sigterm_finishes_the_writes_in_flight_and_loses_nothing_acknowledged():
    database = new_database("cocreate-shutdown-")
    port = free_port()
    server = start_server(database, port, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    # Every answer is checked against the document too; the writers' answers once they have all stopped.
    conformance = Conformance(json.loads(DOCUMENT.read_text()))
    answers = []
    facilitator = Client.signed_in(base, conformance)
    status, created = facilitator.call("POST", "/api/v1/conversations", {"design": "cooperative-knowledge-cafe"})
    assert status == 201
    tokens = []
    for person in range(WRITERS):
        status, joined = Client(base, conformance).call("POST", "/api/v1/join", {"code": created["joinCode"], "name": f"Writer {person}"})
        assert status == 201
        tokens.append(joined["token"])

    acknowledged, refused, cut_off, other, acknowledged_after_sigterm = [], [], [], [], []
    terminated_at = []
    lock = threading.Lock()
    enough_written = threading.Event()

    def contribution(token, write_id):
        return urllib.request.Request(
            f"{base}/api/v1/c/{created['joinCode']}/me/contributions", method="POST",
            data=json.dumps({"text": "Still talking", "id": write_id}).encode(),
            headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})

    def write(token):
        # A new connection per write (urllib sends Connection: close), so "refused" and "cut off" are told apart.
        while True:
            write_id = str(uuid.uuid4())
            request = contribution(token, write_id)
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    answer = (response.status, response.headers.get("Content-Type"), response.read())
                    with lock:
                        answers.append(answer)
                        acknowledged.append(write_id)
                        if terminated_at:
                            acknowledged_after_sigterm.append(write_id)
                        if len(acknowledged) >= 60:
                            enough_written.set()
            except Exception as error:  # noqa: BLE001 - every way a write can fail is sorted below
                reason = getattr(error, "reason", error)
                if isinstance(reason, ConnectionRefusedError):
                    bucket = refused
                elif isinstance(reason, (ConnectionResetError, ConnectionAbortedError, BrokenPipeError)):
                    bucket = cut_off
                else:
                    bucket = other
                with lock:
                    bucket.append((write_id, repr(error)))
                return

    threads = [threading.Thread(target=write, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    assert enough_written.wait(60), "the writers never got going"
    with lock:
        server.send_signal(signal.SIGTERM)
        terminated_at.append(time.monotonic())
    for thread in threads:
        thread.join(60)
    exit_status = server.wait(60)
    stderr = server.stderr.read().decode()

    print(f"acknowledged {len(acknowledged)}, after SIGTERM {len(acknowledged_after_sigterm)}, refused {len(refused)}, cut off {len(cut_off)}, other {other[:2]}")
    assert exit_status == 0, f"serve exited {exit_status}: {stderr}"
    # Writes the server had already accepted were answered, not dropped, while it shut down.
    assert acknowledged_after_sigterm, "no write was in flight when SIGTERM arrived; the test proved nothing"
    assert other == [], f"writes that failed some other way: {other[:3]}"
    assert len(refused) + len(cut_off) == WRITERS

    # A connection still in the kernel's queue when the listener closes is reset before the server reads a
    # byte of it. Phones retry with the same id, so after a restart each such write is applied exactly once.
    restarted = start_server(database, port)
    try:
        for write_id, _ in cut_off + refused:
            with urllib.request.urlopen(contribution(tokens[0], write_id), timeout=30) as response:
                assert response.status in (200, 201)
                answers.append((response.status, response.headers.get("Content-Type"), response.read()))
                acknowledged.append(write_id)
    finally:
        restarted.send_signal(signal.SIGTERM)
        assert restarted.wait(60) == 0

    for status, content_type, raw in answers:
        conformance.check("post", f"/api/v1/c/{created['joinCode']}/me/contributions", status, content_type, raw)

    exported = subprocess.run([BIN, "export", created["id"], "--database", database], check=True, capture_output=True).stdout.decode()
    logged = [json.loads(line)["id"].lower() for line in exported.splitlines() if line.strip()]
    missing = [write_id for write_id in acknowledged if write_id.lower() not in logged]
    assert missing == [], f"{len(missing)} acknowledged writes are not in the log"
    assert len(logged) == len(set(logged)), "an event was logged twice"

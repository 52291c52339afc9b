"""Seeded mutations of the files the CLI reads: design files, people CSVs, Polis folders and event archives.

Every run must end with exit 0, or a non-zero exit whose message names the file; never a signal and never a
hang (each run has a 30 s bound). Bounded: FUZZ_RUNS mutations of each kind (default 20), seed FUZZ_SEED.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "API"))
from test_openapi_conformance import BIN  # noqa: E402

RUNS = int(os.environ.get("FUZZ_RUNS", "20"))
SEED = int(os.environ.get("FUZZ_SEED", "16"))
POLIS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data", "polis", "london.youth.policing")
NASTY = [b"\x00", b"\x1b[2J", b"\xff\xfe", b"\r", b"\n", b'"', b",", b"9" * 30, b"-1", b"1e308", b"NaN", b":", b"- ", b"{", b"[",
         ("e" + "\u0301" * 50).encode(), b"\t", b"'", b"&", b"*a", b"!!binary"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        choice = rng.random()
        at = rng.randint(0, max(0, len(data) - 1)) if data else 0
        if choice < 0.25 and data:
            data[at] = rng.randint(0, 255)
        elif choice < 0.5:
            data[at:at] = rng.choice(NASTY)
        elif choice < 0.65 and data:
            del data[at:at + rng.randint(1, 40)]
        elif choice < 0.8 and data:
            end = min(len(data), at + rng.randint(1, 200))
            data[at:at] = data[at:end] * rng.randint(2, 20)
        else:
            data = data[:at]
    return bytes(data)


def run(arguments, folder):
    try:
        completed = subprocess.run([BIN, *arguments], cwd=folder, capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"cocreate {' '.join(arguments)} hung (over 30 s) in {folder}")
    assert completed.returncode >= 0, f"cocreate {' '.join(arguments)} died of signal {-completed.returncode} in {folder}"
    return completed


def check(completed, arguments, names):
    if completed.returncode == 0:
        return
    stderr = completed.stderr.decode(errors="replace")
    assert stderr.strip(), f"cocreate {' '.join(arguments)} exited {completed.returncode} saying nothing"
    assert any(name in stderr for name in names), f"cocreate {' '.join(arguments)}: the message names no file: {stderr[:300]}"
    assert "\x1b" not in stderr, "an escape sequence reached the terminal"


@pytest.fixture(scope="module")
def folder():
    path = tempfile.mkdtemp(prefix="cocreate-fuzz-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_mutated_design_files(folder):
    rng = random.Random(SEED)
    assert run(["design", "new", "seed", "--from", "cooperative-knowledge-cafe"], folder).returncode == 0
    original = open(os.path.join(folder, "seed.yaml"), "rb").read()
    for n in range(RUNS):
        name = f"design-{n}.yaml"
        open(os.path.join(folder, name), "wb").write(mutate(original, rng))
        check(run(["design", "validate", name], folder), ["design", "validate", name], [name])


def test_mutated_people_files(folder):
    rng = random.Random(SEED + 1)
    original = ("id,name,group\n" + "".join(f"p{n},Person {n},{'staff' if n % 3 else 'students'}\n" for n in range(40))).encode()
    for n in range(RUNS):
        name = f"people-{n}.csv"
        open(os.path.join(folder, name), "wb").write(mutate(original, rng))
        arguments = ["plan", name, "--rounds", "3", "--table-size", "4", "--mix-by", "group", "--time-limit", "0.2", "--csv"]
        check(run(arguments, folder), arguments, [name])


@pytest.mark.skipif(not os.path.isdir(POLIS), reason="the Polis open data is not beside the repository")
def test_mutated_polis_folders(folder):
    rng = random.Random(SEED + 2)
    files = [f for f in os.listdir(POLIS) if f.endswith(".csv")]
    for n in range(RUNS):
        target = os.path.join(folder, f"polis-{n}")
        shutil.copytree(POLIS, target)
        victim = rng.choice(["comments.csv", "votes.csv", "participants-votes.csv"])
        if victim in files:
            data = open(os.path.join(POLIS, victim), "rb").read()
            open(os.path.join(target, victim), "wb").write(mutate(data, rng))
        arguments = ["analyze", f"polis-{n}"]
        check(run(arguments, folder), arguments, [f"polis-{n}", victim])


def test_mutated_event_archives(folder):
    rng = random.Random(SEED + 3)
    # A real conversation as `cocreate export` wrote it (people, seating, contributions, votes, commitments).
    archive = os.path.join(os.path.dirname(__file__), "fixtures", "conversation.jsonl")
    original = open(archive, "rb").read()
    assert run(["import", archive, "--database", os.path.join(folder, "check.sqlite")], folder).returncode == 0
    for n in range(RUNS):
        name = f"archive-{n}.jsonl"
        open(os.path.join(folder, name), "wb").write(mutate(original, rng))
        arguments = ["import", name, "--database", os.path.join(folder, f"target-{n}.sqlite")]
        check(run(arguments, folder), arguments, [name])

"""Crash safety: a writer killed with SIGKILL at random points never loses a committed answer.

A child process opens the database and saves answers to one draft in a loop, one transaction per
answer (``set_field``), printing each answer's number only after its commit returned. The parent
kills it with SIGKILL at a random moment, then checks with a fresh connection that the database
passes ``PRAGMA integrity_check`` and holds every acknowledged answer, and starts the next writer.

``CONSULT_CRASH_KILLS`` sets the number of kills of the normal test (default 40); the ``slow``
test does 200 in a row (the issue's acceptance count).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from consult_app.core.patient import NewPatient
from consult_app.storage.consultations import ConsultationRepository
from consult_app.storage.db import open_database
from consult_app.storage.patients import PatientRepository

ROOT = Path(__file__).resolve().parents[2]
KEYS = 64

WRITER = """
import sys
from consult_app.storage.consultations import ConsultationRepository
from consult_app.storage.db import open_database

conn = open_database(sys.argv[1], check=False)
repo = ConsultationRepository(conn)
cid, i = int(sys.argv[2]), int(sys.argv[3])
out = sys.stdout
out.write("ready\\n")
out.flush()
while True:
    repo.set_field(cid, f"q{i % %(keys)d}", i)
    out.write(f"{i}\\n")
    out.flush()
    i += 1
""".replace("%(keys)d", str(KEYS))


def _kill_loop(db: Path, cid: int, kills: int, seed: int) -> int:
    rng = random.Random(seed)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    acked: dict[int, int] = {}  # key index -> highest acknowledged answer
    next_i = 1
    for kill in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(cid), str(next_i)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first == b"ready\n", child.stderr.read() if child.stderr else first
        time.sleep(rng.uniform(0, 0.03))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        for line in rest.split(b"\n")[:-1]:  # a last line without newline is not an ack
            i = int(line)
            acked[i % KEYS] = max(acked.get(i % KEYS, 0), i)
            next_i = max(next_i, i + 1)

        raw = sqlite3.connect(str(db))  # as the next start would see it
        try:
            assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"kill {kill}"
            data = json.loads(
                raw.execute("SELECT data FROM consultations WHERE id = ?", (cid,)).fetchone()[0]
            )
        finally:
            raw.close()
        for key, i in acked.items():
            stored = data.get(f"q{key}")
            # the answer is there, or a later answer to the same question replaced it
            assert stored is not None and stored >= i, f"kill {kill}: answer {i} lost"
    return sum(1 for _ in acked)


def _prepare(tmp_path: Path) -> tuple[Path, int]:
    db = tmp_path / "consult.sqlite3"
    conn = open_database(db)
    pid = PatientRepository(conn).create(NewPatient("Crash Test", dt.date(1984, 3, 9)))
    cid = ConsultationRepository(conn).create_draft(pid, {})
    conn.close()
    return db, cid


def test_sigkill_loses_no_committed_answer(tmp_path: Path) -> None:
    db, cid = _prepare(tmp_path)
    kills = int(os.environ.get("CONSULT_CRASH_KILLS", "40"))
    assert _kill_loop(db, cid, kills, seed=kills) > 0
    conn = open_database(db)  # the app still opens and checks it
    assert ConsultationRepository(conn).get(cid).revision > 0
    conn.close()


@pytest.mark.slow
def test_sigkill_200_kills_in_a_row(tmp_path: Path) -> None:
    db, cid = _prepare(tmp_path)
    assert _kill_loop(db, cid, 200, seed=200) > 0

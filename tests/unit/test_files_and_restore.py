"""Issue 14, points 6 and 8: restore trusts no backup; odd files and folders get exit 8 and words.

Through the real command (``python -m consult_app`` in a subprocess). As root, file modes are
enforced by dropping the capabilities that bypass them (``setpriv``), as in test_storage_db.
The full disk is a real one: a small tmpfs mounted for the test (skipped where mount is refused).
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASE = json.loads((ROOT / "tests/fixtures/cases/chronic_migraine_ca.json").read_text("utf-8"))
DROP = ["--bounding-set=-dac_override,-dac_read_search,-fowner"]


def cli(*args: str, unprivileged: bool = False) -> subprocess.CompletedProcess[str]:
    prefix: list[str] = []
    if unprivileged and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file modes cannot be enforced")
        prefix = [setpriv, *DROP]
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "consult_app", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _case(tmp_path: Path, **changes: object) -> Path:
    data = copy.deepcopy(BASE)
    data.update(changes)
    path = tmp_path / f"case-{uuid.uuid4().hex[:8]}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _populated(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    assert cli("run", str(_case(tmp_path)), "--out", str(tmp_path / "o"), "--data-dir", str(data))
    return data


# ---------------------------------------------------------------- restore (point 6)


def test_restore_of_an_altered_backup_is_exit_6_and_changes_nothing(tmp_path: Path) -> None:
    data = _populated(tmp_path)
    backup = tmp_path / "b.sqlite3"
    assert cli("backup", "--to", str(backup), "--data-dir", str(data)).returncode == 0
    raw = sqlite3.connect(str(backup), isolation_level=None)
    raw.execute("DROP TRIGGER consents_no_update")
    raw.execute("UPDATE consents SET canonical = CAST('{}' AS BLOB)")
    raw.close()
    live = data / "consult.sqlite3"
    before = _digest(live)
    result = cli("restore", str(backup), "--data-dir", str(data))
    assert result.returncode == 6, result.stderr
    assert "altered" in result.stderr and "not changed" in result.stderr
    assert _digest(live) == before
    assert not list(data.glob("*.before-restore-*"))


def test_restore_of_a_corrupt_or_unreadable_backup_is_exit_8(tmp_path: Path) -> None:
    data = _populated(tmp_path)
    live = data / "consult.sqlite3"
    before = _digest(live)
    corrupt = tmp_path / "corrupt.sqlite3"
    corrupt.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    assert cli("restore", str(corrupt), "--data-dir", str(data)).returncode == 8
    good = tmp_path / "good.sqlite3"
    assert cli("backup", "--to", str(good), "--data-dir", str(data)).returncode == 0
    good.chmod(0o000)
    try:
        result = cli("restore", str(good), "--data-dir", str(data), unprivileged=True)
    finally:
        good.chmod(0o600)
    assert result.returncode == 8, result.stderr
    assert "cannot be read" in result.stderr
    assert _digest(live) == before


HOLDER = """
import sys, time
from consult_app.storage.db import open_database
conn = open_database(sys.argv[1], check=False)
conn.execute("SELECT count(*) FROM patients").fetchone()
print("open", flush=True)
sys.stdin.readline()
conn.close()
"""


def test_restore_refuses_while_another_process_has_the_database_open(tmp_path: Path) -> None:
    data = _populated(tmp_path)
    backup = tmp_path / "b.sqlite3"
    assert cli("backup", "--to", str(backup), "--data-dir", str(data)).returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data / "consult.sqlite3")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        result = cli("restore", str(backup), "--data-dir", str(data))
        assert result.returncode == 8, result.stdout + result.stderr
        assert "open in another program" in result.stderr
        assert not list(data.glob("*.before-restore-*"))
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
        assert holder.stdout is not None
        holder.stdout.close()
    assert cli("restore", str(backup), "--data-dir", str(data)).returncode == 0
    assert cli("verify", "--data-dir", str(data)).returncode == 0


def test_restore_newest_skips_an_altered_backup_and_keeps_the_replaced_file(
    tmp_path: Path,
) -> None:
    from consult_app.storage.backup import list_backups

    data = _populated(tmp_path)
    backups = data / "backups"
    older = backups / "consult-20261120T090000Z.sqlite3"
    newer = backups / "consult-20261121T090000Z.sqlite3"
    assert cli("backup", "--to", str(older), "--data-dir", str(data)).returncode == 0
    assert cli("backup", "--to", str(newer), "--data-dir", str(data)).returncode == 0
    raw = sqlite3.connect(str(newer), isolation_level=None)
    for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
        raw.execute(f"DROP TRIGGER {name}")
    raw.execute("UPDATE patients SET name = 'Someone Else'")
    raw.close()
    listed = list_backups(backups, data / "consult.sqlite3")
    assert [b.path.name for b in listed] == [newer.name, older.name]
    assert [b.verifies for b in listed] == [False, True]
    assert listed[0].problem and listed[1].size > 0
    result = cli("restore", "--newest", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert f"database restored from {older}" in result.stdout
    assert f"skipped {newer.name}" in result.stdout
    kept = list(data.glob("consult.sqlite3.before-restore-*.bak"))
    assert len(kept) == 1 and kept[0].stat().st_size > 0
    assert cli("verify", "--data-dir", str(data)).returncode == 0


def test_restore_newest_without_a_sound_backup_is_exit_8(tmp_path: Path) -> None:
    data = _populated(tmp_path)
    before = _digest(data / "consult.sqlite3")
    result = cli("restore", "--newest", "--data-dir", str(data))
    assert result.returncode == 8 and "No sound backup" in result.stderr
    assert _digest(data / "consult.sqlite3") == before


# ---------------------------------------------------------------- odd files (point 8)


def test_zero_length_database_is_exit_8_and_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = data / "consult.sqlite3"
    db.touch()
    for args in (
        ["run", str(_case(tmp_path)), "--out", str(tmp_path / "o")],
        ["verify"],
        ["backup", "--to", str(tmp_path / "b.sqlite3")],
    ):
        result = cli(*args, "--data-dir", str(data))
        assert result.returncode == 8, (args, result.stderr)
        assert db.stat().st_size == 0
        assert sorted(p.name for p in data.iterdir()) == ["consult.sqlite3"]


def test_unwritable_data_folder_is_not_chmodded(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    data.chmod(0o500)
    try:
        result = cli(
            "run",
            str(_case(tmp_path)),
            "--out",
            str(tmp_path / "o"),
            "--data-dir",
            str(data),
            unprivileged=True,
        )
        mode = data.stat().st_mode & 0o777
    finally:
        data.chmod(0o700)
    assert result.returncode == 8, result.stderr
    assert mode == 0o500
    assert list(data.iterdir()) == []


def test_backup_to_an_unwritable_place_is_exit_8_naming_it(tmp_path: Path) -> None:
    data = _populated(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = cli(
            "backup", "--to", str(locked / "b.sqlite3"), "--data-dir", str(data), unprivileged=True
        )
    finally:
        locked.chmod(0o700)
    assert result.returncode == 8, result.stderr
    assert str(locked) in result.stderr and "cannot be written" in result.stderr


def test_verify_leaves_no_wal_or_shm_beside_the_file(tmp_path: Path) -> None:
    data = _populated(tmp_path)
    assert sorted(p.name for p in data.iterdir() if p.name.startswith("consult.sqlite3")) == [
        "consult.sqlite3"
    ]
    assert cli("verify", "--data-dir", str(data)).returncode == 0
    names = sorted(p.name for p in data.iterdir() if p.name.startswith("consult.sqlite3"))
    assert names == ["consult.sqlite3"]
    data.chmod(0o500)  # a folder it cannot write: checked read-only all the same
    try:
        result = cli("verify", "--data-dir", str(data), unprivileged=True)
    finally:
        data.chmod(0o700)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in data.iterdir() if p.name.startswith("consult.sqlite3"))
    assert names == ["consult.sqlite3"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"mount refused: {done.stderr!r}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path, leave: int) -> None:
    free = shutil.disk_usage(disk).free
    with contextlib.suppress(OSError), (disk / f"filler-{leave}").open("wb") as fh:
        fh.write(b"\0" * max(0, free - leave))


@pytest.mark.parametrize("leave", [0, 8 * 1024, 64 * 1024, 160 * 1024])
def test_full_disk_says_the_disk_is_full(small_disk: Path, tmp_path: Path, leave: int) -> None:
    data = small_disk / "data"
    _fill(small_disk, leave)
    result = cli("run", str(_case(tmp_path)), "--out", str(tmp_path / "o"), "--data-dir", str(data))
    if result.returncode != 0:
        assert result.returncode == 8, result.stderr
        assert "the disk is full" in result.stderr.lower(), result.stderr
    db = data / "consult.sqlite3"
    if db.exists() and db.stat().st_size:
        raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        raw.close()


def test_full_disk_while_sealing_keeps_the_database_sound(small_disk: Path, tmp_path: Path) -> None:
    data = small_disk / "data"
    first = cli("run", str(_case(tmp_path)), "--out", str(tmp_path / "o1"), "--data-dir", str(data))
    assert first.returncode == 0, first.stderr
    _fill(small_disk, 0)
    other = _case(tmp_path, patient={"name": "Sam Lee", "birth_date": "1970-01-02"})
    result = cli("run", str(other), "--out", str(small_disk / "o2"), "--data-dir", str(data))
    assert result.returncode == 8, result.stderr
    assert "the disk is full" in result.stderr.lower()
    for filler in small_disk.glob("filler-*"):
        filler.unlink()
    assert cli("verify", "--data-dir", str(data)).returncode == 0

"""Attacker review of issue 14: replaying an older database file over the current one.

The off-disk anchor (the chain head written beside each backup, in the clinic's backup folder on
another disk) is what catches an older copy of the database put back in place: its chain is
whole, its MACs are valid, only the anchor knows the chain had gone further. Two ways around it:

- redirect the backup folder (``backup_dir`` in ``clinic.toml`` or in the settings table, both
  within the intruder's reach, and an old file carries its old settings anyway): ``verify`` then
  never read the off-disk anchors. Every folder an anchor was written to is now remembered outside
  the data folder (the user's config folder) and read whatever the setting says;
- a forged restore line in ``DATA/backups/audit-anchors.jsonl`` (a restore drops the anchors of
  the history it replaced): a restore line now counts only when the chain holds the
  ``database_restored`` entry it names.

Real CLI, real database files.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.unit.test_followup_rules import sealed, treatment
from tests.unit.test_run_cli import cli


def _history(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Seal t1, keep a copy of the file, seal t2, back up to the clinic's off-disk folder.

    Returns (data folder, the old copy, the clinic's backup folder).
    """
    data_dir = tmp_path / "data"
    nas = tmp_path / "nas"
    data_dir.mkdir(mode=0o700)
    (data_dir / "clinic.toml").write_text(f'backup_dir = "{nas}"\n', encoding="utf-8")
    sealed(tmp_path, data_dir, "t1", treatment("2026-03-02"))
    old = tmp_path / "old.sqlite3"
    backed = cli("backup", "--to", str(old), "--data-dir", str(data_dir))
    assert backed.returncode == 0, backed.stderr
    sealed(tmp_path, data_dir, "t2", treatment("2026-06-02"))
    nas.mkdir(mode=0o700)
    backed = cli("backup", "--to", str(nas / "clinic.sqlite3"), "--data-dir", str(data_dir))
    assert backed.returncode == 0, backed.stderr
    assert cli("verify", "--data-dir", str(data_dir)).returncode == 0
    return data_dir, old, nas


def _replay(old: Path, data_dir: Path) -> None:
    db = data_dir / "consult.sqlite3"
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(old, db)


def test_replayed_file_is_caught_by_the_off_disk_anchor(tmp_path: Path) -> None:
    data_dir, old, _ = _history(tmp_path)
    _replay(old, data_dir)
    result = cli("verify", "--data-dir", str(data_dir))
    assert result.returncode == 6, result.stdout
    assert "deleted (tail missing" in result.stdout


def test_redirecting_the_backup_folder_does_not_hide_the_anchors(tmp_path: Path) -> None:
    data_dir, old, nas = _history(tmp_path)
    _replay(old, data_dir)
    empty = tmp_path / "empty"
    empty.mkdir()
    (data_dir / "clinic.toml").write_text(f'backup_dir = "{empty}"\n', encoding="utf-8")
    result = cli("verify", "--data-dir", str(data_dir))
    assert result.returncode == 6, result.stdout
    assert "deleted (tail missing" in result.stdout
    assert f"{nas}" in result.stdout  # it says which anchors it used


def test_forged_restore_line_does_not_excuse_a_replay(tmp_path: Path) -> None:
    data_dir, old, _ = _history(tmp_path)
    _replay(old, data_dir)
    import sqlite3

    raw = sqlite3.connect(str(data_dir / "consult.sqlite3"))
    seq, digest = raw.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC").fetchone()
    root = raw.execute("SELECT hash FROM audit_log ORDER BY seq").fetchone()[0]
    raw.close()
    line = {
        "at": "2999-01-01T00:00:00.000000+00:00",
        "seq": seq,
        "hash": digest,
        "root": root,
        "restored_from_seq": seq,
    }
    backups = data_dir / "backups"
    backups.mkdir(exist_ok=True)
    with (backups / "audit-anchors.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(line) + "\n")
    result = cli("verify", "--data-dir", str(data_dir))
    assert result.returncode == 6, result.stdout
    assert "deleted (tail missing" in result.stdout


def test_a_real_restore_of_an_older_backup_is_said_not_flagged(tmp_path: Path) -> None:
    data_dir, old, _ = _history(tmp_path)
    restored = cli("restore", str(old), "--data-dir", str(data_dir))
    assert restored.returncode == 0, restored.stderr
    result = cli("verify", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stdout
    assert "restored" in result.stdout

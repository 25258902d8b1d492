"""The app as a process: smoke test, data-folder permissions, refusal of a too-new database."""

import os
import sqlite3
import stat
import subprocess
import sys

import pytest

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def run_app(*args, env_extra=None, timeout=120):
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # --smoke-test must set it itself
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "consult_app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_smoke_test_creates_private_data_folder(data_dir):
    result = run_app("--smoke-test", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert "smoke test OK" in result.stdout
    assert mode(data_dir) == 0o700
    db = data_dir / "consult.sqlite3"
    assert mode(db) == 0o600
    for extra in data_dir.glob("consult.sqlite3*"):
        assert mode(extra) == 0o600, extra


def test_data_folder_from_environment(tmp_path):
    home = tmp_path / "envhome"
    result = run_app("--smoke-test", env_extra={"CONSULT_APP_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert (home / "consult.sqlite3").is_file()


def test_too_new_database_is_refused_untouched(data_dir):
    data_dir.mkdir(mode=0o700)
    db = data_dir / "consult.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t(x)")
    conn.execute("PRAGMA user_version = 9999")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    result = run_app("--smoke-test", "--data-dir", str(data_dir))
    assert result.returncode == 8
    assert "newer" in result.stderr.lower()
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before
    assert not any(p.name.endswith((".bak",)) for p in data_dir.iterdir())


def test_corrupt_database_is_refused_untouched(data_dir):
    data_dir.mkdir(mode=0o700)
    db = data_dir / "consult.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    before = db.read_bytes()
    result = run_app("--smoke-test", "--data-dir", str(data_dir))
    assert result.returncode == 8
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


@pytest.mark.parametrize("args", [["--help"], ["run", "--help"], ["protocol", "check", "--help"]])
def test_help_works_without_display(args):
    result = run_app(*args)
    assert result.returncode == 0
    assert "usage" in result.stdout.lower()


def test_usage_error_exits_2():
    result = run_app("run")
    assert result.returncode == 2


def test_no_display_is_a_plain_message_not_a_qt_abort(tmp_path):
    env = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""}
    result = run_app("--data-dir", str(tmp_path / "data"), env_extra=env)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("consult-app: no display was found"), result.stderr
    assert "xvfb-run make run" in result.stderr
    assert "xcb" not in result.stderr
    assert not (tmp_path / "data").exists()  # nothing was started

"""``consult-app protocol check [DIR]`` through cmd_protocol.run and as a real subprocess."""

import argparse
import os
import shutil
import subprocess
import sys

from consult_app.app import cmd_protocol
from consult_app.resources import resource_path


def _broken_copy(tmp_path):
    folder = tmp_path / "proto"
    shutil.copytree(resource_path("protocol"), folder)
    path = folder / "indications.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('areas = ["masseter"]', 'areas = ["masetter"]'),
        encoding="utf-8",
    )
    return folder


def test_bundled_protocol_is_ok(capsys):
    assert cmd_protocol.run(argparse.Namespace(dir=None)) == 0
    out, err = capsys.readouterr()
    assert out.startswith("protocol OK: version ")
    assert ", hash " in out
    assert err == ""


def test_broken_copy_prints_each_error_and_exits_2(tmp_path, capsys):
    assert cmd_protocol.run(argparse.Namespace(dir=_broken_copy(tmp_path))) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == ["indications.toml: bruxism.areas[0]: unknown area 'masetter'"]


def test_missing_folder_exits_2(tmp_path, capsys):
    assert cmd_protocol.run(argparse.Namespace(dir=tmp_path / "absent")) == 2
    assert "absent" in capsys.readouterr().err


def test_subprocess_without_display(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    ok = subprocess.run(
        [sys.executable, "-m", "consult_app", "protocol", "check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("protocol OK")
    bad = subprocess.run(
        [sys.executable, "-m", "consult_app", "protocol", "check", str(_broken_copy(tmp_path))],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert "indications.toml: bruxism.areas[0]: unknown area 'masetter'" in bad.stderr

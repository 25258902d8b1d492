"""``consult-app demo``: the bundled sample case, end to end, with no display."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]


def test_demo_proceeds_on_a_fresh_data_folder(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "CONSULT_APP_HOME")
    }
    out = tmp_path / "out"
    data = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-m", "consult_app", "demo", "--out", str(out), "--data-dir", str(data)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads((out / "screening.json").read_text("utf-8"))
    assert doc["verdict"] == "proceed" and doc["missing"] == []
    handout = " ".join(
        "".join(p.extract_text() for p in PdfReader(out / "handout.pdf").pages).split()
    )
    assert "Margaret Chen" in handout and "Botox (onabotulinumtoxinA)" in handout
    assert "Sample Clinic" in handout
    verify = subprocess.run(
        [sys.executable, "-m", "consult_app", "verify", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert verify.returncode == 0
    assert result.stdout.split("seal: ")[1][:64] in verify.stdout

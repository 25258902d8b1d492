"""Helpers for the chart tests (sides, administration, map): run the real ``consult-app``.

Every call is a subprocess with no display, as ``case-format.md`` specifies.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
MIGRAINE = json.loads((ROOT / "tests/fixtures/cases/chronic_migraine_ca.json").read_text("utf-8"))
GLABELLAR = json.loads((ROOT / "tests/fixtures/cases/glabellar_us_proceed.json").read_text("utf-8"))


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m consult_app ARGS`` headless and return the finished process."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "CONSULT_APP_HOME")
    }
    return subprocess.run(
        [sys.executable, "-m", "consult_app", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def case(base: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    """A deep copy of a fixture case (default: chronic migraine, CA) with top-level changes."""
    data = copy.deepcopy(base if base is not None else MIGRAINE)
    data.update(changes)
    return data


def run(
    tmp_path: Path, data: dict[str, Any], name: str = "case", data_dir: Path | None = None
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Write the case and run it into ``out-NAME``; return (finished process, out folder)."""
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / f"out-{name}"
    folder = data_dir or tmp_path / "data"
    return cli("run", str(path), "--out", str(out), "--data-dir", str(folder)), out


def pdf_text(path: Path) -> str:
    """The text of every page, whitespace collapsed to single spaces."""
    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return " ".join(text.split())

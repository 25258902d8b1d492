"""Issue 17: the patient sheet speaks with one voice on danger.

Real runs of the case runner, real PDFs read back with pypdf.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "tests" / "fixtures" / "cases" / "chronic_migraine_ca.json"


def _run(tmp_path: Path, **changes: object) -> Path:
    case = json.loads(CASE.read_text(encoding="utf-8"))
    case.update(changes)
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "consult_app",
            "run",
            str(path),
            "--out",
            str(out),
            "--data-dir",
            str(tmp_path / "data"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out / "handout.pdf"


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(pdf).pages).split())


def test_migraine_sheet_has_no_cervical_dystonia_rates_or_calming_words(tmp_path: Path) -> None:
    text = _text(_run(tmp_path))
    assert "Get urgent help" in text
    assert "cervical dystonia" not in text.lower()
    assert "Softer food helps" not in text
    assert "beyond the treated area" in text
    # Voice and swallowing lines send the patient to the urgent box, never call it passing.
    assert "get help right away" in text

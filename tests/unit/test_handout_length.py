"""Issue 5: the patient sheet of a typical consultation fits on 2 pages (Letter, the default).

The demo case goes through the same code path as ``consult-app demo`` (a subprocess), and a
French copy of it through ``consult-app run``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
DEMO_CASE = ROOT / "resources" / "demo" / "demo_case.json"
MAX_PAGES = 2
LETTER = (612, 792)


def _cli(*args: str | Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "consult_app", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _handout(out: Path) -> PdfReader:
    reader = PdfReader(out / "handout.pdf")
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == LETTER
    return reader


def test_demo_handout_fits_on_two_letter_pages(tmp_path: Path) -> None:
    _cli("demo", "--out", tmp_path / "out", "--data-dir", tmp_path / "data")
    assert len(_handout(tmp_path / "out").pages) <= MAX_PAGES


def test_french_demo_handout_fits_on_two_letter_pages(tmp_path: Path) -> None:
    case = json.loads(DEMO_CASE.read_text(encoding="utf-8"))
    case["patient"]["language"] = "fr"
    case_file = tmp_path / "case_fr.json"
    case_file.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    _cli("run", case_file, "--out", tmp_path / "out", "--data-dir", tmp_path / "data")
    reader = _handout(tmp_path / "out")
    assert "Information sur votre traitement" in reader.pages[0].extract_text()
    assert len(reader.pages) <= MAX_PAGES

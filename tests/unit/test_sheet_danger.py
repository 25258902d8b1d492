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


def test_migraine_sheet_quotes_migraine_rates_and_no_neck_label_effects(tmp_path: Path) -> None:
    text = _text(_run(tmp_path))
    assert "About 1 in 50 after migraine injections" in text  # dysphagia 2% (R77)
    assert "About 1 in 25 after migraine injections" in text  # head/neck weakness 4% (R76)
    assert "About 1 in 10 after migraine injections" in text  # neck pain (R159, R76)
    assert "after headache injections" not in text
    # Dry mouth and a hoarse voice are labeled for cervical dystonia, not migraine.
    assert "Dry mouth" not in text and "Hoarse or changed voice" not in text


def test_cervical_dystonia_sheet_quotes_its_own_rates_per_product(tmp_path: Path) -> None:
    dystonia = {
        "indications": ["cervical_dystonia"],
        "diagnosis": "Cervical dystonia, examined by Dr A. Smith",
        "outcomes": None,
        "history": [],
        "plan": {"sternocleidomastoid": {"left": 0, "right": 50}, "trapezius": 40},
    }
    text = _text(_run(tmp_path, **dystonia))
    assert "About 1 in 5 people treated for cervical dystonia" in text  # Botox 19% (R9)
    assert "About 1 in 10 people treated for cervical dystonia" in text  # neck pain (R9)
    assert "Dry mouth" in text
    assert "migraine" not in text.lower() and "headache injections" not in text
    other = tmp_path / "xeomin"
    other.mkdir()
    lot = {"number": "X778", "expiry": "2027-05-31"}
    text = _text(_run(other, **dystonia, product="xeomin", lot=lot))
    assert "About 1 in 6 to 1 in 8 people treated for cervical dystonia" in text  # 13-18% (R27)

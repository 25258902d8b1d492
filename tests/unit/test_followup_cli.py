"""``consult-app followup`` (case-format 1.1 "Follow-up visits") through the real commands.

Cases are sealed with ``consult-app run`` and follow-ups recorded with ``consult-app followup`` in
subprocesses (no display); validation of hostile files runs in process through ``main`` (same
code, faster). PDFs are read back; the database is checked with ``verify`` and raw SQL.
"""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from consult_app.app.main import main
from tests.unit.test_run_cli import BASE_CASE, cli, run_case

FOLLOWUP = {
    "format": "consult-followup/1",
    "date": "2026-12-05",
    "patient": {"name": "Jane O'Brien", "birth_date": "1984-03-09", "chart_number": "A-1001"},
    "outcomes": {"monthly_headache_days": 8, "hit6": 55},
    "adverse_events": [
        {
            "risk": "eyelid_droop",
            "onset": "2026-11-25",
            "severity": "mild",
            "resolved": "2026-12-03",
        }
    ],
    "clinician": "Dr A. Smith",
    "notes": "Much better.",
}


def followup(**changes: object) -> dict:
    data = copy.deepcopy(FOLLOWUP)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def write(tmp_path: Path, data: object, name: str = "fu") -> Path:
    path = tmp_path / f"{name}.json"
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages).split())


@pytest.fixture(scope="module")
def treated(tmp_path_factory) -> Path:
    """A data folder holding Jane O'Brien's sealed chronic-migraine treatment of 2026-11-21."""
    tmp = tmp_path_factory.mktemp("treated")
    result, _ = run_case(tmp, BASE_CASE, data_dir=tmp / "data")
    assert result.returncode == 0, result.stderr
    return tmp / "data"


def fresh_copy(treated: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    target.mkdir()
    src = sqlite3.connect(treated / "consult.sqlite3")
    dst = sqlite3.connect(target / "consult.sqlite3")
    src.backup(dst)
    src.close()
    dst.close()
    return target


def in_process(tmp_path: Path, data: object, data_dir: Path, *extra: str, capsys=None):
    path = write(tmp_path, data)
    code = main(
        ["followup", str(path), "--out", str(tmp_path / "out"), "--data-dir", str(data_dir), *extra]
    )
    return code


def test_followup_writes_the_note_against_the_baseline(treated, tmp_path):
    data_dir = fresh_copy(treated, tmp_path)
    path = write(tmp_path, FOLLOWUP)
    out = tmp_path / "out"
    result = cli("followup", str(path), "--out", str(out), "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert "Jane" not in result.stdout + result.stderr
    text = pdf_text(out / "followup.pdf")
    assert "Follow-up note" in text
    assert "Jane O'Brien" in text and "A-1001" in text
    # baseline 18 headache days at the first treatment (2026-11-21), 8 now: -56%
    assert "18 (2026-11-21)" in text and "-56%" in text
    assert "64 (2026-11-21)" in text and "-14%" in text
    assert "Upper eyelid droop" in text or "eyelid" in text.lower()
    assert "Mild" in text and "2026-11-25" in text and "2026-12-03" in text
    assert "Much better." in text
    conn = sqlite3.connect(data_dir / "consult.sqlite3")
    (count,) = conn.execute("SELECT count(*) FROM followups").fetchone()
    events = conn.execute("SELECT risk, severity, onset, resolved FROM adverse_events").fetchall()
    conn.close()  # Python 3.13 warns about an unclosed connection
    assert count == 1
    assert events == [("eyelid_droop", "mild", "2026-11-25", "2026-12-03")]
    verify = cli("verify", "--data-dir", str(data_dir))
    assert verify.returncode == 0, verify.stdout


def test_french_note_and_hostile_text_escaped(treated, tmp_path):
    data_dir = fresh_copy(treated, tmp_path)
    notes = "Zoë <b>bold</b> & O'Brien\nsecond line"
    code = in_process(
        tmp_path, followup(notes=notes, adverse_events=None), data_dir, "--lang", "fr"
    )
    assert code == 0
    text = pdf_text(tmp_path / "out" / "followup.pdf")
    assert "Note de suivi" in text
    assert "Jours de céphalée par mois" in text and "-56 %" in text
    assert "Zoë <b>bold</b> & O'Brien" in text
    assert "Aucun effet indésirable signalé." in text


def test_same_file_twice_is_one_followup(treated, tmp_path):
    data_dir = fresh_copy(treated, tmp_path)
    assert in_process(tmp_path, FOLLOWUP, data_dir) == 0
    assert in_process(tmp_path, FOLLOWUP, data_dir) == 0
    conn = sqlite3.connect(data_dir / "consult.sqlite3")
    assert conn.execute("SELECT count(*) FROM followups").fetchone() == (1,)
    conn.close()  # Python 3.13 warns about an unclosed connection


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (followup(format="consult-case/1"), "format:"),
        (followup(format=None), "format: required"),
        (followup(surprise=1), "surprise: unknown field"),
        (followup(patient=None), "patient: required"),
        (followup(patient={"name": "Jane O'Brien"}), "patient.birth_date: required"),
        (followup(patient={"name": "Jane", "birth_date": "1984-03-09", "x": 1}), "patient.x"),
        (followup(date="2026-02-30"), "date: 2026-02-30 is not a date"),
        (followup(outcomes={"monthly_headache_days": 32}), "outcomes.monthly_headache_days"),
        (followup(outcomes={"hit6": 35}), "outcomes.hit6"),
        (followup(outcomes={"hdss": 5}), "outcomes.hdss"),
        (followup(outcomes={"pain_nrs": 11}), "outcomes.pain_nrs"),
        (followup(outcomes={"pain_nrs": "7"}), "outcomes.pain_nrs"),
        (followup(outcomes={"mood": 3}), "outcomes.mood: unknown outcome"),
        (followup(outcomes=[1]), "outcomes"),
        (followup(adverse_events={"risk": "x"}), "adverse_events: expected a list"),
        (
            followup(
                adverse_events=[
                    {"risk": "nose_fell_off", "onset": "2026-11-25", "severity": "mild"}
                ]
            ),
            "adverse_events[0].risk: unknown risk",
        ),
        (
            followup(
                adverse_events=[{"risk": "bruising", "onset": "2026-11-25", "severity": "bad"}]
            ),
            "adverse_events[0].severity",
        ),
        (
            followup(adverse_events=[{"risk": "bruising", "severity": "mild"}]),
            "adverse_events[0].onset: required",
        ),
        (
            followup(
                adverse_events=[{"risk": "bruising", "onset": "2026-12-06", "severity": "mild"}]
            ),
            "adverse_events[0].onset",
        ),
        (
            followup(
                adverse_events=[
                    {
                        "risk": "bruising",
                        "onset": "2026-11-25",
                        "severity": "mild",
                        "resolved": "2026-11-24",
                    }
                ]
            ),
            "adverse_events[0].resolved",
        ),
        (
            followup(
                adverse_events=[{"risk": "bruising", "onset": "2026-11-20", "severity": "mild"}]
            ),
            "adverse_events[0].onset: 2026-11-20 is before the treatment",
        ),
        (followup(clinician=5), "clinician: expected a string"),
        (followup(global_impression="great"), "global_impression"),
        (b"{not json", "is not JSON"),
        (b"\xff\xfe", "is not JSON"),
        ([1, 2], "expected a JSON object"),
    ],
)
def test_invalid_files_exit_2_naming_the_field(treated, tmp_path, capsys, data, field):
    data_dir = fresh_copy(treated, tmp_path)
    code = in_process(tmp_path, data, data_dir)
    err = capsys.readouterr().err
    assert code == 2, err
    assert field in err
    assert "Traceback" not in err
    assert not (tmp_path / "out" / "followup.pdf").exists()


def test_unknown_patient_exit_2_naming_patient(treated, tmp_path, capsys):
    data_dir = fresh_copy(treated, tmp_path)
    for patient in (
        {"name": "Jane O'Brien", "birth_date": "1984-03-10"},
        {"name": "Jane O'Brien", "birth_date": "1984-03-09", "chart_number": "B-2"},
        {"name": "John O'Brien", "birth_date": "1984-03-09"},
    ):
        assert in_process(tmp_path, followup(patient=patient), data_dir) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: patient:")
        assert "O'Brien" not in err
    # same person: accents, case and spacing ignored; chart number may be left out
    same = {"name": "  jane  o'brien ", "birth_date": "1984-03-09"}
    assert in_process(tmp_path, followup(patient=same), data_dir) == 0


def test_no_treatment_on_or_before_the_date(treated, tmp_path, capsys):
    data_dir = fresh_copy(treated, tmp_path)
    code = in_process(tmp_path, followup(date="2026-11-20", adverse_events=None), data_dir)
    assert code == 2
    assert "date:" in capsys.readouterr().err
    # on the treatment day itself it attaches
    assert in_process(tmp_path, followup(date="2026-11-21", adverse_events=None), data_dir) == 0


def test_attaches_to_latest_treatment_on_or_before_date(treated, tmp_path):
    data_dir = fresh_copy(treated, tmp_path)
    later = copy.deepcopy(BASE_CASE)
    later["date"] = "2027-03-01"
    later["outcomes"] = {"monthly_headache_days": 16}
    later["lot"] = {"number": "D777", "expiry": "2028-01-31"}
    result, _ = run_case(tmp_path, later, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert in_process(tmp_path, followup(date="2027-02-01", adverse_events=None), data_dir) == 0
    assert (
        in_process(
            tmp_path,
            followup(date="2027-03-20", adverse_events=None, outcomes={"monthly_headache_days": 9}),
            data_dir,
        )
        == 0
    )
    conn = sqlite3.connect(data_dir / "consult.sqlite3")
    rows = conn.execute("SELECT date, consultation_id FROM followups ORDER BY id").fetchall()
    conn.close()  # Python 3.13 warns about an unclosed connection
    assert rows[0][1] == 1 and rows[1][1] != 1
    # the baseline stays the first treatment's (18), not the later one (16): 18 -> 9 is -50%
    text = pdf_text(tmp_path / "out" / "followup.pdf")
    assert "18 (2026-11-21)" in text and "-50%" in text


def test_verify_catches_an_altered_or_deleted_followup(treated, tmp_path):
    data_dir = fresh_copy(treated, tmp_path)
    assert in_process(tmp_path, FOLLOWUP, data_dir) == 0
    db = data_dir / "consult.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER followups_no_update")
    conn.execute("UPDATE followups SET canonical = replace(canonical, 'mild', 'none')")
    conn.commit()
    conn.close()
    result = cli("verify", "--data-dir", str(data_dir))
    assert result.returncode == 6
    assert "follow-up 1" in result.stdout
    assert "followups_no_update" in result.stdout

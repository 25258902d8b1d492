"""Rules that read follow-ups (case-format 1.1): ``insufficient_response`` and
``prior_adverse_event``, through ``consult-app run`` and ``consult-app followup`` (subprocesses,
a real database), read back from ``screening.json``.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from tests.unit.test_run_cli import BASE_CASE, cli, run_case

PATIENT = BASE_CASE["patient"]


def treatment(date: str, **changes: object) -> dict:
    data = copy.deepcopy(BASE_CASE)
    data.pop("history")
    data.pop("outcomes")
    data["date"] = date
    data.update(changes)
    return data


def followup(tmp: Path, data_dir: Path, date: str, name: str, **fields: object) -> None:
    data = {"format": "consult-followup/1", "date": date, "patient": PATIENT, **fields}
    path = tmp / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = cli(
        "followup", str(path), "--out", str(tmp / f"fu-{name}"), "--data-dir", str(data_dir)
    )
    assert result.returncode == 0, result.stderr


def sealed(tmp: Path, data_dir: Path, name: str, data: dict) -> None:
    result, _ = run_case(tmp, data, name, data_dir=data_dir)
    assert result.returncode == 0, (name, result.stdout)


def screening(out: Path) -> dict:
    return json.loads((out / "screening.json").read_text("utf-8"))


def findings(out: Path) -> dict[str, dict]:
    return {f["id"]: f for f in screening(out)["findings"]}


def _two_cycles(tmp: Path, second_score: int) -> Path:
    """Baseline 20 headache days at the first of two migraine treatments, follow-ups 18 then
    ``second_score``; returns the data folder."""
    data_dir = tmp / "data"
    sealed(tmp, data_dir, "t1", treatment("2026-03-02", outcomes={"monthly_headache_days": 20}))
    followup(tmp, data_dir, "2026-04-15", "f1", outcomes={"monthly_headache_days": 18})
    sealed(tmp, data_dir, "t2", treatment("2026-06-01"))
    followup(tmp, data_dir, "2026-07-15", "f2", outcomes={"monthly_headache_days": second_score})
    return data_dir


def test_insufficient_response_after_two_cycles(tmp_path):
    data_dir = _two_cycles(tmp_path, 17)
    result, out = run_case(tmp_path, treatment("2026-09-01"), "t3", data_dir=data_dir)
    assert result.returncode == 4  # a CAUTION without its reason
    found = findings(out)
    assert found["insufficient_response"]["level"] == "caution"
    assert found["insufficient_response"]["kind"] == "computed"
    message = found["insufficient_response"]["message"]
    assert "20" in message and "17" in message and "-15%" in message and "30%" in message
    assert "insufficient_response" in screening(out)["missing"]
    # in French, and with a reason the consultation goes on
    reasons = dict(BASE_CASE["reasons"])
    reasons["insufficient_response"] = "Patient prefers to continue; fewer severe days reported."
    result, out = run_case(
        tmp_path, treatment("2026-09-01", reasons=reasons), "t3b", "--lang", "fr", data_dir=data_dir
    )
    assert result.returncode == 0, result.stdout
    message = findings(out)["insufficient_response"]["message"]
    assert "Migraine chronique" in message and "-15 %" in message


def test_a_40_percent_fall_is_a_response(tmp_path):
    data_dir = _two_cycles(tmp_path, 12)
    result, out = run_case(tmp_path, treatment("2026-09-01"), "t3", data_dir=data_dir)
    assert result.returncode == 0, result.stdout
    assert "insufficient_response" not in findings(out)


def test_one_cycle_is_too_early_to_judge(tmp_path):
    data_dir = tmp_path / "data"
    sealed(
        tmp_path, data_dir, "t1", treatment("2026-03-02", outcomes={"monthly_headache_days": 20})
    )
    followup(tmp_path, data_dir, "2026-04-15", "f1", outcomes={"monthly_headache_days": 19})
    result, out = run_case(tmp_path, treatment("2026-06-01"), "t2", data_dir=data_dir)
    assert result.returncode == 0, result.stdout
    assert "insufficient_response" not in findings(out)


def test_prior_adverse_event_for_the_same_product_only(tmp_path):
    data_dir = tmp_path / "data"
    sealed(tmp_path, data_dir, "t1", treatment("2026-03-02"))
    followup(
        tmp_path,
        data_dir,
        "2026-03-20",
        "f1",
        adverse_events=[{"risk": "eyelid_droop", "onset": "2026-03-06", "severity": "moderate"}],
    )
    result, out = run_case(tmp_path, treatment("2026-06-01"), "botox", data_dir=data_dir)
    found = findings(out)
    assert found["prior_adverse_event"]["level"] == "caution"
    message = found["prior_adverse_event"]["message"]
    assert "Botox" in message and "moderate" in message and "2026-03-06" in message
    assert "2026-03-02" in message
    assert result.returncode == 4 and "prior_adverse_event" in screening(out)["missing"]
    xeomin = treatment("2026-06-01", product="xeomin")
    result, out = run_case(tmp_path, xeomin, "xeomin", data_dir=data_dir)
    assert "prior_adverse_event" not in findings(out), result.stdout


def test_a_mild_adverse_event_does_not_fire(tmp_path):
    data_dir = tmp_path / "data"
    sealed(tmp_path, data_dir, "t1", treatment("2026-03-02"))
    followup(
        tmp_path,
        data_dir,
        "2026-03-20",
        "f1",
        adverse_events=[{"risk": "eyelid_droop", "onset": "2026-03-06", "severity": "mild"}],
    )
    result, out = run_case(tmp_path, treatment("2026-06-01"), "t2", data_dir=data_dir)
    assert result.returncode == 0, result.stdout
    assert "prior_adverse_event" not in findings(out)


def test_severe_event_message_in_french(tmp_path):
    data_dir = tmp_path / "data"
    sealed(tmp_path, data_dir, "t1", treatment("2026-03-02"))
    followup(
        tmp_path,
        data_dir,
        "2026-03-20",
        "f1",
        adverse_events=[
            {"risk": "swallowing_difficulty", "onset": "2026-03-09", "severity": "severe"}
        ],
    )
    _, out = run_case(tmp_path, treatment("2026-06-01"), "t2", "--lang", "fr", data_dir=data_dir)
    message = findings(out)["prior_adverse_event"]["message"]
    assert "grave" in message and "Après un traitement antérieur par Botox" in message

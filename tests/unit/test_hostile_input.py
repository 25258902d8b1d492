"""Issue 14, point 7: every hostile input is exit 2 naming the field, before anything is stored.

The named cases of the issue, the same hostile values dropped by hypothesis into random fields of
a valid case, and the limits at their edge (which must still lay out: exit 0).
"""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consult_app.app.cmd_run import run_case

ROOT = Path(__file__).resolve().parents[2]
BASE = json.loads((ROOT / "tests/fixtures/cases/chronic_migraine_ca.json").read_text("utf-8"))


def _run(tmp_path: Path, text: str, name: str = "case") -> tuple[int, str, Path]:
    case = tmp_path / f"{name}.json"
    case.write_text(text, encoding="utf-8", errors="surrogatepass")
    data = tmp_path / f"data-{name}"
    outcome = run_case(case, tmp_path / f"out-{name}", data_dir=data)
    return outcome.code, "\n".join(outcome.lines), data


def _nothing_stored(data: Path) -> bool:
    return not (data / "consult.sqlite3").exists()


def _with(path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[part]
    node[last] = value
    return data


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=True)


NAMED = {
    "units 1e308": (_dump(_with("plan.frontalis", 1e308)), "plan.frontalis"),
    "units 10**400 literal": (
        _dump(_with("plan.frontalis", 7)).replace('"frontalis": 7', '"frontalis": ' + "1" * 401),
        "plan.frontalis",
    ),
    "units 1e400 literal": (
        _dump(_with("plan.frontalis", 7)).replace('"frontalis": 7', '"frontalis": 1e400'),
        "plan.frontalis",
    ),
    "4301-digit integer": (
        _dump(_with("outcomes.hit6", 7)).replace('"hit6": 7', '"hit6": ' + "9" * 4301),
        "outcomes.hit6",
    ),
    "date 9999-12-31": (_dump(_with("date", "9999-12-31")), "date"),
    "birth date year 1": (_dump(_with("patient.birth_date", "0001-01-01")), "patient.birth_date"),
    "surrogate diagnosis": (_dump(_with("diagnosis", "Migraine \ud800")), "diagnosis"),
    "surrogate lot": (_dump(_with("lot.number", "C12\ud800")), "lot.number"),
    "surrogate reason": (
        _dump(_with("reasons.muscle_relaxants", "Two words \ud800 here")),
        "reasons.muscle_relaxants",
    ),
    "surrogate clinician": (_dump(_with("consent.clinician", "Dr \udfff")), "consent.clinician"),
    "surrogate signature": (
        _dump(_with("consent.patient_signature", "typed:Jane \ud800")),
        "consent.patient_signature",
    ),
    "10 kB typed signature": (
        _dump(_with("consent.patient_signature", "typed:" + "J" * 10_000)),
        "consent.patient_signature",
    ),
    "200 emoji signature": (
        _dump(_with("consent.patient_signature", "typed:" + "\U0001f600" * 200)),
        "consent.patient_signature",
    ),
    "200 CJK signature": (
        _dump(_with("consent.clinician_signature", "typed:" + "漢" * 200)),
        "consent.clinician_signature",
    ),
    "2000-char name": (_dump(_with("patient.name", "N" * 2000)), "patient.name"),
    "png junk": (
        _dump(_with("consent.patient_signature", "png:iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB")),
        "consent.patient_signature",
    ),
    "png bad base64": (
        _dump(_with("consent.patient_signature", "png:!!!not base64")),
        "consent.patient_signature",
    ),
    "dilution 5e-324": (_dump(_with("dilution_units_per_ml", 5e-324)), "dilution_units_per_ml"),
    "dilution 1e6": (_dump(_with("dilution_units_per_ml", 1e5)), "dilution_units_per_ml"),
    "control character": (_dump(_with("patient.name", "Jane\x00Doe")), "patient.name"),
    "name on two lines": (_dump(_with("patient.name", "Jane\nDoe")), "patient.name"),
}


@pytest.mark.parametrize("name", sorted(NAMED))
def test_named_hostile_input_is_exit_2_naming_the_field(tmp_path: Path, name: str) -> None:
    text, field = NAMED[name]
    code, out, data = _run(tmp_path, text)
    assert code == 2, out
    assert out.startswith(f"error: {field}:"), out
    assert _nothing_stored(data)


def test_json_nested_1000_deep_is_exit_2(tmp_path: Path) -> None:
    deep = "[" * 1000 + "]" * 1000
    text = _dump(_with("history", [])).replace('"history": []', '"history": ' + deep)
    code, out, data = _run(tmp_path, text)
    assert code == 2 and "nested" in out, out
    assert "history" in out or "case.json" in out
    assert _nothing_stored(data)


def test_json_nested_100000_deep_is_exit_2(tmp_path: Path) -> None:
    deep = "{" + '"a":{' * 100_000 + "}" * 100_001
    code, out, data = _run(tmp_path, deep)
    assert code == 2 and "nested" in out, out
    assert _nothing_stored(data)


def test_one_megabyte_field_is_refused_in_well_under_a_second(tmp_path: Path) -> None:
    text = _dump(_with("diagnosis", "x" * 1_000_000))
    started = time.perf_counter()
    code, out, data = _run(tmp_path, text)
    elapsed = time.perf_counter() - started
    assert code == 2 and out.startswith("error: diagnosis: too long"), out
    assert elapsed < 0.5, elapsed
    assert _nothing_stored(data)


def test_values_at_the_limits_still_lay_out(tmp_path: Path) -> None:
    """Unbroken text at each limit: sealed with its documents (exit 0), never a layout error."""
    data = copy.deepcopy(BASE)
    data["patient"].update(name="W" * 100, chart_number="C" * 200, allergies="a" * 2000)
    data["patient"]["email"] = "e" * 240 + "@example.org"
    data["diagnosis"] = "Migraine " + "D" * 1991  # a diagnosis (core.diagnosis), then unbroken
    data["lot"]["number"] = "L" * 200
    data["reasons"]["muscle_relaxants"] = "Reason " + "y" * 1990
    data["consent"].update(
        patient_signature="typed:" + "漢" * 7,
        clinician="M" * 100,
        clinician_signature="typed:" + "S" * 60,
        witness={"name": "漢" * 12, "signature": "typed:" + "\U0001f600" * 7},
    )
    code, out, _ = _run(tmp_path, _dump(data))
    assert code == 0, out


HOSTILE = st.sampled_from(
    [
        "\ud800",
        "x\udfffy",
        "\x00",
        "typed:" + "W" * 10_000,
        "N" * 5000,
        "typed:Jane \ud800",
        "9999-12-31",
        1e308,
        -1e308,
        10**18,
        5e-324,
        [[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]],
        {"deep": {"deeper": {"deepest": {"more": {"and": {"more": {"x": 1}}}}}}},
    ]
)
FIELDS = st.sampled_from(
    [
        "date",
        "diagnosis",
        "patient.name",
        "patient.birth_date",
        "patient.chart_number",
        "patient.allergies",
        "lot.number",
        "lot.expiry",
        "plan.frontalis",
        "dilution_units_per_ml",
        "outcomes.hit6",
        "reasons.muscle_relaxants",
        "consent.clinician",
        "consent.patient_signature",
        "consent.clinician_signature",
    ]
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(field=FIELDS, value=HOSTILE)
def test_hostile_value_in_any_field_is_exit_2_before_anything_is_stored(
    tmp_path: Path, field: str, value: Any
) -> None:
    code, out, data = _run(tmp_path, _dump(_with(field, value)), name="h")
    assert code == 2, (field, value, out)
    assert out.startswith("error: "), out
    assert field.split(".")[0] in out or "case" in out, out
    assert _nothing_stored(data)


def test_substitute_and_witness_at_the_limits_still_lay_out(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    data["patient"].update(name="漢" * 12, language="fr")
    data["consent"] = {
        "decision": "given",
        "clinician": "\U0001f600" * 12,
        "clinician_signature": "typed:" + "漢" * 7,
        "substitute": {
            "name": "Ж" * 100,
            "relationship": "漢" * 12,
            "signature": "typed:" + "\U0001f600" * 7,
        },
        "witness": {"name": "W" * 100, "signature": "typed:" + "É" * 60},
    }
    code, out, _ = _run(tmp_path, _dump(data))
    assert code == 0, out


def test_a_huge_file_or_a_folder_is_exit_2_without_reading_it_whole(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as fh:
        fh.truncate(2 * 1024**3)  # 2 GB, sparse
    started = time.perf_counter()
    outcome = run_case(huge, tmp_path / "o", data_dir=tmp_path / "d")
    assert outcome.code == 2 and "larger than" in outcome.lines[0]
    assert time.perf_counter() - started < 1.0
    folder = run_case(tmp_path, tmp_path / "o", data_dir=tmp_path / "d")
    assert folder.code == 2 and "not a file" in folder.lines[0]
    assert _nothing_stored(tmp_path / "d")


def test_an_unexpected_error_prints_no_traceback(tmp_path: Path) -> None:
    """A bug (here: a protocol function that raises) is exit 1 with one line, no traceback."""
    import os
    import subprocess
    import sys

    script = (
        "import sys, consult_app.core.usecase as u\n"
        "def boom(*a, **k):\n"
        "    raise ValueError('Jane O\\'Brien 1984-03-09')\n"
        "u.evaluate = boom\n"
        "import consult_app.app.consultation_service as s\n"
        "s.evaluate = boom\n"
        "from consult_app.app.main import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    case = tmp_path / "c.json"
    case.write_text(_dump(BASE), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", script, "run", str(case), "--out", str(tmp_path / "o"),
         "--data-dir", str(tmp_path / "d")],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "O'Brien" not in result.stderr
    assert "This is a bug" in result.stderr

"""``consult-app export fhir`` (case-format 1.1, "FHIR") through the real commands.

A data folder is filled with ``consult-app run`` (a consent given with its administration, a
declined one, a consent given with no administration for a patient without chart number) and
``consult-app followup``, all in subprocesses; then exported. Every resource is parsed with
``fhir.resources`` (R4B), every reference must resolve inside its bundle, and the bundles are
checked against the database (raw SQL).
"""

from __future__ import annotations

import base64
import copy
import json
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class

from consult_app.exchange.fhir_codes import FhirCodesError, parse_fhir_codes
from tests.unit.test_followup_cli import FOLLOWUP, write
from tests.unit.test_run_cli import BASE_CASE, ROOT, cli, run_case

GIVEN = {
    "time": "2026-11-21T10:42",
    "clinician": "N. Roy, RN",
    "vials": [{"lot": "C1234A", "expiry": "2027-05-31", "size_units": 200}],
    "points": [
        {"area": "trapezius", "side": "left", "units": 15},
        {"area": "trapezius", "side": "right", "units": 12.5},
        {"area": "procerus", "side": "midline", "units": 5},
    ],
}
GLABELLAR = json.loads((ROOT / "tests/fixtures/cases/glabellar_us_proceed.json").read_text())


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("fhir")
    data = tmp / "data"
    treated = {**copy.deepcopy(BASE_CASE), "administration": GIVEN}
    result, _ = run_case(tmp, treated, "treated", data_dir=data)
    assert result.returncode == 0, result.stderr
    result = cli(
        "followup", str(write(tmp, FOLLOWUP)), "--out", str(tmp / "fu"), "--data-dir", str(data)
    )
    assert result.returncode == 0, result.stderr
    declined = copy.deepcopy(BASE_CASE)
    declined["date"] = "2027-03-01"
    declined["consent"]["decision"] = "declined"
    result, _ = run_case(tmp, declined, "declined", data_dir=data)
    assert result.returncode == 5, result.stderr  # the refusal sealed (case-format)
    glabellar = {**copy.deepcopy(GLABELLAR), "lot": {"number": "X778", "expiry": "2027-01-31"}}
    result, _ = run_case(tmp, glabellar, "glabellar", data_dir=data)
    assert result.returncode == 0, result.stderr
    return data


def export(data: Path, out: Path, *extra: str):
    return cli("export", "fhir", "--out", str(out), "--data-dir", str(data), *extra)


def by_type(bundle: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in bundle["entry"]:
        out[entry["resource"]["resourceType"]].append(entry["resource"])
    return out


def references(value: object):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "reference" and isinstance(item, str):
                yield item
            else:
                yield from references(item)
    elif isinstance(value, list):
        for item in value:
            yield from references(item)


def test_export_parses_resolves_and_matches_the_database(data_dir, tmp_path):
    result = export(data_dir, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "Jane" not in result.stdout + result.stderr
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["A-1001.json", "patient-2.json"]
    conn = sqlite3.connect(data_dir / "consult.sqlite3")
    decisions = dict(conn.execute("SELECT sha256, decision FROM consents").fetchall())
    (given_raw,) = conn.execute("SELECT canonical FROM administrations").fetchone()
    administered = json.loads(given_raw)
    bundles = {}
    for name in files:
        bundle = json.loads((tmp_path / "out" / name).read_text("utf-8"))
        get_fhir_model_class("Bundle").model_validate(bundle)
        assert bundle["type"] == "collection"
        urls = {e["fullUrl"] for e in bundle["entry"]}
        assert len(urls) == len(bundle["entry"])
        for entry in bundle["entry"]:
            resource = entry["resource"]
            get_fhir_model_class(resource["resourceType"]).model_validate(resource)
            assert entry["fullUrl"] == f"urn:uuid:{resource['id']}"
            assert resource["meta"]["lastUpdated"]
            for ref in references(resource):
                assert ref in urls, (resource["resourceType"], ref)
        bundles[name] = by_type(bundle)
    jane = bundles["A-1001.json"]
    assert len(jane["Patient"]) == 1
    assert jane["Patient"][0]["identifier"][0]["value"] == "A-1001"
    statuses = []
    for consent in jane["Consent"] + bundles["patient-2.json"]["Consent"]:
        (seal,) = [i["value"] for i in consent["identifier"] if i["system"].endswith("seal-sha256")]
        expected = {"given": "active", "declined": "rejected"}[decisions[seal]]
        assert consent["status"] == expected
        statuses.append(consent["status"])
        (prov,) = [
            p
            for b in bundles.values()
            for p in b["Provenance"]
            if p["target"][0]["reference"].endswith(consent["id"])
        ]
        assert base64.b64decode(prov["signature"][0]["data"]).decode() == seal
    assert sorted(statuses) == ["active", "active", "rejected"]
    # vials and doses exactly as the administration recorded them
    lots = [(m["batch"]["lotNumber"], m["batch"]["expirationDate"]) for m in jane["Medication"]]
    assert lots == [(v["lot"], v["expiry"]) for v in administered["vials"]]
    doses = {}
    for ma in jane["MedicationAdministration"]:
        dose = ma["dosage"]["dose"]
        assert (dose["unit"], dose["code"], dose["system"]) == (
            "[iU]",
            "[iU]",
            "http://unitsofmeasure.org",
        )
        area = ma["dosage"]["site"]["coding"][-1]["code"]
        side = ma["dosage"]["site"]["text"].rsplit(", ", 1)[1]
        doses[(area, side)] = dose["value"]
    assert doses == {
        (area, side): units
        for area, sides in administered["given"].items()
        for side, units in sides.items()
    }
    # consented without administration: the consent's lot is the vial; nothing administered
    marc = bundles["patient-2.json"]
    assert [m["batch"]["lotNumber"] for m in marc["Medication"]] == ["X778"]
    assert marc["Medication"][0]["batch"]["expirationDate"] == "2027-01-31"
    assert "MedicationAdministration" not in marc
    # outcome scores: baseline at each consultation with scores, then the follow-up
    scores = sorted(
        (o["effectiveDateTime"], o["code"]["coding"][-1]["code"], o["valueInteger"])
        for o in jane["Observation"]
    )
    assert ("2026-11-21", "hit6", 64) in scores and ("2026-12-05", "hit6", 55) in scores
    assert ("2026-12-05", "monthly_headache_days", 8) in scores
    (event,) = jane["AdverseEvent"]
    assert event["event"]["coding"][0]["code"] == "eyelid_droop"
    assert event["severity"]["coding"][0]["code"] == "mild"
    (qr,) = [q for q in jane["QuestionnaireResponse"] if q["authored"]][:1]
    answers = {i["linkId"]: i["answer"][0]["valueCoding"]["code"] for i in qr["item"]}
    assert answers == BASE_CASE["answers"]
    assert {q["url"] for q in jane["Questionnaire"]} == {
        q["questionnaire"] for q in jane["QuestionnaireResponse"]
    }


def test_reexport_gives_the_same_ids_and_bytes(data_dir, tmp_path):
    assert export(data_dir, tmp_path / "a").returncode == 0
    again = export(data_dir, tmp_path / "b", "--patient", "A-1001")
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["A-1001.json"]
    first = json.loads((tmp_path / "a" / "A-1001.json").read_text("utf-8"))
    second = json.loads((tmp_path / "b" / "A-1001.json").read_text("utf-8"))
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
    assert first == second


def test_unknown_chart_number_exits_2(data_dir, tmp_path):
    result = export(data_dir, tmp_path / "out", "--patient", "Z-999")
    assert result.returncode == 2
    assert "Z-999" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_unavailable_storage_exits_8(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "consult.sqlite3").write_bytes(b"not a database" * 100)
    result = export(data, tmp_path / "out")
    assert result.returncode == 8, result.stderr


def test_invalid_resource_is_named(data_dir):
    from consult_app.app.services import load_protocol_for
    from consult_app.exchange.fhir import FhirExportError, _Builder
    from consult_app.exchange.fhir_codes import load_fhir_codes
    from consult_app.exchange.fhir_read import read_patient
    from consult_app.storage.db import open_database

    conn = open_database(data_dir / "consult.sqlite3")
    try:
        record = read_patient(conn, 1)
    finally:
        conn.close()
    builder = _Builder(record, load_protocol_for(None), load_fhir_codes())
    bad = {"resourceType": "Medication", "id": "m1", "batch": {"expirationDate": "31/05/2027"}}
    with pytest.raises(FhirExportError, match=r"Medication/m1: field batch\.expirationDate"):
        builder.add(bad, record.patient.created_at)


def test_codes_file_needs_a_source_per_code():
    bundled = (ROOT / "resources/exchange/fhir.toml").read_bytes()
    codes = parse_fhir_codes(bundled)
    assert (codes.medication.code, codes.units.code) == ("M03AX01", "[iU]")
    broken = bundled.replace(b'source = ["WHO', b'sauce = ["WHO')
    with pytest.raises(FhirCodesError, match=r"medication\.source"):
        parse_fhir_codes(broken)

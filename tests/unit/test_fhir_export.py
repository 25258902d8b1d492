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
import dataclasses
import hashlib
import json
import sqlite3
import zoneinfo
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


CLINIC_TOML = 'time_zone = "America/Toronto"\n\n[clinic]\nname = "Lakeside Neurology"\n'
RECORDS: dict[Path, dict[str, Path]] = {}  # data folder -> case name -> its record.pdf


def fill(tmp: Path) -> Path:
    """A data folder filled through the real commands (see the module docstring)."""
    data = tmp / "data"
    data.mkdir(mode=0o700, parents=True)
    records = RECORDS.setdefault(data, {})
    (data / "clinic.toml").write_text(CLINIC_TOML, encoding="utf-8")
    treated = {**copy.deepcopy(BASE_CASE), "administration": GIVEN}
    result, out = run_case(tmp, treated, "treated", data_dir=data)
    assert result.returncode == 0, result.stderr
    records["treated"] = out / "record.pdf"
    result = cli(
        "followup", str(write(tmp, FOLLOWUP)), "--out", str(tmp / "fu"), "--data-dir", str(data)
    )
    assert result.returncode == 0, result.stderr
    declined = copy.deepcopy(BASE_CASE)
    declined["date"] = "2027-03-01"
    declined["consent"]["decision"] = "declined"
    result, out = run_case(tmp, declined, "declined", data_dir=data)
    assert result.returncode == 5, result.stderr  # the refusal sealed (case-format)
    records["declined"] = out / "record.pdf"
    glabellar = {**copy.deepcopy(GLABELLAR), "lot": {"number": "X778", "expiry": "2027-01-31"}}
    result, out = run_case(tmp, glabellar, "glabellar", data_dir=data)
    assert result.returncode == 0, result.stderr
    records["glabellar"] = out / "record.pdf"
    return data


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return fill(tmp_path_factory.mktemp("fhir"))


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
    encounters = {f"urn:uuid:{e['id']}" for e in jane["Encounter"]}
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
        site = {c["system"]: c["code"] for c in ma["dosage"]["site"]["coding"]}
        doses[(site["urn:consult-app:site"], site["urn:consult-app:side"])] = dose["value"]
        # the administration's own time, with the clinic's offset (Toronto, November: EST)
        assert ma["effectiveDateTime"] == "2026-11-21T10:42:00-05:00"
        assert ma["context"]["reference"] in encounters
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
        (o["effectiveDateTime"][:10], o["code"]["coding"][-1]["code"], o["valueInteger"])
        for o in jane["Observation"]
    )
    assert ("2026-11-21", "hit6", 64) in scores and ("2026-12-05", "hit6", 55) in scores
    assert ("2026-12-05", "monthly_headache_days", 8) in scores
    for o in jane["Observation"]:  # each score in its visit's Encounter, none "about" a Consent
        assert "focus" not in o
        assert o["encounter"]["reference"] in encounters
    # one Encounter per visit: the treated consultation, the declined one, the follow-up
    assert len(jane["Encounter"]) == 3
    assert all(e["status"] == "finished" and e["class"]["code"] == "AMB" for e in jane["Encounter"])
    (event,) = jane["AdverseEvent"]
    assert event["event"]["coding"][0]["code"] == "eyelid_droop"
    assert event["severity"]["coding"][0]["code"] == "mild"
    (qr,) = [q for q in jane["QuestionnaireResponse"] if q["authored"]][:1]
    answers = {i["linkId"]: i["answer"][0]["valueCoding"]["code"] for i in qr["item"]}
    assert answers == BASE_CASE["answers"]
    assert {f"{q['url']}|{q['version']}" for q in jane["Questionnaire"]} == {
        q["questionnaire"] for q in jane["QuestionnaireResponse"]
    }
    (questionnaire,) = jane["Questionnaire"]
    options = {o["valueCoding"]["code"] for o in questionnaire["item"][0]["answerOption"]}
    assert options == {"yes", "no", "unsure"}
    assert all(i["text"] for i in questionnaire["item"])


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
    from consult_app.exchange.fhir import ExportContext, FhirExportError, _Builder
    from consult_app.exchange.fhir_codes import load_fhir_codes
    from consult_app.exchange.fhir_read import read_patient
    from consult_app.storage.db import open_database

    conn = open_database(data_dir / "consult.sqlite3")
    try:
        record = read_patient(conn, 1)
    finally:
        conn.close()
    context = ExportContext(seed="0" * 32, zone=zoneinfo.ZoneInfo("America/Toronto"))
    builder = _Builder(record, load_protocol_for(None), load_fhir_codes(), context)
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


def load(out: Path, name: str) -> dict[str, list[dict[str, Any]]]:
    bundle = json.loads((out / name).read_text("utf-8"))
    get_fhir_model_class("Bundle").model_validate(bundle)
    return by_type(bundle)


def test_ids_are_the_clinics_own(data_dir, tmp_path):
    """Issue 22 review 2: the same records in another clinic's database get other ids.

    Within one database every export gives the same ids (the seed is stored once); a second
    database filled with the very same commands has its own seed, so no Patient.id, Bundle.id or
    chart-number system is shared (before: UUID 5 of the row numbers under one fixed namespace).
    """
    other = fill(tmp_path / "other")
    assert export(data_dir, tmp_path / "a").returncode == 0
    assert export(other, tmp_path / "b").returncode == 0
    first = json.loads((tmp_path / "a" / "A-1001.json").read_text("utf-8"))
    second = json.loads((tmp_path / "b" / "A-1001.json").read_text("utf-8"))
    assert first["id"] != second["id"]
    ids_a = {e["resource"]["id"] for e in first["entry"]}
    ids_b = {e["resource"]["id"] for e in second["entry"]}
    assert not ids_a & ids_b
    (pa,) = by_type(first)["Patient"]
    (pb,) = by_type(second)["Patient"]
    assert pa["identifier"][0]["value"] == pb["identifier"][0]["value"] == "A-1001"
    assert pa["identifier"][0]["system"] != pb["identifier"][0]["system"]
    # the seed is one settings row, made once; the settings the clinic sees are untouched
    conn = sqlite3.connect(other / "consult.sqlite3")
    rows = conn.execute("SELECT value FROM settings WHERE key = 'exchange.id_seed'").fetchall()
    conn.close()
    assert len(rows) == 1 and len(json.loads(rows[0][0])) == 32


def test_chart_number_is_a_medical_record_number_of_this_clinic(data_dir, tmp_path):
    """Issue 22 review 8: identifier.type MR (HL7 v2-0203), assigned by the clinic."""
    assert export(data_dir, tmp_path / "out").returncode == 0
    jane = load(tmp_path / "out", "A-1001.json")
    (patient,) = jane["Patient"]
    (identifier,) = patient["identifier"]
    assert identifier["type"]["coding"] == [
        {
            "system": "http://terminology.hl7.org/CodeSystem/v2-0203",
            "code": "MR",
            "display": "Medical record number",
        }
    ]
    assert identifier["system"].startswith("urn:consult-app:clinic:")
    assert identifier["system"].endswith(":chart-number")
    (org,) = jane["Organization"]
    assert org["name"] == "Lakeside Neurology"
    assert identifier["assigner"]["reference"] == f"urn:uuid:{org['id']}"
    assert patient["managingOrganization"]["reference"] == f"urn:uuid:{org['id']}"
    assert patient["name"] == [
        {"use": "official", "text": "Jane O'Brien", "given": ["Jane"], "family": "O'Brien"}
    ]


def test_consent_attachment_has_the_record_pdfs_sha1_and_size(data_dir, tmp_path):
    """Issue 22 review 1 and ppc-1: hash (SHA-1, base64) and size of the sealed record PDF."""
    assert export(data_dir, tmp_path / "out").returncode == 0
    consents = [
        c
        for name in ("A-1001.json", "patient-2.json")
        for c in load(tmp_path / "out", name)["Consent"]
    ]
    expected = {}
    for case_name in ("treated", "declined", "glabellar"):
        data = RECORDS[data_dir][case_name].read_bytes()
        expected[hashlib.sha256(data).hexdigest()] = (
            base64.b64encode(hashlib.sha1(data).digest()).decode(),
            len(data),
        )
    seen = set()
    for consent in consents:
        (pdf_sha,) = [
            i["value"] for i in consent["identifier"] if i["system"].endswith("pdf-sha256")
        ]
        attachment = consent["sourceAttachment"]
        assert (attachment["hash"], attachment["size"]) == expected[pdf_sha]
        assert "data" not in attachment
        assert consent["policy"], "ppc-1: a policy on every Consent"
        seen.add(pdf_sha)
    assert seen == set(expected)


def test_with_documents_embeds_the_record_pdf(data_dir, tmp_path):
    result = export(data_dir, tmp_path / "out", "--patient", "A-1001", "--with-documents")
    assert result.returncode == 0, result.stderr
    consents = load(tmp_path / "out", "A-1001.json")["Consent"]
    embedded = {base64.b64decode(c["sourceAttachment"]["data"]) for c in consents}
    records = RECORDS[data_dir]
    assert embedded == {records["treated"].read_bytes(), records["declined"].read_bytes()}


def test_rows_without_sha1_read_the_file_in_the_data_folder(tmp_path):
    """Documents recorded before schema 8 have no SHA-1: the file with their SHA-256 gives it."""
    data = fill(tmp_path)
    conn = sqlite3.connect(data / "consult.sqlite3")
    (cid,) = conn.execute("SELECT id FROM consultations ORDER BY id LIMIT 1").fetchone()
    pdf = RECORDS[data]["treated"].read_bytes()
    folder = data / "documents" / f"consultation-{cid:06d}"
    folder.mkdir(parents=True)
    (folder / "record.pdf").write_bytes(pdf)
    with conn:  # an older row: a newer record of the same consultation, without the new facts
        conn.execute(
            "INSERT INTO documents (consultation_id, kind, sha256, created_at)"
            " VALUES (?, 'record', ?, '2026-12-01T00:00:00Z')",
            (cid, hashlib.sha256(pdf).hexdigest()),
        )
    conn.close()
    RECORDS[data]["treated"].unlink()  # the --out copy is gone; only the data folder's remains
    assert export(data, tmp_path / "out", "--patient", "A-1001").returncode == 0
    consents = load(tmp_path / "out", "A-1001.json")["Consent"]
    hashes = {c["sourceAttachment"].get("hash") for c in consents}
    assert base64.b64encode(hashlib.sha1(pdf).digest()).decode() in hashes


def test_labels_are_in_the_patients_language(data_dir, tmp_path):
    assert export(data_dir, tmp_path / "out").returncode == 0
    marc = load(tmp_path / "out", "patient-2.json")
    (consent,) = marc["Consent"]
    assert consent["sourceAttachment"]["title"] == "Dossier de consultation (consentement)"
    assert consent["sourceAttachment"]["language"] == "fr"
    (qr,) = marc["QuestionnaireResponse"]
    displays = {i["answer"][0]["valueCoding"]["display"] for i in qr["item"]}
    assert displays == {"Non", "Oui"}
    (patient,) = marc["Patient"]
    assert patient["name"][0]["family"] == "Tremblay"
    assert "identifier" not in patient  # no chart number: nothing invented


def test_questionnaire_is_the_version_used(data_dir):
    """A consultation under another protocol version gets that version's Questionnaire.

    This installation has only today's wording: the older version's Questionnaire lists the
    answered question IDs without text and says so, instead of today's questions.
    """
    from consult_app.app.services import load_protocol_for
    from consult_app.exchange.fhir import ExportContext, build_bundle
    from consult_app.exchange.fhir_codes import load_fhir_codes
    from consult_app.exchange.fhir_read import read_patient
    from consult_app.storage.db import open_database

    conn = open_database(data_dir / "consult.sqlite3")
    try:
        record = read_patient(conn, 1)
    finally:
        conn.close()
    old = record.consultations[0]
    payload = copy.deepcopy(old.consent)
    payload["protocol"] = {**payload["protocol"], "version": "2025.01-1", "hash": "f" * 64}
    record = dataclasses.replace(
        record,
        consultations=(dataclasses.replace(old, consent=payload), *record.consultations[1:]),
    )
    context = ExportContext(seed="1" * 32, zone=zoneinfo.ZoneInfo("America/Toronto"))
    found = by_type(build_bundle(record, load_protocol_for(None), load_fhir_codes(), context))
    versions = {q["version"]: q for q in found["Questionnaire"]}
    assert set(versions) == {"2025.01-1", load_protocol_for(None).version}
    older = versions["2025.01-1"]
    assert older["status"] == "retired" and "2025.01-1" in older["description"]
    assert {i["linkId"] for i in older["item"]} == set(payload["answers"])
    assert not any("text" in i for i in older["item"])
    responses = {q["questionnaire"] for q in found["QuestionnaireResponse"]}
    assert f"{older['url']}|2025.01-1" in responses


def test_split_name():
    from consult_app.exchange.fhir import split_name

    assert split_name("Jane O'Brien") == (["Jane"], "O'Brien")
    assert split_name("Jean de la Fontaine") == (["Jean"], "de la Fontaine")
    assert split_name("Marie-Claude Rossi-O'Brien") == (["Marie-Claude"], "Rossi-O'Brien")
    assert split_name("Zoë Łukasiewicz") == (["Zoë"], "Łukasiewicz")
    assert split_name("Cher") is None
    assert split_name("王 秀英") is None  # order differs by script: text only


def test_standard_codes_fit_the_protocol_and_reach_the_bundle(data_dir, tmp_path):
    """fhir.toml's SNOMED CT, LOINC and DIN tables name real protocol ids and are exported."""
    from consult_app.app.services import load_protocol_for
    from consult_app.exchange.fhir import ExportContext, build_bundle
    from consult_app.exchange.fhir_codes import load_fhir_codes
    from consult_app.exchange.fhir_read import read_patient
    from consult_app.storage.db import open_database

    protocol = load_protocol_for(None)
    codes = load_fhir_codes()
    assert set(codes.sites) <= set(protocol.areas)
    assert set(codes.outcomes) <= set(protocol.outcomes)
    assert set(codes.products) <= set(protocol.products)
    assert all(c.source for c in [*codes.sites.values(), *codes.outcomes.values()])
    assert export(data_dir, tmp_path / "out").returncode == 0
    jane = load(tmp_path / "out", "A-1001.json")
    trapezius = [
        m["dosage"]["site"]
        for m in jane["MedicationAdministration"]
        if {"system": "urn:consult-app:site", "code": "trapezius", "display": "Trapezius"}
        in m["dosage"]["site"]["coding"]
    ]
    assert len(trapezius) == 2
    for site in trapezius:
        assert site["coding"][0] == {
            "system": "http://snomed.info/sct",
            "code": "31764008",
            "display": "Trapezius muscle",
        }
    # a DIN only for a product that is one marketed product, only under its country
    conn = open_database(data_dir / "consult.sqlite3")
    try:
        record = read_patient(conn, 1)
    finally:
        conn.close()
    context = ExportContext(seed="2" * 32, zone=zoneinfo.ZoneInfo("America/Toronto"))
    found = {}
    for jurisdiction in ("CA", "US"):
        first = record.consultations[0]
        payload = {**first.consent, "product": "nuceiva", "jurisdiction": jurisdiction}
        changed = dataclasses.replace(
            record, consultations=(dataclasses.replace(first, consent=payload),)
        )
        meds = by_type(build_bundle(changed, protocol, codes, context))["Medication"]
        found[jurisdiction] = {c["system"]: c["code"] for c in meds[0]["code"]["coding"]}
    assert found["CA"]["http://hl7.org/fhir/NamingSystem/ca-hc-din"] == "02480158"
    assert "http://hl7.org/fhir/NamingSystem/ca-hc-din" not in found["US"]
    assert found["US"]["http://www.whocc.no/atc"] == "M03AX01"

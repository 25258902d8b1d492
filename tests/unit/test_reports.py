"""core.reports and core.labels: document models from an evaluation, wording from the labels and
the protocol content, rendered with the real builders and read back."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from consult_app.core.case_file import parse_case
from consult_app.core.labels import LabelError, parse_labels
from consult_app.core.protocol import load_protocol_dir
from consult_app.core.report_model import ClinicInfo, HandoutLabels, RecordLabels
from consult_app.core.reports import (
    DocumentContext,
    build_deferral,
    build_handout,
    build_record,
    consent_text,
)
from consult_app.core.usecase import evaluate
from consult_app.documents.deferral import render_deferral
from consult_app.documents.handout import render_handout
from consult_app.documents.record import render_record
from consult_app.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
CASE = json.loads((ROOT / "tests/fixtures/cases/chronic_migraine_ca.json").read_text("utf-8"))
NOW = dt.datetime(2026, 11, 21, 10, 30, tzinfo=dt.UTC)
SEAL = "ab" * 32


@pytest.fixture(scope="module")
def protocol():
    return load_protocol_dir(resource_path("protocol"))


@pytest.fixture(scope="module")
def labels():
    return parse_labels(resource_path("labels", "documents.toml").read_bytes(), "documents.toml")


def ctx(labels, phone="416-555-0100"):
    return DocumentContext(
        labels=labels,
        clinic=ClinicInfo(name="Lakeside Neurology", phone=phone),
        page_size="Letter",
        produced_at=NOW,
    )


def ev_for(protocol, **changes):
    data = copy.deepcopy(CASE)
    patient = changes.pop("patient", {})
    data["patient"].update(patient)
    data.update(changes)
    return evaluate(protocol, parse_case(data, protocol))


@pytest.mark.parametrize("name", ["documents.toml", "email.toml"])
def test_label_files_are_complete_in_both_languages(name):
    labels = parse_labels(resource_path("labels", name).read_bytes(), name)
    assert labels.sections
    for section in labels.sections.values():
        for texts in section.values():
            assert texts["en"].strip() and texts["fr"].strip()


def test_label_errors_name_file_and_key():
    bad = b'schema_version = 1\nid = "documents"\n[handout]\ntitle = { en = "Title" }\n'
    with pytest.raises(LabelError) as info:
        parse_labels(bad, "documents.toml")
    assert "documents.toml: handout.title: missing fr" in str(info.value)


def test_every_label_dataclass_field_exists(labels):
    for cls, section in ((HandoutLabels, "handout"), (RecordLabels, "record")):
        for field in dataclasses.fields(cls):
            assert labels.has(section, field.name), f"{section}.{field.name}"


def test_handout_model_follows_the_consultation(protocol, labels):
    ev = ev_for(
        protocol,
        jurisdiction="US",
        product="nuceiva",
        indications=["glabellar_lines"],
        plan={"procerus": 4, "corrugator": 16},
        history=[],
    )
    model = build_handout(ev, ctx(labels))
    assert model.product_brand == "Jeuveau" and model.product_generic == "prabotulinumtoxinA"
    assert model.areas[0].startswith("Procerus")
    assert model.page_size == "Letter"
    assert model.red_flags.actions[0].count("911") == 1
    assert "416-555-0100" in model.red_flags.actions[-1]
    # aftercare only for treated regions: nothing about the neck for a glabellar plan
    assert not any(line.startswith("Neck") for line in model.aftercare)
    assert model.off_label is None
    assert model.review_date == ev.review_date.isoformat()
    # side effects: common first
    assert model.side_effects[0].frequency


def test_off_label_statement_reaches_the_sheet(protocol, labels):
    ev = ev_for(protocol, indications=["bruxism"], plan={"masseter": 50}, history=[])
    assert ev.screening.off_label == ("bruxism",)
    model = build_handout(ev, ctx(labels))
    assert model.off_label and "off-label" in model.off_label.lower()
    assert any(line.startswith("Jaw") for line in model.aftercare)


def test_record_in_clinician_language_keeps_consent_as_shown(protocol, labels):
    ev = ev_for(protocol, patient={"language": "en"})
    record = build_record(ev, ctx(labels), lang="fr", seal_sha256=SEAL, signed_at=NOW)
    assert record.labels.title == "Dossier de consultation"
    assert record.consent_text == consent_text(ev, labels)  # English, as shown to the patient
    assert "Alternatives\nChronic migraine: Other options include" in record.consent_text
    assert record.seal_sha256 == SEAL
    assert record.total_units == "155 U"
    assert record.findings[0].level == "PRUDENCE"
    assert record.findings[0].reason.startswith("Baclofen")
    assert {s.role for s in record.signatures} == {"Patient(e)", "Clinicien(ne)"}
    assert any(a.answer == "Oui" for a in record.screening)


def test_documents_render_and_read_back(protocol, labels, tmp_path):
    fonts = resource_path("fonts")
    ev = ev_for(protocol, patient={"name": "Zoë O'Brien-Łukasiewicz <b> & Co", "language": "fr"})
    render_handout(build_handout(ev, ctx(labels)), tmp_path / "h.pdf", fonts)
    text = " ".join("".join(p.extract_text() for p in PdfReader(tmp_path / "h.pdf").pages).split())
    assert "Zoë O'Brien-Łukasiewicz <b> & Co" in text
    assert "Quand obtenir des soins d'urgence" in text and "Page 1 de" in text
    render_record(
        build_record(ev, ctx(labels), lang="en", seal_sha256=SEAL, signed_at=NOW),
        tmp_path / "r.pdf",
        fonts,
    )
    assert "abab abab" in PdfReader(tmp_path / "r.pdf").pages[-1].extract_text()

    stop = ev_for(protocol, answers={**CASE["answers"], "site_infection": "yes"})
    letter = build_deferral(stop, ctx(labels))
    assert letter.reasons and letter.next_steps
    assert "416-555-0100" in letter.next_steps[-1]
    render_deferral(letter, tmp_path / "d.pdf", fonts)
    assert PdfReader(tmp_path / "d.pdf").pages


@pytest.mark.parametrize(("lang", "title"), [("en", "Blood thinners"), ("fr", "Anticoagulants")])
def test_note_finding_shows_the_counselling_point(protocol, labels, tmp_path, lang, title):
    """A NOTE needs no reason: the record's reason cell shows the counselling point given."""
    answers = dict(CASE["answers"], anticoagulants="yes")
    reasons = {k: v for k, v in CASE.get("reasons", {}).items() if k != "anticoagulants"}
    ev = ev_for(protocol, answers=answers, reasons=reasons)
    record = build_record(ev, ctx(labels), lang=lang, seal_sha256=SEAL, signed_at=NOW)
    notes = [f for f in record.findings if f.severity == "note"]
    assert notes, record.findings
    assert all(f.reason for f in notes)
    anticoagulant = [f for f in notes if title in f.reason]
    assert anticoagulant and anticoagulant[0].reason.startswith(
        ("No reason needed. Counselling point", "Aucune justification requise. Point de conseil")
    )
    render_record(record, tmp_path / "r.pdf", resource_path("fonts"))
    text = " ".join("".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages).split())
    assert title in text

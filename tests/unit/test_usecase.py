"""core.usecase: evaluation (database history, required risks, patient language) and the sealed
consent payload (keys storage needs, consent text exactly as shown, canonical and stable)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from consult_app.core.case_file import parse_case
from consult_app.core.consultation import HistoryEntry
from consult_app.core.protocol import load_protocol_dir
from consult_app.core.sealing import canonical_json
from consult_app.core.usecase import confirmed_ids, consent_payload, evaluate, risks_discussed_ids
from consult_app.resources import resource_path
from consult_app.storage.consents import decision_of
from consult_app.storage.consultations import treatment_from_payload

ROOT = Path(__file__).resolve().parents[2]
CASE = json.loads((ROOT / "tests/fixtures/cases/chronic_migraine_ca.json").read_text("utf-8"))
SIGNED = dt.datetime(2026, 11, 21, 10, 5, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


@pytest.fixture(scope="module")
def protocol():
    return load_protocol_dir(resource_path("protocol"))


def consultation(protocol, **changes):
    data = copy.deepcopy(CASE)
    data.update(changes)
    return parse_case(data, protocol)


def test_evaluate_caution_with_reason_is_ready(protocol):
    ev = evaluate(protocol, consultation(protocol))
    assert ev.screening.verdict.value == "caution"
    assert ev.screening.missing == ()
    assert ev.required_risks == ev.sheet.risk_ids
    assert ev.sheet.lang == "en"
    assert ev.plan.total_units == 155
    assert ev.review_date > ev.consultation.date
    assert ev.earliest_retreatment_date >= ev.consultation.date + dt.timedelta(days=84)
    assert ev.regions[0] == "face_upper"


def test_database_history_counts_in_addition_to_the_case(protocol):
    c = consultation(protocol)
    recent = HistoryEntry(date=c.date - dt.timedelta(days=30), product="botox", units=155)
    ev = evaluate(protocol, c, db_history=[recent])
    assert len(ev.consultation.history) == len(c.history) + 1
    ids = [f.id for f in ev.screening.findings]
    assert "retreatment_too_soon" in ids
    assert "retreatment_too_soon" in ev.screening.missing


def test_listed_risks_must_cover_the_assembled_ones(protocol):
    ev = evaluate(protocol, consultation(protocol, risks_discussed=["injection_site_pain"]))
    assert "risks_discussed" in ev.screening.missing
    assert risks_discussed_ids(ev) == ("injection_site_pain",)
    full = evaluate(protocol, consultation(protocol))
    assert set(risks_discussed_ids(full)) == full.required_risks


def test_french_patient_gets_french_texts_and_record_can_switch(protocol):
    data = copy.deepcopy(CASE)
    data["patient"]["language"] = "fr"
    ev = evaluate(protocol, parse_case(data, protocol))
    assert ev.sheet.lang == "fr"
    assert ev.sheet_in("en").lang == "en"
    assert ev.sheet_in("fr") is ev.sheet


def test_payload_has_what_storage_reads_and_is_canonical(protocol):
    ev = evaluate(protocol, consultation(protocol))
    payload = consent_payload(ev, signed_at=SIGNED)
    assert decision_of(payload) == "given"
    assert payload["product"] == "botox"
    assert payload["plan"]["temporalis"] == 40
    assert payload["date"] == "2026-11-21"
    assert payload["indications"] == ["chronic_migraine"]
    assert payload["protocol"]["hash"] == protocol.hash
    assert payload["signed_at"] == "2026-11-21T10:05:00-05:00"
    treatment = treatment_from_payload(payload, sealed_at=SIGNED, consultation_id=1, consent_id=1)
    assert treatment is not None and treatment.units_total == 155
    assert treatment.date == dt.date(2026, 11, 21)
    # findings carry the clinician's reason; the consent text is the one shown to the patient
    relax = next(f for f in payload["findings"] if f["id"] == "muscle_relaxants")
    assert relax["reason"].startswith("Baclofen")
    shown = [s.text for s in ev.sheet.consent_sections]
    assert [s["text"] for s in payload["consent_text"]["sections"]] == shown
    assert payload["consent"]["patient_signature"] == "typed:Jane O'Brien"
    # canonical bytes are stable
    assert canonical_json(payload) == canonical_json(json.loads(canonical_json(payload)))


def test_case_file_confirms_required_statements_only_when_given(protocol):
    ev = evaluate(protocol, consultation(protocol))
    ticked = confirmed_ids(ev, None)
    required = [c.id for c in ev.sheet.confirmations if c.required]
    assert list(ticked) == required
    assert confirmed_ids(ev, ["photographs_allowed", "bogus"]) == ("photographs_allowed",)
    declined = evaluate(
        protocol, consultation(protocol, consent={"decision": "declined", "clinician": "Dr X"})
    )
    assert confirmed_ids(declined, None) == ()
    assert consent_payload(declined, signed_at=SIGNED)["decision"] == "declined"


def test_payload_refuses_an_undecided_consent_or_naive_time(protocol):
    undecided = evaluate(protocol, consultation(protocol, consent=None))
    with pytest.raises(ValueError, match="consent.decision"):
        consent_payload(undecided, signed_at=SIGNED)
    ev = evaluate(protocol, consultation(protocol))
    with pytest.raises(ValueError, match="timezone"):
        consent_payload(ev, signed_at=dt.datetime(2026, 11, 21, 10, 5))

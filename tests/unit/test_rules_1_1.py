"""Contract 1.1 rules through ``consult-app run`` (in process: the same ``run_case`` the command
calls), at their boundaries, for CA and US: the Nuceiva/Jeuveau ceiling, the reason rule, the
diagnosis before consent, the age band that makes glabellar lines off-label, the alternatives and
off-label statements in the sealed consent, the record and the sheet, the record on STOP, the
prescriber and the patient's phone."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from consult_app.app.cmd_run import run_case
from consult_app.core.case_file import parse_case
from consult_app.core.diagnosis import diagnosis_counts
from consult_app.core.labels import parse_labels
from consult_app.core.protocol import load_protocol_dir
from consult_app.core.reasons import reason_counts, reason_shortfall
from consult_app.core.report_model import ClinicInfo
from consult_app.core.reports import DocumentContext, build_handout, build_record, consent_text
from consult_app.core.usecase import evaluate
from consult_app.documents.handout import render_handout
from consult_app.documents.record import render_record
from consult_app.resources import resource_path

PROTOCOL = load_protocol_dir(resource_path("protocol"))
DAY = "2026-11-21"
GLAB_REASON = "Discussed the expected benefit, patient agrees."


def birth(age: int) -> str:
    """The birth date of someone who turns ``age`` on the consultation date."""
    return f"{2026 - age}-11-21"


def case(**changes):
    """A complete, given consultation (every question answered no)."""
    data = {
        "format": "consult-case/1",
        "jurisdiction": "CA",
        "date": DAY,
        "patient": {"name": "Ada Test", "birth_date": birth(40), "sex": "female"},
        "indications": ["glabellar_lines"],
        "product": "botox",
        "lot": {"number": "L-1", "expiry": "2027-06-30"},
        "plan": {"procerus": 4, "corrugator": 16},
        "answers": dict.fromkeys(PROTOCOL.questions, "no"),
        "risks_discussed": "all",
        "consent": {
            "decision": "given",
            "patient_signature": "typed:Ada Test",
            "clinician": "Dr A. Smith",
        },
    }
    data.update(changes)
    return data


def run(tmp_path: Path, data: dict, name: str = "case"):
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / f"out-{name}"
    outcome = run_case(path, out, data_dir=tmp_path / "data")
    screening = json.loads((out / "screening.json").read_text("utf-8"))
    return outcome, screening, out


def pdf(path: Path) -> str:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return " ".join(text.split())


def sealed_payload(tmp_path: Path, consent_id: int) -> dict:
    conn = sqlite3.connect(tmp_path / "data" / "consult.sqlite3")
    try:
        (canonical,) = conn.execute(
            "SELECT canonical FROM consents WHERE id = ?", (consent_id,)
        ).fetchone()
    finally:
        conn.close()
    return json.loads(canonical)


# --------------------------------------------------------------------------- ceiling


@pytest.mark.parametrize("jurisdiction", ["CA", "US"])
@pytest.mark.parametrize(
    ("corrugator", "code", "verdict"),
    [(80, 0, "caution"), (80.5, 3, "stop")],
)
def test_nuceiva_session_ceiling_is_100_units(tmp_path, jurisdiction, corrugator, code, verdict):
    data = case(
        jurisdiction=jurisdiction,
        product="nuceiva",
        plan={"procerus": 20, "corrugator": corrugator},
        reasons={"dose_above_label": "Strong corrugators, discussed with the patient."},
    )
    outcome, screening, out = run(tmp_path, data)
    assert (outcome.code, screening["verdict"]) == (code, verdict)
    ids = {f["id"]: f for f in screening["findings"]}
    assert ("dose_above_maximum" in ids) is (verdict == "stop")
    if verdict == "stop":
        name = "Nuceiva" if jurisdiction == "CA" else "Jeuveau"
        assert ids["dose_above_maximum"]["message"].startswith(f"{name}: the planned 100.5 U")
        assert "session ceiling of 100 U" in ids["dose_above_maximum"]["message"]
    else:
        sheet = pdf(out / "handout.pdf")
        assert "above the dose approved" in sheet
        assert "stronger or longer" not in sheet


def test_every_product_has_a_session_ceiling_marked_when_it_is_the_protocols_own():
    for product in PROTOCOL.products.values():
        assert product.maximum is not None, product.id
    nuceiva = PROTOCOL.products["nuceiva"].maximum
    assert nuceiva is not None and nuceiva.units == 100 and nuceiva.window_days is None
    assert any("protocol's own ceiling" in s.lower() for s in nuceiva.source)


def test_no_patient_text_presents_a_higher_dose_as_a_benefit():
    content = PROTOCOL.content
    texts = [c.text for c in content.counselling.values()] + [r.text for r in content.risks]
    texts += [r.sheet for r in content.risks if r.sheet is not None]
    for text in texts:
        for words in ("stronger or longer", "plus fort ou plus long"):
            assert words not in text.en + text.fr


# --------------------------------------------------------------------------- reasons


@pytest.mark.parametrize(
    ("reason", "counts"),
    [
        ("x", False),
        ("nn", False),
        ("test", False),
        ("abcdefghijkl", False),  # 12 characters, one word
        ("abcde fghijk", False),  # 11 characters, two words
        ("abcdef ghijkl", True),  # 12 characters, two words
        ("  abcdef   ghijkl  ", True),  # spaces do not count, either way
        ("a b c d e f g h i j k", False),  # 11 characters, many words
        ("a b c d e f g h i j k l", True),
    ],
)
def test_reason_rule_at_its_boundaries(tmp_path, reason, counts):
    assert reason_counts(reason) is counts
    assert (reason_shortfall(reason) is None) is counts
    data = case(answers={**case()["answers"], "muscle_relaxants": "yes"})
    data["reasons"] = {"muscle_relaxants": reason}
    outcome, screening, _ = run(tmp_path, data)
    assert screening["verdict"] == "caution"
    assert ("muscle_relaxants" in screening["missing"]) is not counts
    assert outcome.code == (0 if counts else 4)


def test_reason_shortfall_says_what_is_missing():
    assert reason_shortfall("") is not None
    assert "2 words" in reason_shortfall("abcdefghijkl").en
    assert "1 more character" in reason_shortfall("abcde fghijk").en
    assert "mots" in reason_shortfall("x").fr


# --------------------------------------------------------------------------- diagnosis


@pytest.mark.parametrize("jurisdiction", ["CA", "US"])
def test_therapeutic_indication_needs_a_diagnosis_before_consent(tmp_path, jurisdiction):
    data = case(
        jurisdiction=jurisdiction,
        indications=["axillary_hyperhidrosis"],
        plan={"axilla": 100},
    )
    outcome, screening, out = run(tmp_path, data, "without")
    assert outcome.code == 4
    assert screening["verdict"] == "proceed"  # the verdict is unchanged
    assert screening["missing"] == ["diagnosis"]
    assert not (out / "record.pdf").exists()

    data["diagnosis"] = "Primary axillary hyperhidrosis, HDSS 3; examined by Dr A. Smith"
    outcome, screening, _ = run(tmp_path, data, "with")
    assert (outcome.code, screening["missing"]) == (0, [])


def test_cosmetic_only_needs_no_diagnosis(tmp_path):
    outcome, screening, _ = run(tmp_path, case(indications=["glabellar_lines", "crows_feet"]))
    assert "diagnosis" not in screening["missing"]


@pytest.mark.parametrize(
    ("diagnosis", "counts"),
    [
        ("x", False),
        ("nn", False),
        ("1", False),
        ("--", False),
        ("xxxx", False),
        ("test", False),
        ("N/A", False),
        ("none", False),
        ("Non consigné", False),
        ("TMD", True),
        ("Bruxism", True),
        ("Bruxisme du sommeil", True),
        ("Sleep bruxism; examined by Dr L. Martin", True),
    ],
)
def test_a_placeholder_is_not_a_diagnosis(tmp_path, diagnosis, counts):
    data = case(
        indications=["bruxism"],
        plan={"masseter": 50},
        diagnosis=diagnosis,
        reasons={"off_label": "Off-label use explained, night guard failed."},
    )
    outcome, screening, out = run(tmp_path, data)
    assert diagnosis_counts(diagnosis) is counts
    if counts:
        assert (outcome.code, screening["missing"]) == (0, [])
    else:
        assert outcome.code == 4
        assert screening["missing"] == ["diagnosis"]
        assert not (out / "record.pdf").exists()
        # stdout names the field and says what is missing, in the clinician's language
        assert any(line.startswith("  diagnosis: Not a diagnosis") for line in outcome.lines)


def test_a_declined_consent_is_sealed_without_a_diagnosis(tmp_path):
    data = case(indications=["bruxism"], plan={"masseter": 50})
    data["consent"] = {"decision": "declined", "clinician": "Dr A. Smith"}
    outcome, screening, _ = run(tmp_path, data)
    assert outcome.code == 5
    assert "diagnosis" in screening["missing"]


def test_prescriber_and_phone_are_recorded_and_printed(tmp_path):
    data = case(
        indications=["chronic_migraine"],
        plan={"procerus": 5, "corrugator": 10, "frontalis": 20, "temporalis": 40},
        diagnosis="Chronic migraine (ICHD-3), examined by Dr P. Raman",
        prescriber="Dr P. Raman, neurologist",
        reasons={"dose_above_label": "Not above: kept for safety."},
    )
    data["patient"]["phone"] = "514-555-0199"
    data["consent"]["clinician"] = "N. Roy, RN"
    outcome, _, out = run(tmp_path, data)
    assert outcome.code == 0
    record = pdf(out / "record.pdf")
    assert "N. Roy, RN" in record
    assert "Prescriber (examined and authorized) Dr P. Raman, neurologist" in record
    assert "514-555-0199" in record
    payload = sealed_payload(tmp_path, outcome.sealed.consent_id)
    assert payload["prescriber"] == "Dr P. Raman, neurologist"
    conn = sqlite3.connect(tmp_path / "data" / "consult.sqlite3")
    assert conn.execute("SELECT phone FROM patients").fetchone() == ("514-555-0199",)
    conn.close()


# --------------------------------------------------------------------------- age off-label


@pytest.mark.parametrize("jurisdiction", ["CA", "US"])
@pytest.mark.parametrize(("age", "off"), [(64, False), (65, True)])
def test_dysport_glabellar_from_65_is_off_label_everywhere(tmp_path, jurisdiction, age, off):
    data = case(
        jurisdiction=jurisdiction,
        product="dysport",
        plan={"procerus": 10, "corrugator": 40},
    )
    data["patient"]["birth_date"] = birth(age)
    if off:
        data["reasons"] = {"age_above_label": GLAB_REASON, "off_label": GLAB_REASON}
    outcome, screening, out = run(tmp_path, data)
    assert outcome.code == 0, screening
    ids = [f["id"] for f in screening["findings"]]
    assert screening["off_label"] == (["glabellar_lines"] if off else [])
    assert ("off_label" in ids) is off
    assert ("age_above_label" in ids) is off
    record = pdf(out / "record.pdf")
    sheet = pdf(out / "handout.pdf")
    regulator = "Health Canada" if jurisdiction == "CA" else "US FDA"
    statement = "for frown lines between the eyebrows, this product's label"
    if off:
        message = next(f["message"] for f in screening["findings"] if f["id"] == "off_label")
        assert "for: Glabellar (frown) lines at age 65 or older." in message
        assert f"Off-label ({regulator})" in record
        assert statement in record
        assert statement in sheet
        payload = sealed_payload(tmp_path, outcome.sealed.consent_id)
        assert statement in payload["consent_text"]["off_label_statement"]
        assert "off_label_understood" in [c["id"] for c in payload["consent_text"]["confirmations"]]
    else:
        assert f"On label ({regulator})" in record
        assert "has not approved this product" not in record + sheet
        assert statement not in record + sheet


# --------------------------------------------------------------------------- alternatives


def test_alternatives_in_sealed_consent_record_and_sheet(tmp_path):
    data = case(
        indications=["glabellar_lines", "bruxism"],
        plan={"procerus": 4, "corrugator": 16, "masseter": 50},
        diagnosis="Bruxism with masseter hypertrophy; examined by Dr A. Smith",
        reasons={"off_label": "Bruxism off-label, discussed with the patient."},
    )
    outcome, screening, out = run(tmp_path, data)
    assert outcome.code == 0, screening
    payload = sealed_payload(tmp_path, outcome.sealed.consent_id)
    alternatives = payload["consent_text"]["alternatives"]
    assert [a["indication"] for a in alternatives] == ["glabellar_lines", "bruxism"]
    assert "night guard" in alternatives[1]["text"]
    statement = payload["consent_text"]["off_label_statement"]
    assert "has not approved this product for teeth grinding" in statement
    record = pdf(out / "record.pdf")
    sheet = pdf(out / "handout.pdf")
    for text in (record, sheet):
        assert "night guard (occlusal splint)" in text
        assert "chemical peels" in text
    assert "Alternatives Frown lines between the eyebrows:" in record
    assert "Other options you were told about: Frown lines between the eyebrows." in sheet
    assert "Teeth grinding and jaw clenching (bruxism). Other options include" in sheet


@pytest.mark.parametrize(
    ("jurisdiction", "words"), [("CA", "provincial plans"), ("US", "Medicare")]
)
def test_consent_costs_name_public_plans_of_both_countries(tmp_path, jurisdiction, words):
    outcome, _, _ = run(tmp_path, case(jurisdiction=jurisdiction))
    costs = next(
        s["text"]
        for s in sealed_payload(tmp_path, outcome.sealed.consent_id)["consent_text"]["sections"]
        if s["id"] == "costs"
    )
    assert words in costs


# --------------------------------------------------------------------------- STOP record


def test_stop_writes_a_record_with_every_answer_finding_and_the_deferral(tmp_path):
    data = case(answers={**case()["answers"], "toxin_allergy": "yes", "muscle_relaxants": "yes"})
    outcome, screening, out = run(tmp_path, data)
    assert outcome.code == 3
    assert sorted(p.name for p in out.iterdir()) == ["deferral.pdf", "record.pdf", "screening.json"]
    record = pdf(out / "record.pdf")
    assert "Treatment deferred: screening said STOP" in record
    assert "nothing was sealed" in record
    for qid in screening["findings"]:
        assert qid["message"][:40] in record
    asked = [
        PROTOCOL.questions[q].text.en for q in PROTOCOL.questions if q != "milk_protein_allergy"
    ]
    assert sum(question[:30] in record for question in asked) >= len(asked) - 2
    assert "Consent seal" not in record
    assert "Consented" not in record  # not consented: no administration status either
    letter = pdf(out / "deferral.pdf")
    assert "allergic reaction to a botulinum toxin" in letter


# --------------------------------------------------------------------------- risk IDs


def test_follow_up_risk_ids_exist():
    required = {
        "injection_site_pain",
        "bruising",
        "headache",
        "eyelid_droop",
        "brow_droop",
        "swallowing_difficulty",
        "neck_weakness",
        "dry_mouth",
        "voice_change",
        "distant_spread",
        "allergic_reaction",
    }
    assert required <= PROTOCOL.content.risk_ids


# --------------------------------------------------------------------------- property


def _flat_pdf(path: Path) -> str:
    return pdf(path).replace("- ", "-")


@st.composite
def valid_cases(draw):
    """Any valid case: product, jurisdiction, indications, age, language, sex, plan."""
    indications = draw(
        st.lists(st.sampled_from(sorted(PROTOCOL.indications)), min_size=1, max_size=3, unique=True)
    )
    areas = sorted({a for i in indications for a in PROTOCOL.indications[i].areas})
    plan = {a: draw(st.sampled_from([2, 4.5, 10, 25])) for a in areas}
    data = case(
        jurisdiction=draw(st.sampled_from(["CA", "US"])),
        product=draw(st.sampled_from(sorted(PROTOCOL.products))),
        indications=indications,
        plan=plan,
        diagnosis="Examined by Dr A. Smith",
    )
    data["patient"].update(
        birth_date=birth(draw(st.integers(min_value=18, max_value=95))),
        language=draw(st.sampled_from(["en", "fr"])),
        sex=draw(st.sampled_from(["female", "male"])),
    )
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=valid_cases())
def test_every_off_label_indication_is_in_the_consent_the_record_and_the_sheet(data):
    """Property: whatever the case, each ``off_label`` indication is disclosed in all three."""
    consultation = parse_case(data, PROTOCOL)
    ev = evaluate(PROTOCOL, consultation)
    labels = parse_labels(resource_path("labels", "documents.toml").read_bytes(), "documents.toml")
    context = DocumentContext(
        labels=labels,
        clinic=ClinicInfo(name="Clinic", phone=""),
        page_size="Letter",
        produced_at=dt.datetime(2026, 11, 21, 10, 0, tzinfo=dt.UTC),
    )
    record = build_record(
        ev, context, lang="en", seal_sha256="ab" * 32, signed_at=context.produced_at
    )
    sheet = build_handout(ev, context)
    consent = consent_text(ev, labels)
    names = {a.indication: a.name for a in ev.sheet.alternatives}
    regulator = labels.get("record_values", f"regulator_{data['jurisdiction']}", "en")
    off_label_status = labels.get("record_values", "off_label", "en").replace(
        "{regulator}", regulator
    )
    statuses = {e.name: e.label_status for e in record.indications}
    for indication in ev.screening.off_label:
        name = names[indication]
        assert name in (ev.sheet.off_label_statement or "")
        assert name in consent  # the consent text, as sealed and as printed in the record
        assert name in record.consent_text
        assert name in (sheet.off_label or "")
        english = PROTOCOL.indications[indication].name.en
        assert statuses[english] == off_label_status
    if not ev.screening.off_label:
        assert ev.sheet.off_label_statement is None and sheet.off_label is None


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=valid_cases())
def test_off_label_disclosure_reaches_the_printed_pdfs(tmp_path_factory, data):
    """The same property on the PDFs themselves (fewer examples: each renders two documents)."""
    folder = tmp_path_factory.mktemp("pdf")
    consultation = parse_case(data, PROTOCOL)
    ev = evaluate(PROTOCOL, consultation)
    labels = parse_labels(resource_path("labels", "documents.toml").read_bytes(), "documents.toml")
    context = DocumentContext(
        labels=labels,
        clinic=ClinicInfo(name="Clinic", phone=""),
        page_size="Letter",
        produced_at=dt.datetime(2026, 11, 21, 10, 0, tzinfo=dt.UTC),
    )
    fonts = resource_path("fonts")
    render_record(
        build_record(ev, context, lang="en", seal_sha256="ab" * 32, signed_at=context.produced_at),
        folder / "record.pdf",
        fonts,
    )
    render_handout(build_handout(ev, context), folder / "handout.pdf", fonts)
    record, sheet = _flat_pdf(folder / "record.pdf"), _flat_pdf(folder / "handout.pdf")
    for indication in ev.screening.off_label:
        name = " ".join(
            next(a.name for a in ev.sheet.alternatives if a.indication == indication).split()
        )
        assert name.replace("- ", "-") in record
        assert name.replace("- ", "-") in sheet


# --------------------------------------------------------------------------- NOTE in the record


def test_a_note_in_the_record_is_labelled_as_the_counselling_point(tmp_path):
    answers = dict.fromkeys(PROTOCOL.questions, "no")
    answers.update(anticoagulants="yes", upcoming_surgery="yes")
    data = case(answers=answers, reasons={"upcoming_surgery": "Hip surgery 2027-01-10, told."})
    outcome, screening, out = run(tmp_path, data)
    assert outcome.code == 0
    assert {f["id"] for f in screening["findings"]} == {"anticoagulants", "upcoming_surgery"}
    record = pdf(out / "record.pdf")
    assert "Clinician's reason, or counselling (NOTE)" in record
    # the sheet's words are quoted as the sheet's, never passed off as the clinician's reason
    assert (
        "No reason needed. Counselling point given to the patient (patient sheet, "
        "“Blood thinners”): “Blood thinners and antiplatelet" in record
    )
    # a reason the clinician wrote for a NOTE is kept, and the counselling point follows it
    assert "Hip surgery 2027-01-10, told. No reason needed. Counselling point" in record
    assert "Counselled (" not in record

"""load_content: the bundled content is complete and valid; broken content is reported."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from consult_app.core.content import CONTENT_FILES, Content, ContentRefs, load_content

PROTOCOL = Path(__file__).resolve().parents[2] / "resources" / "protocol"

# IDs of case-format.md (the engine may not exist yet, so they are written out here).
PRODUCTS = frozenset({"botox", "dysport", "nuceiva", "xeomin"})
REGIONS = frozenset(
    {"face_upper", "head", "jaw", "neck", "back_shoulder", "axilla", "hand", "limb"}
)
INDICATIONS = frozenset(
    [
        "glabellar_lines",
        "forehead_lines",
        "crows_feet",
        "chronic_migraine",
        "headache_other",
        "cervical_dystonia",
        "neck_pain",
        "bruxism",
        "tmd",
        "trigger_points",
        "back_shoulder_pain",
        "spasticity",
        "axillary_hyperhidrosis",
        "palmar_hyperhidrosis",
    ]
)
STOP = [
    "toxin_allergy",
    "albumin_allergy",
    "milk_protein_allergy",
    "other_ingredient_allergy",
    "site_infection",
    "neuromuscular_disorder",
    "pregnant",
    "lot_expired",
    "dose_above_maximum",
    "age_below_label",
]
CAUTION = [
    "swallowing_breathing",
    "breastfeeding",
    "aminoglycosides",
    "muscle_relaxants",
    "anticholinergics",
    "bleeding_disorder",
    "recent_toxin_elsewhere",
    "prior_toxin_complication",
    "cardiovascular_disease",
    "eyelid_conditions",
    "prior_surgery_at_site",
    "secondary_hyperhidrosis_possible",
    "dose_above_label",
    "age_above_label",
    "retreatment_too_soon",
    "other_toxin_recent",
    "below_indication_threshold",
    "off_label",
    "prior_adverse_event",
    "insufficient_response",
]
NOTE = ["anticoagulants", "upcoming_surgery"]
# Findings whose most severe level is STOP but that give CAUTION in other situations.
STOP_OR_CAUTION = frozenset({"neuromuscular_disorder", "pregnant", "age_below_label"})

FINDINGS = {
    **{f: "stop" for f in STOP},
    **{f: "caution" for f in CAUTION},
    **{f: "note" for f in NOTE},
}
REFS = ContentRefs(PRODUCTS, REGIONS, INDICATIONS, FINDINGS, STOP_OR_CAUTION)


def bundled_files() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in PROTOCOL.glob("*.toml")}


def bundled_content() -> Content:
    errors: list[str] = []
    content = load_content(bundled_files(), REFS, errors)
    assert errors == []
    return content


def _edit(name: str, old: str, new: str) -> tuple[dict[str, bytes], list[str]]:
    files = bundled_files()
    text = files[name].decode("utf-8")
    assert old in text, old
    files[name] = text.replace(old, new, 1).encode("utf-8")
    errors: list[str] = []
    load_content(files, REFS, errors)
    return files, errors


def test_bundled_content_is_valid() -> None:
    errors: list[str] = []
    content = load_content(bundled_files(), REFS, errors)
    assert errors == []
    assert len(content.risk_ids) == len(content.risks)


def test_engine_files_are_ignored() -> None:
    files = bundled_files()
    files["products.toml"] = b"this is = = not content"
    errors: list[str] = []
    load_content(files, REFS, errors)
    assert errors == []


def test_every_region_has_region_risks_and_aftercare() -> None:
    content = bundled_content()
    for region in REGIONS:
        assert any(
            r.category == "region" and r.regions is not None and region in r.regions
            for r in content.risks
        ), region
        assert content.aftercare[region].items, region
        assert content.aftercare[region].name.fr


def test_every_indication_has_alternatives_mentioning_no_treatment() -> None:
    content = bundled_content()
    assert set(content.consent.alternatives) == INDICATIONS
    for alt in content.consent.alternatives.values():
        assert any(w in alt.text.en for w in ("no treatment", "no injection", "no preventive")), (
            alt.indication
        )
        assert any(w in alt.text.fr for w in ("aucun traitement", "pas être traité", "absence")), (
            alt.indication
        )


def test_every_stop_finding_has_a_deferral_text() -> None:
    content = bundled_content()
    assert set(content.deferral) == set(STOP)
    for deferral in content.deferral.values():
        assert deferral.next_steps.en and deferral.next_steps.fr


def test_every_note_and_caution_finding_has_counselling() -> None:
    content = bundled_content()
    assert set(content.counselling) == set(CAUTION) | set(NOTE) | STOP_OR_CAUTION


def test_red_flags_cover_the_boxed_warning() -> None:
    flags = bundled_content().red_flags
    ids = {s.id for s in flags.symptoms}
    assert {
        "swallowing",
        "breathing",
        "speaking",
        "weakness",
        "vision",
        "bladder",
        "allergy",
    } <= ids
    assert flags.emergency_numbers == {"CA": "911", "US": "911"}
    assert "weeks" in flags.timing.en and "semaines" in flags.timing.fr


def test_risks_named_in_the_issue_exist() -> None:
    ids = bundled_content().risk_ids
    assert {
        "injection_site_pain", "bruising", "swelling_redness", "headache", "eyelid_droop",
        "brow_droop", "face_upper_asymmetry", "dry_eye", "neck_pain_stiffness",
        "smile_asymmetry", "chewing_fatigue", "jaw_bone_effects", "swallowing_difficulty",
        "neck_weakness", "dry_mouth", "voice_change", "back_shoulder_weakness",
        "compensatory_sweating", "grip_weakness", "limb_weakness", "falls", "distant_spread",
        "allergic_reaction", "milk_protein_allergy_reaction",
    } <= ids  # fmt: skip


def test_clinic_experience_is_marked() -> None:
    content = bundled_content()
    marked = {i.id for i in content.expectations if i.clinic_experience}
    assert "duration_movement_areas" in marked
    # the unproven "results last longer when kept up" claim was removed (pharmacist review)
    assert "maintenance_builds" not in {i.id for i in content.expectations}


def test_missing_french_translation_is_rejected() -> None:
    _, errors = _edit(
        "risks.toml",
        'text.fr = "Un petit bleu peut',
        'text.xx = "Un petit bleu peut',
    )
    assert "risks.toml: risk.bruising.text: missing French text (fr)" in errors
    assert "risks.toml: risk.bruising.text: unknown language 'xx'" in errors


def test_missing_english_translation_is_rejected() -> None:
    _, errors = _edit("deferral.toml", 'title.en = "Product past its expiry date"\n', "")
    assert "deferral.toml: finding.lot_expired.title: missing English text (en)" in errors


def test_missing_source_is_rejected() -> None:
    _, errors = _edit("risks.toml", 'source = ["R87", "R32", "R91"]\n', "")
    assert "risks.toml: risk.eyelid_droop.source: missing source" in errors


def test_empty_source_is_rejected() -> None:
    _, errors = _edit("counselling.toml", 'source = ["R103", "R104", "R145"]', "source = []")
    assert "counselling.toml: finding.anticoagulants.source: missing source" in errors


def test_missing_aftercare_for_a_region_is_rejected() -> None:
    files = bundled_files()
    doc = files["aftercare.toml"].decode()
    start = doc.index("[region.jaw]")
    end = doc.index("[region.neck]")
    files["aftercare.toml"] = (doc[:start] + doc[end:]).encode()
    errors: list[str] = []
    load_content(files, REFS, errors)
    assert errors == ["aftercare.toml: region.jaw: missing aftercare for this region"]


def test_region_without_risks_is_rejected() -> None:
    refs = ContentRefs(PRODUCTS, REGIONS | {"lip"}, INDICATIONS, FINDINGS, STOP_OR_CAUTION)
    errors: list[str] = []
    load_content(bundled_files(), refs, errors)
    assert "risks.toml: region.lip: no region-specific risk for this region" in errors
    assert "aftercare.toml: region.lip: missing aftercare for this region" in errors


def test_missing_alternatives_for_an_indication_is_rejected() -> None:
    refs = ContentRefs(PRODUCTS, REGIONS, INDICATIONS | {"gummy_smile"}, FINDINGS)
    errors: list[str] = []
    load_content(bundled_files(), refs, errors)
    assert "consent.toml: alternatives.gummy_smile: missing alternatives for this indication" in (
        errors
    )


def test_missing_deferral_and_counselling_are_rejected() -> None:
    findings = {**FINDINGS, "new_stop": "stop", "new_note": "note"}
    errors: list[str] = []
    load_content(bundled_files(), ContentRefs(PRODUCTS, REGIONS, INDICATIONS, findings), errors)
    assert "deferral.toml: finding.new_stop: missing deferral text for this STOP finding" in errors
    assert (
        "counselling.toml: finding.new_note: missing counselling text for this NOTE or CAUTION "
        "finding" in errors
    )


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "risks.toml",
            'regions = ["jaw"]',
            'regions = ["jaww"]',
            "risks.toml: risk.smile_asymmetry.regions[0]: unknown region 'jaww'",
        ),
        (
            "risks.toml",
            'products = ["dysport"]',
            'products = ["disport"]',
            "risks.toml: risk.swallowing_difficulty.for[2].products[0]: unknown product 'disport'",
        ),
        (
            "risks.toml",
            'id = "falls"\ncategory = "region"',
            'id = "falls"\ncategory = "sometimes"',
            "risks.toml: risk.falls.category: expected one of common, region, serious, allergy",
        ),
        (
            "risks.toml",
            'id = "dry_mouth"',
            'id = "dry_mouth"\ncolour = "red"',
            "risks.toml: risk.dry_mouth.colour: unknown key",
        ),
        (
            "risks.toml",
            'id = "falls"',
            'id = "limb_weakness"',
            "risks.toml: risk[22].id: duplicate id 'limb_weakness'",
        ),
        (
            "counselling.toml",
            "[finding.anticoagulants]",
            "[finding.anticoagulant]",
            "counselling.toml: finding.anticoagulant: unknown finding 'anticoagulant'",
        ),
        (
            "expectations.toml",
            'indications = ["chronic_migraine"]',
            'indications = ["migraine"]',
            "expectations.toml: item[7].indications[0]: unknown indication 'migraine'",
        ),
        (
            "red_flags.toml",
            'US = "911"',
            "",
            "red_flags.toml: emergency_numbers.US: missing emergency number",
        ),
        (
            "consent.toml",
            "has not approved this product for {indications}.",
            "has not approved this product.",
            "consent.toml: off_label.text: must contain {indications} in both languages",
        ),
        (
            "risks.toml",
            "schema_version = 1",
            "schema_version = 2",
            "risks.toml: schema_version: expected 1 (got 2)",
        ),
    ],
)
def test_invalid_content_is_reported(name: str, old: str, new: str, message: str) -> None:
    _, errors = _edit(name, old, new)
    assert message in errors


def test_missing_and_broken_files_are_reported_not_raised() -> None:
    files = bundled_files()
    del files["consent.toml"]
    files["deferral.toml"] = b"[finding\n"
    errors: list[str] = []
    content = load_content(files, REFS, errors)
    assert "consent.toml: missing file" in errors
    assert any(e.startswith("deferral.toml: invalid TOML") for e in errors)
    assert content.deferral == {}
    assert content.risks  # the other files still load


def test_bundled_files_carry_a_schema_version() -> None:
    for name in CONTENT_FILES:
        assert tomllib.loads((PROTOCOL / name).read_text("utf-8"))["schema_version"] == 1

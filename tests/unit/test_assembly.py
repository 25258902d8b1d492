"""assemble: the single place that picks the patient-facing texts of a consultation."""

from __future__ import annotations

import enum

import pytest

from consult_app.core.assembly import SheetContent, assemble, required_risk_ids
from consult_app.core.content import Content
from tests.unit.test_content import bundled_content


@pytest.fixture(scope="module")
def content() -> Content:
    return bundled_content()


def _sheet(content: Content, **kwargs: object) -> SheetContent:
    args: dict[str, object] = {
        "lang": "en",
        "product": "botox",
        "regions": ["jaw"],
        "indications": ["bruxism"],
        "findings": [],
        "off_label": [],
    }
    args.update(kwargs)
    return assemble(content, **args)  # type: ignore[arg-type]


def _ids(sheet: SheetContent) -> list[str]:
    return [r.id for r in sheet.risks]


def test_masseter_only_gets_jaw_risks_and_no_eyelid_droop(content: Content) -> None:
    sheet = _sheet(content, regions=["jaw"], off_label=["bruxism"])
    ids = _ids(sheet)
    assert {"smile_asymmetry", "chewing_fatigue", "jaw_bone_effects"} <= set(ids)
    assert "eyelid_droop" not in ids
    assert "swallowing_difficulty" not in ids
    assert "compensatory_sweating" not in ids
    assert {"bruising", "distant_spread", "allergic_reaction"} <= set(ids)
    assert [a.indication for a in sheet.alternatives] == ["bruxism"]
    assert [g.region for g in sheet.aftercare] == [None, "jaw"]


def test_neck_plan_gets_swallowing_difficulty(content: Content) -> None:
    sheet = _sheet(content, regions=["neck"], indications=["cervical_dystonia"])
    ids = _ids(sheet)
    assert {"swallowing_difficulty", "neck_weakness", "dry_mouth", "voice_change"} <= set(ids)
    assert "eyelid_droop" not in ids


def test_mixed_plan_gets_the_union_without_duplicates(content: Content) -> None:
    migraine = _sheet(
        content, regions=["face_upper", "head", "neck", "back_shoulder"],
        indications=["chronic_migraine"],
    )  # fmt: skip
    ids = _ids(migraine)
    assert len(ids) == len(set(ids))
    for region in ("face_upper", "head", "neck", "back_shoulder"):
        alone = set(_ids(_sheet(content, regions=[region])))
        assert alone <= set(ids), region
    # neck_pain_stiffness applies to head and neck: listed once.
    assert ids.count("neck_pain_stiffness") == 1
    assert {"eyelid_droop", "swallowing_difficulty", "back_shoulder_weakness"} <= set(ids)


def test_risks_are_ordered_common_region_serious_allergy(content: Content) -> None:
    sheet = _sheet(content, product="dysport", regions=["face_upper", "jaw"])
    order = {"common": 0, "region": 1, "serious": 2, "allergy": 3}
    ranks = [order[r.category] for r in sheet.risks]
    assert ranks == sorted(ranks)
    assert sheet.risks[0].category == "common"
    assert sheet.risks[-1].category == "allergy"


def test_duplicate_regions_are_ignored(content: Content) -> None:
    once = _sheet(content, regions=["jaw"])
    twice = _sheet(content, regions=["jaw", "jaw"])
    assert once == twice


def test_product_specific_risks(content: Content) -> None:
    assert "milk_protein_allergy_reaction" in _ids(_sheet(content, product="dysport"))
    assert "milk_protein_allergy_reaction" not in _ids(_sheet(content, product="botox"))
    assert "albumin_theoretical_infection" in _ids(_sheet(content, product="xeomin"))


def test_required_risk_ids_match_the_sheet(content: Content) -> None:
    sheet = _sheet(content, product="dysport", regions=["neck", "axilla"])
    assert required_risk_ids(content, "dysport", ["neck", "axilla"]) == sheet.risk_ids


def test_frequencies_are_given_where_the_facts_have_numbers(content: Content) -> None:
    risks = {r.id: r for r in _sheet(content, regions=["face_upper", "neck"]).risks}
    assert risks["eyelid_droop"].frequency == "about 1 in 20 to 1 in 50"
    assert risks["swallowing_difficulty"].frequency is not None
    assert risks["dry_eye"].frequency is None


def test_note_finding_appears_as_a_counselling_point(content: Content) -> None:
    sheet = _sheet(
        content,
        findings=[("anticoagulants", "note"), ("muscle_relaxants", "caution"), ("x", "note")],
    )
    assert [(c.finding, c.level) for c in sheet.counselling] == [
        ("muscle_relaxants", "caution"),
        ("anticoagulants", "note"),
    ]
    assert "Blood thinners" in sheet.counselling[1].title
    assert sheet.deferrals == ()


def test_engine_enum_levels_are_accepted(content: Content) -> None:
    class Level(enum.Enum):
        NOTE = "note"
        STOP = "stop"

    sheet = _sheet(
        content, findings=[("anticoagulants", Level.NOTE), ("site_infection", Level.STOP)]
    )
    assert [c.finding for c in sheet.counselling] == ["anticoagulants"]
    assert [d.finding for d in sheet.deferrals] == ["site_infection"]


def test_stop_findings_give_deferral_texts(content: Content) -> None:
    sheet = _sheet(
        content,
        findings=[("pregnant", "stop"), ("lot_expired", "stop"), ("anticoagulants", "note")],
    )
    assert [d.finding for d in sheet.deferrals] == ["pregnant", "lot_expired"]
    assert all(d.next_steps for d in sheet.deferrals)
    # pregnant as a CAUTION (therapeutic use) is counselling, not deferral
    caution = _sheet(content, findings=[("pregnant", "caution")])
    assert caution.deferrals == ()
    assert [c.finding for c in caution.counselling] == ["pregnant"]


def test_off_label_statement_only_when_off_label(content: Content) -> None:
    on_label = _sheet(content, regions=["face_upper"], indications=["glabellar_lines"])
    assert on_label.off_label_statement is None
    assert "off_label_understood" not in [c.id for c in on_label.confirmations]

    off = _sheet(
        content,
        regions=["jaw", "neck"],
        indications=["bruxism", "neck_pain"],
        off_label=["bruxism", "neck_pain"],
    )
    assert off.off_label_statement is not None
    assert "teeth grinding and jaw clenching (bruxism) and neck pain" in off.off_label_statement
    assert "{indications}" not in off.off_label_statement
    assert "off_label_understood" in [c.id for c in off.confirmations]
    assert [a.indication for a in off.alternatives] == ["bruxism", "neck_pain"]


def test_photograph_consent_is_separate_and_optional(content: Content) -> None:
    confirmations = {c.id: c for c in _sheet(content).confirmations}
    assert confirmations["photographs_allowed"].required is False
    assert confirmations["questions_answered"].required is True


def test_red_flags_carry_the_emergency_number(content: Content) -> None:
    for jurisdiction in ("CA", "US"):
        flags = _sheet(content, jurisdiction=jurisdiction).red_flags
        assert flags.emergency_number == "911"
        assert "call 911" in flags.action
        assert len(flags.symptoms) == 7


def test_expectations_follow_regions_and_indications(content: Content) -> None:
    face = {
        e.id
        for e in _sheet(content, regions=["face_upper"], indications=["crows_feet"]).expectations
    }
    assert {"onset", "full_effect", "duration", "repeat_treatments"} <= face
    assert not {"full_effect_jaw", "duration_sweating", "migraine_response"} & face
    jaw = {e.id for e in _sheet(content).expectations}
    assert "full_effect_jaw" in jaw
    sweat = _sheet(content, regions=["axilla"], indications=["axillary_hyperhidrosis"])
    assert "duration_sweating" in {e.id for e in sweat.expectations}
    clinic = [e for e in sweat.expectations if e.clinic_experience]
    assert [e.id for e in clinic] == []


def test_aftercare_only_for_these_regions(content: Content) -> None:
    sheet = _sheet(content, regions=["axilla", "face_upper"])
    assert [g.region for g in sheet.aftercare] == [None, "face_upper", "axilla"]
    assert sheet.aftercare[0].items[0].id == "advice_is_precaution"


def test_french_output_is_french(content: Content) -> None:
    sheet = _sheet(
        content,
        lang="fr",
        regions=["jaw"],
        findings=[("anticoagulants", "note"), ("site_infection", "stop")],
        off_label=["bruxism"],
    )
    assert sheet.lang == "fr"
    risks = {r.id: r for r in sheet.risks}
    assert risks["smile_asymmetry"].label == "Sourire asymétrique ou modifié"
    assert risks["injection_site_pain"].frequency is not None
    assert "personne" in risks["injection_site_pain"].frequency
    assert sheet.counselling[0].title == "Anticoagulants et antiplaquettaires"
    assert sheet.deferrals[0].text.startswith("Il n'est pas sécuritaire")
    assert "composez le 911" in sheet.red_flags.action
    assert sheet.off_label_statement is not None
    assert "bruxisme" in sheet.off_label_statement
    assert sheet.aftercare[1].title == "Mâchoire"
    english = _sheet(content, regions=["jaw"])
    assert {r.text for r in sheet.risks}.isdisjoint({r.text for r in english.risks})


def test_unsupported_language_or_jurisdiction_is_a_programming_error(content: Content) -> None:
    with pytest.raises(ValueError, match="language"):
        _sheet(content, lang="de")
    with pytest.raises(ValueError, match="jurisdiction"):
        _sheet(content, jurisdiction="UK")

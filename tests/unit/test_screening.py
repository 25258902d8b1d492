"""Screening rules of case-format.md, table by table: each fires with its level, stays silent when
it does not apply, and the boundaries (84, 90, 112 days; 400 U; ages 2, 18, 65; expiry day;
15 headache days) fall on the right side. CA and US."""

from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

import pytest

from consult_app.core.consultation import (
    Answer,
    ConsentInput,
    Consultation,
    Decision,
    HistoryEntry,
    Jurisdiction,
    Lot,
    PatientDetails,
    Sex,
    Substitute,
)
from consult_app.core.protocol import load_protocol_dir
from consult_app.core.screening import Level, Verdict, screen
from consult_app.resources import resource_path

DAY = date(2026, 11, 21)
CM_PLAN = {
    "procerus": 5,
    "corrugator": 10,
    "frontalis": 20,
    "temporalis": 40,
    "occipitalis": 30,
    "cervical_paraspinal": 20,
    "trapezius": 30,
}


@lru_cache(maxsize=1)
def proto():
    return load_protocol_dir(resource_path("protocol"))


def birthday(years, on=DAY):
    """The birth date of someone who turns ``years`` on ``on``."""
    return on.replace(year=on.year - years)


def make(
    product="botox",
    indications=("chronic_migraine",),
    plan=None,
    *,
    answer="no",
    answers=None,
    sex=Sex.FEMALE,
    jurisdiction=Jurisdiction.CA,
    **changes,
):
    """A complete consultation; every applicable question answered ``answer`` unless overridden."""
    base = Consultation(
        date=DAY,
        patient=PatientDetails("Test Patient", birthday(40), sex),
        indications=tuple(indications),
        product=product,
        plan=MappingProxyType(dict(plan or CM_PLAN)),
        jurisdiction=jurisdiction,
        lot=Lot("L1", DAY + timedelta(days=200)),
        diagnosis="Examined by Dr X",
        risks_discussed="all",
        consent=ConsentInput(Decision.GIVEN, "typed:Test Patient", "Dr X", "typed:X"),
    )
    base = replace(base, **changes)
    applicable = screen(proto(), base).applicable_questions
    filled = {q: Answer(answer) for q in applicable}
    filled.update({q: Answer(a) for q, a in (answers or {}).items()})
    return replace(base, answers=MappingProxyType(filled))


def ids(result):
    return {f.id: f.level for f in result.findings}


def test_base_case_proceeds():
    result = screen(proto(), make())
    assert result.verdict is Verdict.PROCEED
    assert result.findings == ()
    assert result.missing == ()
    assert result.off_label == ()


# ------------------------------------------------------------------ questions

ALWAYS_QUESTIONS = [
    ("toxin_allergy", Level.STOP),
    ("other_ingredient_allergy", Level.STOP),
    ("site_infection", Level.STOP),
    ("swallowing_breathing", Level.CAUTION),
    ("aminoglycosides", Level.CAUTION),
    ("muscle_relaxants", Level.CAUTION),
    ("anticholinergics", Level.CAUTION),
    ("bleeding_disorder", Level.CAUTION),
    ("anticoagulants", Level.NOTE),
    ("recent_toxin_elsewhere", Level.CAUTION),
    ("prior_toxin_complication", Level.CAUTION),
    ("cardiovascular_disease", Level.CAUTION),
    ("prior_surgery_at_site", Level.CAUTION),
    ("upcoming_surgery", Level.NOTE),
]


@pytest.mark.parametrize("jurisdiction", list(Jurisdiction))
@pytest.mark.parametrize(("question", "level"), ALWAYS_QUESTIONS)
def test_question_always_asked_gives_its_level(question, level, jurisdiction):
    consultation = make(jurisdiction=jurisdiction, answers={question: "yes"})
    result = screen(proto(), consultation)
    assert question in result.applicable_questions
    assert ids(result) == {question: level}
    finding = result.finding(question)
    assert finding.kind == "question"
    assert finding.message.en and finding.message.fr
    expected = {
        Level.STOP: Verdict.STOP,
        Level.CAUTION: Verdict.CAUTION,
        Level.NOTE: Verdict.PROCEED,
    }[level]
    assert result.verdict is expected


@pytest.mark.parametrize("product", ["botox", "dysport", "xeomin", "nuceiva"])
def test_albumin_allergy_is_asked_for_every_product(product):
    consultation = make(
        product,
        ("glabellar_lines",),
        {"procerus": 4, "corrugator": 16},
        answers={"albumin_allergy": "yes"},
    )
    result = screen(proto(), consultation)
    assert ids(result)["albumin_allergy"] is Level.STOP
    assert result.verdict is Verdict.STOP


def test_milk_protein_allergy_stops_dysport():
    consultation = make(
        "dysport",
        ("cervical_dystonia",),
        {"sternocleidomastoid": 100},
        answers={"milk_protein_allergy": "yes"},
    )
    result = screen(proto(), consultation)
    assert ids(result) == {"milk_protein_allergy": Level.STOP}


@pytest.mark.parametrize("product", ["botox", "xeomin", "nuceiva"])
def test_milk_protein_allergy_is_not_asked_without_dysport(product):
    consultation = make(
        product,
        ("glabellar_lines",),
        {"procerus": 4, "corrugator": 16},
        answers={"milk_protein_allergy": "yes"},
    )
    result = screen(proto(), consultation)
    assert "milk_protein_allergy" not in result.applicable_questions
    assert "milk_protein_allergy" not in ids(result)
    assert result.verdict is Verdict.PROCEED


def test_unanswered_question_that_does_not_apply_is_never_missing():
    consultation = make("xeomin", ("glabellar_lines",), {"procerus": 4, "corrugator": 16})
    assert "milk_protein_allergy" not in consultation.answers
    assert "milk_protein_allergy" not in screen(proto(), consultation).missing


NEUROMUSCULAR = [
    # jurisdiction, product, indications, plan, level
    ("CA", "botox", ("chronic_migraine",), CM_PLAN, Level.STOP),
    ("CA", "dysport", ("cervical_dystonia",), {"sternocleidomastoid": 200}, Level.STOP),
    ("CA", "xeomin", ("cervical_dystonia",), {"sternocleidomastoid": 100}, Level.CAUTION),
    ("US", "botox", ("chronic_migraine",), CM_PLAN, Level.CAUTION),
    ("US", "dysport", ("cervical_dystonia",), {"sternocleidomastoid": 200}, Level.CAUTION),
    ("US", "xeomin", ("glabellar_lines",), {"procerus": 4, "corrugator": 16}, Level.STOP),
    ("CA", "nuceiva", ("glabellar_lines",), {"procerus": 4, "corrugator": 16}, Level.STOP),
    ("US", "botox", ("glabellar_lines",), {"procerus": 4, "corrugator": 16}, Level.STOP),
    ("US", "botox", ("glabellar_lines", "chronic_migraine"), CM_PLAN, Level.CAUTION),
    ("CA", "xeomin", ("glabellar_lines", "spasticity"), {"upper_limb": 100}, Level.CAUTION),
]


@pytest.mark.parametrize(("jur", "product", "indications", "plan", "level"), NEUROMUSCULAR)
def test_neuromuscular_disorder_levels(jur, product, indications, plan, level):
    consultation = make(
        product,
        indications,
        plan,
        jurisdiction=Jurisdiction(jur),
        answers={"neuromuscular_disorder": "yes"},
    )
    assert ids(screen(proto(), consultation))["neuromuscular_disorder"] is level


@pytest.mark.parametrize(
    ("indications", "plan", "level"),
    [
        (("glabellar_lines",), {"procerus": 4, "corrugator": 16}, Level.STOP),
        (("chronic_migraine",), CM_PLAN, Level.CAUTION),
        (("chronic_migraine", "glabellar_lines"), CM_PLAN, Level.STOP),
    ],
)
@pytest.mark.parametrize("sex", [Sex.FEMALE, Sex.OTHER, Sex.UNKNOWN])
def test_pregnancy_stop_for_cosmetic_caution_otherwise(indications, plan, level, sex):
    consultation = make("botox", indications, plan, sex=sex, answers={"pregnant": "yes"})
    assert ids(screen(proto(), consultation))["pregnant"] is level


@pytest.mark.parametrize("question", ["pregnant", "breastfeeding"])
def test_pregnancy_and_breastfeeding_not_asked_for_male(question):
    consultation = make(sex=Sex.MALE, answers={question: "yes"})
    result = screen(proto(), consultation)
    assert question not in result.applicable_questions
    assert question not in ids(result)
    assert result.verdict is Verdict.PROCEED


def test_breastfeeding_is_caution():
    result = screen(proto(), make(answers={"breastfeeding": "yes"}))
    assert ids(result) == {"breastfeeding": Level.CAUTION}


def test_eyelid_conditions_asked_for_upper_face():
    result = screen(proto(), make(answers={"eyelid_conditions": "yes"}))
    assert ids(result) == {"eyelid_conditions": Level.CAUTION}


def test_eyelid_conditions_silent_for_masseter_only_plan():
    consultation = make(
        "botox", ("bruxism",), {"masseter": 50}, answers={"eyelid_conditions": "yes"}
    )
    result = screen(proto(), consultation)
    assert "eyelid_conditions" not in result.applicable_questions
    assert "eyelid_conditions" not in ids(result)


@pytest.mark.parametrize(
    ("indication", "area"), [("axillary_hyperhidrosis", "axilla"), ("palmar_hyperhidrosis", "palm")]
)
def test_secondary_hyperhidrosis_asked_for_hyperhidrosis(indication, area):
    consultation = make(
        "botox", (indication,), {area: 100}, answers={"secondary_hyperhidrosis_possible": "yes"}
    )
    assert ids(screen(proto(), consultation))["secondary_hyperhidrosis_possible"] is Level.CAUTION


def test_secondary_hyperhidrosis_not_asked_otherwise():
    result = screen(proto(), make(answers={"secondary_hyperhidrosis_possible": "yes"}))
    assert "secondary_hyperhidrosis_possible" not in result.applicable_questions
    assert result.findings == ()


def test_answer_no_and_ignored_answers_give_nothing():
    result = screen(proto(), make(answer="no"))
    assert result.findings == ()


# ------------------------------------------------------------------ computed: lot


def test_lot_expired_before_the_date_stops():
    result = screen(proto(), make(lot=Lot("L1", DAY - timedelta(days=1))))
    assert ids(result) == {"lot_expired": Level.STOP}
    assert result.verdict is Verdict.STOP
    assert "L1" in result.finding("lot_expired").message.en


def test_lot_expiring_on_the_consultation_date_is_not_expired():
    assert screen(proto(), make(lot=Lot("L1", DAY))).findings == ()


def test_lot_without_expiry_is_not_expired_and_missing_lot_is_missing():
    assert screen(proto(), make(lot=Lot("L1", None))).findings == ()
    result = screen(proto(), make(lot=None))
    assert result.missing == ("lot",)
    assert result.findings == ()


# ------------------------------------------------------------------ computed: maximum

SPASTIC = ("spasticity",)


def _hist(product, units, days_before):
    return (HistoryEntry(DAY - timedelta(days=days_before), product, units),)


@pytest.mark.parametrize(
    ("product", "indications", "plan", "history", "fires"),
    [
        ("botox", SPASTIC, {"upper_limb": 400}, (), False),
        ("botox", SPASTIC, {"upper_limb": 400.5}, (), True),
        ("botox", SPASTIC, {"upper_limb": 200}, _hist("botox", 200, 89), False),
        ("botox", SPASTIC, {"upper_limb": 200}, _hist("botox", 200.5, 89), True),
        ("botox", SPASTIC, {"upper_limb": 200}, _hist("botox", 250, 90), False),
        ("botox", SPASTIC, {"upper_limb": 200}, _hist("botox", 250, 0), True),
        ("botox", SPASTIC, {"upper_limb": 200}, _hist("dysport", 1500, 10), False),
        ("xeomin", SPASTIC, {"upper_limb": 400}, (), False),
        ("xeomin", SPASTIC, {"upper_limb": 401}, (), True),
        ("xeomin", SPASTIC, {"upper_limb": 300}, _hist("xeomin", 300, 10), False),
        ("dysport", ("cervical_dystonia",), {"sternocleidomastoid": 1000}, (), False),
        ("dysport", ("cervical_dystonia",), {"sternocleidomastoid": 1000.5}, (), True),
        ("dysport", SPASTIC, {"upper_limb": 1500}, (), False),
        ("dysport", SPASTIC, {"upper_limb": 1500.5}, (), True),
        ("dysport", ("cervical_dystonia", "spasticity"), {"upper_limb": 1200}, (), True),
        ("dysport", SPASTIC, {"upper_limb": 1000}, _hist("dysport", 1000, 10), False),
        ("nuceiva", ("glabellar_lines",), {"procerus": 500}, (), True),
        ("nuceiva", ("glabellar_lines",), {"procerus": 20, "corrugator": 80}, (), False),
        ("nuceiva", ("glabellar_lines",), {"procerus": 20, "corrugator": 80.5}, (), True),
    ],
)
def test_dose_above_maximum(product, indications, plan, history, fires):
    result = screen(proto(), make(product, indications, plan, history=history))
    assert ("dose_above_maximum" in ids(result)) is fires
    if fires:
        assert ids(result)["dose_above_maximum"] is Level.STOP
        assert result.verdict is Verdict.STOP


def test_cumulative_message_shows_plan_history_and_limit():
    result = screen(
        proto(), make("botox", SPASTIC, {"upper_limb": 200}, history=_hist("botox", 250, 30))
    )
    message = result.finding("dose_above_maximum").message
    assert "200 U" in message.en and "250 U" in message.en and "450 U" in message.en
    assert "400 U" in message.en and "400 U" in message.fr


# ------------------------------------------------------------------ computed: label dose


@pytest.mark.parametrize(
    ("jur", "product", "indications", "plan", "fires"),
    [
        ("CA", "botox", ("chronic_migraine",), {**CM_PLAN, "trapezius": 30.5}, True),
        ("CA", "botox", ("chronic_migraine",), CM_PLAN, False),
        (
            "US",
            "botox",
            ("glabellar_lines", "forehead_lines"),
            {"procerus": 4, "corrugator": 16, "frontalis": 20},
            False,
        ),
        (
            "US",
            "botox",
            ("glabellar_lines", "forehead_lines"),
            {"procerus": 4, "corrugator": 16, "frontalis": 21},
            True,
        ),
        ("US", "xeomin", ("glabellar_lines",), {"procerus": 5, "corrugator": 16}, True),
        ("CA", "dysport", ("glabellar_lines",), {"procerus": 10, "corrugator": 41}, True),
        ("CA", "nuceiva", ("glabellar_lines",), {"procerus": 4, "corrugator": 17}, True),
        # An off-label indication, or one without a labeled dose, switches the check off.
        ("CA", "botox", ("chronic_migraine", "bruxism"), {**CM_PLAN, "masseter": 50}, False),
        ("CA", "dysport", ("crows_feet",), {"orbicularis_oculi_lateral": 100}, False),
        ("US", "dysport", ("crows_feet",), {"orbicularis_oculi_lateral": 100}, False),
    ],
)
def test_dose_above_label(jur, product, indications, plan, fires):
    result = screen(proto(), make(product, indications, plan, jurisdiction=Jurisdiction(jur)))
    assert ("dose_above_label" in ids(result)) is fires
    if fires:
        assert ids(result)["dose_above_label"] is Level.CAUTION


# ------------------------------------------------------------------ computed: age


def _born_on_day_after(years):
    """Born one day after the person who turns ``years`` today: still ``years - 1``."""
    return birthday(years) + timedelta(days=1)


GLAB = ("glabellar_lines",)
GLAB_PLAN = {"procerus": 4, "corrugator": 16}


@pytest.mark.parametrize(
    ("birth", "indications", "plan", "level"),
    [
        (_born_on_day_after(2), SPASTIC, {"upper_limb": 50}, Level.STOP),
        (birthday(2), SPASTIC, {"upper_limb": 50}, Level.CAUTION),
        (_born_on_day_after(18), SPASTIC, {"upper_limb": 50}, Level.CAUTION),
        (_born_on_day_after(18), GLAB, GLAB_PLAN, Level.STOP),
        (_born_on_day_after(18), ("glabellar_lines", "chronic_migraine"), CM_PLAN, Level.STOP),
        (birthday(18), GLAB, GLAB_PLAN, None),
        (birthday(18), SPASTIC, {"upper_limb": 50}, None),
        (birthday(1), GLAB, GLAB_PLAN, Level.STOP),
    ],
)
def test_age_below_label(birth, indications, plan, level):
    consultation = make("botox", indications, plan)
    consultation = replace(consultation, patient=replace(consultation.patient, birth_date=birth))
    assert ids(screen(proto(), consultation)).get("age_below_label") is level


@pytest.mark.parametrize(
    ("product", "indications", "plan", "birth", "fires"),
    [
        ("dysport", GLAB, {"procerus": 10, "corrugator": 40}, birthday(65), True),
        ("dysport", GLAB, {"procerus": 10, "corrugator": 40}, _born_on_day_after(65), False),
        ("nuceiva", GLAB, GLAB_PLAN, birthday(65), True),
        ("nuceiva", GLAB, GLAB_PLAN, birthday(80), True),
        ("botox", GLAB, GLAB_PLAN, birthday(80), False),
        ("xeomin", GLAB, GLAB_PLAN, birthday(80), False),
        ("dysport", ("cervical_dystonia",), {"sternocleidomastoid": 300}, birthday(80), False),
    ],
)
def test_age_above_label(product, indications, plan, birth, fires):
    consultation = make(product, indications, plan)
    consultation = replace(consultation, patient=replace(consultation.patient, birth_date=birth))
    found = ids(screen(proto(), consultation))
    assert ("age_above_label" in found) is fires
    if fires:
        assert found["age_above_label"] is Level.CAUTION


def test_leap_day_birthday_counts_on_first_of_march():
    consultation = make("botox", GLAB, GLAB_PLAN, date=date(2026, 2, 28))
    consultation = replace(
        consultation, patient=replace(consultation.patient, birth_date=date(2008, 2, 29))
    )
    assert ids(screen(proto(), consultation)).get("age_below_label") is Level.STOP
    consultation = replace(consultation, date=date(2026, 3, 1), lot=Lot("L1", date(2027, 1, 1)))
    assert "age_below_label" not in ids(screen(proto(), consultation))


# ------------------------------------------------------------------ computed: intervals


@pytest.mark.parametrize(
    ("days", "fires"), [(0, True), (1, True), (83, True), (84, False), (200, False)]
)
def test_retreatment_too_soon_boundary(days, fires):
    consultation = make(history=_hist("botox", 155, days))
    found = ids(screen(proto(), consultation))
    assert ("retreatment_too_soon" in found) is fires
    if fires:
        assert found["retreatment_too_soon"] is Level.CAUTION


@pytest.mark.parametrize(("days", "fires"), [(0, True), (111, True), (112, False)])
def test_other_toxin_recent_boundary(days, fires):
    consultation = make(history=_hist("dysport", 500, days))
    result = screen(proto(), consultation)
    assert ("other_toxin_recent" in ids(result)) is fires
    assert "retreatment_too_soon" not in ids(result)
    if fires:
        message = result.finding("other_toxin_recent").message
        assert "Dysport 500 U" in message.en  # its own units, never converted
        assert "Dysport 500 U" in message.fr


def test_history_of_another_product_never_counts_toward_retreatment_or_maximum():
    consultation = make(
        "botox",
        SPASTIC,
        {"upper_limb": 400},
        history=_hist("xeomin", 400, 10) + _hist("dysport", 1500, 5),
    )
    found = ids(screen(proto(), consultation))
    assert "dose_above_maximum" not in found
    assert "retreatment_too_soon" not in found
    assert found["other_toxin_recent"] is Level.CAUTION


# ------------------------------------------------------------------ computed: threshold


@pytest.mark.parametrize(("days", "fires"), [(14, True), (0, True), (15, False), (31, False)])
def test_below_indication_threshold(days, fires):
    consultation = make(outcomes=MappingProxyType({"monthly_headache_days": days}))
    found = ids(screen(proto(), consultation))
    assert ("below_indication_threshold" in found) is fires


def test_threshold_silent_without_score_or_for_other_indications():
    assert "below_indication_threshold" not in ids(screen(proto(), make()))
    consultation = make(
        "botox",
        ("headache_other",),
        {"temporalis": 40},
        outcomes=MappingProxyType({"monthly_headache_days": 4}),
    )
    assert "below_indication_threshold" not in ids(screen(proto(), consultation))


# ------------------------------------------------------------------ computed: off-label


@pytest.mark.parametrize(
    ("jur", "product", "indications", "plan", "off"),
    [
        ("CA", "botox", ("bruxism",), {"masseter": 50}, ("bruxism",)),
        ("CA", "botox", ("chronic_migraine", "tmd"), {**CM_PLAN, "masseter": 30}, ("tmd",)),
        ("CA", "dysport", ("crows_feet",), {"orbicularis_oculi_lateral": 60}, ()),
        ("US", "dysport", ("crows_feet",), {"orbicularis_oculi_lateral": 60}, ("crows_feet",)),
        ("US", "nuceiva", GLAB, GLAB_PLAN, ()),
        ("CA", "nuceiva", ("forehead_lines",), {"frontalis": 20}, ("forehead_lines",)),
        ("CA", "xeomin", ("chronic_migraine",), CM_PLAN, ("chronic_migraine",)),
        (
            "US",
            "xeomin",
            ("crows_feet", "palmar_hyperhidrosis"),
            {"orbicularis_oculi_lateral": 24, "palm": 100},
            ("palmar_hyperhidrosis",),
        ),
        ("CA", "botox", ("axillary_hyperhidrosis",), {"axilla": 100}, ()),
    ],
)
def test_off_label(jur, product, indications, plan, off):
    result = screen(proto(), make(product, indications, plan, jurisdiction=Jurisdiction(jur)))
    assert result.off_label == off
    found = ids(result)
    if off:
        assert found["off_label"] is Level.CAUTION
        assert [f.id for f in result.findings].count("off_label") == 1
    else:
        assert "off_label" not in found


def test_off_label_message_names_the_jurisdiction_and_indication():
    result = screen(
        proto(), make("botox", ("bruxism",), {"masseter": 50}, jurisdiction=Jurisdiction.US)
    )
    message = result.finding("off_label").message
    assert "United States" in message.en and "États-Unis" in message.fr
    assert "Bruxism" in message.en and "Bruxisme" in message.fr


# ------------------------------------------------------------------ verdict and missing


def test_stop_wins_even_with_open_questions():
    consultation = make(answers={"toxin_allergy": "yes", "muscle_relaxants": "unsure"})
    result = screen(proto(), consultation)
    assert result.verdict is Verdict.STOP
    assert "muscle_relaxants" in result.missing


def test_unsure_and_unanswered_make_incomplete():
    result = screen(proto(), make(answers={"muscle_relaxants": "unsure", "anticoagulants": "yes"}))
    assert result.verdict is Verdict.INCOMPLETE
    assert result.missing == ("muscle_relaxants",)
    consultation = make()
    answers = dict(consultation.answers)
    del answers["cardiovascular_disease"]
    result = screen(proto(), replace(consultation, answers=MappingProxyType(answers)))
    assert result.verdict is Verdict.INCOMPLETE
    assert result.missing == ("cardiovascular_disease",)


def test_caution_needs_a_reason_but_stays_caution():
    consultation = make(answers={"muscle_relaxants": "yes"})
    result = screen(proto(), consultation)
    assert result.verdict is Verdict.CAUTION
    assert result.missing == ("muscle_relaxants",)
    with_reason = replace(
        consultation, reasons=MappingProxyType({"muscle_relaxants": "Low dose, counselled."})
    )
    result = screen(proto(), with_reason)
    assert result.verdict is Verdict.CAUTION
    assert result.missing == ()
    blank = replace(consultation, reasons=MappingProxyType({"muscle_relaxants": "   "}))
    assert screen(proto(), blank).missing == ("muscle_relaxants",)


def test_reasons_for_note_stop_or_unfired_findings_change_nothing():
    consultation = make(
        answers={"anticoagulants": "yes"},
        reasons=MappingProxyType({"anticoagulants": "x", "lot_expired": "y", "off_label": "z"}),
    )
    result = screen(proto(), consultation)
    assert result.verdict is Verdict.PROCEED
    assert result.missing == ()


def test_computed_caution_without_reason_is_missing():
    result = screen(proto(), make("botox", ("bruxism",), {"masseter": 50}))
    assert result.verdict is Verdict.CAUTION
    assert result.missing == ("off_label",)


def test_missing_steps_in_order():
    consultation = make(risks_discussed=None, lot=None, consent=None)
    assert screen(proto(), consultation).missing == ("risks_discussed", "lot", "consent")


def test_risks_discussed_must_cover_the_required_risks():
    consultation = make(risks_discussed=("a", "b"))
    assert screen(proto(), consultation, frozenset({"a"})).missing == ()
    assert screen(proto(), consultation, frozenset({"a", "c"})).missing == ("risks_discussed",)
    assert screen(proto(), make(), frozenset({"a", "c"})).missing == ()  # "all"
    assert screen(proto(), consultation).missing == ()  # nothing assembled to compare with


@pytest.mark.parametrize(
    ("consent", "missing"),
    [
        (ConsentInput(), ("consent",)),
        (ConsentInput(Decision.GIVEN, None, "Dr X"), ("consent.patient_signature",)),
        (ConsentInput(Decision.GIVEN, "typed:P", None), ("consent.clinician",)),
        (ConsentInput(Decision.GIVEN), ("consent.patient_signature", "consent.clinician")),
        (
            ConsentInput(
                Decision.GIVEN, None, "Dr X", substitute=Substitute("S", "daughter", "typed:S")
            ),
            (),
        ),
        (ConsentInput(Decision.DECLINED), ("consent.clinician",)),
        (ConsentInput(Decision.DECLINED, clinician="Dr X"), ()),
    ],
)
def test_consent_missing(consent, missing):
    assert screen(proto(), make(consent=consent)).missing == missing


def test_findings_order_questions_then_computed():
    consultation = make(
        "botox",
        ("bruxism",),
        {"masseter": 50},
        answers={"anticoagulants": "yes", "toxin_allergy": "yes"},
        lot=Lot("L", DAY - timedelta(days=3)),
    )
    assert [f.id for f in screen(proto(), consultation).findings] == [
        "toxin_allergy",
        "anticoagulants",
        "lot_expired",
        "off_label",
    ]

"""Case files: valid files parse; every kind of error names the field by its path."""

import copy
import json
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consult_app.core.case_file import case_to_json_dict, parse_case
from consult_app.core.consultation import Answer, Decision, Jurisdiction, Sex
from consult_app.core.errors import CaseError
from consult_app.core.protocol import load_protocol_dir
from consult_app.core.screening import Verdict, screen
from consult_app.resources import resource_path

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "cases"
PNG = (
    "png:iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJ"
    "RU5ErkJggg=="
)


@lru_cache(maxsize=1)
def proto():
    return load_protocol_dir(resource_path("protocol"))


def sample():
    return json.loads((CASES / "chronic_migraine_ca.json").read_text(encoding="utf-8"))


def error_of(data):
    with pytest.raises(CaseError) as info:
        parse_case(data, proto())
    return str(info.value)


def test_sample_case_parses():
    c = parse_case(sample(), proto())
    assert c.jurisdiction is Jurisdiction.CA
    assert c.date == date(2026, 11, 21)
    assert c.patient.name == "Jane O'Brien"
    assert c.patient.sex is Sex.FEMALE
    assert c.plan["temporalis"] == 40
    assert c.answers["muscle_relaxants"] is Answer.YES
    assert c.consent.decision is Decision.GIVEN
    assert c.consent.witness is None
    assert c.history[0].units == 155
    assert c.risks_discussed == "all"


@pytest.mark.parametrize("path", sorted(CASES.glob("*.json")), ids=lambda p: p.name)
def test_every_fixture_parses_and_round_trips(path):
    c = parse_case(json.loads(path.read_text(encoding="utf-8")), proto())
    assert parse_case(json.loads(json.dumps(case_to_json_dict(c))), proto()) == c


def test_fixture_verdicts():
    def verdict(name):
        data = json.loads((CASES / name).read_text(encoding="utf-8"))
        return screen(proto(), parse_case(data, proto())).verdict

    assert verdict("chronic_migraine_ca.json") is Verdict.CAUTION
    assert verdict("glabellar_us_proceed.json") is Verdict.PROCEED
    assert verdict("dysport_stop_milk.json") is Verdict.STOP


def test_minimal_case_uses_defaults():
    data = {
        "format": "consult-case/1",
        "patient": {"name": "A", "birth_date": "1990-01-01"},
        "indications": ["bruxism"],
        "product": "botox",
        "plan": {"masseter": 50},
    }
    c = parse_case(data, proto(), today=date(2026, 1, 5))
    assert c.date == date(2026, 1, 5)
    assert c.jurisdiction is Jurisdiction.CA
    assert c.patient.sex is Sex.UNKNOWN
    assert c.patient.language == "en"
    assert c.lot is None and c.consent is None and c.risks_discussed is None
    assert parse_case(data, proto()).date == date.today()


def test_null_is_the_same_as_absent():
    data = sample()
    data.update(lot=None, history=None, consent=None, diagnosis=None, jurisdiction=None)
    data["patient"]["email"] = None
    data["plan"]["trapezius"] = None
    c = parse_case(data, proto())
    assert c.lot is None and c.history == () and c.consent is None
    assert c.patient.email is None
    assert "trapezius" not in c.plan
    assert c.jurisdiction is Jurisdiction.CA


def test_half_units_are_allowed():
    data = sample()
    data["plan"]["procerus"] = 2.5
    data["history"][0]["units"] = 0.5
    c = parse_case(data, proto())
    assert c.plan["procerus"] == 2.5
    assert c.history[0].units == 0.5


def _set(data, path, value):
    target = data
    parts = path.split(".")
    for part in parts[:-1]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    last = parts[-1]
    if isinstance(target, list):
        target[int(last)] = value
    elif value is _DELETE:
        del target[last]
    else:
        target[last] = value


_DELETE = object()

ERRORS = [
    # (field to change, new value, expected message)
    ("plan.nose", 5, "plan.nose: unknown area"),
    ("date", "2026-02-30", "date: 2026-02-30 is not a date"),
    ("date", "20261121", "date: 20261121 is not a date (expected YYYY-MM-DD)"),
    ("date", 20261121, "date: expected a date YYYY-MM-DD"),
    ("patient.name", _DELETE, "patient.name: required"),
    ("patient.name", "  ", "patient.name: must not be empty"),
    ("patient.name", 12, "patient.name: expected a string"),
    ("patient", _DELETE, "patient: required"),
    ("patient.birth_date", _DELETE, "patient.birth_date: required"),
    (
        "patient.birth_date",
        "2026-11-22",
        "patient.birth_date: 2026-11-22 is after the consultation date 2026-11-21",
    ),
    (
        "patient.sex",
        "f",
        "patient.sex: unknown value 'f' (expected female, male, other or unknown)",
    ),
    ("patient.language", "de", "patient.language: unknown value 'de' (expected en or fr)"),
    (
        "patient.email",
        "jane.example.org",
        "patient.email: 'jane.example.org' is not an email address",
    ),
    ("patient.nickname", "J", "patient.nickname: unknown field"),
    ("surname", "x", "surname: unknown field"),
    ("format", "consult-case/2", "format: expected 'consult-case/1' (got 'consult-case/2')"),
    ("format", _DELETE, "format: required"),
    ("jurisdiction", "UK", "jurisdiction: unknown value 'UK' (expected CA or US)"),
    (
        "history.0.date",
        "2026-12-01",
        "history[0].date: 2026-12-01 is after the consultation date 2026-11-21",
    ),
    ("history.0.product", "daxxify", "history[0].product: unknown product 'daxxify'"),
    ("history.0.units", 0, "history[0].units: must be positive (got 0)"),
    ("history.0.units", _DELETE, "history[0].units: required"),
    ("history.0.extra", 1, "history[0].extra: unknown field"),
    ("history", {"date": "2026-01-01"}, "history: expected a list"),
    ("indications", [], "indications: at least one indication required"),
    ("indications", _DELETE, "indications: required"),
    (
        "indications",
        ["chronic_migraine", "migraine"],
        "indications[1]: unknown indication 'migraine'",
    ),
    ("indications", ["bruxism", "bruxism"], "indications[1]: duplicate indication 'bruxism'"),
    ("outcomes.hit6", 80, "outcomes.hit6: 80 is out of range (36-78)"),
    (
        "outcomes.monthly_headache_days",
        14.5,
        "outcomes.monthly_headache_days: 14.5 is not a whole number",
    ),
    ("outcomes.midas", 3, "outcomes.midas: unknown outcome"),
    ("product", "daxxify", "product: unknown product 'daxxify'"),
    ("product", _DELETE, "product: required"),
    ("lot.number", _DELETE, "lot.number: required"),
    ("lot.expiry", "2027-13-01", "lot.expiry: 2027-13-01 is not a date"),
    ("dilution_units_per_ml", 0, "dilution_units_per_ml: must be positive"),
    ("dilution_units_per_ml", "50", "dilution_units_per_ml: expected a number"),
    ("plan", {}, "plan: at least one area required"),
    ("plan", _DELETE, "plan: required"),
    ("plan.procerus", 2.3, "plan.procerus: 2.3 is not a whole or half unit"),
    ("plan.procerus", -5, "plan.procerus: must be positive (got -5)"),
    ("plan.procerus", True, "plan.procerus: expected a number"),
    ("plan.procerus", "5", "plan.procerus: expected a number"),
    (
        "answers.toxin_allergy",
        "maybe",
        "answers.toxin_allergy: unknown value 'maybe' (expected yes, no or unsure)",
    ),
    ("answers.allergy", "no", "answers.allergy: unknown question"),
    ("reasons.muscle_relaxant", "x", "reasons.muscle_relaxant: unknown finding"),
    ("reasons.muscle_relaxants", 3, "reasons.muscle_relaxants: expected a string"),
    ("risks_discussed", "some", 'risks_discussed: expected "all" or a list of risk IDs'),
    ("risks_discussed", ["no_such_risk"], "risks_discussed[0]: unknown risk 'no_such_risk'"),
    (
        "consent.decision",
        "yes",
        "consent.decision: unknown value 'yes' (expected given or declined)",
    ),
    (
        "consent.patient_signature",
        "Jane",
        "consent.patient_signature: expected typed:NAME or png:BASE64",
    ),
    (
        "consent.patient_signature",
        "typed: ",
        "consent.patient_signature: typed signature without a name",
    ),
    (
        "consent.patient_signature",
        "png:@@@",
        "consent.patient_signature: png signature is not valid base64",
    ),
    (
        "consent.patient_signature",
        "png:aGVsbG8=",
        "consent.patient_signature: png signature is not a PNG image",
    ),
    (
        "consent.substitute",
        {"name": "S", "signature": "typed:S"},
        "consent.substitute.relationship: required",
    ),
    ("consent.witness", {"signature": "typed:W"}, "consent.witness.name: required"),
    ("consent.seal", "x", "consent.seal: unknown field"),
]


@pytest.mark.parametrize(("path", "value", "message"), ERRORS, ids=[e[2] for e in ERRORS])
def test_errors_name_the_field(path, value, message):
    data = sample()
    _set(data, path, value)
    assert error_of(data) == message


@pytest.mark.parametrize("data", [[], "case", 3, None])
def test_not_an_object(data):
    assert error_of(data) == "case: expected a JSON object"


def test_png_signature_and_substitute_are_accepted():
    data = sample()
    data["consent"]["patient_signature"] = None
    data["consent"]["substitute"] = {"name": "Sam", "relationship": "son", "signature": PNG}
    data["consent"]["witness"] = {"name": "Wendy", "signature": PNG}
    c = parse_case(data, proto())
    assert c.consent.substitute.relationship == "son"
    assert c.consent.witness.signature == PNG


def test_risk_list_accepts_known_ids():
    data = sample()
    rid = sorted(proto().content.risk_ids)[0]
    data["risks_discussed"] = [rid, rid]
    assert parse_case(data, proto()).risks_discussed == (rid,)


def test_birth_and_history_on_the_consultation_date_are_allowed():
    data = sample()
    data["patient"]["birth_date"] = data["date"]
    data["history"][0]["date"] = data["date"]
    c = parse_case(data, proto())
    assert c.patient.birth_date == c.date == c.history[0].date


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(
        [e[0] for e in ERRORS if e[1] is not _DELETE] + ["patient", "consent", "lot", "answers"]
    ),
    json_values,
)
def test_any_json_in_any_field_gives_a_result_or_a_case_error(path, value):
    data = copy.deepcopy(sample())
    try:
        _set(data, path, value)
    except (KeyError, IndexError, TypeError):
        return
    try:
        parse_case(data, proto())
    except CaseError as exc:
        assert ": " in str(exc)

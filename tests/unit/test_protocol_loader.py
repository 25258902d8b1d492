"""The protocol loader: the bundled protocol validates; broken copies name file and key."""

import pytest

from consult_app.core.errors import ProtocolError
from consult_app.core.protocol import (
    COMPUTED_FINDINGS,
    ENGINE_FILES,
    REQUIRED_AREAS,
    REQUIRED_INDICATIONS,
    REQUIRED_PRODUCTS,
    REQUIRED_QUESTIONS,
    Level,
    check_protocol_dir,
    load_protocol,
    protocol_hash,
    read_protocol_files,
)
from consult_app.resources import resource_path


@pytest.fixture(scope="module")
def bundled_files():
    return read_protocol_files(resource_path("protocol"))


@pytest.fixture(scope="module")
def protocol(bundled_files):
    return load_protocol(bundled_files)


def _errors(files):
    with pytest.raises(ProtocolError) as info:
        load_protocol(files)
    return info.value.errors


def _patched(files, name, old, new, count=1):
    text = files[name].decode("utf-8")
    assert old in text, f"{old!r} not in {name}"
    copy = dict(files)
    copy[name] = text.replace(old, new, count).encode("utf-8")
    return copy


def test_bundled_protocol_validates(protocol):
    assert protocol.version
    assert len(protocol.hash) == 64
    assert protocol.id == "protocol"


def test_check_protocol_dir_on_bundled_folder_is_empty():
    assert check_protocol_dir(resource_path("protocol")) == []


@pytest.mark.parametrize("name", ENGINE_FILES)
def test_every_bundled_engine_file_is_present(bundled_files, name):
    assert name in bundled_files


def test_every_contract_id_is_present(protocol):
    assert set(REQUIRED_PRODUCTS) <= set(protocol.products)
    assert set(REQUIRED_INDICATIONS) <= set(protocol.indications)
    assert set(REQUIRED_QUESTIONS) <= set(protocol.questions)
    for area, region in REQUIRED_AREAS.items():
        assert protocol.areas[area].region == region
    assert set(COMPUTED_FINDINGS) <= set(protocol.finding_levels)


def test_labeled_doses_match_the_contract(protocol):
    doses = {
        (pid, iid): units
        for iid, ind in protocol.indications.items()
        for pid, units in ind.labeled_dose.items()
    }
    assert doses == {
        ("botox", "glabellar_lines"): 20,
        ("botox", "forehead_lines"): 20,
        ("botox", "crows_feet"): 24,
        ("botox", "chronic_migraine"): 155,
        ("botox", "axillary_hyperhidrosis"): 100,
        ("xeomin", "glabellar_lines"): 20,
        ("xeomin", "forehead_lines"): 20,
        ("xeomin", "crows_feet"): 24,
        ("dysport", "glabellar_lines"): 50,
        ("nuceiva", "glabellar_lines"): 20,
    }


AUTHORIZED = {
    "botox": {
        "CA": {
            "chronic_migraine",
            "cervical_dystonia",
            "spasticity",
            "axillary_hyperhidrosis",
            "glabellar_lines",
            "forehead_lines",
            "crows_feet",
        },
        "US": {
            "chronic_migraine",
            "cervical_dystonia",
            "spasticity",
            "axillary_hyperhidrosis",
            "glabellar_lines",
            "forehead_lines",
            "crows_feet",
        },
    },
    "dysport": {
        "CA": {"cervical_dystonia", "spasticity", "glabellar_lines", "crows_feet"},
        "US": {"cervical_dystonia", "spasticity", "glabellar_lines"},
    },
    "xeomin": {
        "CA": {
            "cervical_dystonia",
            "spasticity",
            "glabellar_lines",
            "forehead_lines",
            "crows_feet",
        },
        "US": {
            "cervical_dystonia",
            "spasticity",
            "glabellar_lines",
            "forehead_lines",
            "crows_feet",
        },
    },
    "nuceiva": {"CA": {"glabellar_lines"}, "US": {"glabellar_lines"}},
}


@pytest.mark.parametrize("product", sorted(AUTHORIZED))
@pytest.mark.parametrize("jurisdiction", ["CA", "US"])
def test_label_status_matches_the_contract(protocol, product, jurisdiction):
    on_label = {
        iid for iid in protocol.indications if protocol.is_authorized(iid, product, jurisdiction)
    }
    assert on_label == AUTHORIZED[product][jurisdiction]


def test_chronic_migraine_pattern_is_the_31_site_155_unit_pattern(protocol):
    pattern = protocol.indications["chronic_migraine"].patterns["botox"]
    assert dict(pattern.units) == {
        "procerus": 5,
        "corrugator": 10,
        "frontalis": 20,
        "temporalis": 40,
        "occipitalis": 30,
        "cervical_paraspinal": 20,
        "trapezius": 30,
    }
    assert sum(pattern.units.values()) == 155
    assert sum(pattern.sites.values()) == 31
    assert protocol.indications["chronic_migraine"].outcomes == ("monthly_headache_days", "hit6")


def test_glabellar_pattern_is_20_units(protocol):
    pattern = protocol.indications["glabellar_lines"].patterns["botox"]
    assert dict(pattern.units) == {"procerus": 4, "corrugator": 16}


def test_every_product_contains_human_albumin_and_only_dysport_milk_protein(protocol):
    for pid, product in protocol.products.items():
        assert "human_albumin" in product.ingredients
        assert ("cow_milk_protein" in product.ingredients) == (pid == "dysport")


def test_finding_levels_give_the_most_severe_level(protocol):
    levels = protocol.finding_levels
    assert levels["age_below_label"] is Level.STOP
    assert levels["pregnant"] is Level.STOP
    assert levels["neuromuscular_disorder"] is Level.STOP
    assert levels["anticoagulants"] is Level.NOTE
    assert levels["off_label"] is Level.CAUTION
    assert protocol.finding_kinds["toxin_allergy"] == "question"
    assert protocol.finding_kinds["lot_expired"] == "computed"


def test_every_question_has_both_languages(protocol):
    for question in protocol.questions.values():
        assert question.text.en and question.text.fr
        assert question.finding.en and question.finding.fr
        assert question.text.en != question.text.fr
        assert question.source


# -------------------------------------------------------------------- hash


def test_hash_ignores_line_endings(bundled_files):
    crlf = {k: v.replace(b"\n", b"\r\n") for k, v in bundled_files.items()}
    assert protocol_hash(crlf) == protocol_hash(bundled_files)


def test_hash_changes_with_content_and_name(bundled_files):
    base = protocol_hash(bundled_files)
    changed = _patched(bundled_files, "products.toml", "units = 400", "units = 401")
    assert protocol_hash(changed) != base
    renamed = dict(bundled_files)
    renamed["zz.toml"] = renamed.pop("rules.toml")
    assert protocol_hash(renamed) != base


def test_hash_does_not_depend_on_mapping_order(bundled_files):
    reordered = dict(reversed(list(bundled_files.items())))
    assert protocol_hash(reordered) == protocol_hash(bundled_files)


# -------------------------------------------------------------------- broken copies


def test_misspelled_area_names_file_key_and_value(bundled_files):
    files = _patched(
        bundled_files,
        "indications.toml",
        'areas = ["masseter"]',
        'areas = ["masseter", "masetter"]',
    )
    assert "indications.toml: bruxism.areas[1]: unknown area 'masetter'" in _errors(files)


def test_missing_french_text(bundled_files):
    files = _patched(bundled_files, "questions.toml", ', fr = "Allaitez-vous?" }', " }")
    assert "questions.toml: breastfeeding.text: missing French text (fr)" in _errors(files)


def test_missing_source(bundled_files):
    files = _patched(
        bundled_files,
        "products.toml",
        'units = 400\nwindow_days = 90\nsource = ["R8"]',
        "units = 400\nwindow_days = 90",
    )
    assert "products.toml: botox.maximum.source: missing source" in _errors(files)


def test_unknown_key_is_reported(bundled_files):
    files = _patched(bundled_files, "rules.toml", "days = 84", "days = 84\ndayz = 3")
    assert "rules.toml: retreatment_too_soon.dayz: unknown key" in _errors(files)


def test_unknown_product_in_label_status(bundled_files):
    files = _patched(
        bundled_files,
        "indications.toml",
        'CA = ["botox"]\nUS = ["botox"]',
        'CA = ["botoks"]\nUS = ["botox"]',
    )
    assert "indications.toml: chronic_migraine.authorized.CA[0]: unknown product 'botoks'" in (
        _errors(files)
    )


def test_unknown_region_in_question_condition(bundled_files):
    files = _patched(
        bundled_files, "questions.toml", 'region = ["face_upper"]', 'region = ["face_uper"]'
    )
    assert (
        "questions.toml: eyelid_conditions.when.region[0]: unknown region 'face_uper'"
        in _errors(files)
    )


def test_missing_required_question(bundled_files):
    text = bundled_files["questions.toml"].decode()
    start = text.index("[upcoming_surgery]")
    end = text.index("[secondary_hyperhidrosis_possible]")
    files = dict(bundled_files)
    files["questions.toml"] = (text[:start] + text[end:]).encode()
    errors = _errors(files)
    assert any(e.startswith("questions.toml: upcoming_surgery: missing question") for e in errors)


def test_unknown_placeholder_in_message(bundled_files):
    files = _patched(bundled_files, "rules.toml", "Lot {lot} expired", "Lot {lott} expired")
    errors = _errors(files)
    assert any(
        e.startswith("rules.toml: lot_expired.message.en: unknown placeholder '{lott}'")
        for e in errors
    )


def test_bad_level(bundled_files):
    files = _patched(bundled_files, "questions.toml", 'yes = "note"', 'yes = "warn"')
    assert any(
        e.startswith("questions.toml: anticoagulants.yes: expected one of stop")
        for e in _errors(files)
    )


def test_invalid_toml_and_missing_file(bundled_files):
    files = dict(bundled_files)
    files["areas.toml"] = b"[regions\n"
    del files["rules.toml"]
    errors = _errors(files)
    assert any(e.startswith("areas.toml: invalid TOML") for e in errors)
    assert "rules.toml: missing file" in errors


def test_unknown_file_and_wrong_schema_version(bundled_files):
    files = _patched(bundled_files, "products.toml", "schema_version = 1", "schema_version = 2")
    files["question.toml"] = b"schema_version = 1\n"
    errors = _errors(files)
    assert "question.toml: unknown protocol file" in errors
    assert "products.toml: schema_version: expected 1 (got 2)" in errors


def test_all_errors_are_collected(bundled_files):
    files = _patched(
        bundled_files, "indications.toml", 'areas = ["masseter"]', 'areas = ["masetter"]'
    )
    files = _patched(files, "questions.toml", ', fr = "Allaitez-vous?" }', " }")
    assert len(_errors(files)) >= 2


def test_check_protocol_dir_reports_broken_copy(tmp_path, bundled_files):
    files = _patched(
        bundled_files, "indications.toml", 'areas = ["masseter"]', 'areas = ["masetter"]'
    )
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    assert "indications.toml: bruxism.areas[0]: unknown area 'masetter'" in (
        check_protocol_dir(tmp_path)
    )


def test_check_protocol_dir_on_missing_folder(tmp_path):
    errors = check_protocol_dir(tmp_path / "nope")
    assert len(errors) == 1 and "nope" in errors[0]

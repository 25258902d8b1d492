"""One place per rule: the table of computed findings drives the loader and the screening, and
one TOML reading helper serves the protocol, its content and the labels."""

from datetime import date
from types import MappingProxyType

import pytest

from consult_app.core.computed_rules import COMPUTED_FINDINGS, COMPUTED_RULES
from consult_app.core.consultation import Consultation, Jurisdiction, PatientDetails
from consult_app.core.content import CONTENT_FILES, ContentRefs, load_content
from consult_app.core.errors import ProtocolError
from consult_app.core.labels import LabelError, parse_labels
from consult_app.core.protocol import load_protocol, read_protocol_files
from consult_app.core.rule_registry import LEVEL, ComputedRule, Fired, Param, computed_rule
from consult_app.core.screening import Level, screen
from consult_app.core.texts import fill_text
from consult_app.resources import resource_path


@pytest.fixture(scope="module")
def files():
    return read_protocol_files(resource_path("protocol"))


def _consultation(plan):
    return Consultation(
        date=date(2026, 11, 21),
        patient=PatientDetails("Test Patient", date(1980, 1, 1)),
        indications=("bruxism",),
        product="botox",
        plan=MappingProxyType(plan),
        jurisdiction=Jurisdiction.CA,
    )


def test_the_contract_rules_are_registered_in_report_order():
    assert COMPUTED_FINDINGS == (
        "lot_expired",
        "dose_above_maximum",
        "dose_above_label",
        "age_below_label",
        "age_above_label",
        "retreatment_too_soon",
        "other_toxin_recent",
        "below_indication_threshold",
        "off_label",
        "prior_adverse_event",
        "insufficient_response",
    )
    for rule in COMPUTED_RULES.values():
        assert rule.doc, f"{rule.id} has no documentation"
        assert "message" in rule.messages


def test_the_loader_reads_exactly_the_registered_rules(files):
    protocol = load_protocol(files)
    assert tuple(protocol.rules) == COMPUTED_FINDINGS
    assert protocol.rules["retreatment_too_soon"].number("days") == 84
    assert protocol.rules["age_below_label"].levels == {Level.STOP, Level.CAUTION}
    assert protocol.finding_kinds["off_label"] == "computed"


def test_a_rule_is_registered_once():
    with pytest.raises(ValueError, match="registered twice"):
        computed_rule("lot_expired", params=(LEVEL,), messages={"message": ()})(
            lambda rule, facts: None
        )


def test_a_new_rule_is_one_function_plus_its_toml(files, monkeypatch):
    """What a follow-up rule needs: register a function, add its table (and counselling)."""

    def large_plan(rule, facts):
        if facts.total <= rule.number("units"):
            return None
        return Fired(rule.level, fill_text(rule.message(), total=facts.total))

    monkeypatch.setitem(
        COMPUTED_RULES,
        "large_plan",
        ComputedRule(
            id="large_plan",
            params=(LEVEL, Param("units", "whole", 1)),
            messages=MappingProxyType({"message": ("total",)}),
            check=large_plan,
            doc="The plan is large.",
        ),
    )
    patched = dict(files)
    patched["rules.toml"] += (
        b'\n[large_plan]\nlevel = "note"\nunits = 60\n'
        b'message = { en = "{total} U planned.", fr = "{total} U prevues." }\nsource = "R1"\n'
    )
    # Without its counselling text the protocol is refused, naming what is missing.
    with pytest.raises(ProtocolError) as info:
        load_protocol(patched)
    assert (
        "counselling.toml: finding.large_plan: missing counselling text for this NOTE or "
        "CAUTION finding" in info.value.errors
    )
    patched["counselling.toml"] += (
        b'\n[finding.large_plan]\ntitle = { en = "Large", fr = "Grand" }\n'
        b'text = { en = "A large plan.", fr = "Un grand plan." }\nsource = "R1"\n'
    )
    protocol = load_protocol(patched)
    assert protocol.finding_levels["large_plan"] is Level.NOTE

    fired = screen(protocol, _consultation({"masseter": 70})).finding("large_plan")
    assert fired is not None and fired.kind == "computed"
    assert fired.message.en == "70 U planned."
    assert screen(protocol, _consultation({"masseter": 60})).finding("large_plan") is None

    # A bad parameter is named like any other protocol error.
    bad = dict(patched)
    bad["rules.toml"] = patched["rules.toml"].replace(b"units = 60", b"units = 0")
    with pytest.raises(ProtocolError) as info:
        load_protocol(bad)
    assert "rules.toml: large_plan.units: expected a whole number of at least 1" in (
        info.value.errors
    )


def test_missing_rule_table_is_named(files):
    text = files["rules.toml"].decode()
    start = text.index("[off_label]")
    patched = dict(files)
    patched["rules.toml"] = text[:start].encode()
    with pytest.raises(ProtocolError) as info:
        load_protocol(patched)
    assert "rules.toml: off_label: missing computed finding 'off_label' (required by " in "\n".join(
        info.value.errors
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'id = "consent"',
            'id = "consents"',
            "consent.toml: id: expected 'consent' (got 'consents')",
        ),
        ('id = "consent"', "", "consent.toml: id: expected 'consent' (got None)"),
        (
            "schema_version = 1",
            "schema_version = 3",
            "consent.toml: schema_version: expected 1 (got 3)",
        ),
    ],
)
def test_content_headers_are_checked_like_the_engine_files(files, old, new, message):
    patched = dict(files)
    patched["consent.toml"] = files["consent.toml"].replace(old.encode(), new.encode(), 1)
    errors: list[str] = []
    load_content({n: patched[n] for n in CONTENT_FILES}, _content_refs(files), errors)
    assert message in errors


def _content_refs(files):
    protocol = load_protocol(files)
    return ContentRefs(
        products=frozenset(protocol.products),
        regions=frozenset(protocol.regions),
        indications=frozenset(protocol.indications),
        findings=MappingProxyType({k: v.value for k, v in protocol.finding_levels.items()}),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'schema_version = 2\nid = "email"\n', "email.toml: schema_version: expected 1 (got 2)"),
        (b"schema_version = 1\n", "email.toml: id: expected 'email' (got None)"),
        (b"[x\n", "email.toml: invalid TOML: "),
        (b"\xff\xfe", "email.toml: not UTF-8 text"),
    ],
)
def test_label_files_use_the_same_header_checks(data, message):
    with pytest.raises(LabelError) as info:
        parse_labels(data, "email.toml")
    assert any(e.startswith(message) for e in info.value.errors)

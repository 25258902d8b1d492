"""Parsing pieces the protocol loader shares: known IDs, conditions, levels and ``rules.toml``.

``rules.toml`` is read from the table of computed findings
(:data:`~consult_app.core.rule_registry.COMPUTED_RULES`): each registered rule says which
parameters its table gives and which placeholders its messages may use, so a rule's parameters
are declared once, beside its code.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from consult_app.core.protocol_model import (
    ALWAYS,
    INDICATION_KINDS,
    SEXES,
    AgeBand,
    Condition,
    Level,
    LevelRule,
    RuleConfig,
)
from consult_app.core.rule_registry import ComputedRule, Param
from consult_app.core.texts import Text
from consult_app.core.toml_files import RESERVED, TomlFile


class AnyId(frozenset[str]):
    """Stands for the IDs of a file that could not be read: every ID is accepted.

    One broken file then does not bury its real error under a cascade of "unknown ID" messages.
    """

    def __contains__(self, item: object) -> bool:
        return True


@dataclass
class Known:
    """The IDs defined anywhere in the protocol (collected before cross-checking)."""

    jurisdictions: AbstractSet[str]
    ingredients: AbstractSet[str]
    outcomes: AbstractSet[str]
    products: AbstractSet[str]
    regions: AbstractSet[str]
    areas: AbstractSet[str]
    indications: AbstractSet[str]
    questions: AbstractSet[str]


def top_ids(doc: Mapping[str, Any] | None, section: str | None = None) -> AbstractSet[str]:
    """The IDs a file defines (top-level tables, or the tables of ``section``)."""
    if doc is None:
        return AnyId()
    if section is not None:
        value = doc.get(section)
        return frozenset(value) if isinstance(value, dict) else frozenset()
    return frozenset(k for k, v in doc.items() if k not in RESERVED and isinstance(v, dict))


def parse_level(f: TomlFile, value: Any, key: str) -> Level | None:
    """``stop``, ``caution`` or ``note``."""
    try:
        return Level(value)
    except ValueError:
        f.error(key, f"expected one of stop, caution, note (got {value!r})")
        return None


_CONDITION_KEYS = {
    "jurisdiction",
    "product",
    "product_contains",
    "region",
    "area",
    "indication",
    "any_indication_kind",
    "all_indications_kind",
    "sex",
    "sex_not",
}


def parse_condition(f: TomlFile, value: Any, key: str, known: Known) -> Condition:
    """A ``when`` table (every given part must hold)."""
    table = f.table(value, key)
    f.keys(table, key, _CONDITION_KEYS)

    def ids(
        name: str, pool: AbstractSet[str] | tuple[str, ...], kind: str
    ) -> frozenset[str] | None:
        if name not in table:
            return None
        return frozenset(f.id_list(table[name], f"{key}.{name}", pool, kind))

    def kind(name: str) -> str | None:
        if name not in table:
            return None
        value = table[name]
        if value not in INDICATION_KINDS:
            f.error(f"{key}.{name}", f"expected one of {', '.join(INDICATION_KINDS)}")
            return None
        return str(value)

    return Condition(
        jurisdictions=ids("jurisdiction", known.jurisdictions, "jurisdiction"),
        products=ids("product", known.products, "product"),
        product_contains=ids("product_contains", known.ingredients, "ingredient"),
        regions=ids("region", known.regions, "region"),
        areas=ids("area", known.areas, "area"),
        indications=ids("indication", known.indications, "indication"),
        any_indication_kind=kind("any_indication_kind"),
        all_indications_kind=kind("all_indications_kind"),
        sexes=ids("sex", SEXES, "sex"),
        sexes_not=ids("sex_not", SEXES, "sex"),
    )


def parse_level_rules(f: TomlFile, value: Any, key: str, known: Known) -> tuple[LevelRule, ...]:
    """A graded ``yes``: a level string, or a list of ``{ level, when, source }``."""
    if isinstance(value, str):
        level = parse_level(f, value, key)
        return (LevelRule(level, ALWAYS, ()),) if level else ()
    if not isinstance(value, list) or not value:
        f.error(key, "expected a level or a list of { level, when, source } tables")
        return ()
    rules: list[LevelRule] = []
    for index, item in enumerate(value):
        ikey = f"{key}[{index}]"
        table = f.table(item, ikey)
        f.keys(table, ikey, {"level", "when", "source"}, required=("level",))
        level = parse_level(f, table.get("level"), f"{ikey}.level") if "level" in table else None
        when = (
            parse_condition(f, table["when"], f"{ikey}.when", known) if "when" in table else ALWAYS
        )
        source = f.source(table, ikey)
        if level is not None:
            rules.append(LevelRule(level, when, source))
    if rules and rules[-1].when != ALWAYS:
        f.error(key, "the last branch must have no `when` (it gives the level otherwise)")
    return tuple(rules)


def _bands(f: TomlFile, table: Mapping[str, Any], rid: str, known: Known) -> tuple[AgeBand, ...]:
    bands: list[AgeBand] = []
    raw = table.get("bands", [])
    if not isinstance(raw, list) or not raw:
        f.error(f"{rid}.bands", "expected a list of { below, level, when, source } tables")
        return ()
    for index, item in enumerate(raw):
        bkey = f"{rid}.bands[{index}]"
        btable = f.table(item, bkey)
        f.keys(btable, bkey, {"below", "level", "when", "source"}, required=("below", "level"))
        below = f.integer(btable, bkey, "below", 1) if "below" in btable else None
        level = parse_level(f, btable.get("level"), f"{bkey}.level") if "level" in btable else None
        when = (
            parse_condition(f, btable["when"], f"{bkey}.when", known)
            if "when" in btable
            else ALWAYS
        )
        source = f.source(btable, bkey)
        if below is not None and level is not None:
            bands.append(AgeBand(below, level, when, source))
    return tuple(bands)


_NO_TEXT = Text("", "")


def _rule_config(
    f: TomlFile, rule: ComputedRule, table: Mapping[str, Any] | None, known: Known
) -> RuleConfig:
    """One rule's table; ``None`` when the file lacks it (already reported)."""
    rid = rule.id
    tbl = table if table is not None else {}
    names = [p.name for p in rule.params]
    f.keys(tbl, rid, {*names, *rule.messages, "source"}, required=names)
    level = Level.CAUTION
    numbers: dict[str, int] = {}
    ids: dict[str, str] = {}
    conditions: dict[str, Condition] = {}
    bands: tuple[AgeBand, ...] = ()
    param: Param
    for param in rule.params:
        name, present = param.name, param.name in tbl
        if param.kind == "level":
            level = (parse_level(f, tbl[name], f"{rid}.{name}") if present else None) or level
        elif param.kind == "whole":
            numbers[name] = (f.integer(tbl, rid, name, param.minimum) if present else None) or 0
        elif param.kind in ("indication", "outcome"):
            value = tbl.get(name, "")
            pool = known.indications if param.kind == "indication" else known.outcomes
            if present and value not in pool:
                f.error(f"{rid}.{name}", f"unknown {param.kind} '{value}'")
            ids[name] = str(value)
        elif param.kind == "when":
            if present:
                conditions[name] = parse_condition(f, tbl[name], f"{rid}.{name}", known)
        elif table is not None:  # bands
            bands = _bands(f, tbl, rid, known)
    messages = {
        name: f.message(tbl, rid, name, placeholders) if table is not None else _NO_TEXT
        for name, placeholders in rule.messages.items()
    }
    kinds = {p.kind for p in rule.params}
    levels = frozenset(b.level for b in bands) if "bands" in kinds else frozenset({level})
    return RuleConfig(
        id=rid,
        level=level,
        levels=levels,
        messages=MappingProxyType(messages),
        numbers=MappingProxyType(numbers),
        ids=MappingProxyType(ids),
        conditions=MappingProxyType(conditions),
        bands=bands,
        source=f.source(tbl, rid) if table is not None else (),
    )


def parse_rules(
    f: TomlFile, doc: Mapping[str, Any], known: Known, registry: Mapping[str, ComputedRule]
) -> dict[str, RuleConfig]:
    """``rules.toml``: one table per registered computed finding, no other.

    Returns:
        Finding ID -> its parameters, in the registry's order.
    """
    entries = f.entries(doc)
    for rid in entries:
        if rid not in registry:
            f.error(rid, f"unknown computed finding '{rid}'")
    f.require(entries, registry, "computed finding")
    return {rid: _rule_config(f, rule, entries.get(rid), known) for rid, rule in registry.items()}

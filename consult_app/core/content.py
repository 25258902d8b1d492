"""Patient-facing protocol content: risks, expectations, aftercare, red flags, consent texts.

The content lives in ``resources/protocol/{risks,expectations,aftercare,red_flags,consent,
counselling,deferral}.toml``. Every text is bilingual (``{ en = ..., fr = ... }``) and every fact
carries a ``source``. :func:`load_content` parses and validates these files; it never raises for a
content problem but appends ``file: key: message`` strings to ``errors`` so that the protocol
loader can report every problem at once. The GUI and documents never read these values directly:
they call :func:`consult_app.core.assembly.assemble`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from consult_app.core.content_model import (
    DEFAULT_BANDS,
    FREQUENCY_BANDS,
    JURISDICTIONS,
    RISK_CATEGORIES,
    Alternatives,
    Confirmation,
    ConsentContent,
    Content,
    ContentRefs,
    Counselling,
    Deferral,
    Item,
    RedFlags,
    RegionAftercare,
    Risk,
    RiskVariant,
    empty_consent,
    empty_red_flags,
)
from consult_app.core.texts import Text
from consult_app.core.toml_files import TomlFile, read_toml

CONTENT_FILES: tuple[str, ...] = (
    "risks.toml",
    "expectations.toml",
    "aftercare.toml",
    "red_flags.toml",
    "consent.toml",
    "counselling.toml",
    "deferral.toml",
)
"""The content files this module reads; every other ``*.toml`` belongs to the engine."""


__all__ = [
    "CONTENT_FILES",
    "DEFAULT_BANDS",
    "FREQUENCY_BANDS",
    "JURISDICTIONS",
    "RISK_CATEGORIES",
    "Alternatives",
    "Confirmation",
    "ConsentContent",
    "Content",
    "ContentRefs",
    "Counselling",
    "Deferral",
    "Item",
    "RedFlags",
    "RegionAftercare",
    "Risk",
    "load_content",
]


class _Ctx(TomlFile):
    """Checking context of one content file: the shared TOML checks plus the engine's IDs."""

    def __init__(self, file: str, refs: ContentRefs, errors: list[str]) -> None:
        super().__init__(file, errors)
        self.refs = refs

    def finding_tables(self, doc: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        """The ``[finding.<id>]`` tables, with unknown finding IDs reported."""
        found = self.table(doc.get("finding", {}), "finding")
        result: dict[str, dict[str, Any]] = {}
        for fid, value in found.items():
            if fid not in self.refs.findings:
                self.error(f"finding.{fid}", f"unknown finding '{fid}'")
            result[fid] = self.table(value, f"finding.{fid}")
        return result


def _item(
    ctx: _Ctx, table: Mapping[str, Any], key: str, seen: set[str], *, title: bool, filters: bool
) -> Item:
    allowed = {"id", "text", "source"}
    if title:
        allowed.add("title")
    if filters:
        allowed |= {"regions", "indications", "clinic_experience"}
    ctx.keys(table, key, allowed)
    return Item(
        id=ctx.ident(table, key, seen),
        title=ctx.optional_text(table, key, "title") if title else None,
        text=ctx.text(table, key, "text"),
        source=ctx.source(table, key),
        regions=(
            ctx.id_set(table, key, "regions", ctx.refs.regions, "region") if filters else None
        ),
        indications=(
            ctx.id_set(table, key, "indications", ctx.refs.indications, "indication")
            if filters
            else None
        ),
        clinic_experience=ctx.boolean(table, key, "clinic_experience", False) if filters else False,
    )


def _load_risks(ctx: _Ctx, doc: Mapping[str, Any]) -> tuple[Risk, ...]:
    ctx.keys(doc, "", {"schema_version", "id", "risk"})
    seen: set[str] = set()
    risks: list[Risk] = []
    for index, table in enumerate(ctx.tables(doc.get("risk"), "risk")):
        key = f"risk[{index}]"
        rid = ctx.ident(table, key, seen)
        if rid:
            key = f"risk.{rid}"
        ctx.keys(
            table,
            key,
            {
                "id",
                "category",
                "regions",
                "products",
                "frequency",
                "band",
                "label",
                "text",
                "sheet",
                "source",
                "for",
            },
        )
        category = table.get("category")
        if category not in RISK_CATEGORIES:
            ctx.error(f"{key}.category", f"expected one of {', '.join(RISK_CATEGORIES)}")
            category = "common"
        band = table.get("band", DEFAULT_BANDS[str(category)])
        if band not in FREQUENCY_BANDS:
            ctx.error(f"{key}.band", f"expected one of {', '.join(FREQUENCY_BANDS)}")
            band = DEFAULT_BANDS[str(category)]
        risks.append(
            Risk(
                id=rid,
                category=str(category),
                regions=ctx.id_set(table, key, "regions", ctx.refs.regions, "region"),
                products=ctx.id_set(table, key, "products", ctx.refs.products, "product"),
                frequency=ctx.optional_text(table, key, "frequency"),
                label=ctx.text(table, key, "label"),
                text=ctx.text(table, key, "text"),
                source=ctx.source(table, key),
                band=str(band),
                sheet=ctx.optional_text(table, key, "sheet"),
                variants=_risk_variants(ctx, table, key),
            )
        )
    return tuple(risks)


def _risk_variants(ctx: _Ctx, table: Mapping[str, Any], key: str) -> tuple[RiskVariant, ...]:
    """The ``[[risk.for]]`` tables: the sheet's rate and text per indication and product."""
    variants: list[RiskVariant] = []
    for index, item in enumerate(ctx.tables(table.get("for"), f"{key}.for")):
        vkey = f"{key}.for[{index}]"
        ctx.keys(
            item,
            vkey,
            {"indications", "products", "frequency", "band", "sheet", "on_sheet", "source"},
            required=("indications", "source"),
        )
        indications = ctx.id_set(item, vkey, "indications", ctx.refs.indications, "indication")
        if indications is None:
            ctx.error(f"{vkey}.indications", "expected a list of indication IDs")
            indications = frozenset()
        band = item.get("band")
        if band is not None and band not in FREQUENCY_BANDS:
            ctx.error(f"{vkey}.band", f"expected one of {', '.join(FREQUENCY_BANDS)}")
            band = None
        on_sheet = item.get("on_sheet", True)
        if not isinstance(on_sheet, bool):
            ctx.error(f"{vkey}.on_sheet", "expected true or false")
            on_sheet = True
        variants.append(
            RiskVariant(
                indications=indications,
                products=ctx.id_set(item, vkey, "products", ctx.refs.products, "product"),
                frequency=ctx.optional_text(item, vkey, "frequency"),
                band=None if band is None else str(band),
                sheet=ctx.optional_text(item, vkey, "sheet"),
                on_sheet=on_sheet,
                source=ctx.source(item, vkey),
            )
        )
    return tuple(variants)


def _load_expectations(ctx: _Ctx, doc: Mapping[str, Any]) -> tuple[Item, ...]:
    ctx.keys(doc, "", {"schema_version", "id", "item"})
    seen: set[str] = set()
    return tuple(
        _item(ctx, table, f"item[{index}]", seen, title=True, filters=True)
        for index, table in enumerate(ctx.tables(doc.get("item"), "item"))
    )


def _load_aftercare(
    ctx: _Ctx, doc: Mapping[str, Any]
) -> tuple[tuple[Item, ...], dict[str, RegionAftercare]]:
    ctx.keys(doc, "", {"schema_version", "id", "general", "region"})
    seen: set[str] = set()
    general = tuple(
        _item(ctx, table, f"general[{index}]", seen, title=True, filters=True)
        for index, table in enumerate(ctx.tables(doc.get("general"), "general"))
    )
    regions: dict[str, RegionAftercare] = {}
    for region, value in ctx.table(doc.get("region", {}), "region").items():
        key = f"region.{region}"
        if region not in ctx.refs.regions:
            ctx.error(key, f"unknown region '{region}'")
        table = ctx.table(value, key)
        ctx.keys(table, key, {"name", "item"})
        items = tuple(
            _item(ctx, item, f"{key}.item[{index}]", seen, title=False, filters=False)
            for index, item in enumerate(ctx.tables(table.get("item"), f"{key}.item"))
        )
        if not items:
            ctx.error(key, "no aftercare advice")
        regions[region] = RegionAftercare(region, ctx.text(table, key, "name"), items)
    return general, regions


def _load_red_flags(ctx: _Ctx, doc: Mapping[str, Any]) -> RedFlags:
    ctx.keys(
        doc,
        "",
        {
            "schema_version",
            "id",
            "intro",
            "timing",
            "action",
            "emergency_numbers",
            "symptom",
            "source",
        },
    )
    numbers = ctx.table(doc.get("emergency_numbers", {}), "emergency_numbers")
    for name in numbers:
        if name not in JURISDICTIONS:
            ctx.error(f"emergency_numbers.{name}", "unknown jurisdiction")
    clean: dict[str, str] = {}
    for jurisdiction in JURISDICTIONS:
        number = numbers.get(jurisdiction)
        if not isinstance(number, str) or not number.strip():
            ctx.error(f"emergency_numbers.{jurisdiction}", "missing emergency number")
        else:
            clean[jurisdiction] = number.strip()
    action = ctx.text(doc, "", "action")
    if action.en and ("{emergency}" not in action.en or "{emergency}" not in action.fr):
        ctx.error("action", "must contain {emergency} in both languages")
    seen: set[str] = set()
    symptoms = tuple(
        _item(ctx, table, f"symptom[{index}]", seen, title=False, filters=False)
        for index, table in enumerate(ctx.tables(doc.get("symptom"), "symptom"))
    )
    if not symptoms:
        ctx.error("symptom", "no red-flag symptoms")
    return RedFlags(
        intro=ctx.text(doc, "", "intro"),
        symptoms=symptoms,
        timing=ctx.text(doc, "", "timing"),
        action=action,
        emergency_numbers=MappingProxyType(clean),
        source=ctx.source(doc, ""),
    )


def _load_consent(ctx: _Ctx, doc: Mapping[str, Any]) -> ConsentContent:
    ctx.keys(
        doc, "", {"schema_version", "id", "section", "off_label", "alternatives", "confirmation"}
    )
    seen: set[str] = set()
    sections = tuple(
        _item(ctx, table, f"section[{index}]", seen, title=True, filters=False)
        for index, table in enumerate(ctx.tables(doc.get("section"), "section"))
    )
    off_label = ctx.table(doc.get("off_label", {}), "off_label")
    ctx.keys(off_label, "off_label", {"text", "age", "tail", "regulator", "source"})
    off_text = ctx.text(off_label, "off_label", "text")
    off_age = ctx.optional_text(off_label, "off_label", "age") or Text("", "")
    off_tail = ctx.optional_text(off_label, "off_label", "tail") or Text("", "")
    if off_age.en and any(
        p not in t for t in (off_age.en, off_age.fr) for p in ("{indication}", "{limit}")
    ):
        ctx.error("off_label.age", "must contain {indication} and {limit} in both languages")
    if off_text.en and ("{indications}" not in off_text.en or "{indications}" not in off_text.fr):
        ctx.error("off_label.text", "must contain {indications} in both languages")
    regulators = ctx.table(off_label.get("regulator", {}), "off_label.regulator")
    off_regulator: dict[str, Text] = {}
    for jurisdiction in sorted(regulators):
        off_regulator[jurisdiction] = ctx.text(regulators, "off_label.regulator", jurisdiction)
    if "{regulator}" in off_text.en and not {"CA", "US"} <= off_regulator.keys():
        ctx.error("off_label.regulator", "needs a name for CA and for US")
    alternatives: dict[str, Alternatives] = {}
    for indication, value in ctx.table(doc.get("alternatives", {}), "alternatives").items():
        key = f"alternatives.{indication}"
        if indication not in ctx.refs.indications:
            ctx.error(key, f"unknown indication '{indication}'")
        table = ctx.table(value, key)
        ctx.keys(table, key, {"name", "text", "source"})
        alternatives[indication] = Alternatives(
            indication,
            ctx.text(table, key, "name"),
            ctx.text(table, key, "text"),
            ctx.source(table, key),
        )
    for indication in sorted(ctx.refs.indications - alternatives.keys()):
        ctx.error(f"alternatives.{indication}", "missing alternatives for this indication")
    confirmations: list[Confirmation] = []
    seen_conf: set[str] = set()
    for index, table in enumerate(ctx.tables(doc.get("confirmation"), "confirmation")):
        key = f"confirmation[{index}]"
        ctx.keys(table, key, {"id", "text", "required", "when", "source"})
        when = table.get("when")
        if when is not None and when != "off_label":
            ctx.error(f"{key}.when", 'expected "off_label" or nothing')
            when = None
        cid = ctx.ident(table, key, seen_conf)
        ctx.source(table, key)
        confirmations.append(
            Confirmation(
                id=cid,
                text=ctx.text(table, key, "text"),
                required=ctx.boolean(table, key, "required", True),
                when=when,
            )
        )
    if not confirmations:
        ctx.error("confirmation", "no confirmations")
    return ConsentContent(
        sections=sections,
        off_label=off_text,
        off_label_source=ctx.source(off_label, "off_label"),
        off_label_age=off_age,
        off_label_tail=off_tail,
        off_label_regulator=MappingProxyType(off_regulator),
        alternatives=MappingProxyType(alternatives),
        confirmations=tuple(confirmations),
    )


def _counselling_required(refs: ContentRefs) -> set[str]:
    levels = {fid for fid, level in refs.findings.items() if level in ("caution", "note")}
    return levels | set(refs.caution_findings)


def _load_counselling(ctx: _Ctx, doc: Mapping[str, Any]) -> dict[str, Counselling]:
    ctx.keys(doc, "", {"schema_version", "id", "finding"})
    result: dict[str, Counselling] = {}
    for fid, table in ctx.finding_tables(doc).items():
        key = f"finding.{fid}"
        ctx.keys(table, key, {"title", "text", "source"})
        result[fid] = Counselling(
            fid, ctx.text(table, key, "title"), ctx.text(table, key, "text"), ctx.source(table, key)
        )
    for fid in sorted(_counselling_required(ctx.refs) - result.keys()):
        ctx.error(f"finding.{fid}", "missing counselling text for this NOTE or CAUTION finding")
    return result


def _load_deferral(ctx: _Ctx, doc: Mapping[str, Any]) -> dict[str, Deferral]:
    ctx.keys(doc, "", {"schema_version", "id", "finding"})
    result: dict[str, Deferral] = {}
    for fid, table in ctx.finding_tables(doc).items():
        key = f"finding.{fid}"
        ctx.keys(table, key, {"title", "text", "next_steps", "source"})
        result[fid] = Deferral(
            fid,
            ctx.text(table, key, "title"),
            ctx.text(table, key, "text"),
            ctx.text(table, key, "next_steps"),
            ctx.source(table, key),
        )
    stops = {fid for fid, level in ctx.refs.findings.items() if level == "stop"}
    for fid in sorted(stops - result.keys()):
        ctx.error(f"finding.{fid}", "missing deferral text for this STOP finding")
    return result


def load_content(files: Mapping[str, bytes], refs: ContentRefs, errors: list[str]) -> Content:
    """Parse and validate the content files.

    Besides the shape of each file (both languages, a source for every fact, no unknown keys,
    references to known products, regions, indications and findings), it checks completeness:
    every region has risks and aftercare, every indication has alternatives, every STOP finding
    has a deferral text and every NOTE or CAUTION finding has a counselling text.

    Args:
        files: filename -> bytes for every file of the protocol folder; files other than
            :data:`CONTENT_FILES` are ignored.
        refs: the IDs that content may refer to.
        errors: problems are appended here as ``file: key: message``; never raises for them.

    Returns:
        The content (partial when there were errors).
    """
    docs = {name: read_toml(name, files.get(name), errors) for name in CONTENT_FILES}

    def ctx(name: str) -> _Ctx:
        return _Ctx(name, refs, errors)

    risks: tuple[Risk, ...] = ()
    if (doc := docs["risks.toml"]) is not None:
        risks = _load_risks(ctx("risks.toml"), doc)
        covered: set[str] = set()
        for risk in risks:
            if risk.category == "region" and risk.regions is not None:
                covered |= risk.regions
        for region in sorted(refs.regions - covered):
            ctx("risks.toml").error(f"region.{region}", "no region-specific risk for this region")
    expectations: tuple[Item, ...] = ()
    if (doc := docs["expectations.toml"]) is not None:
        expectations = _load_expectations(ctx("expectations.toml"), doc)
    general: tuple[Item, ...] = ()
    aftercare: dict[str, RegionAftercare] = {}
    if (doc := docs["aftercare.toml"]) is not None:
        general, aftercare = _load_aftercare(ctx("aftercare.toml"), doc)
        for region in sorted(refs.regions - aftercare.keys()):
            ctx("aftercare.toml").error(f"region.{region}", "missing aftercare for this region")
    red_flags = empty_red_flags()
    if (doc := docs["red_flags.toml"]) is not None:
        red_flags = _load_red_flags(ctx("red_flags.toml"), doc)
    consent = empty_consent()
    if (doc := docs["consent.toml"]) is not None:
        consent = _load_consent(ctx("consent.toml"), doc)
    counselling: dict[str, Counselling] = {}
    if (doc := docs["counselling.toml"]) is not None:
        counselling = _load_counselling(ctx("counselling.toml"), doc)
    deferral: dict[str, Deferral] = {}
    if (doc := docs["deferral.toml"]) is not None:
        deferral = _load_deferral(ctx("deferral.toml"), doc)
    return Content(
        risks=risks,
        expectations=expectations,
        general_aftercare=general,
        aftercare=MappingProxyType(aftercare),
        red_flags=red_flags,
        consent=consent,
        counselling=MappingProxyType(counselling),
        deferral=MappingProxyType(deferral),
    )

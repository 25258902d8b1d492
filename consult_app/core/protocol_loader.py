"""Loading a protocol: its TOML files in, a validated :class:`Protocol` out.

The protocol folder holds the engine files read here (``protocol``, ``products``,
``indications``, ``areas``, ``questions`` and ``rules`` ``.toml``) and the patient-facing content
files read by :mod:`consult_app.core.content`. :func:`load_protocol` takes the files' bytes (the
caller decides where they come from), checks every file, key, cross-reference, text and source,
and raises one :class:`~consult_app.core.errors.ProtocolError` listing every problem as
``file: key: message``. The IDs fixed by ``case-format.md`` must all be present: a clinic's own
protocol may add questions, areas and limits, never rename them. ``rules.toml`` is read as the
table of computed findings (:mod:`consult_app.core.computed_rules`) declares it.

The protocol's ``hash`` is the SHA-256 of its files (sorted by name, line endings normalised), so
it is the same on every machine; each consultation stores it with its results.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path
from types import MappingProxyType
from typing import Any

from consult_app.core.computed_rules import COMPUTED_FINDINGS, COMPUTED_RULES
from consult_app.core.content import CONTENT_FILES, ContentRefs, load_content
from consult_app.core.errors import ProtocolError
from consult_app.core.protocol_model import (
    ALWAYS,
    INDICATION_KINDS,
    JURISDICTIONS,
    REQUIRED_AREAS,
    REQUIRED_INDICATIONS,
    REQUIRED_OUTCOMES,
    REQUIRED_PRODUCTS,
    REQUIRED_QUESTIONS,
    Area,
    DoseMaximum,
    DosePattern,
    Indication,
    Ingredient,
    JurisdictionInfo,
    Level,
    Outcome,
    Product,
    Protocol,
    Question,
    Region,
    RuleConfig,
)
from consult_app.core.protocol_parse import (
    Known,
    parse_condition,
    parse_level_rules,
    parse_rules,
    top_ids,
)
from consult_app.core.texts import Text
from consult_app.core.toml_files import TomlFile, is_number, read_toml

ENGINE_FILES: tuple[str, ...] = (
    "protocol.toml",
    "products.toml",
    "indications.toml",
    "areas.toml",
    "questions.toml",
    "rules.toml",
)
"""The files read by this module; the content files are read by ``core.content``."""


# --------------------------------------------------------------------------- files and hash


def normalise_newlines(data: bytes) -> bytes:
    """Return ``data`` with CRLF (and lone CR) line endings turned into LF."""
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def protocol_hash(files: Mapping[str, bytes]) -> str:
    """Return the SHA-256 hex digest identifying a protocol folder's content.

    Files are taken in sorted name order; for each, the UTF-8 name, a NUL byte, the decimal
    length of the normalised bytes, a NUL byte and the bytes with CRLF turned into LF are hashed,
    so the digest is the same on every machine and for every line-ending convention.

    Args:
        files: filename -> bytes.

    Returns:
        64 lowercase hex digits.
    """
    digest = hashlib.sha256()
    for name in sorted(files):
        data = normalise_newlines(files[name])
        digest.update(name.encode("utf-8") + b"\0" + str(len(data)).encode("ascii") + b"\0")
        digest.update(data)
    return digest.hexdigest()


def read_protocol_files(folder: Path) -> dict[str, bytes]:
    """Read every ``*.toml`` file of a protocol folder (not its sub-folders).

    Args:
        folder: the protocol folder.

    Returns:
        filename -> bytes, sorted by name.

    Raises:
        OSError: the folder or a file cannot be read.
    """
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder}: not a folder")
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.toml")) if p.is_file()}


def load_protocol_dir(folder: Path) -> Protocol:
    """Read and load the protocol in ``folder``.

    Raises:
        ProtocolError: the folder is unreadable or the protocol invalid.
    """
    try:
        files = read_protocol_files(folder)
    except OSError as exc:
        raise ProtocolError([f"{folder}: cannot read the protocol folder ({exc})"]) from exc
    return load_protocol(files)


def check_protocol_dir(folder: Path) -> list[str]:
    """Return every problem of the protocol in ``folder`` (an empty list when it is valid)."""
    try:
        load_protocol_dir(folder)
    except ProtocolError as exc:
        return list(exc.errors) or ["invalid protocol"]
    return []


# --------------------------------------------------------------------------- per file


def _load_header(
    f: TomlFile, doc: Mapping[str, Any], known: Known
) -> tuple[
    str,
    Text,
    dict[str, JurisdictionInfo],
    dict[str, Ingredient],
    dict[str, Outcome],
]:
    f.keys(
        doc,
        "",
        {"schema_version", "id", "version", "name", "jurisdictions", "ingredients", "outcomes"},
        required=("version", "name"),
    )
    version = f.string(doc, "", "version") if "version" in doc else ""
    name = f.text(doc, "", "name") if "name" in doc else Text("", "")
    jurisdictions: dict[str, JurisdictionInfo] = {}
    for jid, value in f.table(doc.get("jurisdictions", {}), "jurisdictions").items():
        key = f"jurisdictions.{jid}"
        table = f.table(value, key)
        if jid not in JURISDICTIONS:
            f.error(key, f"unknown jurisdiction '{jid}' (expected {', '.join(JURISDICTIONS)})")
        f.keys(table, key, {"name"})
        jurisdictions[jid] = JurisdictionInfo(jid, f.text(table, key, "name"))
    f.require(jurisdictions, JURISDICTIONS, "jurisdiction")
    ingredients: dict[str, Ingredient] = {}
    for iid, value in f.table(doc.get("ingredients", {}), "ingredients").items():
        key = f"ingredients.{iid}"
        table = f.table(value, key)
        f.keys(table, key, {"name", "source"})
        ingredients[iid] = Ingredient(iid, f.text(table, key, "name"), f.source(table, key))
    outcomes: dict[str, Outcome] = {}
    for oid, value in f.table(doc.get("outcomes", {}), "outcomes").items():
        key = f"outcomes.{oid}"
        table = f.table(value, key)
        f.keys(table, key, {"name", "min", "max", "source"}, required=("min", "max"))
        low = f.integer(table, key, "min") if "min" in table else None
        high = f.integer(table, key, "max") if "max" in table else None
        if low is not None and high is not None and high < low:
            f.error(f"{key}.max", "must not be below min")
        outcomes[oid] = Outcome(
            oid, f.text(table, key, "name"), low or 0, high or 0, f.source(table, key)
        )
    f.require(outcomes, REQUIRED_OUTCOMES, "outcome")
    return version, name, jurisdictions, ingredients, outcomes


def _per_jurisdiction(f: TomlFile, value: Any, key: str) -> dict[str, Any]:
    table = f.table(value, key)
    f.keys(table, key, JURISDICTIONS, required=JURISDICTIONS)
    return table


_PRODUCT_REQUIRED = (
    "display",
    "generic",
    "names",
    "ingredients",
    "dilution",
    "interval",
    "maximum",
)
"""The keys every product gives (1.1: every product has a session ceiling, ``maximum``)."""


def _load_products(f: TomlFile, doc: Mapping[str, Any], known: Known) -> dict[str, Product]:
    products: dict[str, Product] = {}
    for pid, table in f.entries(doc).items():
        key = pid
        f.keys(
            table,
            key,
            {*_PRODUCT_REQUIRED, "vial_sizes", "source"},
            required=_PRODUCT_REQUIRED,
        )
        display: dict[str, str] = {}
        for jid, name in _per_jurisdiction(f, table.get("display", {}), f"{key}.display").items():
            if not isinstance(name, str) or not name.strip():
                f.error(f"{key}.display.{jid}", "expected a non-empty string")
            else:
                display[jid] = name.strip()
        names: dict[str, tuple[str, ...]] = {}
        for jid, value in _per_jurisdiction(f, table.get("names", {}), f"{key}.names").items():
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                f.error(f"{key}.names.{jid}", "expected a list of brand names")
                continue
            names[jid] = tuple(value)
        ingredients = f.id_list(
            table.get("ingredients", []), f"{key}.ingredients", known.ingredients, "ingredient"
        )
        vials: list[int] = []
        raw_vials = table.get("vial_sizes", [])
        if not isinstance(raw_vials, list):
            f.error(f"{key}.vial_sizes", "expected a list of whole numbers of units")
        else:
            for index, v in enumerate(raw_vials):
                if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
                    f.error(f"{key}.vial_sizes[{index}]", "expected a positive whole number")
                else:
                    vials.append(v)
        dil_key = f"{key}.dilution"
        dilution = f.table(table.get("dilution", {}), dil_key)
        f.keys(dilution, dil_key, {"units_per_ml", "source"}, required=("units_per_ml",))
        raw_per_ml = dilution.get("units_per_ml")
        per_ml = 0.0
        if is_number(raw_per_ml) and raw_per_ml > 0:
            per_ml = float(raw_per_ml)
        elif "units_per_ml" in dilution:
            f.error(f"{dil_key}.units_per_ml", "expected a positive number")
        if dilution:
            f.source(dilution, dil_key)
        int_key = f"{key}.interval"
        interval = f.table(table.get("interval", {}), int_key)
        f.keys(interval, int_key, {"min_days", "source"}, required=("min_days",))
        min_days = f.integer(interval, int_key, "min_days", 1) if "min_days" in interval else None
        if interval:
            f.source(interval, int_key)
        maximum: DoseMaximum | None = None
        if "maximum" in table:
            maximum = _dose_maximum(f, table["maximum"], f"{key}.maximum", known)
        products[pid] = Product(
            id=pid,
            display=MappingProxyType(display),
            generic=f.string(table, key, "generic") if "generic" in table else "",
            names=MappingProxyType(names),
            ingredients=ingredients,
            vial_sizes=tuple(vials),
            dilution_units_per_ml=per_ml,
            min_interval_days=min_days or 0,
            maximum=maximum,
            source=f.source(table, key),
        )
    f.require(products, REQUIRED_PRODUCTS, "product")
    return products


def _units_by_id(
    f: TomlFile, value: Any, key: str, known: AbstractSet[str], kind: str
) -> dict[str, float]:
    """A table of ``ID = units`` (IDs of ``kind``) with its ``source``."""
    table = f.table(value, key)
    result: dict[str, float] = {}
    for ident, amount in table.items():
        if ident == "source":
            continue
        if ident not in known:
            f.error(f"{key}.{ident}", f"unknown {kind} '{ident}'")
        units = f.units(amount, f"{key}.{ident}")
        if units is not None:
            result[ident] = units
    f.source(table, key)
    return result


def _dose_maximum(f: TomlFile, value: Any, key: str, known: Known) -> DoseMaximum:
    table = f.table(value, key)
    f.keys(table, key, {"units", "window_days", "by_indication", "source"}, required=("units",))
    units = f.units(table["units"], f"{key}.units") if "units" in table else None
    window = f.integer(table, key, "window_days", 1) if "window_days" in table else None
    by_indication: dict[str, float] = {}
    if "by_indication" in table:
        by_indication = _units_by_id(
            f, table["by_indication"], f"{key}.by_indication", known.indications, "indication"
        )
    return DoseMaximum(
        units=units or 0.0,
        window_days=window,
        by_indication=MappingProxyType(by_indication),
        source=f.source(table, key),
    )


def _load_areas(
    f: TomlFile, doc: Mapping[str, Any], known: Known
) -> tuple[dict[str, Region], dict[str, Area]]:
    f.keys(doc, "", {"schema_version", "id", "regions", "areas"}, required=("regions", "areas"))
    regions: dict[str, Region] = {}
    for rid, value in f.table(doc.get("regions", {}), "regions").items():
        key = f"regions.{rid}"
        table = f.table(value, key)
        f.keys(table, key, {"name"})
        regions[rid] = Region(rid, f.text(table, key, "name"))
    areas: dict[str, Area] = {}
    for aid, value in f.table(doc.get("areas", {}), "areas").items():
        key = f"areas.{aid}"
        table = f.table(value, key)
        f.keys(
            table,
            key,
            {"region", "name", "bilateral", "sites", "source"},
            required=("region", "bilateral", "sites"),
        )
        region = table.get("region")
        if "region" in table and region not in regions:
            f.error(f"{key}.region", f"unknown region '{region}'")
        bilateral = table.get("bilateral", False)
        if not isinstance(bilateral, bool):
            f.error(f"{key}.bilateral", "expected true or false")
            bilateral = False
        sites = f.integer(table, key, "sites", 1) if "sites" in table else None
        areas[aid] = Area(
            id=aid,
            region=str(region or ""),
            name=f.text(table, key, "name"),
            bilateral=bilateral,
            sites=sites or 1,
            source=f.source(table, key),
        )
    for aid, rid in () if f.broken else REQUIRED_AREAS.items():
        if aid not in areas:
            f.error(f"areas.{aid}", f"missing area '{aid}' (required by case-format.md)")
        elif areas[aid].region != rid and areas[aid].region in regions:
            f.error(f"areas.{aid}.region", f"expected '{rid}' (case-format.md)")
    for rid in () if f.broken else sorted(set(REQUIRED_AREAS.values()) - regions.keys()):
        f.error(f"regions.{rid}", f"missing region '{rid}' (required by case-format.md)")
    return regions, areas


_INDICATION_REQUIRED = ("kind", "areas", "authorized", "review")


def _load_indications(f: TomlFile, doc: Mapping[str, Any], known: Known) -> dict[str, Indication]:
    indications: dict[str, Indication] = {}
    for iid, table in f.entries(doc).items():
        key = iid
        f.keys(
            table,
            key,
            {*_INDICATION_REQUIRED, "name", "outcomes", "source", "labeled_dose", "pattern"},
            required=_INDICATION_REQUIRED,
        )
        kind = table.get("kind")
        if "kind" in table and kind not in INDICATION_KINDS:
            f.error(f"{key}.kind", f"expected one of {', '.join(INDICATION_KINDS)}")
        areas = f.id_list(table.get("areas", []), f"{key}.areas", known.areas, "area")
        outcomes = f.id_list(
            table.get("outcomes", []),
            f"{key}.outcomes",
            known.outcomes,
            "outcome",
            allow_empty=True,
        )
        authorized: dict[str, frozenset[str]] = {}
        if "authorized" in table:
            akey = f"{key}.authorized"
            atable = f.table(table["authorized"], akey)
            f.keys(atable, akey, {*JURISDICTIONS, "source"}, required=JURISDICTIONS)
            for jid in JURISDICTIONS:
                if jid in atable:
                    authorized[jid] = frozenset(
                        f.id_list(
                            atable[jid],
                            f"{akey}.{jid}",
                            known.products,
                            "product",
                            allow_empty=True,
                        )
                    )
            f.source(atable, akey)
        labeled: dict[str, float] = {}
        if "labeled_dose" in table:
            labeled = _units_by_id(
                f, table["labeled_dose"], f"{key}.labeled_dose", known.products, "product"
            )
        review_days = 0
        if "review" in table:
            rkey = f"{key}.review"
            rtable = f.table(table["review"], rkey)
            f.keys(rtable, rkey, {"days", "source"}, required=("days",))
            review_days = (f.integer(rtable, rkey, "days", 1) if "days" in rtable else None) or 0
            f.source(rtable, rkey)
        patterns: dict[str, DosePattern] = {}
        if "pattern" in table:
            pkey = f"{key}.pattern"
            for pid, value in f.table(table["pattern"], pkey).items():
                if pid not in known.products:
                    f.error(f"{pkey}.{pid}", f"unknown product '{pid}'")
                patterns[pid] = _pattern(f, value, f"{pkey}.{pid}", pid, known)
        indications[iid] = Indication(
            id=iid,
            kind=str(kind) if kind in INDICATION_KINDS else "therapeutic",
            name=f.text(table, key, "name"),
            areas=areas,
            outcomes=outcomes,
            authorized=MappingProxyType(authorized),
            labeled_dose=MappingProxyType(labeled),
            review_days=review_days,
            patterns=MappingProxyType(patterns),
            source=f.source(table, key),
        )
    f.require(indications, REQUIRED_INDICATIONS, "indication")
    return indications


def _pattern(f: TomlFile, value: Any, key: str, product: str, known: Known) -> DosePattern:
    table = f.table(value, key)
    f.keys(table, key, {"units", "sites", "dilution_units_per_ml", "source"}, required=("units",))
    units: dict[str, float] = {}
    for aid, amount in f.table(table.get("units", {}), f"{key}.units").items():
        if aid not in known.areas:
            f.error(f"{key}.units.{aid}", f"unknown area '{aid}'")
        u = f.units(amount, f"{key}.units.{aid}")
        if u is not None:
            units[aid] = u
    sites: dict[str, int] = {}
    for aid, count in f.table(table.get("sites", {}), f"{key}.sites").items():
        if aid not in units:
            f.error(f"{key}.sites.{aid}", f"area '{aid}' has no units in this pattern")
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            f.error(f"{key}.sites.{aid}", "expected a whole number of at least 1")
        else:
            sites[aid] = count
    dilution = table.get("dilution_units_per_ml")
    if dilution is not None and (not is_number(dilution) or dilution <= 0):
        f.error(f"{key}.dilution_units_per_ml", "expected a positive number")
        dilution = None
    return DosePattern(
        product=product,
        units=MappingProxyType(units),
        sites=MappingProxyType(sites),
        dilution_units_per_ml=float(dilution) if dilution is not None else None,
        source=f.source(table, key),
    )


def _load_questions(f: TomlFile, doc: Mapping[str, Any], known: Known) -> dict[str, Question]:
    questions: dict[str, Question] = {}
    for qid, table in f.entries(doc).items():
        key = qid
        if qid in COMPUTED_FINDINGS:
            f.error(key, f"'{qid}' is a computed finding ID and cannot be a question")
        f.keys(
            table,
            key,
            {"text", "finding", "when", "yes", "show_ingredients", "source"},
            required=("yes",),
        )
        show = table.get("show_ingredients", False)
        if not isinstance(show, bool):
            f.error(f"{key}.show_ingredients", "expected true or false")
            show = False
        questions[qid] = Question(
            id=qid,
            text=f.text(table, key, "text"),
            finding=f.text(table, key, "finding"),
            when=parse_condition(f, table["when"], f"{key}.when", known)
            if "when" in table
            else ALWAYS,
            yes=parse_level_rules(f, table["yes"], f"{key}.yes", known) if "yes" in table else (),
            show_ingredients=show,
            source=f.source(table, key),
        )
    f.require(questions, REQUIRED_QUESTIONS, "question")
    return questions


def _finding_levels(
    questions: Mapping[str, Question], rules: Mapping[str, RuleConfig]
) -> dict[str, frozenset[Level]]:
    levels: dict[str, frozenset[Level]] = {
        qid: frozenset(r.level for r in q.yes) for qid, q in questions.items()
    }
    levels.update({rid: rule.levels for rid, rule in rules.items()})
    return levels


def _most_severe(levels: Iterable[Level]) -> Level:
    return max(levels, key=lambda lv: lv.severity, default=Level.NOTE)


def load_protocol(files: Mapping[str, bytes]) -> Protocol:
    """Parse and validate a protocol.

    Args:
        files: filename -> bytes for every ``*.toml`` of the protocol folder (engine and content
            files).

    Returns:
        The validated protocol, with its version and hash.

    Raises:
        ProtocolError: listing every problem as ``file: key: message``.
    """
    errors: list[str] = []
    for filename in sorted(files):
        if filename not in ENGINE_FILES and filename not in CONTENT_FILES:
            errors.append(f"{filename}: unknown protocol file")
    parsed = {
        filename: read_toml(filename, files.get(filename), errors) for filename in ENGINE_FILES
    }
    broken = {filename for filename, doc in parsed.items() if doc is None}
    docs = {filename: doc or {} for filename, doc in parsed.items()}
    header, areas_doc = docs["protocol.toml"], docs["areas.toml"]
    known = Known(
        jurisdictions=frozenset(JURISDICTIONS),
        ingredients=top_ids(parsed["protocol.toml"], "ingredients"),
        outcomes=top_ids(parsed["protocol.toml"], "outcomes"),
        products=top_ids(parsed["products.toml"]),
        regions=top_ids(parsed["areas.toml"], "regions"),
        areas=top_ids(parsed["areas.toml"], "areas"),
        indications=top_ids(parsed["indications.toml"]),
        questions=top_ids(parsed["questions.toml"]),
    )

    def ctx(name: str) -> TomlFile:
        return TomlFile(name, errors, broken=name in broken)

    version, name, jurisdictions, ingredients, outcomes = _load_header(
        ctx("protocol.toml"), header, known
    )
    regions, areas = _load_areas(ctx("areas.toml"), areas_doc, known)
    products = _load_products(ctx("products.toml"), docs["products.toml"], known)
    indications = _load_indications(ctx("indications.toml"), docs["indications.toml"], known)
    questions = _load_questions(ctx("questions.toml"), docs["questions.toml"], known)
    rules = parse_rules(ctx("rules.toml"), docs["rules.toml"], known, COMPUTED_RULES)

    levels = _finding_levels(questions, rules)
    finding_levels = {fid: _most_severe(lv) for fid, lv in levels.items()}
    refs = ContentRefs(
        # When an engine file is unreadable, the contract's IDs stand in for its own so that
        # the content files are still checked without a cascade of "unknown ID" messages.
        products=frozenset(products or REQUIRED_PRODUCTS),
        regions=frozenset(regions or REQUIRED_AREAS.values()),
        indications=frozenset(indications or REQUIRED_INDICATIONS),
        findings=MappingProxyType({fid: lv.value for fid, lv in finding_levels.items()}),
        caution_findings=frozenset(
            fid for fid, lv in levels.items() if Level.STOP in lv and len(lv) > 1
        ),
    )
    content = load_content(files, refs, errors)
    if errors:
        raise ProtocolError(errors)
    kinds = {qid: "question" for qid in questions}
    kinds.update({fid: "computed" for fid in COMPUTED_FINDINGS})
    return Protocol(
        id=str(header.get("id", "")),
        version=version,
        name=name,
        hash=protocol_hash(files),
        jurisdictions=MappingProxyType(jurisdictions),
        ingredients=MappingProxyType(ingredients),
        outcomes=MappingProxyType(outcomes),
        products=MappingProxyType(products),
        regions=MappingProxyType(regions),
        areas=MappingProxyType(areas),
        indications=MappingProxyType(indications),
        questions=MappingProxyType(questions),
        rules=MappingProxyType(rules),
        content=content,
        finding_levels=MappingProxyType(finding_levels),
        finding_kinds=MappingProxyType(kinds),
    )

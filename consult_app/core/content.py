"""Patient-facing protocol content: risks, expectations, aftercare, red flags, consent texts.

The content lives in ``resources/protocol/{risks,expectations,aftercare,red_flags,consent,
counselling,deferral}.toml``. Every text is bilingual (``{ en = ..., fr = ... }``) and every fact
carries a ``source``. :func:`load_content` parses and validates these files; it never raises for a
content problem but appends ``file: key: message`` strings to ``errors`` so that the protocol
loader can report every problem at once. The GUI and documents never read these values directly:
they call :func:`consult_app.core.assembly.assemble`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from consult_app.core.texts import Text, parse_source, parse_text

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

RISK_CATEGORIES: tuple[str, ...] = ("common", "region", "serious", "allergy")
#: How often a side effect happens, as the patient sheet groups them (most frequent first).
#: ``possible`` means the facts give no number.
FREQUENCY_BANDS: tuple[str, ...] = ("common", "less_common", "possible", "rare")
#: The band of a risk whose file gives none, by category.
DEFAULT_BANDS: Mapping[str, str] = MappingProxyType(
    {"common": "common", "region": "possible", "serious": "rare", "allergy": "rare"}
)
"""Risk categories, in the order the risk discussion presents them."""

JURISDICTIONS: tuple[str, ...] = ("CA", "US")

_EMPTY_TEXT = Text("", "")


@dataclass(frozen=True)
class ContentRefs:
    """The engine IDs that content may refer to.

    Attributes:
        products: product IDs (``botox``...).
        regions: region IDs (``face_upper``...).
        indications: indication IDs (``bruxism``...).
        findings: finding ID (questions and computed findings) -> the most severe level it can
            give: ``"stop"``, ``"caution"`` or ``"note"``. A finding that can give STOP and
            CAUTION (e.g. ``pregnant``) is listed as ``"stop"`` and also needs counselling when
            it is in ``caution_findings``.
        caution_findings: findings that can also give CAUTION or NOTE although their most severe
            level is STOP (they need a counselling text as well as a deferral text).
    """

    products: frozenset[str]
    regions: frozenset[str]
    indications: frozenset[str]
    findings: Mapping[str, str]
    caution_findings: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Risk:
    """One risk the clinician discusses and the patient reads.

    Attributes:
        id: stable ID, used in case files' ``risks_discussed``.
        category: ``common``, ``region``, ``serious`` or ``allergy``.
        regions: regions it applies to; ``None`` means every region.
        products: products it applies to; ``None`` means every product.
        frequency: a frequency phrase ("about 1 in 20"), or ``None`` when the facts give no number.
        label: short label for the clinician's checklist.
        text: the patient's explanation (risk discussion, consent).
        source: references (``R1``...).
        band: frequency band for the patient sheet (one of :data:`FREQUENCY_BANDS`).
        sheet: shorter text for the patient sheet, or ``None`` to print ``text``.
    """

    id: str
    category: str
    regions: frozenset[str] | None
    products: frozenset[str] | None
    frequency: Text | None
    label: Text
    text: Text
    source: tuple[str, ...]
    band: str = "possible"
    sheet: Text | None = None

    def applies(self, product: str, regions: frozenset[str]) -> bool:
        """Return whether this risk applies to ``product`` treated in ``regions``."""
        if self.products is not None and product not in self.products:
            return False
        return self.regions is None or bool(self.regions & regions)


@dataclass(frozen=True)
class Item:
    """A titled paragraph (expectation, aftercare advice, consent section, red-flag symptom).

    Attributes:
        id: stable ID within its file.
        title: heading, or ``None``.
        text: the paragraph.
        source: references.
        regions: regions it is limited to; ``None`` means every region.
        indications: indications it is limited to; ``None`` means every indication.
        clinic_experience: ``True`` when the statement is the clinic's experience and not
            confirmed by the cited facts (the sheet labels it so).
    """

    id: str
    title: Text | None
    text: Text
    source: tuple[str, ...]
    regions: frozenset[str] | None = None
    indications: frozenset[str] | None = None
    clinic_experience: bool = False

    def applies(self, regions: frozenset[str], indications: frozenset[str]) -> bool:
        """Return whether this item applies to a plan in ``regions`` for ``indications``."""
        if self.regions is not None and not self.regions & regions:
            return False
        return self.indications is None or bool(self.indications & indications)


@dataclass(frozen=True)
class RegionAftercare:
    """Aftercare advice for one region.

    Attributes:
        region: region ID.
        name: region name as patients read it (heading).
        items: the advice.
    """

    region: str
    name: Text
    items: tuple[Item, ...]


@dataclass(frozen=True)
class RedFlags:
    """Symptoms that need urgent care and what to do.

    Attributes:
        intro: why these symptoms matter.
        symptoms: one item per symptom.
        timing: that they can start hours to weeks after the injection.
        action: what to do (``{emergency}`` is replaced by the jurisdiction's number).
        emergency_numbers: jurisdiction (``CA``, ``US``) -> emergency number.
        source: references.
    """

    intro: Text
    symptoms: tuple[Item, ...]
    timing: Text
    action: Text
    emergency_numbers: Mapping[str, str]
    source: tuple[str, ...]


@dataclass(frozen=True)
class Alternatives:
    """The alternatives to toxin treatment for one indication.

    Attributes:
        indication: indication ID.
        name: the indication as patients read it.
        text: the alternatives, including no treatment.
        source: references.
    """

    indication: str
    name: Text
    text: Text
    source: tuple[str, ...]


@dataclass(frozen=True)
class Confirmation:
    """A statement the patient ticks before signing.

    Attributes:
        id: stable ID (stored with the consent).
        text: the statement.
        required: whether consent cannot be given without it.
        when: ``None`` (always shown) or ``"off_label"`` (only when an indication is off-label).
    """

    id: str
    text: Text
    required: bool
    when: str | None = None


@dataclass(frozen=True)
class ConsentContent:
    """Consent wording.

    Attributes:
        sections: the consent text blocks, in order (nature, benefits, costs, photographs...).
        off_label: the off-label statement; ``{indications}`` is replaced by the list of
            off-label indications.
        off_label_source: references for the off-label statement.
        alternatives: indication ID -> alternatives.
        confirmations: the statements the patient ticks, in order.
    """

    sections: tuple[Item, ...]
    off_label: Text
    off_label_source: tuple[str, ...]
    alternatives: Mapping[str, Alternatives]
    confirmations: tuple[Confirmation, ...]


@dataclass(frozen=True)
class Counselling:
    """A counselling point for a NOTE or CAUTION finding, in patient words.

    Attributes:
        finding: finding ID.
        title: short heading.
        text: what the patient should know or do.
        source: references.
    """

    finding: str
    title: Text
    text: Text
    source: tuple[str, ...]


@dataclass(frozen=True)
class Deferral:
    """A kind explanation for a STOP finding and what to do next.

    Attributes:
        finding: finding ID.
        title: short heading.
        text: why the treatment cannot go ahead today.
        next_steps: what the patient can do next.
        source: references.
    """

    finding: str
    title: Text
    text: Text
    next_steps: Text
    source: tuple[str, ...]


def _empty_consent() -> ConsentContent:
    return ConsentContent((), _EMPTY_TEXT, (), MappingProxyType({}), ())


def _empty_red_flags() -> RedFlags:
    return RedFlags(_EMPTY_TEXT, (), _EMPTY_TEXT, _EMPTY_TEXT, MappingProxyType({}), ())


@dataclass(frozen=True)
class Content:
    """Every patient-facing text of a protocol.

    Attributes:
        risks: all risks, in file order.
        expectations: what to expect after treatment.
        general_aftercare: aftercare advice said once per plan (limited by ``regions`` or
            ``indications`` when set).
        aftercare: region ID -> aftercare for that region.
        red_flags: urgent symptoms and what to do.
        consent: consent wording, alternatives and confirmations.
        counselling: finding ID -> counselling text (NOTE and CAUTION findings).
        deferral: finding ID -> deferral text (STOP findings).
    """

    risks: tuple[Risk, ...] = ()
    expectations: tuple[Item, ...] = ()
    general_aftercare: tuple[Item, ...] = ()
    aftercare: Mapping[str, RegionAftercare] = field(default_factory=dict)
    red_flags: RedFlags = field(default_factory=_empty_red_flags)
    consent: ConsentContent = field(default_factory=_empty_consent)
    counselling: Mapping[str, Counselling] = field(default_factory=dict)
    deferral: Mapping[str, Deferral] = field(default_factory=dict)

    @property
    def risk_ids(self) -> frozenset[str]:
        """Every risk ID (valid values of a case file's ``risks_discussed``)."""
        return frozenset(r.id for r in self.risks)


SCHEMA_VERSION = 1


class _Ctx:
    """Parsing context of one file: its name, the references and the error list."""

    def __init__(self, file: str, refs: ContentRefs, errors: list[str]) -> None:
        self.file = file
        self.refs = refs
        self.errors = errors

    def error(self, key: str, message: str) -> None:
        self.errors.append(f"{self.file}: {key}: {message}" if key else f"{self.file}: {message}")

    def where(self, key: str) -> str:
        return f"{self.file}: {key}"

    def table(self, value: Any, key: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.error(key, "expected a table")
        return {}

    def tables(self, value: Any, key: str) -> list[dict[str, Any]]:
        """An array of tables (``[[key]]``); absent is an empty list."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(key, "expected an array of tables")
            return []
        result: list[dict[str, Any]] = []
        for index, item in enumerate(value):
            result.append(self.table(item, f"{key}[{index}]"))
        return result

    def keys(self, table: Mapping[str, Any], key: str, allowed: set[str]) -> None:
        for name in table:
            if name not in allowed:
                self.error(f"{key}.{name}" if key else name, "unknown key")

    def text(self, table: Mapping[str, Any], key: str, name: str) -> Text:
        if name not in table:
            self.error(f"{key}.{name}", "missing text")
            return _EMPTY_TEXT
        return parse_text(table[name], self.where(f"{key}.{name}"), self.errors)

    def optional_text(self, table: Mapping[str, Any], key: str, name: str) -> Text | None:
        if name not in table:
            return None
        return parse_text(table[name], self.where(f"{key}.{name}"), self.errors)

    def source(self, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
        return parse_source(table.get("source"), self.where(f"{key}.source"), self.errors)

    def ident(self, table: Mapping[str, Any], key: str, seen: set[str]) -> str:
        value = table.get("id")
        if not isinstance(value, str) or not value.strip():
            self.error(f"{key}.id", "missing id")
            return ""
        if value in seen:
            self.error(f"{key}.id", f"duplicate id '{value}'")
        seen.add(value)
        return value

    def boolean(self, table: Mapping[str, Any], key: str, name: str, default: bool) -> bool:
        value = table.get(name, default)
        if not isinstance(value, bool):
            self.error(f"{key}.{name}", "expected true or false")
            return default
        return value

    def id_set(
        self, table: Mapping[str, Any], key: str, name: str, known: frozenset[str], kind: str
    ) -> frozenset[str] | None:
        """A list of IDs of ``kind`` or ``"all"``; absent or ``"all"`` gives ``None``."""
        value = table.get(name, "all")
        if value == "all":
            return None
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.error(f"{key}.{name}", f'expected "all" or a non-empty list of {kind} IDs')
            return None
        for index, item in enumerate(value):
            if item not in known:
                self.error(f"{key}.{name}[{index}]", f"unknown {kind} '{item}'")
        return frozenset(value)

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
            )
        )
    return tuple(risks)


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
    ctx.keys(off_label, "off_label", {"text", "source"})
    off_text = ctx.text(off_label, "off_label", "text")
    if off_text.en and ("{indications}" not in off_text.en or "{indications}" not in off_text.fr):
        ctx.error("off_label.text", "must contain {indications} in both languages")
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


def _parse(name: str, files: Mapping[str, bytes], ctx: _Ctx) -> dict[str, Any] | None:
    data = files.get(name)
    if data is None:
        ctx.error("", "missing file")
        return None
    try:
        doc = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        ctx.error("", "not UTF-8 text")
        return None
    except tomllib.TOMLDecodeError as exc:
        ctx.error("", f"invalid TOML: {exc}")
        return None
    version = doc.get("schema_version")
    if version != SCHEMA_VERSION:
        ctx.error("schema_version", f"expected {SCHEMA_VERSION}")
    stem = name.removesuffix(".toml")
    if "id" in doc and doc["id"] != stem:
        ctx.error("id", f"expected '{stem}'")
    return doc


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
    docs = {name: _parse(name, files, _Ctx(name, refs, errors)) for name in CONTENT_FILES}

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
    red_flags = _empty_red_flags()
    if (doc := docs["red_flags.toml"]) is not None:
        red_flags = _load_red_flags(ctx("red_flags.toml"), doc)
    consent = _empty_consent()
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

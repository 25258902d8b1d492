"""The clinical protocol: TOML files in, validated frozen dataclasses out.

The protocol folder holds the engine files read here (``protocol``, ``products``,
``indications``, ``areas``, ``questions`` and ``rules`` ``.toml``) and the patient-facing content
files read by :mod:`consult_app.core.content`. :func:`load_protocol` takes the files' bytes (the
caller decides where they come from), checks every file, key, cross-reference, text and source,
and raises one :class:`~consult_app.core.errors.ProtocolError` listing every problem as
``file: key: message``. The IDs fixed by ``case-format.md`` must all be present: a clinic's own
protocol may add questions, areas and limits, never rename them.

The protocol's ``hash`` is the SHA-256 of its files (sorted by name, line endings normalised), so
it is the same on every machine; each consultation stores it with its results.
"""

from __future__ import annotations

import hashlib
import string
import tomllib
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeGuard

from consult_app.core.content import CONTENT_FILES, Content, ContentRefs, load_content
from consult_app.core.errors import ProtocolError
from consult_app.core.texts import Text, parse_source, parse_text

SCHEMA_VERSION = 1

ENGINE_FILES: tuple[str, ...] = (
    "protocol.toml",
    "products.toml",
    "indications.toml",
    "areas.toml",
    "questions.toml",
    "rules.toml",
)
"""The files read by this module; the content files are read by ``core.content``."""

JURISDICTIONS: tuple[str, ...] = ("CA", "US")
INDICATION_KINDS: tuple[str, ...] = ("cosmetic", "therapeutic")
SEXES: tuple[str, ...] = ("female", "male", "other", "unknown")

COMPUTED_FINDINGS: tuple[str, ...] = (
    "lot_expired",
    "dose_above_maximum",
    "dose_above_label",
    "age_below_label",
    "age_above_label",
    "retreatment_too_soon",
    "other_toxin_recent",
    "below_indication_threshold",
    "off_label",
)
"""The computed findings of case-format.md, in the order they are reported."""

# The IDs case-format.md makes every protocol provide (a clinic may add, never rename).
REQUIRED_PRODUCTS: tuple[str, ...] = ("botox", "dysport", "nuceiva", "xeomin")
REQUIRED_INDICATIONS: tuple[str, ...] = (
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
)
REQUIRED_AREAS: Mapping[str, str] = MappingProxyType(
    {
        "procerus": "face_upper",
        "corrugator": "face_upper",
        "frontalis": "face_upper",
        "orbicularis_oculi_lateral": "face_upper",
        "temporalis": "head",
        "occipitalis": "head",
        "masseter": "jaw",
        "cervical_paraspinal": "neck",
        "sternocleidomastoid": "neck",
        "splenius_capitis": "neck",
        "levator_scapulae": "neck",
        "trapezius": "back_shoulder",
        "rhomboid": "back_shoulder",
        "erector_spinae": "back_shoulder",
        "axilla": "axilla",
        "palm": "hand",
        "upper_limb": "limb",
        "lower_limb": "limb",
    }
)
REQUIRED_QUESTIONS: tuple[str, ...] = (
    "toxin_allergy",
    "albumin_allergy",
    "milk_protein_allergy",
    "other_ingredient_allergy",
    "site_infection",
    "neuromuscular_disorder",
    "swallowing_breathing",
    "pregnant",
    "breastfeeding",
    "aminoglycosides",
    "muscle_relaxants",
    "anticholinergics",
    "bleeding_disorder",
    "anticoagulants",
    "recent_toxin_elsewhere",
    "prior_toxin_complication",
    "cardiovascular_disease",
    "eyelid_conditions",
    "prior_surgery_at_site",
    "upcoming_surgery",
    "secondary_hyperhidrosis_possible",
)
REQUIRED_OUTCOMES: tuple[str, ...] = ("monthly_headache_days", "hit6", "hdss", "pain_nrs")


class Level(Enum):
    """How serious a finding is; ``.value`` is the case-format string."""

    STOP = "stop"
    CAUTION = "caution"
    NOTE = "note"

    @property
    def severity(self) -> int:
        """Return 3 for STOP, 2 for CAUTION, 1 for NOTE (higher is more serious)."""
        return _SEVERITY[self]


_SEVERITY: Mapping[Level, int] = MappingProxyType({Level.STOP: 3, Level.CAUTION: 2, Level.NOTE: 1})


@dataclass(frozen=True, slots=True)
class Situation:
    """The facts of a consultation that conditions (``when``) look at.

    Attributes:
        jurisdiction: ``CA`` or ``US``.
        product: product ID.
        ingredients: the product's ingredient IDs.
        areas: planned area IDs.
        regions: regions of the planned areas.
        indications: indication IDs.
        kinds: the kinds (``cosmetic``, ``therapeutic``) of the indications.
        sex: ``female``, ``male``, ``other`` or ``unknown``.
    """

    jurisdiction: str
    product: str
    ingredients: frozenset[str]
    areas: frozenset[str]
    regions: frozenset[str]
    indications: frozenset[str]
    kinds: frozenset[str]
    sex: str


@dataclass(frozen=True, slots=True)
class Condition:
    """When something applies; every given part must hold (an empty condition always holds).

    Attributes:
        jurisdictions: the jurisdiction is one of these.
        products: the product is one of these.
        product_contains: the product contains any of these ingredients.
        regions: a planned area lies in any of these regions.
        areas: any of these areas is planned.
        indications: any of these indications is treated.
        any_indication_kind: at least one indication is of this kind.
        all_indications_kind: every indication is of this kind.
        sexes: the patient's sex is one of these.
        sexes_not: the patient's sex is none of these.
    """

    jurisdictions: frozenset[str] | None = None
    products: frozenset[str] | None = None
    product_contains: frozenset[str] | None = None
    regions: frozenset[str] | None = None
    areas: frozenset[str] | None = None
    indications: frozenset[str] | None = None
    any_indication_kind: str | None = None
    all_indications_kind: str | None = None
    sexes: frozenset[str] | None = None
    sexes_not: frozenset[str] | None = None

    def holds(self, s: Situation) -> bool:
        """Return whether the condition holds for situation ``s``."""
        return (
            (self.jurisdictions is None or s.jurisdiction in self.jurisdictions)
            and (self.products is None or s.product in self.products)
            and (
                self.product_contains is None or not self.product_contains.isdisjoint(s.ingredients)
            )
            and (self.regions is None or not self.regions.isdisjoint(s.regions))
            and (self.areas is None or not self.areas.isdisjoint(s.areas))
            and (self.indications is None or not self.indications.isdisjoint(s.indications))
            and (self.any_indication_kind is None or self.any_indication_kind in s.kinds)
            and (
                self.all_indications_kind is None
                or (bool(s.kinds) and s.kinds == {self.all_indications_kind})
            )
            and (self.sexes is None or s.sex in self.sexes)
            and (self.sexes_not is None or s.sex not in self.sexes_not)
        )


ALWAYS = Condition()


@dataclass(frozen=True, slots=True)
class LevelRule:
    """One branch of a graded rule: ``level`` applies when ``when`` holds.

    Attributes:
        level: the level given.
        when: the condition.
        source: references.
    """

    level: Level
    when: Condition
    source: tuple[str, ...]


def first_level(rules: Iterable[LevelRule], situation: Situation) -> Level | None:
    """Return the level of the first rule whose condition holds, or ``None``."""
    for rule in rules:
        if rule.when.holds(situation):
            return rule.level
    return None


@dataclass(frozen=True, slots=True)
class Ingredient:
    """An ingredient relevant to allergy screening.

    Attributes:
        id: ingredient ID.
        name: its name.
        source: references.
    """

    id: str
    name: Text
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """A baseline outcome score (whole numbers from ``min`` to ``max``).

    Attributes:
        id: outcome ID (``hit6``...).
        name: its name.
        min: lowest valid value.
        max: highest valid value.
        source: references.
    """

    id: str
    name: Text
    min: int
    max: int
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class JurisdictionInfo:
    """A jurisdiction whose labels the protocol knows.

    Attributes:
        id: ``CA`` or ``US``.
        name: its name.
    """

    id: str
    name: Text


@dataclass(frozen=True, slots=True)
class DoseMaximum:
    """A product's dose ceiling.

    Attributes:
        units: the ceiling in the product's own units.
        window_days: when given, the plan plus this product's history within this many days
            counts toward the ceiling; otherwise the plan alone (per session).
        by_indication: indication ID -> lower ceiling used when that indication is treated.
        source: references.
    """

    units: float
    window_days: int | None
    by_indication: Mapping[str, float]
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Product:
    """A botulinum toxin product.

    Attributes:
        id: product ID (``botox``...).
        display: jurisdiction -> short name for messages (``Nuceiva`` / ``Jeuveau``).
        generic: non-proprietary name.
        names: jurisdiction -> brand names.
        ingredients: ingredient IDs relevant to allergy.
        vial_sizes: units per vial.
        dilution_units_per_ml: usual reconstitution.
        min_interval_days: minimum days between two treatments with it.
        maximum: dose ceiling, or ``None``.
        source: references for identity, ingredients and vials.
    """

    id: str
    display: Mapping[str, str]
    generic: str
    names: Mapping[str, tuple[str, ...]]
    ingredients: tuple[str, ...]
    vial_sizes: tuple[int, ...]
    dilution_units_per_ml: float
    min_interval_days: int
    maximum: DoseMaximum | None
    source: tuple[str, ...]

    def display_name(self, jurisdiction: str) -> str:
        """Return the short name used in ``jurisdiction`` (``CA`` or ``US``)."""
        return self.display.get(jurisdiction) or self.generic


@dataclass(frozen=True, slots=True)
class Region:
    """A body region.

    Attributes:
        id: region ID.
        name: its name.
    """

    id: str
    name: Text


@dataclass(frozen=True, slots=True)
class Area:
    """A treatment area; planned units are the total over both sides.

    Attributes:
        id: area ID.
        region: region ID.
        name: its name.
        bilateral: treated on both sides.
        sites: default number of injection points (both sides together).
        source: references.
    """

    id: str
    region: str
    name: Text
    bilateral: bool
    sites: int
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DosePattern:
    """An indication's default dose pattern for one product.

    Attributes:
        product: product ID.
        units: area ID -> units of that product.
        sites: area ID -> number of injection points (areas not listed use the area default).
        dilution_units_per_ml: the dilution for this pattern, or ``None`` for the product's usual.
        source: references.
    """

    product: str
    units: Mapping[str, float]
    sites: Mapping[str, int]
    dilution_units_per_ml: float | None
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Indication:
    """Why the toxin is given.

    Attributes:
        id: indication ID.
        kind: ``cosmetic`` or ``therapeutic``.
        name: its name.
        areas: default areas.
        outcomes: outcome IDs recorded at baseline.
        authorized: jurisdiction -> products authorized (on-label) for it.
        labeled_dose: product ID -> labeled plan total.
        review_days: days after treatment for the follow-up review.
        patterns: product ID -> default dose pattern.
        source: references.
    """

    id: str
    kind: str
    name: Text
    areas: tuple[str, ...]
    outcomes: tuple[str, ...]
    authorized: Mapping[str, frozenset[str]]
    labeled_dose: Mapping[str, float]
    review_days: int
    patterns: Mapping[str, DosePattern]
    source: tuple[str, ...]

    @property
    def cosmetic(self) -> bool:
        """Whether the indication is cosmetic."""
        return self.kind == "cosmetic"


@dataclass(frozen=True, slots=True)
class Question:
    """A screening question; "yes" means the condition is present.

    Attributes:
        id: question ID (also the ID of the finding a yes gives).
        text: the question as the clinician asks it.
        finding: what the record says when the answer is yes.
        when: when the question is asked.
        yes: graded levels a yes gives, first matching wins.
        show_ingredients: list the product's ingredients under the question.
        source: references.
    """

    id: str
    text: Text
    finding: Text
    when: Condition
    yes: tuple[LevelRule, ...]
    show_ingredients: bool
    source: tuple[str, ...]

    def level_for(self, situation: Situation) -> Level | None:
        """Return the level a yes gives in ``situation`` (``None`` when no branch matches)."""
        return first_level(self.yes, situation)


@dataclass(frozen=True, slots=True)
class SimpleRule:
    """A computed finding with one level and a message.

    Attributes:
        level: the level it gives.
        message: the message template.
        source: references.
    """

    level: Level
    message: Text
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DoseMaximumRule:
    """``dose_above_maximum``: the ceilings are the products' ``maximum``.

    Attributes:
        level: the level it gives.
        message: for a per-session ceiling.
        cumulative_message: for a ceiling over a window of days.
        source: references.
    """

    level: Level
    message: Text
    cumulative_message: Text
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AgeBand:
    """One band of ``age_below_label``.

    Attributes:
        below: applies when the age in completed years is below this.
        level: the level given.
        when: further condition.
        source: references.
    """

    below: int
    level: Level
    when: Condition
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AgeBelowRule:
    """``age_below_label``: bands tried in order, the first that matches wins.

    Attributes:
        bands: the bands.
        message: the message template.
        source: references.
    """

    bands: tuple[AgeBand, ...]
    message: Text
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AgeAboveRule:
    """``age_above_label``.

    Attributes:
        level: the level given.
        at_or_above: applies from this age in completed years.
        when: the products and indications concerned.
        message: the message template.
        source: references.
    """

    level: Level
    at_or_above: int
    when: Condition
    message: Text
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IntervalRule:
    """``retreatment_too_soon`` (same product) or ``other_toxin_recent`` (another product).

    Attributes:
        level: the level given.
        days: a treatment fewer than this many days before the consultation counts.
        message: the message template.
        entry: template of one history entry (``other_toxin_recent`` only).
        source: references.
    """

    level: Level
    days: int
    message: Text
    entry: Text | None
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ThresholdRule:
    """``below_indication_threshold``.

    Attributes:
        level: the level given.
        indication: the indication concerned.
        outcome: the baseline score read.
        minimum: fires when the score is below this.
        message: the message template.
        source: references.
    """

    level: Level
    indication: str
    outcome: str
    minimum: int
    message: Text
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rules:
    """The computed findings' parameters, one field per finding ID."""

    lot_expired: SimpleRule
    dose_above_maximum: DoseMaximumRule
    dose_above_label: SimpleRule
    age_below_label: AgeBelowRule
    age_above_label: AgeAboveRule
    retreatment_too_soon: IntervalRule
    other_toxin_recent: IntervalRule
    below_indication_threshold: ThresholdRule
    off_label: SimpleRule


@dataclass(frozen=True, slots=True)
class Protocol:
    """A validated clinical protocol.

    Attributes:
        id: the protocol's ``id``.
        version: its version string.
        name: its name.
        hash: SHA-256 hex of its files (see :func:`protocol_hash`).
        jurisdictions: jurisdiction ID -> info.
        ingredients: ingredient ID -> ingredient.
        outcomes: outcome ID -> outcome.
        products: product ID -> product (file order).
        regions: region ID -> region.
        areas: area ID -> area.
        indications: indication ID -> indication.
        questions: question ID -> question, in the order they are asked.
        rules: computed findings.
        content: patient-facing content (``core.content``).
        finding_levels: finding ID -> the most severe level it can give.
        finding_kinds: finding ID -> ``question`` or ``computed``.
    """

    id: str
    version: str
    name: Text
    hash: str
    jurisdictions: Mapping[str, JurisdictionInfo]
    ingredients: Mapping[str, Ingredient]
    outcomes: Mapping[str, Outcome]
    products: Mapping[str, Product]
    regions: Mapping[str, Region]
    areas: Mapping[str, Area]
    indications: Mapping[str, Indication]
    questions: Mapping[str, Question]
    rules: Rules
    content: Content
    finding_levels: Mapping[str, Level] = field(default_factory=dict)
    finding_kinds: Mapping[str, str] = field(default_factory=dict)

    def situation(
        self,
        *,
        jurisdiction: str,
        product: str,
        areas: Iterable[str],
        indications: Iterable[str],
        sex: str,
    ) -> Situation:
        """Build the :class:`Situation` conditions are evaluated on (unknown IDs are ignored)."""
        area_set = frozenset(areas)
        ind_set = frozenset(indications)
        prod = self.products.get(product)
        return Situation(
            jurisdiction=jurisdiction,
            product=product,
            ingredients=frozenset(prod.ingredients) if prod else frozenset(),
            areas=area_set,
            regions=frozenset(self.areas[a].region for a in area_set if a in self.areas),
            indications=ind_set,
            kinds=frozenset(self.indications[i].kind for i in ind_set if i in self.indications),
            sex=sex,
        )

    def product_ingredients(self, product: str) -> tuple[Ingredient, ...]:
        """Return the allergy-relevant ingredients of ``product`` (shown under the question)."""
        return tuple(self.ingredients[i] for i in self.products[product].ingredients)

    def is_authorized(self, indication: str, product: str, jurisdiction: str) -> bool:
        """Return whether ``product`` is authorized (on-label) for ``indication`` there."""
        ind = self.indications.get(indication)
        return ind is not None and product in ind.authorized.get(jurisdiction, frozenset())


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


# --------------------------------------------------------------------------- parsing helpers


_RESERVED = frozenset({"schema_version", "id"})
_formatter = string.Formatter()


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _File:
    """Parsing context for one file: reports ``file: key: message``."""

    def __init__(self, name: str, errors: list[str], broken: bool = False) -> None:
        self.name = name
        self.errors = errors
        self.broken = broken  # the file could not be read: do not list what it lacks

    def error(self, key: str, message: str) -> None:
        self.errors.append(f"{self.name}: {key}: {message}" if key else f"{self.name}: {message}")

    def where(self, key: str) -> str:
        return f"{self.name}: {key}"

    def table(self, value: Any, key: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.error(key, "expected a table")
        return {}

    def keys(
        self,
        table: Mapping[str, Any],
        key: str,
        allowed: Iterable[str],
        required: Iterable[str] = (),
    ) -> None:
        allowed_set = set(allowed)
        for name in table:
            if name not in allowed_set:
                self.error(f"{key}.{name}" if key else name, "unknown key")
        for name in () if self.broken else required:
            if name not in table:
                self.error(f"{key}.{name}" if key else name, "missing")

    def text(self, table: Mapping[str, Any], key: str, name: str) -> Text:
        if name not in table:
            self.error(f"{key}.{name}", "missing text")
            return Text("", "")
        return parse_text(table[name], self.where(f"{key}.{name}"), self.errors)

    def source(self, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
        return parse_source(table.get("source"), self.where(f"{key}.source"), self.errors)

    def string(self, table: Mapping[str, Any], key: str, name: str) -> str:
        value = table.get(name)
        if not isinstance(value, str) or not value.strip():
            self.error(f"{key}.{name}", "expected a non-empty string")
            return ""
        return value.strip()

    def integer(
        self, table: Mapping[str, Any], key: str, name: str, minimum: int = 0
    ) -> int | None:
        value = table.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            self.error(f"{key}.{name}", f"expected a whole number of at least {minimum}")
            return None
        return value

    def units(self, value: Any, key: str) -> float | None:
        """A positive dose in whole or half units."""
        if not _is_number(value) or value <= 0 or (value * 2) != int(value * 2):
            self.error(key, "expected a positive number of units (whole or half)")
            return None
        return float(value)

    def level(self, value: Any, key: str) -> Level | None:
        try:
            return Level(value)
        except ValueError:
            self.error(key, f"expected one of stop, caution, note (got {value!r})")
            return None

    def id_list(
        self,
        value: Any,
        key: str,
        known: AbstractSet[str] | tuple[str, ...],
        kind: str,
        *,
        allow_empty: bool = False,
    ) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(key, f"expected a list of {kind} IDs")
            return ()
        if not value and not allow_empty:
            self.error(key, f"expected at least one {kind}")
        seen: set[str] = set()
        for index, item in enumerate(value):
            if item not in known:
                self.error(f"{key}[{index}]", f"unknown {kind} '{item}'")
            elif item in seen:
                self.error(f"{key}[{index}]", f"duplicate {kind} '{item}'")
            seen.add(item)
        return tuple(value)

    def message(
        self, table: Mapping[str, Any], key: str, name: str, placeholders: Iterable[str]
    ) -> Text:
        text = self.text(table, key, name)
        allowed = set(placeholders)
        for lang, value in (("en", text.en), ("fr", text.fr)):
            try:
                fields = [f for _, f, spec, conv in _formatter.parse(value) if f is not None]
            except ValueError as exc:
                self.error(f"{key}.{name}.{lang}", f"invalid placeholder syntax ({exc})")
                continue
            for f in fields:
                if f not in allowed:
                    names = ", ".join("{" + p + "}" for p in sorted(allowed))
                    self.error(
                        f"{key}.{name}.{lang}",
                        f"unknown placeholder '{{{f}}}' (allowed: {names or 'none'})",
                    )
        return text

    def entries(self, doc: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        """The top-level ID tables of a flat file (every key but schema_version and id)."""
        result: dict[str, dict[str, Any]] = {}
        for key, value in doc.items():
            if key in _RESERVED:
                continue
            result[key] = self.table(value, key)
        return result


class _AnyId(frozenset[str]):
    """Stands for the IDs of a file that could not be read: every ID is accepted.

    One broken file then does not bury its real error under a cascade of "unknown ID" messages.
    """

    def __contains__(self, item: object) -> bool:
        return True


@dataclass
class _Known:
    """The IDs defined anywhere in the protocol (collected before cross-checking)."""

    jurisdictions: AbstractSet[str]
    ingredients: AbstractSet[str]
    outcomes: AbstractSet[str]
    products: AbstractSet[str]
    regions: AbstractSet[str]
    areas: AbstractSet[str]
    indications: AbstractSet[str]
    questions: AbstractSet[str]


def _parse_file(name: str, files: Mapping[str, bytes], errors: list[str]) -> dict[str, Any] | None:
    """Parse one file; ``None`` (with the error reported) when it is missing or unreadable."""
    f = _File(name, errors)
    data = files.get(name)
    if data is None:
        f.error("", "missing file")
        return None
    try:
        doc = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        f.error("", "not UTF-8 text")
        return None
    except tomllib.TOMLDecodeError as exc:
        f.error("", f"invalid TOML: {exc}")
        return None
    if doc.get("schema_version") != SCHEMA_VERSION:
        f.error("schema_version", f"expected {SCHEMA_VERSION} (got {doc.get('schema_version')!r})")
    expected_id = name.removesuffix(".toml")
    if doc.get("id") != expected_id:
        f.error("id", f"expected '{expected_id}' (got {doc.get('id')!r})")
    return doc


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


def _condition(f: _File, value: Any, key: str, known: _Known) -> Condition:
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


def _require(f: _File, present: Iterable[str], required: Iterable[str], kind: str) -> None:
    if f.broken:
        return
    have = set(present)
    for rid in required:
        if rid not in have:
            f.error(rid, f"missing {kind} '{rid}' (required by case-format.md)")


# --------------------------------------------------------------------------- per file


def _load_header(
    f: _File, doc: Mapping[str, Any], known: _Known
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
    _require(f, jurisdictions, JURISDICTIONS, "jurisdiction")
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
    _require(f, outcomes, REQUIRED_OUTCOMES, "outcome")
    return version, name, jurisdictions, ingredients, outcomes


def _per_jurisdiction(f: _File, value: Any, key: str) -> dict[str, Any]:
    table = f.table(value, key)
    f.keys(table, key, JURISDICTIONS, required=JURISDICTIONS)
    return table


def _load_products(f: _File, doc: Mapping[str, Any], known: _Known) -> dict[str, Product]:
    products: dict[str, Product] = {}
    for pid, table in f.entries(doc).items():
        key = pid
        f.keys(
            table,
            key,
            {
                "display",
                "generic",
                "names",
                "ingredients",
                "vial_sizes",
                "source",
                "dilution",
                "interval",
                "maximum",
            },
            required=("display", "generic", "names", "ingredients", "dilution", "interval"),
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
        if _is_number(raw_per_ml) and raw_per_ml > 0:
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
    _require(f, products, REQUIRED_PRODUCTS, "product")
    return products


def _dose_maximum(f: _File, value: Any, key: str, known: _Known) -> DoseMaximum:
    table = f.table(value, key)
    f.keys(table, key, {"units", "window_days", "by_indication", "source"}, required=("units",))
    units = f.units(table["units"], f"{key}.units") if "units" in table else None
    window = f.integer(table, key, "window_days", 1) if "window_days" in table else None
    by_indication: dict[str, float] = {}
    if "by_indication" in table:
        bkey = f"{key}.by_indication"
        btable = f.table(table["by_indication"], bkey)
        for iid, limit in btable.items():
            if iid == "source":
                continue
            if iid not in known.indications:
                f.error(f"{bkey}.{iid}", f"unknown indication '{iid}'")
            lim = f.units(limit, f"{bkey}.{iid}")
            if lim is not None:
                by_indication[iid] = lim
        f.source(btable, bkey)
    return DoseMaximum(
        units=units or 0.0,
        window_days=window,
        by_indication=MappingProxyType(by_indication),
        source=f.source(table, key),
    )


def _load_areas(
    f: _File, doc: Mapping[str, Any], known: _Known
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


def _load_indications(f: _File, doc: Mapping[str, Any], known: _Known) -> dict[str, Indication]:
    indications: dict[str, Indication] = {}
    for iid, table in f.entries(doc).items():
        key = iid
        f.keys(
            table,
            key,
            {
                "kind",
                "name",
                "areas",
                "outcomes",
                "source",
                "authorized",
                "labeled_dose",
                "review",
                "pattern",
            },
            required=("kind", "areas", "authorized", "review"),
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
            lkey = f"{key}.labeled_dose"
            ltable = f.table(table["labeled_dose"], lkey)
            for pid, units in ltable.items():
                if pid == "source":
                    continue
                if pid not in known.products:
                    f.error(f"{lkey}.{pid}", f"unknown product '{pid}'")
                u = f.units(units, f"{lkey}.{pid}")
                if u is not None:
                    labeled[pid] = u
            f.source(ltable, lkey)
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
    _require(f, indications, REQUIRED_INDICATIONS, "indication")
    return indications


def _pattern(f: _File, value: Any, key: str, product: str, known: _Known) -> DosePattern:
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
    if dilution is not None and (not _is_number(dilution) or dilution <= 0):
        f.error(f"{key}.dilution_units_per_ml", "expected a positive number")
        dilution = None
    return DosePattern(
        product=product,
        units=MappingProxyType(units),
        sites=MappingProxyType(sites),
        dilution_units_per_ml=float(dilution) if dilution is not None else None,
        source=f.source(table, key),
    )


def _level_rules(f: _File, value: Any, key: str, known: _Known) -> tuple[LevelRule, ...]:
    """A graded ``yes``: a level string, or a list of ``{ level, when, source }``."""
    if isinstance(value, str):
        level = f.level(value, key)
        return (LevelRule(level, ALWAYS, ()),) if level else ()
    if not isinstance(value, list) or not value:
        f.error(key, "expected a level or a list of { level, when, source } tables")
        return ()
    rules: list[LevelRule] = []
    for index, item in enumerate(value):
        ikey = f"{key}[{index}]"
        table = f.table(item, ikey)
        f.keys(table, ikey, {"level", "when", "source"}, required=("level",))
        level = f.level(table.get("level"), f"{ikey}.level") if "level" in table else None
        when = _condition(f, table["when"], f"{ikey}.when", known) if "when" in table else ALWAYS
        source = f.source(table, ikey)
        if level is not None:
            rules.append(LevelRule(level, when, source))
    if rules and rules[-1].when != ALWAYS:
        f.error(key, "the last branch must have no `when` (it gives the level otherwise)")
    return tuple(rules)


def _load_questions(f: _File, doc: Mapping[str, Any], known: _Known) -> dict[str, Question]:
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
            when=_condition(f, table["when"], f"{key}.when", known) if "when" in table else ALWAYS,
            yes=_level_rules(f, table["yes"], f"{key}.yes", known) if "yes" in table else (),
            show_ingredients=show,
            source=f.source(table, key),
        )
    _require(f, questions, REQUIRED_QUESTIONS, "question")
    return questions


_PLACEHOLDERS: Mapping[str, Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "lot_expired": {"message": ("lot", "expiry")},
        "dose_above_maximum": {
            "message": ("product", "total", "limit"),
            "cumulative_message": ("product", "total", "limit", "plan", "history", "days"),
        },
        "dose_above_label": {"message": ("product", "total", "label", "indications")},
        "age_below_label": {"message": ("age", "limit")},
        "age_above_label": {"message": ("age", "limit", "product", "indications")},
        "retreatment_too_soon": {"message": ("product", "date", "days", "limit")},
        "other_toxin_recent": {
            "message": ("entries", "limit"),
            "entry": ("product", "units", "date", "days"),
        },
        "below_indication_threshold": {
            "message": ("value", "limit", "indication", "outcome"),
        },
        "off_label": {"message": ("product", "jurisdiction", "indications")},
    }
)
"""Rule ID -> message key -> the placeholders its template may use."""

_RULE_KEYS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "lot_expired": ("level",),
        "dose_above_maximum": ("level",),
        "dose_above_label": ("level",),
        "age_below_label": ("bands",),
        "age_above_label": ("level", "at_or_above", "when"),
        "retreatment_too_soon": ("level", "days"),
        "other_toxin_recent": ("level", "days"),
        "below_indication_threshold": ("level", "indication", "outcome", "minimum"),
        "off_label": ("level",),
    }
)
"""Rule ID -> its parameter keys (besides the message keys and ``source``)."""

_FALLBACK_TEXT = Text("", "")


def _load_rules(f: _File, doc: Mapping[str, Any], known: _Known) -> Rules:
    entries = f.entries(doc)
    for rid in entries:
        if rid not in COMPUTED_FINDINGS:
            f.error(rid, f"unknown computed finding '{rid}'")
    _require(f, entries, COMPUTED_FINDINGS, "computed finding")

    def table(rid: str) -> dict[str, Any]:
        tbl = entries.get(rid, {})
        params = _RULE_KEYS[rid]
        f.keys(tbl, rid, {*params, *_PLACEHOLDERS[rid], "source"}, required=params)
        return tbl

    def message(tbl: Mapping[str, Any], rid: str, name: str = "message") -> Text:
        if rid not in entries:
            return _FALLBACK_TEXT
        return f.message(tbl, rid, name, _PLACEHOLDERS[rid][name])

    def level(tbl: Mapping[str, Any], rid: str) -> Level:
        if "level" not in tbl:
            return Level.CAUTION
        return f.level(tbl["level"], f"{rid}.level") or Level.CAUTION

    def source(tbl: Mapping[str, Any], rid: str) -> tuple[str, ...]:
        return f.source(tbl, rid) if rid in entries else ()

    def simple(rid: str) -> SimpleRule:
        tbl = table(rid)
        return SimpleRule(level(tbl, rid), message(tbl, rid), source(tbl, rid))

    rid = "dose_above_maximum"
    tbl = table(rid)
    dose_max = DoseMaximumRule(
        level(tbl, rid),
        message(tbl, rid),
        message(tbl, rid, "cumulative_message"),
        source(tbl, rid),
    )

    rid = "age_below_label"
    tbl = table(rid)
    bands: list[AgeBand] = []
    raw_bands = tbl.get("bands", [])
    if not isinstance(raw_bands, list) or (rid in entries and not raw_bands):
        f.error(f"{rid}.bands", "expected a list of { below, level, when, source } tables")
        raw_bands = []
    for index, item in enumerate(raw_bands):
        bkey = f"{rid}.bands[{index}]"
        btable = f.table(item, bkey)
        f.keys(btable, bkey, {"below", "level", "when", "source"}, required=("below", "level"))
        below = f.integer(btable, bkey, "below", 1) if "below" in btable else None
        blevel = f.level(btable.get("level"), f"{bkey}.level") if "level" in btable else None
        when = _condition(f, btable["when"], f"{bkey}.when", known) if "when" in btable else ALWAYS
        bsource = f.source(btable, bkey)
        if below is not None and blevel is not None:
            bands.append(AgeBand(below, blevel, when, bsource))
    age_below = AgeBelowRule(tuple(bands), message(tbl, rid), source(tbl, rid))

    rid = "age_above_label"
    tbl = table(rid)
    at_or_above = (f.integer(tbl, rid, "at_or_above", 1) if "at_or_above" in tbl else None) or 0
    age_above = AgeAboveRule(
        level(tbl, rid),
        at_or_above,
        _condition(f, tbl["when"], f"{rid}.when", known) if "when" in tbl else ALWAYS,
        message(tbl, rid),
        source(tbl, rid),
    )

    def interval(rid: str, with_entry: bool) -> IntervalRule:
        tbl = table(rid)
        days = (f.integer(tbl, rid, "days", 1) if "days" in tbl else None) or 0
        entry = message(tbl, rid, "entry") if with_entry else None
        return IntervalRule(level(tbl, rid), days, message(tbl, rid), entry, source(tbl, rid))

    rid = "below_indication_threshold"
    tbl = table(rid)
    indication = tbl.get("indication", "")
    if "indication" in tbl and indication not in known.indications:
        f.error(f"{rid}.indication", f"unknown indication '{indication}'")
    outcome = tbl.get("outcome", "")
    if "outcome" in tbl and outcome not in known.outcomes:
        f.error(f"{rid}.outcome", f"unknown outcome '{outcome}'")
    minimum = (f.integer(tbl, rid, "minimum", 0) if "minimum" in tbl else None) or 0
    threshold = ThresholdRule(
        level(tbl, rid), str(indication), str(outcome), minimum, message(tbl, rid), source(tbl, rid)
    )

    return Rules(
        lot_expired=simple("lot_expired"),
        dose_above_maximum=dose_max,
        dose_above_label=simple("dose_above_label"),
        age_below_label=age_below,
        age_above_label=age_above,
        retreatment_too_soon=interval("retreatment_too_soon", False),
        other_toxin_recent=interval("other_toxin_recent", True),
        below_indication_threshold=threshold,
        off_label=simple("off_label"),
    )


def _finding_levels(questions: Mapping[str, Question], rules: Rules) -> dict[str, frozenset[Level]]:
    levels: dict[str, frozenset[Level]] = {
        qid: frozenset(r.level for r in q.yes) for qid, q in questions.items()
    }
    levels["lot_expired"] = frozenset({rules.lot_expired.level})
    levels["dose_above_maximum"] = frozenset({rules.dose_above_maximum.level})
    levels["dose_above_label"] = frozenset({rules.dose_above_label.level})
    levels["age_below_label"] = frozenset(b.level for b in rules.age_below_label.bands)
    levels["age_above_label"] = frozenset({rules.age_above_label.level})
    levels["retreatment_too_soon"] = frozenset({rules.retreatment_too_soon.level})
    levels["other_toxin_recent"] = frozenset({rules.other_toxin_recent.level})
    levels["below_indication_threshold"] = frozenset({rules.below_indication_threshold.level})
    levels["off_label"] = frozenset({rules.off_label.level})
    return levels


def _most_severe(levels: Iterable[Level]) -> Level:
    return max(levels, key=lambda lv: lv.severity, default=Level.NOTE)


def _top_ids(doc: Mapping[str, Any] | None, section: str | None = None) -> AbstractSet[str]:
    """The IDs a file defines (top-level tables, or the tables of ``section``)."""
    if doc is None:
        return _AnyId()
    if section is not None:
        value = doc.get(section)
        return frozenset(value) if isinstance(value, dict) else frozenset()
    return frozenset(k for k, v in doc.items() if k not in _RESERVED and isinstance(v, dict))


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
    parsed = {filename: _parse_file(filename, files, errors) for filename in ENGINE_FILES}
    broken = {filename for filename, doc in parsed.items() if doc is None}
    docs = {filename: doc or {} for filename, doc in parsed.items()}
    header, areas_doc = docs["protocol.toml"], docs["areas.toml"]
    known = _Known(
        jurisdictions=frozenset(JURISDICTIONS),
        ingredients=_top_ids(parsed["protocol.toml"], "ingredients"),
        outcomes=_top_ids(parsed["protocol.toml"], "outcomes"),
        products=_top_ids(parsed["products.toml"]),
        regions=_top_ids(parsed["areas.toml"], "regions"),
        areas=_top_ids(parsed["areas.toml"], "areas"),
        indications=_top_ids(parsed["indications.toml"]),
        questions=_top_ids(parsed["questions.toml"]),
    )

    def ctx(name: str) -> _File:
        return _File(name, errors, broken=name in broken)

    version, name, jurisdictions, ingredients, outcomes = _load_header(
        ctx("protocol.toml"), header, known
    )
    regions, areas = _load_areas(ctx("areas.toml"), areas_doc, known)
    products = _load_products(ctx("products.toml"), docs["products.toml"], known)
    indications = _load_indications(ctx("indications.toml"), docs["indications.toml"], known)
    questions = _load_questions(ctx("questions.toml"), docs["questions.toml"], known)
    rules = _load_rules(ctx("rules.toml"), docs["rules.toml"], known)

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
        rules=rules,
        content=content,
        finding_levels=MappingProxyType(finding_levels),
        finding_kinds=MappingProxyType(kinds),
    )

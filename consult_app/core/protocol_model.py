"""The clinical protocol as validated, frozen values (the model; the loader is separate).

:mod:`consult_app.core.protocol_loader` builds a :class:`Protocol` from the protocol folder's TOML
files; :mod:`consult_app.core.computed_rules` holds the computed findings, each one function
registered with its parameters and messages. The IDs fixed by ``case-format.md`` are listed
here: a clinic's own protocol may add questions, areas and limits, never rename them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType

from consult_app.core.content import Content
from consult_app.core.texts import Text

JURISDICTIONS: tuple[str, ...] = ("CA", "US")
INDICATION_KINDS: tuple[str, ...] = ("cosmetic", "therapeutic")
SEXES: tuple[str, ...] = ("female", "male", "other", "unknown")

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
class AgeBand:
    """One band of a rule graded by age (``age_below_label``).

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


_NO_TEXT = Text("", "")


@dataclass(frozen=True, slots=True)
class RuleConfig:
    """One computed finding's parameters, as ``rules.toml`` gives them.

    Which parameters a rule has is declared where the rule is written
    (:mod:`consult_app.core.computed_rules`); the loader reads exactly those.

    Attributes:
        id: the finding ID.
        level: the level it gives (rules graded by ``bands`` give the band's level).
        levels: every level it can give.
        messages: message name (``message``, ``entry``...) -> template.
        numbers: whole-number parameters (``days``, ``at_or_above``...).
        ids: ID parameters (``indication``, ``outcome``...).
        conditions: condition parameters (``when``).
        bands: age bands, tried in order.
        source: references.
    """

    id: str
    level: Level
    levels: frozenset[Level]
    messages: Mapping[str, Text]
    numbers: Mapping[str, int] = field(default_factory=dict)
    ids: Mapping[str, str] = field(default_factory=dict)
    conditions: Mapping[str, Condition] = field(default_factory=dict)
    bands: tuple[AgeBand, ...] = ()
    source: tuple[str, ...] = ()

    def message(self, name: str = "message") -> Text:
        """Return the message template ``name``."""
        return self.messages.get(name, _NO_TEXT)

    def number(self, name: str) -> int:
        """Return the whole-number parameter ``name`` (0 when the file lacked it)."""
        return self.numbers.get(name, 0)

    def condition(self, name: str = "when") -> Condition:
        """Return the condition parameter ``name`` (always true when absent)."""
        return self.conditions.get(name, ALWAYS)


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
        rules: computed finding ID -> its parameters (in the order they are reported).
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
    rules: Mapping[str, RuleConfig]
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

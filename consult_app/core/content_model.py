"""Patient-facing protocol content as values: risks, expectations, aftercare, consent texts.

:mod:`consult_app.core.content` reads and checks the content files into these values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from consult_app.core.texts import Text

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
class RiskVariant:
    """What the patient sheet says of a risk for some indications (and products).

    Rates differ by indication and product (issue 17: a migraine sheet never quotes
    cervical-dystonia rates); a variant replaces the risk's frequency, band and sheet text.

    Attributes:
        indications: the indications it is for (any of them in the consultation).
        products: the products it is for; ``None`` means every product.
        frequency: the clinician's frequency phrase, or ``None`` for the risk's own.
        band: the sheet's frequency band, or ``None`` for the risk's own.
        sheet: the sheet text, or ``None`` for the risk's own.
        on_sheet: ``False`` leaves the risk off the sheet for these indications (still
            discussed): the label does not tie it to them, or another line says it better.
        source: references for the rate.
    """

    indications: frozenset[str]
    products: frozenset[str] | None
    frequency: Text | None
    band: str | None
    sheet: Text | None
    on_sheet: bool
    source: tuple[str, ...]

    def applies(self, product: str, indications: frozenset[str]) -> bool:
        """Return whether this variant is for ``product`` and one of ``indications``."""
        if self.products is not None and product not in self.products:
            return False
        return bool(self.indications & indications)


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
    variants: tuple[RiskVariant, ...] = ()

    def variant(self, product: str, indications: frozenset[str]) -> RiskVariant | None:
        """The first variant for ``product`` and ``indications``, or ``None``."""
        return next((v for v in self.variants if v.applies(product, indications)), None)

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
        off_label_age: the sentence for an indication off-label only because of the patient's
            age (``{indication}`` and ``{limit}``, the labeled age limit); it names no regulator,
            since the age limit may come from another country's label; empty when the file
            gives none (the indication is then listed with the others).
        off_label_tail: what follows the off-label sentences (evidence, insurance).
        off_label_regulator: jurisdiction -> the regulator's name (``{regulator}``).
    """

    sections: tuple[Item, ...]
    off_label: Text
    off_label_source: tuple[str, ...]
    alternatives: Mapping[str, Alternatives]
    confirmations: tuple[Confirmation, ...]
    off_label_age: Text = _EMPTY_TEXT
    off_label_tail: Text = _EMPTY_TEXT
    off_label_regulator: Mapping[str, Text] = field(default_factory=lambda: MappingProxyType({}))


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


def empty_consent() -> ConsentContent:
    """Consent wording with nothing in it (a file that could not be read)."""
    return ConsentContent((), _EMPTY_TEXT, (), MappingProxyType({}), ())


def empty_red_flags() -> RedFlags:
    """Red flags with nothing in them (a file that could not be read)."""
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
    red_flags: RedFlags = field(default_factory=empty_red_flags)
    consent: ConsentContent = field(default_factory=empty_consent)
    counselling: Mapping[str, Counselling] = field(default_factory=dict)
    deferral: Mapping[str, Deferral] = field(default_factory=dict)

    @property
    def risk_ids(self) -> frozenset[str]:
        """Every risk ID (valid values of a case file's ``risks_discussed``)."""
        return frozenset(r.id for r in self.risks)

"""Assembly of the patient-facing texts for one consultation.

This is the single place that picks texts: given the product, the treated regions, the
indications, the screening findings and the off-label indications, :func:`assemble` returns the
risks to discuss, the counselling points, what to expect, aftercare, red flags, consent wording
and deferral texts, already resolved in one language. The GUI and the documents only lay out a
:class:`SheetContent`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from consult_app.core.content import (
    FREQUENCY_BANDS,
    JURISDICTIONS,
    RISK_CATEGORIES,
    ConsentContent,
    Content,
    Item,
    Risk,
)
from consult_app.core.texts import LANGUAGES


@dataclass(frozen=True, slots=True)
class SheetRisk:
    """A risk to discuss, resolved in one language.

    Attributes:
        id: stable risk ID (for ``risks_discussed``).
        category: ``common``, ``region``, ``serious`` or ``allergy``.
        label: short label for the clinician's checklist.
        text: the patient's explanation.
        frequency: frequency phrase, or ``None`` when the facts give no number.
        source: references.
        band: frequency band on the patient sheet (``common``, ``less_common``, ``possible``,
            ``rare``).
        sheet_text: the patient sheet's shorter text (``text`` when the file has none).
        on_sheet: the sheet lists it (``False`` where no label ties it to the indication).

    Frequency, band, sheet text and sources are those of the risk's variant for this product
    and these indications when it has one (a migraine sheet never quotes dystonia rates).
    """

    id: str
    category: str
    label: str
    text: str
    frequency: str | None
    source: tuple[str, ...]
    band: str = "possible"
    sheet_text: str = ""
    on_sheet: bool = True


@dataclass(frozen=True, slots=True)
class SheetText:
    """A paragraph, resolved in one language.

    Attributes:
        id: stable ID within its section.
        title: heading, or ``None``.
        text: the paragraph.
        clinic_experience: the statement is clinic experience, not confirmed by the facts; the
            document labels it so.
        source: references.
    """

    id: str
    title: str | None
    text: str
    clinic_experience: bool
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SheetAftercare:
    """Aftercare advice under one heading.

    Attributes:
        region: region ID, or ``None`` for the advice that applies to every plan.
        title: heading (the region's name), or ``None`` for the general advice.
        items: the advice.
    """

    region: str | None
    title: str | None
    items: tuple[SheetText, ...]


@dataclass(frozen=True, slots=True)
class SheetCounselling:
    """A counselling point for a NOTE or CAUTION finding.

    Attributes:
        finding: finding ID.
        level: ``note`` or ``caution``.
        title: short heading.
        text: what the patient should know or do.
        source: references.
    """

    finding: str
    level: str
    title: str
    text: str
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SheetDeferral:
    """Why treatment cannot go ahead today (one STOP finding), and what to do next.

    Attributes:
        finding: finding ID.
        title: short heading.
        text: the explanation.
        next_steps: what the patient can do next.
        source: references.
    """

    finding: str
    title: str
    text: str
    next_steps: str
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SheetRedFlags:
    """Urgent symptoms and what to do.

    Attributes:
        intro: lead-in sentence.
        symptoms: one line per symptom.
        timing: that symptoms can start hours to weeks later.
        action: what to do, with the emergency number filled in.
        emergency_number: the jurisdiction's emergency number.
        source: references.
    """

    intro: str
    symptoms: tuple[str, ...]
    timing: str
    action: str
    emergency_number: str
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SheetAlternative:
    """Alternatives to toxin treatment for one indication.

    Attributes:
        indication: indication ID.
        name: the indication as patients read it.
        text: the alternatives, including no treatment.
        source: references.
    """

    indication: str
    name: str
    text: str
    source: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SheetConfirmation:
    """A statement the patient ticks.

    Attributes:
        id: stable ID (stored with the consent).
        text: the statement.
        required: consent cannot be given without it.
    """

    id: str
    text: str
    required: bool


@dataclass(frozen=True, slots=True)
class SheetContent:
    """Every patient-facing text of one consultation, in one language.

    Attributes:
        lang: ``en`` or ``fr``.
        jurisdiction: ``CA`` or ``US``.
        product: product ID.
        risks: risks to discuss, common first, then region-specific, then serious and allergy;
            each ID once.
        counselling: counselling points for this patient's NOTE and CAUTION findings (CAUTION
            first).
        expectations: what to expect.
        aftercare: general advice first, then one group per treated region.
        red_flags: urgent symptoms and what to do.
        consent_sections: the consent text blocks, in order.
        off_label_statement: the off-label statement naming the off-label indications, or
            ``None`` when every indication is on-label.
        alternatives: alternatives for each indication of the plan.
        confirmations: the statements the patient ticks.
        deferrals: explanations for the STOP findings (empty when nothing stops treatment).
    """

    lang: str
    jurisdiction: str
    product: str
    risks: tuple[SheetRisk, ...]
    counselling: tuple[SheetCounselling, ...]
    expectations: tuple[SheetText, ...]
    aftercare: tuple[SheetAftercare, ...]
    red_flags: SheetRedFlags
    consent_sections: tuple[SheetText, ...]
    off_label_statement: str | None
    alternatives: tuple[SheetAlternative, ...]
    confirmations: tuple[SheetConfirmation, ...]
    deferrals: tuple[SheetDeferral, ...]

    @property
    def risk_ids(self) -> frozenset[str]:
        """IDs of the risks to discuss (every one must be in ``risks_discussed``)."""
        return frozenset(r.id for r in self.risks)

    @property
    def side_effects(self) -> tuple[SheetRisk, ...]:
        """The risks as the patient sheet lists them: common to rare by frequency band.

        Within a band the discussion order is kept, so each band's items stay together.
        """
        rank = {band: index for index, band in enumerate(FREQUENCY_BANDS)}
        listed = (r for r in self.risks if r.on_sheet)
        return tuple(sorted(listed, key=lambda r: rank.get(r.band, len(rank))))


def _unique(values: Iterable[str]) -> list[str]:
    """The values in first-seen order, without duplicates."""
    return list(dict.fromkeys(values))


def _risks_for(content: Content, product: str, regions: frozenset[str]) -> list[Risk]:
    """Risks that apply, ordered by category (common, region, serious, allergy), then file order."""
    order = {category: index for index, category in enumerate(RISK_CATEGORIES)}
    chosen: dict[str, Risk] = {}
    for risk in content.risks:
        if risk.id not in chosen and risk.applies(product, regions):
            chosen[risk.id] = risk
    return sorted(chosen.values(), key=lambda r: order.get(r.category, len(order)))


def _sheet_risk(risk: Risk, lang: str, product: str, indications: frozenset[str]) -> SheetRisk:
    """The risk in ``lang``, with its variant for ``product`` and ``indications`` applied."""
    variant = risk.variant(product, indications)
    frequency, band, sheet = risk.frequency, risk.band, risk.sheet
    source, on_sheet = risk.source, True
    if variant is not None:
        frequency = variant.frequency or frequency
        band = variant.band or band
        sheet = variant.sheet or sheet
        source = tuple(dict.fromkeys((*variant.source, *source)))
        on_sheet = variant.on_sheet
    return SheetRisk(
        id=risk.id,
        category=risk.category,
        label=risk.label.get(lang),
        text=risk.text.get(lang),
        frequency=frequency.get(lang) if frequency is not None else None,
        source=source,
        band=band,
        sheet_text=(sheet if sheet is not None else risk.text).get(lang),
        on_sheet=on_sheet,
    )


def required_risk_ids(content: Content, product: str, regions: Iterable[str]) -> frozenset[str]:
    """IDs of the risks that must be discussed for ``product`` injected in ``regions``.

    Args:
        content: the protocol's content.
        product: product ID.
        regions: region IDs of the planned areas.

    Returns:
        The risk IDs a case file's ``risks_discussed`` must contain.
    """
    return frozenset(r.id for r in _risks_for(content, product, frozenset(regions)))


def _text(item: Item, lang: str) -> SheetText:
    return SheetText(
        id=item.id,
        title=item.title.get(lang) if item.title is not None else None,
        text=item.text.get(lang),
        clinic_experience=item.clinic_experience,
        source=item.source,
    )


def _aftercare_key(text: str) -> str:
    """Comparison key of an advice line: case and spacing ignored."""
    return " ".join(text.split()).casefold()


def _aftercare(
    content: Content, lang: str, regions: frozenset[str], indications: frozenset[str]
) -> list[SheetAftercare]:
    """General advice (said once), then each treated region's own advice.

    A line is given once: advice whose ID or wording was already given (by the general advice
    or by an earlier region) is left out, and a region left with nothing is not listed.
    """
    seen_ids: set[str] = set()
    seen_texts: set[str] = set()

    def fresh(items: Iterable[Item]) -> tuple[SheetText, ...]:
        kept: list[SheetText] = []
        for item in items:
            text = _text(item, lang)
            key = _aftercare_key(text.text)
            if not key or item.id in seen_ids or key in seen_texts:
                continue
            seen_ids.add(item.id)
            seen_texts.add(key)
            kept.append(text)
        return tuple(kept)

    groups: list[SheetAftercare] = []
    general = fresh(i for i in content.general_aftercare if i.applies(regions, indications))
    if general:
        groups.append(SheetAftercare(None, None, general))
    for region, group in content.aftercare.items():
        if region in regions and (items := fresh(group.items)):
            groups.append(SheetAftercare(region, group.name.get(lang), items))
    return groups


def _level(level: object) -> str:
    """The case-format string of a level (accepts the engine's enum members as well)."""
    return str(getattr(level, "value", level)).lower()


def _join(names: list[str], lang: str) -> str:
    """Join names as a sentence list: ``a, b and c`` / ``a, b et c``."""
    if len(names) <= 1:
        return "".join(names)
    last = " et " if lang == "fr" else " and "
    return ", ".join(names[:-1]) + last + names[-1]


def _off_label_statement(
    consent: ConsentContent,
    indications: list[str],
    lang: str,
    jurisdiction: str,
    by_age: Mapping[str, int] | None,
) -> str:
    """Return the off-label statement.

    The regulator's sentence, one sentence per age-bound indication (which names no regulator:
    the age limit may be another country's), then the tail.
    """

    def name(indication: str) -> str:
        alternative = consent.alternatives.get(indication)
        return alternative.name.get(lang) if alternative is not None else indication

    age_text = consent.off_label_age.get(lang)
    by_age = by_age or {}
    aged = [i for i in indications if i in by_age and age_text]
    others = [i for i in indications if i not in aged]
    regulator = consent.off_label_regulator.get(jurisdiction)
    parts: list[str] = []
    if others:
        parts.append(
            consent.off_label.get(lang)
            .replace("{indications}", _join([name(i) for i in others], lang))
            .replace("{regulator}", regulator.get(lang) if regulator is not None else "")
        )
    parts.extend(
        age_text.replace("{indication}", name(i)).replace("{limit}", str(by_age[i])) for i in aged
    )
    tail = consent.off_label_tail.get(lang)
    if tail:
        parts.append(tail)
    return " ".join(parts)


def assemble(
    content: Content,
    *,
    lang: str,
    product: str,
    regions: Iterable[str],
    indications: Iterable[str],
    findings: Iterable[tuple[str, str]],
    off_label: Iterable[str],
    jurisdiction: str = "CA",
    off_label_by_age: Mapping[str, int] | None = None,
) -> SheetContent:
    """Assemble every patient-facing text of one consultation.

    Args:
        content: the protocol's content.
        lang: ``en`` or ``fr``.
        product: product ID.
        regions: region IDs of the planned areas (duplicates ignored).
        indications: indication IDs of the consultation.
        findings: ``(finding ID, level)`` for every finding that fired; level is ``stop``,
            ``caution`` or ``note`` (the case-format strings).
        off_label: indication IDs that are off-label for this product in this jurisdiction.
        jurisdiction: ``CA`` or ``US`` (chooses the emergency number).
        off_label_by_age: indication ID -> labeled age limit, for indications off-label only
            because of the patient's age (the statement names them with that limit).

    Returns:
        The sheet content in ``lang``.

    Raises:
        ValueError: ``lang`` or ``jurisdiction`` is not supported (a programming error).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    if jurisdiction not in JURISDICTIONS:
        raise ValueError(f"unsupported jurisdiction {jurisdiction!r}")
    region_list = _unique(regions)
    region_set = frozenset(region_list)
    indication_list = _unique(indications)
    indication_set = frozenset(indication_list)
    finding_list = list(dict.fromkeys((fid, _level(level)) for fid, level in findings))

    risks = tuple(
        _sheet_risk(r, lang, product, indication_set)
        for r in _risks_for(content, product, region_set)
    )

    counselling: list[SheetCounselling] = []
    seen_counselling: set[str] = set()
    for wanted in ("caution", "note"):
        for fid, level in finding_list:
            point = content.counselling.get(fid)
            if level != wanted or point is None or fid in seen_counselling:
                continue
            seen_counselling.add(fid)
            counselling.append(
                SheetCounselling(
                    fid, level, point.title.get(lang), point.text.get(lang), point.source
                )
            )

    deferrals: list[SheetDeferral] = []
    for fid in _unique(fid for fid, level in finding_list if level == "stop"):
        deferral = content.deferral.get(fid)
        if deferral is not None:
            deferrals.append(
                SheetDeferral(
                    fid,
                    deferral.title.get(lang),
                    deferral.text.get(lang),
                    deferral.next_steps.get(lang),
                    deferral.source,
                )
            )

    expectations = tuple(
        _text(item, lang)
        for item in content.expectations
        if item.applies(region_set, indication_set)
    )

    aftercare = _aftercare(content, lang, region_set, indication_set)

    flags = content.red_flags
    number = flags.emergency_numbers.get(jurisdiction, "911")
    red_flags = SheetRedFlags(
        intro=flags.intro.get(lang),
        symptoms=tuple(s.text.get(lang) for s in flags.symptoms),
        timing=flags.timing.get(lang),
        action=flags.action.get(lang).replace("{emergency}", number),
        emergency_number=number,
        source=flags.source,
    )

    consent = content.consent
    off_label_ids = _unique(off_label)
    off_label_statement: str | None = None
    if off_label_ids:
        off_label_statement = _off_label_statement(
            consent, off_label_ids, lang, jurisdiction, off_label_by_age
        )
    alternatives = tuple(
        SheetAlternative(i, alt.name.get(lang), alt.text.get(lang), alt.source)
        for i in indication_list
        if (alt := consent.alternatives.get(i)) is not None
    )
    confirmations = tuple(
        SheetConfirmation(c.id, c.text.get(lang), c.required)
        for c in consent.confirmations
        if c.when is None or (c.when == "off_label" and off_label_ids)
    )

    return SheetContent(
        lang=lang,
        jurisdiction=jurisdiction,
        product=product,
        risks=risks,
        counselling=tuple(counselling),
        expectations=expectations,
        aftercare=tuple(aftercare),
        red_flags=red_flags,
        consent_sections=tuple(_text(s, lang) for s in consent.sections),
        off_label_statement=off_label_statement,
        alternatives=alternatives,
        confirmations=confirmations,
        deferrals=tuple(deferrals),
    )

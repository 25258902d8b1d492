r"""Documents to print: the patient sheet, the consultation record and the deferral letter.

Plain frozen dataclasses holding already-resolved strings in the document's language, labels
included, so ``consult_app.documents`` only lays them out and has no wording of its own. Core
(``core/assembly.py``) builds these from the protocol content and the consultation; the case runner
and the GUI pass them to ``documents.handout.render_handout``, ``documents.record.render_record``
and ``documents.deferral.render_deferral``.

Conventions:
    * Every text is printed exactly as given (escaped for PDF markup); ``"\n"`` starts a new line.
    * Empty strings and empty tuples are simply not printed: no placeholder ever appears.
    * Lists are printed in the order given (e.g. side effects already ordered common to rare).
    * Label templates may hold ``{page}``/``{total}`` (``CommonLabels.page_of``) or ``{name}``
      (``DeferralLabels.greeting``); they are substituted literally, never with ``str.format``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from consult_app.core.chart_model import AdministrationRecord, RegionMap

PageSize = Literal["A4", "Letter"]
Severity = Literal["stop", "caution", "note", "info"]


@dataclass(frozen=True, slots=True)
class ClinicInfo:
    """The clinic printed in every document header; empty values are left out."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    logo_path: str | None = None


@dataclass(frozen=True, slots=True)
class CommonLabels:
    """Labels shared by every document (header contact lines and footer)."""

    phone: str
    email: str
    produced: str
    protocol: str
    page_of: str
    """Template with ``{page}`` and ``{total}``, e.g. ``"Page {page} of {total}"``."""


@dataclass(frozen=True, slots=True)
class FooterInfo:
    """Data printed in the footer of every page, next to "Page X of Y"."""

    produced_date: str
    protocol_version: str


@dataclass(frozen=True, slots=True)
class LabeledValue:
    """One labelled line, e.g. ``("Chart number", "C-1042")``."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class TitledText:
    """A paragraph with a short run-in title (``title`` may be empty)."""

    title: str
    text: str


@dataclass(frozen=True, slots=True)
class SideEffect:
    """One side effect in patient words with its frequency words ("Common", "about 1 in 10").

    ``title`` is an optional short name printed in bold before ``text``.
    """

    text: str
    frequency: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class RedFlagSection:
    """The boxed "Get urgent help" section of the patient sheet."""

    title: str
    intro: str
    symptoms: tuple[str, ...]
    actions: tuple[str, ...]
    """What to do, in order, including the emergency number then the clinic."""
    timing: str
    """E.g. "These signs can appear hours to weeks after the injection."."""


@dataclass(frozen=True, slots=True)
class HandoutLabels:
    """Headings and field labels of the patient information sheet."""

    title: str
    subject: str
    patient: str
    birth_date: str
    treatment_date: str
    clinician: str
    done_heading: str
    product: str
    reasons: str
    areas: str
    lot: str
    expect_heading: str
    aftercare_heading: str
    side_effects_heading: str
    side_effects_intro: str
    counselling_heading: str
    off_label_heading: str
    next_heading: str
    review_date: str
    next_treatment: str


@dataclass(frozen=True, slots=True)
class HandoutModel:
    """The patient information sheet for one consultation, in the patient's language."""

    lang: str
    clinic: ClinicInfo
    patient_name: str
    birth_date: str
    treatment_date: str
    clinician: str
    product_brand: str
    product_generic: str
    reasons: tuple[str, ...]
    areas: tuple[str, ...]
    lot: str
    expectations: tuple[TitledText, ...]
    aftercare: tuple[str, ...]
    side_effects: tuple[SideEffect, ...]
    red_flags: RedFlagSection
    counselling: tuple[str, ...]
    off_label: str | None
    review_date: str
    next_treatment_date: str
    footer: FooterInfo
    labels: HandoutLabels
    common: CommonLabels
    page_size: PageSize = "A4"
    areas_label: str = ""
    maps: tuple[RegionMap, ...] = ()
    alternatives_heading: str = ""
    alternatives: tuple[TitledText, ...] = ()


@dataclass(frozen=True, slots=True)
class IndicationEntry:
    """One indication treated, with how it was diagnosed and its label status text."""

    name: str
    diagnosis_basis: str
    label_status: str = ""


@dataclass(frozen=True, slots=True)
class DoseLine:
    """Units and volume for one treated area."""

    area: str
    sites: str
    units: str
    volume: str
    sides: str = ""


@dataclass(frozen=True, slots=True)
class ScreeningAnswer:
    """One screening question exactly as asked, with the answer given."""

    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class FindingEntry:
    """One screening finding: its level text, message and the clinician's reason."""

    severity: Severity
    level: str
    message: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Confirmation:
    """One consent confirmation and whether it was ticked."""

    text: str
    confirmed: bool


@dataclass(frozen=True, slots=True)
class Signature:
    """A signature: the drawn PNG image, or a typed name when none was drawn."""

    name: str
    role: str
    signed_at: str
    png: bytes | None = None
    typed_name: str | None = None


@dataclass(frozen=True, slots=True)
class RecordLabels:
    """Headings and field labels of the consultation record."""

    title: str
    subject: str
    patient_heading: str
    patient: str
    clinician: str
    timestamps_heading: str
    indications_heading: str
    indication: str
    diagnosis_basis: str
    label_status: str
    product_heading: str
    product: str
    lot: str
    expiry: str
    dilution: str
    area: str
    sites: str
    units: str
    volume: str
    total: str
    screening_heading: str
    question: str
    answer: str
    findings_heading: str
    level: str
    finding: str
    reason: str
    no_findings: str
    risks_heading: str
    patient_questions: str
    consent_heading: str
    confirmations_heading: str
    confirmed: str
    not_confirmed: str
    decision_heading: str
    notes_heading: str
    signatures_heading: str
    signed_at: str
    typed_signature: str
    integrity_heading: str
    seal: str
    protocol_version: str
    protocol_hash: str
    audit_chain: str


@dataclass(frozen=True, slots=True)
class RecordModel:
    """The consultation record for the chart, in the clinician's language."""

    lang: str
    clinic: ClinicInfo
    patient_name: str
    patient_identifiers: tuple[LabeledValue, ...]
    clinician: str
    timestamps: tuple[LabeledValue, ...]
    indications: tuple[IndicationEntry, ...]
    product: str
    lot: str
    expiry: str
    dilution: str
    doses: tuple[DoseLine, ...]
    total_units: str
    total_volume: str
    screening: tuple[ScreeningAnswer, ...]
    findings: tuple[FindingEntry, ...]
    risks_discussed: tuple[str, ...]
    patient_questions: str
    consent_text: str
    confirmations: tuple[Confirmation, ...]
    decision: str
    notes: str
    signatures: tuple[Signature, ...]
    seal_sha256: str
    protocol_version: str
    protocol_hash: str
    footer: FooterInfo
    labels: RecordLabels
    common: CommonLabels
    page_size: PageSize = "A4"
    sides_heading: str = ""
    administration: AdministrationRecord | None = None
    prescriber: str = ""
    prescriber_label: str = ""
    chain_head: str = ""
    """The audit chain entry that sealed the consent, ``<seq> <hash>`` (an anchor on paper)."""


@dataclass(frozen=True, slots=True)
class DeferralLabels:
    """Wording of the deferral letter that is not specific to the patient."""

    title: str
    subject: str
    greeting: str
    """Template with ``{name}``, e.g. ``"Dear {name},"``."""
    intro: str
    reasons_heading: str
    next_heading: str
    closing: str


@dataclass(frozen=True, slots=True)
class DeferralModel:
    """The letter given when screening says STOP: no treatment today, why, and what next."""

    lang: str
    clinic: ClinicInfo
    patient_name: str
    date: str
    reasons: tuple[str, ...]
    next_steps: tuple[str, ...]
    clinician: str
    clinician_role: str
    footer: FooterInfo
    labels: DeferralLabels
    common: CommonLabels
    page_size: PageSize = "A4"

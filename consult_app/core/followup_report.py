"""The follow-up note (``followup.pdf``) as plain values in the clinician's language (pure).

:func:`build_followup_note` turns a follow-up visit, the treatment it follows and the patient's
earlier treatments into a :class:`FollowUpNoteModel`: patient and visit fields, one row per
outcome score against the baseline of the first treatment for its indication, one row per adverse
event, the global impression of change and the notes. Every label comes from
``resources/labels/followup.toml`` (and ``documents.toml`` for the page header and footer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from consult_app.core.followup import BaselineTreatment, FollowUpVisit, compare_to_baseline
from consult_app.core.labels import Labels, build_labels, fill
from consult_app.core.protocol import Protocol
from consult_app.core.report_model import (
    ClinicInfo,
    CommonLabels,
    FooterInfo,
    LabeledValue,
    PageSize,
)

__all__ = ["FollowUpNoteLabels", "FollowUpNoteModel", "build_followup_note", "format_change"]


@dataclass(frozen=True, slots=True)
class FollowUpNoteLabels:
    """Fixed wording of the follow-up note."""

    title: str
    subject: str
    scores_heading: str
    scores_intro: str
    col_indication: str
    col_score: str
    col_baseline: str
    col_now: str
    col_change: str
    no_scores: str
    adverse_heading: str
    col_event: str
    col_severity: str
    col_onset: str
    col_resolved: str
    no_adverse: str
    notes_heading: str


@dataclass(frozen=True, slots=True)
class FollowUpNoteModel:
    """Everything printed on the follow-up note, already in the note's language."""

    lang: str
    clinic: ClinicInfo
    patient_name: str
    fields: tuple[LabeledValue, ...]
    scores: tuple[tuple[str, str, str, str, str], ...]
    adverse_events: tuple[tuple[str, str, str, str], ...]
    notes: str
    integrity: str
    footer: FooterInfo
    labels: FollowUpNoteLabels
    common: CommonLabels
    page_size: PageSize = "A4"


def format_change(percent: float | None, lang: str) -> str:
    """Return a signed percentage (``-15 %`` in French, ``-15%`` in English), or ``""``."""
    if percent is None:
        return ""
    value = round(percent)
    text = f"{value:+d}" if value else "0"
    return f"{text}\u00a0%" if lang == "fr" else f"{text}%"


def build_followup_note(
    visit: FollowUpVisit,
    *,
    protocol: Protocol,
    labels: Labels,
    documents: Labels,
    lang: str,
    clinic: ClinicInfo,
    page_size: PageSize,
    produced_at: dt.datetime,
    treatment: BaselineTreatment,
    product_name: str,
    treatments: Sequence[BaselineTreatment],
    chart_number: str | None,
    sha256: str,
) -> FollowUpNoteModel:
    """Return the follow-up note's content.

    Args:
        visit: the follow-up visit.
        protocol: names of indications, outcomes and risks.
        labels: ``followup.toml``.
        documents: ``documents.toml`` (page header and footer labels).
        lang: the clinician's language (``--lang``).
        clinic: the clinic printed in the header.
        page_size: the clinic's paper size.
        produced_at: when the note is produced.
        treatment: the treatment followed up.
        product_name: its product as printed.
        treatments: the patient's treatments, oldest first (for the baselines).
        chart_number: the patient's chart number.
        sha256: the stored follow-up's hash.
    """

    def get(key: str, section: str = "followup") -> str:
        return labels.get(section, key, lang)

    def ind_name(iid: str) -> str:
        ind = protocol.indications.get(iid)
        return ind.name.get(lang) if ind is not None else iid

    days = (visit.date - treatment.date).days
    fields = [
        LabeledValue(get("patient"), visit.patient.name),
        LabeledValue(get("birth_date"), visit.patient.birth_date.isoformat()),
        LabeledValue(get("chart_number"), chart_number or ""),
        LabeledValue(get("visit_date"), visit.date.isoformat()),
        LabeledValue(
            get("treatment"),
            fill(
                get("treatment_value"),
                product=product_name,
                date=treatment.date.isoformat(),
                days=str(days),
            ),
        ),
        LabeledValue(get("indications"), ", ".join(ind_name(i) for i in treatment.indications)),
        LabeledValue(get("clinician"), visit.clinician or ""),
    ]
    if visit.global_impression:
        fields.append(LabeledValue(get("impression"), get(visit.global_impression, "impression")))
    scores = []
    for row in compare_to_baseline(visit.outcomes, treatment.indications, treatments, protocol):
        outcome = protocol.outcomes[row.outcome]
        baseline = (
            fill(
                get("baseline_on"),
                value=str(row.baseline),
                date=row.baseline_date.isoformat() if row.baseline_date else "",
            )
            if row.baseline is not None
            else get("no_baseline")
        )
        scores.append(
            (
                ind_name(row.indication),
                outcome.name.get(lang),
                baseline,
                str(row.value),
                format_change(row.change_percent, lang),
            )
        )
    risk_names = {r.id: r.label.get(lang) for r in protocol.content.risks}
    events = tuple(
        (
            risk_names.get(e.risk, e.risk) + (f" ({e.notes})" if e.notes else ""),
            get(e.severity, "severity"),
            e.onset.isoformat(),
            e.resolved.isoformat() if e.resolved else get("ongoing"),
        )
        for e in visit.adverse_events
    )
    return FollowUpNoteModel(
        lang=lang,
        clinic=clinic,
        patient_name=visit.patient.name,
        fields=tuple(fields),
        scores=tuple(scores),
        adverse_events=events,
        notes=visit.notes or "",
        integrity=fill(get("integrity"), sha256=sha256),
        footer=FooterInfo(
            produced_date=produced_at.date().isoformat(), protocol_version=protocol.version
        ),
        labels=build_labels(FollowUpNoteLabels, labels, "followup", lang),
        common=build_labels(CommonLabels, documents, "common", lang),
        page_size=page_size,
    )

"""The one seam between the consultation screens and the consultation use case.

:class:`ConsultationPort` is everything the screens may ask of a consultation: patients and
their history, drafts, evaluation, sealing, declining, deferral, documents and their delivery,
settings and the protocol. Every answer is a typed core value (``Evaluation``, ``SealResult``,
``HistoryItem``...), never ``Any``. The app implements it (``app.consultation_service``, wired to
storage and documents); the screens receive it in their constructor and import nothing else to
reach the consultation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from consult_app.core.consultation_flow import SealResult
from consult_app.core.diagrams import Diagrams
from consult_app.core.patient import PatientRow
from consult_app.core.protocol import Protocol as ClinicalProtocol
from consult_app.core.records import ConsultationRow, HistoryItem
from consult_app.core.settings import ClinicSettings
from consult_app.core.usecase import Evaluation

__all__ = ["DOCUMENT_KINDS", "ConsultationPort", "Draft"]

Draft = dict[str, Any]
"""A draft: ``{"case": {...}, "extra": {...}}`` (see ``core.consultation_flow``)."""

DOCUMENT_KINDS = ("handout", "record", "deferral")
"""The documents a consultation can produce (file ``<kind>.pdf``; "handout" is the patient
sheet, a name the case-file contract fixes)."""


class ConsultationPort(Protocol):
    """What the consultation screens use; implemented by the app's consultation service."""

    protocol: ClinicalProtocol
    """The clinical protocol consultations are evaluated with."""

    settings: ClinicSettings
    """The clinic's effective settings (clinicians, clinic profile, mail server)."""

    def diagrams(self) -> Diagrams | None:
        """Return the injection-map diagrams and default points (None: no map)."""
        ...

    def record_administration(
        self, consultation_id: int, administration: Mapping[str, Any]
    ) -> SealResult:
        """Seal what was given after consent (1.1 ``administration``); documents again."""
        ...

    def patient(self, patient_id: int) -> PatientRow:
        """Return a stored patient."""
        ...

    def history(self, patient_id: int) -> Sequence[HistoryItem]:
        """Return the patient's consultations, newest first."""
        ...

    def drafts(self, patient_id: int) -> Sequence[ConsultationRow]:
        """Return the patient's unfinished drafts, most recently saved first."""
        ...

    def unfinished(self, limit: int = 20) -> Sequence[ConsultationRow]:
        """Return every patient's unfinished drafts, most recently saved first."""
        ...

    def start(self, patient_id: int, draft: Mapping[str, Any] | None = None) -> int:
        """Start a consultation and return its id."""
        ...

    def repeat_last(self, patient_id: int) -> Draft | None:
        """Return a draft pre-filled from the last treatment, or None."""
        ...

    def load_draft(self, consultation_id: int) -> Draft:
        """Return the stored draft (or the sealed consultation's last draft)."""
        ...

    def status(self, consultation_id: int) -> str:
        """Return ``draft``, ``deferred``, ``sealed`` or ``declined``."""
        ...

    def save_draft(self, consultation_id: int, draft: Mapping[str, Any]) -> None:
        """Save the answers (own transaction); raises ``ConsultationNotEditable`` once sealed."""
        ...

    def complete_step(self, consultation_id: int, step: str) -> None:
        """Audit that a step was completed."""
        ...

    def evaluate(
        self, patient_id: int, draft: Mapping[str, Any], *, exclude: int | None = None
    ) -> Evaluation:
        """Evaluate a draft; raises ``CaseError`` naming the field while it is incomplete.

        ``exclude``: a consultation whose own sealed treatment is not history (reopening a
        sealed consultation must not find it "given 0 days ago").
        """
        ...

    def previous_reason(self, patient_id: int, finding_id: str) -> str | None:
        """Return the reason given at an earlier visit for the same finding."""
        ...

    def record_deferral(self, consultation_id: int, draft: Mapping[str, Any]) -> Path:
        """Store the deferral (screening said STOP) and write the deferral letter."""
        ...

    def seal(
        self, consultation_id: int, draft: Mapping[str, Any], corrects: int | None = None
    ) -> SealResult:
        """Seal the consent or the refusal the draft holds and write the documents."""
        ...

    def documents(self, consultation_id: int) -> dict[str, Path]:
        """Return the documents produced for a consultation, by kind (``DOCUMENT_KINDS``)."""
        ...

    def documents_dir(self, consultation_id: int) -> Path:
        """Return the folder of a consultation's documents."""
        ...

    def log_delivery(self, consultation_id: int, kind: str, event: str) -> None:
        """Audit that a document was printed, saved or emailed."""
        ...

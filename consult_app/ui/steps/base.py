"""The step interface shared by every consultation step, and what steps need from the service.

A step shows part of the draft dict (docs/dev-contract.md, "Round 2") and emits ``changed`` with
the whole updated draft whenever the clinician changes something; the consultation view saves it
through the service at once and hands every step the new draft and evaluation. Steps decide
nothing clinical: the evaluation (core) says what applies, what was found and what is missing.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QWidget

STEP_IDS = ("indications", "product", "screening", "risks", "consent", "finish")
"""The draft's ``extra.step`` values, in order."""


class ConsultationServiceLike(Protocol):
    """What the UI uses of ``app.consultation_service.ConsultationService``.

    Declared here because ui must not import app (style.md 2.1).
    """

    protocol: Any

    def patient(self, patient_id: int) -> Any:
        """The patient's details."""

    def history(self, patient_id: int) -> Any:
        """The patient's consultations, newest first."""

    def drafts(self, patient_id: int) -> Any:
        """The patient's unfinished drafts."""

    def start(self, patient_id: int, draft: dict[str, Any] | None = None) -> int:
        """Start a consultation and return its id."""

    def repeat_last(self, patient_id: int) -> dict[str, Any] | None:
        """A draft pre-filled from the last sealed consultation, or None."""

    def load_draft(self, consultation_id: int) -> dict[str, Any]:
        """The stored draft."""

    def status(self, consultation_id: int) -> str:
        """``draft``, ``deferred``, ``sealed`` or ``declined``."""

    def save_draft(self, consultation_id: int, draft: dict[str, Any]) -> None:
        """Save the draft (own transaction)."""

    def complete_step(self, consultation_id: int, step: str) -> None:
        """Audit that a step was completed."""

    def evaluate(self, patient_id: int, draft: dict[str, Any]) -> Any:
        """Evaluate the draft; raises CaseError while it is incomplete."""

    def previous_reason(self, patient_id: int, finding_id: str) -> str | None:
        """The reason given at the last visit for the same finding."""

    def record_deferral(self, consultation_id: int, draft: dict[str, Any]) -> Path:
        """Store the deferral and write the deferral letter."""


class StepStatus:
    """How a step is marked in the step list."""

    TODO = ""
    DONE = "done"
    ATTENTION = "attention"
    STOP = "stop"


class StepWidget(QWidget):
    """Base of the steps: holds the context and emits the updated draft.

    Subclasses implement ``_show()`` (fill the widgets from ``self.draft`` and
    ``self.evaluation``), ``retranslate_ui()``, ``is_complete()`` and optionally ``status()``.
    """

    changed = Signal(dict)

    step_id = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service: ConsultationServiceLike | None = None
        self.consultation_id = 0
        self.patient_id = 0
        self.draft: dict[str, Any] = {"case": {}, "extra": {}}
        self.evaluation: Any = None
        self._filling = False

    # -- the interface ------------------------------------------------------------------------
    def set_context(
        self,
        service: ConsultationServiceLike | None,
        consultation_id: int,
        draft: dict[str, Any],
        evaluation: Any,
    ) -> None:
        """Show a draft and its evaluation (``None`` while the draft is incomplete)."""
        self.service = service
        self.consultation_id = consultation_id
        self.draft = copy.deepcopy(draft)
        self.draft.setdefault("case", {})
        self.draft.setdefault("extra", {})
        self.evaluation = evaluation
        self._filling = True
        try:
            self._show()
        finally:
            self._filling = False

    def is_complete(self) -> bool:
        """True when the clinician may go on to the next step."""
        return True

    def status(self) -> str:
        """The mark in the step list (a ``StepStatus`` value)."""
        return StepStatus.DONE if self.is_complete() else StepStatus.ATTENTION

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""

    def focus_first(self) -> None:
        """Put the keyboard focus on the step's first input."""
        self.focusNextChild()

    # -- helpers ------------------------------------------------------------------------------
    @property
    def case(self) -> dict[str, Any]:
        """The ``case`` part of the draft."""
        case: dict[str, Any] = self.draft["case"]
        return case

    @property
    def screening(self) -> Any:
        """The screening result of the evaluation, or None."""
        return getattr(self.evaluation, "screening", None)

    @property
    def protocol(self) -> Any:
        """The protocol the service works with."""
        return getattr(self.service, "protocol", None)

    @property
    def jurisdiction(self) -> str:
        """The jurisdiction whose labels apply."""
        return str(self.case.get("jurisdiction") or "CA")

    @property
    def language(self) -> str:
        """The interface language for protocol texts (``en`` or ``fr``)."""
        from PySide6.QtCore import QLocale

        return "fr" if QLocale().language() == QLocale.Language.French else "en"

    def _emit(self) -> None:
        """Emit the current draft unless the widgets are being filled."""
        if not self._filling:
            self.changed.emit(copy.deepcopy(self.draft))

    def _show(self) -> None:
        """Fill the widgets from the draft and evaluation."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

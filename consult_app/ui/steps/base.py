"""The step frame's contract: what every consultation step offers, and the service it receives.

A step shows part of the draft dict (docs/dev-contract.md, "Round 2") and emits ``changed`` with
the whole updated draft whenever the clinician changes something; the consultation view saves it
through the service at once and hands every step the new draft and the typed ``Evaluation``
(``set_context``). Steps decide nothing clinical: the evaluation (core) says what applies, what
was found and what is missing.

Every step declares the same interface, so the frame never probes: ``step_id``, ``hint()``,
``is_complete()``, ``status()``, ``focus_first()`` and ``read_only`` (a sealed consultation is
shown, never edited: ``_apply_read_only()`` locks the step's inputs).
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtWidgets import QWidget

from consult_app.core.ports import ConsultationPort
from consult_app.core.protocol import Protocol
from consult_app.core.screening import ScreeningResult
from consult_app.core.usecase import Evaluation

__all__ = ["STEP_IDS", "ConsultationPort", "StepStatus", "StepWidget"]

STEP_IDS = ("indications", "product", "screening", "risks", "consent", "finish")
"""The draft's ``extra.step`` values, in order."""


class StepStatus:
    """How a step is marked in the step list."""

    TODO = ""
    DONE = "done"
    ATTENTION = "attention"
    STOP = "stop"


class StepWidget(QWidget):
    """Base of the steps: holds the context and emits the updated draft.

    Subclasses implement ``_show()`` (fill the widgets from ``self.draft`` and
    ``self.evaluation``), ``retranslate_ui()``, ``is_complete()``, ``hint()``, ``focus_first()``
    and ``_apply_read_only()``; optionally ``status()``.
    """

    changed = Signal(dict)

    step_id = ""

    def __init__(self, service: ConsultationPort, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.consultation_id = 0
        self.patient_id = 0
        self.draft: dict[str, Any] = {"case": {}, "extra": {}}
        self.evaluation: Evaluation | None = None
        self.read_only = False
        self._filling = False

    # -- the interface ------------------------------------------------------------------------
    def set_context(
        self,
        consultation_id: int,
        patient_id: int,
        draft: dict[str, Any],
        evaluation: Evaluation | None,
        *,
        read_only: bool = False,
    ) -> None:
        """Show a draft and its evaluation (``None`` while the draft is incomplete).

        Args:
            consultation_id: the consultation shown.
            patient_id: its patient.
            draft: the draft (copied).
            evaluation: the core's evaluation of the draft, or None while it is incomplete.
            read_only: the consultation is sealed (or declined): show it, lock every input.
        """
        self.consultation_id = consultation_id
        self.patient_id = patient_id
        self.draft = copy.deepcopy(draft)
        self.draft.setdefault("case", {})
        self.draft.setdefault("extra", {})
        self.evaluation = evaluation
        self.read_only = read_only
        self._filling = True
        try:
            self._show()
            self._apply_read_only()
        finally:
            self._filling = False

    def is_complete(self) -> bool:
        """True when the clinician may go on to the next step."""
        return not self.hint()

    def hint(self) -> str:
        """What is still needed on this step (shown beside Next), or an empty string."""
        return ""

    def status(self) -> str:
        """The mark in the step list (a ``StepStatus`` value)."""
        return StepStatus.DONE if self.is_complete() else StepStatus.ATTENTION

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""

    def focus_first(self) -> None:
        """Put the keyboard focus on the step's first control."""
        self.focusNextChild()

    # -- helpers ------------------------------------------------------------------------------
    @property
    def case(self) -> dict[str, Any]:
        """The ``case`` part of the draft."""
        case: dict[str, Any] = self.draft["case"]
        return case

    @property
    def screening(self) -> ScreeningResult | None:
        """The screening result of the evaluation, or None."""
        return self.evaluation.screening if self.evaluation is not None else None

    @property
    def protocol(self) -> Protocol:
        """The protocol the service works with."""
        return self.service.protocol

    @property
    def jurisdiction(self) -> str:
        """The jurisdiction whose labels apply."""
        return str(self.case.get("jurisdiction") or "CA")

    @property
    def language(self) -> str:
        """The interface language for protocol texts (``en`` or ``fr``)."""
        return "fr" if QLocale().language() == QLocale.Language.French else "en"

    def _emit(self) -> None:
        """Emit the current draft unless the widgets are being filled or it is read-only."""
        if not self._filling and not self.read_only:
            self.changed.emit(copy.deepcopy(self.draft))

    def _show(self) -> None:
        """Fill the widgets from the draft and evaluation."""

    def _apply_read_only(self) -> None:
        """Lock (``self.read_only``) or unlock the step's inputs."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

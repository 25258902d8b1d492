"""The consultation frame: the step list beside the current step, Back/Next, autosave.

Every change a step reports is saved at once through the service and the draft is re-evaluated
(core decides); every step is then shown the new draft and evaluation, so reopening an earlier
step and changing it re-evaluates everything after it.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consult_app.core.consultation_flow import SealResult, screening_asked_again
from consult_app.core.ports import ConsultationPort
from consult_app.core.records import ConsultationNotEditable
from consult_app.core.usecase import Evaluation
from consult_app.ui.prompts import Prompter
from consult_app.ui.steps.base import STEP_IDS, StepStatus, StepWidget
from consult_app.ui.steps.consent_step import ConsentStep
from consult_app.ui.steps.finish_step import FinishStep
from consult_app.ui.steps.indications_step import IndicationsStep
from consult_app.ui.steps.product_step import ProductStep
from consult_app.ui.steps.risks_step import RisksStep
from consult_app.ui.steps.screening_step import ScreeningStep

logger = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConsultationView", text)


class ConsultationView(QWidget):
    """Steps 2-7 of one consultation for one patient."""

    closed = Signal(int)  # patient id
    saved = Signal(int)  # consultation id

    def __init__(
        self,
        service: ConsultationPort,
        prompter: Prompter,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("consultationView")
        self._service = service
        self._now = now
        self.patient_id = 0
        self.consultation_id = 0
        self.draft: dict[str, Any] = {"case": {}, "extra": {}}
        self.evaluation: Evaluation | None = None
        self.evaluation_error = ""
        # "sealed" or "declined" once the consent step has sealed: never saved again.
        self.final_status = ""

        self.patient_label = QLabel()
        self.patient_label.setObjectName("consultationPatient")
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedIndicator")
        self.step_list = QListWidget()
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        # Said on every step of a sealed consultation: it is shown, never edited.
        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            "background:#e8f5e9; color:#1b5e20; padding:6px; font-weight:bold;"
        )
        self.read_only_banner.hide()
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setObjectName("stepMessage")
        self.patient_button = QPushButton()
        self.back_button = QPushButton()
        self.next_button = QPushButton()
        self.next_button.setDefault(False)

        self.indications_step = IndicationsStep(service)
        self.product_step = ProductStep(service)
        self.screening_step = ScreeningStep(service)
        self.risks_step = RisksStep(service)
        self.consent_step = ConsentStep(service, prompter)
        self.finish_step = FinishStep(service, prompter)
        self.steps: list[StepWidget] = [
            self.indications_step,
            self.product_step,
            self.screening_step,
            self.risks_step,
            self.consent_step,
            self.finish_step,
        ]
        for step in self.steps:
            # Every step scrolls inside the frame, so no step can make the window too big for a
            # 1366x768 screen at 150 % scaling.
            holder = QScrollArea()
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setWidget(step)
            self.stack.addWidget(holder)
            step.changed.connect(self._on_step_changed)
        self.screening_step.deferral_recorded.connect(self._on_deferral_recorded)
        self.consent_step.sealed.connect(self._on_consent_sealed)

        header = QHBoxLayout()
        header.addWidget(self.patient_label, 1)
        header.addWidget(self.saved_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.patient_button)
        buttons.addWidget(self.message_label, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        right = QVBoxLayout()
        right.addLayout(header)
        right.addWidget(self.read_only_banner)
        right.addWidget(self.stack, 1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.step_list)
        layout.addLayout(right, 1)

        self.back_action = QAction(self)
        self.back_action.setShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left))
        self.back_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.back_action.triggered.connect(self.go_back)
        self.addAction(self.back_action)
        self.next_action = QAction(self)
        self.next_action.setShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Right))
        self.next_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.next_action.triggered.connect(self.go_next)
        self.addAction(self.next_action)

        self.step_list.currentRowChanged.connect(self._on_step_list_current_row_changed)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.patient_button.clicked.connect(self._on_patient_button_clicked)
        # Style sheets on the widgets they style, never on this view: one here would turn every
        # widget of every step into a style-sheet widget, whose metrics differ between Qt releases
        # (PySide6 6.11's spin boxes came out 16 px wider than Fusion's and no longer fitted).
        for step in self.steps:
            for title in step.findChildren(QLabel, "stepTitle"):
                title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.step_list.setStyleSheet("QListWidget::item { padding: 6px 4px; }")
        self._set_saved_style("")
        self.step_list.setObjectName("stepList")
        self.retranslate_ui()

    # -- texts --------------------------------------------------------------------------------
    def step_names(self) -> list[str]:
        """The step names, numbered as in design.md (the patient is step 1)."""
        return [
            _tr("2. Indications and areas"),
            _tr("3. Product and plan"),
            _tr("4. Screening"),
            _tr("5. Risks discussed"),
            _tr("6. Consent"),
            _tr("7. Patient sheet and finish"),
        ]

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.step_list.setAccessibleName(_tr("Consultation steps"))
        self.patient_button.setText(_tr("&Patient page"))
        self.patient_button.setAccessibleName(_tr("Back to the patient page"))
        self.back_button.setText(_tr("< &Back"))
        self.back_button.setAccessibleName(_tr("Previous step (Alt+Left)"))
        self.next_button.setText(_tr("&Next >"))
        self.next_button.setAccessibleName(_tr("Next step (Alt+Right)"))
        self.back_action.setText(_tr("Previous step"))
        self.next_action.setText(_tr("Next step"))
        self._update_marks()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- opening ------------------------------------------------------------------------------
    def open_consultation(self, patient_id: int, consultation_id: int, patient_name: str) -> None:
        """Show a stored draft, at the step where it was left."""
        self.patient_id = patient_id
        self.consultation_id = consultation_id
        self.patient_label.setText(f"<b>{_escape(patient_name)}</b>")
        self.draft = copy.deepcopy(self._service.load_draft(consultation_id))
        self.draft.setdefault("case", {})
        self.draft.setdefault("extra", {})
        self.saved_label.setText("")
        self._set_saved_style("")
        self.message_label.setText("")
        self.final_status = self._stored_status()
        self._show_final_status()
        if not self.final_status:
            self._ask_screening_again_if_stale()
        self._evaluate()
        self._push_context()
        step = self.draft["extra"].get("step")
        index = STEP_IDS.index(step) if step in STEP_IDS else 0
        if self.final_status == "deferred":
            # A recorded deferral reopens at the screening that stopped it.
            self.show_step(STEP_IDS.index("screening"))
            return
        if self.final_status:
            # A sealed consultation reopens at its documents (print or email them again).
            self.show_step(STEP_IDS.index("finish"))
            return
        # Never open past a step that is not complete.
        first_open = self._first_incomplete()
        self.show_step(min(index, first_open))

    # -- navigation ---------------------------------------------------------------------------
    def current_index(self) -> int:
        """The index of the current step (0 = indications)."""
        return self.stack.currentIndex()

    def show_step(self, index: int) -> None:
        """Show a step (and remember it in the draft)."""
        index = max(0, min(index, len(self.steps) - 1))
        self.stack.setCurrentIndex(index)
        self.step_list.blockSignals(True)
        self.step_list.setCurrentRow(index)
        self.step_list.blockSignals(False)
        step = self.steps[index]
        if STEP_IDS[index] != self.draft["extra"].get("step"):
            self.draft["extra"]["step"] = STEP_IDS[index]
            self._save()
        self._update_marks()
        step.focus_first()

    def go_back(self) -> None:
        """The previous step; from the first step, the patient page."""
        if self.current_index() == 0:
            self._on_patient_button_clicked()
        else:
            self.show_step(self.current_index() - 1)

    def go_next(self) -> None:
        """The next step, when the current one is complete."""
        index = self.current_index()
        if not self._complete(index):
            self._update_marks()
            return
        try:
            self._service.complete_step(self.consultation_id, STEP_IDS[index])
        except Exception as exc:  # audit failure must not lose the draft; say so inline
            self.message_label.setText(_tr("Not saved: %1").replace("%1", str(exc)))
            return
        if index + 1 < len(self.steps):
            self.show_step(index + 1)

    def _first_incomplete(self) -> int:
        for index in range(len(self.steps)):
            if not self._complete(index):
                return index
        return len(self.steps) - 1

    def _complete(self, index: int) -> bool:
        return self.steps[index].is_complete()

    def _status(self, index: int) -> str:
        return self.steps[index].status()

    # -- changes ------------------------------------------------------------------------------
    def _on_step_changed(self, draft: dict[str, Any]) -> None:
        step = self.draft.get("extra", {}).get("step")
        self.draft = copy.deepcopy(draft)
        # The frame owns where the consultation is; a step's copy may be older.
        self.draft.setdefault("extra", {})["step"] = step
        self._save()
        self._evaluate()
        self._push_context()
        self._update_marks()

    def _stored_status(self) -> str:
        """``sealed``/``declined``/``deferred`` when the stored consultation is final, else ``""``.

        A recorded deferral is final too: it is the chart's record of a STOP, so reopening it
        must never let the answers change or a consent be sealed on it (a new consultation is
        started when the patient can be treated).
        """
        try:
            status = self._service.status(self.consultation_id)
        except Exception:  # StorageUnavailable, not found: treat as editable; saving will say
            return ""
        return status if status in ("sealed", "declined", "deferred") else ""

    def _show_final_status(self) -> None:
        self.read_only_banner.setVisible(bool(self.final_status))
        if not self.final_status:
            return
        self.read_only_banner.setText(
            _tr(
                "This consultation is sealed: it is shown read-only and can no longer be "
                "changed. A correction is a new consent: Correct… on step 6."
            )
            if self.final_status == "sealed"
            else _tr(
                "The deferral is recorded: this consultation is shown read-only and can no "
                "longer be changed. Start a new consultation when the patient can be treated."
            )
            if self.final_status == "deferred"
            else _tr(
                "The patient's refusal is sealed: this consultation is shown read-only and "
                "can no longer be changed."
            )
        )
        self.read_only_banner.setAccessibleName(self.read_only_banner.text())
        text = {
            "declined": _tr("Refusal sealed"),
            "deferred": _tr("Deferral recorded"),
        }.get(self.final_status, _tr("Sealed"))
        self._set_saved_style("color:#2e7d32; font-weight:bold;")
        self.saved_label.setText("\u2713 " + text)
        self.saved_label.setAccessibleName(text)

    def _ask_screening_again_if_stale(self) -> None:
        """A draft left for more than a day: its screening answers must be given again."""
        try:
            rows = self._service.drafts(self.patient_id)
        except Exception:  # StorageUnavailable: keep the answers; saving will say
            return
        saved_at = next((r.updated_at for r in rows if r.id == self.consultation_id), None)
        if saved_at is None:
            return
        now = self._now()
        if now.tzinfo is None:
            now = now.astimezone()
        fresh = screening_asked_again(self.draft, saved_at, now)
        if fresh is None:
            return
        self.draft = fresh
        self._save()

    def _save(self) -> None:
        if self.final_status:
            # Sealed (or declined) in step 6: nothing more to save; moving between steps is fine.
            self._show_final_status()
            return
        try:
            self._service.save_draft(self.consultation_id, self.draft)
        except ConsultationNotEditable:
            # Sealed elsewhere (another window): say so rather than "not saved".
            self.final_status = self._stored_status() or "sealed"
            self._show_final_status()
            self._update_marks()
            return
        except Exception as exc:  # StorageUnavailable: keep everything on screen, say so
            logger.warning("draft not saved: %s", type(exc).__name__)
            self.saved_label.setText(_tr("NOT SAVED: %1").replace("%1", str(exc)))
            self._set_saved_style("color:#b00020; font-weight:bold;")
            return
        self._set_saved_style("color:#2e7d32;")
        self.saved_label.setText(_tr("Saved %1").replace("%1", self._now().strftime("%H:%M")))
        self.saved.emit(self.consultation_id)

    def _evaluate(self) -> None:
        try:
            # Its own sealed treatment is not history (no "given 0 days ago" on reopening).
            self.evaluation = self._service.evaluate(
                self.patient_id, self.draft, exclude=self.consultation_id
            )
            self.evaluation_error = ""
        except Exception as exc:  # CaseError while the draft is incomplete
            self.evaluation = None
            self.evaluation_error = str(exc)

    def _push_context(self) -> None:
        read_only = bool(self.final_status)
        for step in self.steps:
            step.set_context(
                self.consultation_id,
                self.patient_id,
                self.draft,
                self.evaluation,
                read_only=read_only,
            )

    def _update_marks(self) -> None:
        names = self.step_names()
        marks = {
            StepStatus.DONE: _tr("done"),
            StepStatus.ATTENTION: _tr("needs attention"),
            StepStatus.STOP: _tr("STOP"),
        }
        symbols = {StepStatus.DONE: "\u2713", StepStatus.ATTENTION: "!", StepStatus.STOP: "\u25a0"}
        colours = {
            StepStatus.ATTENTION: Qt.GlobalColor.darkYellow,
            StepStatus.STOP: Qt.GlobalColor.red,
        }
        reachable = True
        current = self.current_index()
        self.step_list.blockSignals(True)
        if self.step_list.count() != len(names):
            self.step_list.clear()
            for _name in names:
                self.step_list.addItem(QListWidgetItem())
        for index, name in enumerate(names):
            item = self.step_list.item(index)
            status = self._status(index) if reachable else StepStatus.TODO
            text = spoken = name
            if status and (index <= current or status != StepStatus.ATTENTION):
                spoken = f"{symbols[status]} {name}  ({marks[status]})"
                # A narrow window shows the mark's symbol only (the words stay in the tooltip
                # and for screen readers), so no line is ever cut.
                text = f"{symbols[status]} {name}" if self._compact() else spoken
            item.setText(text)
            item.setToolTip(spoken)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
            flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
            item.setFlags(flags if reachable else Qt.ItemFlag.NoItemFlags)
            colour = colours.get(status)
            item.setForeground(colour if colour is not None else self.palette().text())
            if status != StepStatus.DONE:
                reachable = False
        self.step_list.blockSignals(False)
        self._fit_step_list()
        index = current
        complete = self._complete(index)
        message = self.steps[index].hint()
        if not message and not complete:
            message = _tr("Complete this step to go on.")
        self.message_label.setText(message)
        self.next_button.setEnabled(complete and index + 1 < len(self.steps))
        self.next_action.setEnabled(self.next_button.isEnabled())

    def _set_saved_style(self, css: str) -> None:
        self.saved_label.setStyleSheet("padding: 0 6px; " + css)

    COMPACT_BELOW = 1100
    """Below this width (1366x768 at 150 %) the step list shows marks as symbols only."""

    def _compact(self) -> bool:
        return self.width() < self.COMPACT_BELOW

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Switch the step list between full and compact marks."""
        super().resizeEvent(event)
        compact = event.size().width() < self.COMPACT_BELOW
        if compact != (event.oldSize().width() < self.COMPACT_BELOW):
            self._update_marks()

    def _fit_step_list(self) -> None:
        """Make the step list as wide as its longest possible line: never cut at 1280 px."""
        metrics = self.step_list.fontMetrics()
        marks = ("",) if self._compact() else (_tr("done"), _tr("needs attention"), _tr("STOP"))
        longest = max(
            metrics.horizontalAdvance(f"\u25a0 {name}  ({mark})" if mark else f"\u25a0 {name}")
            for name in self.step_names()
            for mark in marks
        )
        frame = 2 * self.step_list.frameWidth()
        width = longest + frame + 24  # item padding (style sheet) and the focus frame
        if self.step_list.minimumWidth() != width:
            self.step_list.setFixedWidth(width)

    # -- slots --------------------------------------------------------------------------------
    def _on_step_list_current_row_changed(self, row: int) -> None:
        if row >= 0 and row != self.current_index():
            self.show_step(row)

    def _on_patient_button_clicked(self) -> None:
        self.closed.emit(self.patient_id)

    def _on_consent_sealed(self, result: SealResult) -> None:
        """The consent step sealed (or recorded a refusal): read-only from now, show documents."""
        self.final_status = "declined" if result.declined else "sealed"
        self.final_status = self._stored_status() or self.final_status
        self._show_final_status()
        self._push_context()
        self.finish_step.show_documents(result.handout, result.record)
        self._update_marks()

    def _on_deferral_recorded(self, _path: object) -> None:
        self.saved_label.setText(
            _tr("Deferral recorded %1").replace("%1", self._now().strftime("%H:%M"))
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

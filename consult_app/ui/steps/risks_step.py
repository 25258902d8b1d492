"""Step 5, risks discussed: each risk and counselling point ticked as discussed.

The list holds the risks assembled for this product and these areas, then this patient's
counselling points; below, the patient's questions and the answers given.

Keyboard: the list takes Space to tick and Down/Up to move; "Tick all" for a routine visit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.ui.steps.base import ConsultationPort, StepWidget

__all__ = ["RisksStep"]

ROW_HEIGHT = 44
KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("RisksStep", text)


def _category_title(category: str) -> str:
    """The translated heading of a risk category (the key itself when unknown)."""
    titles = {
        "common": _tr("Common effects"),
        "region": _tr("Effects specific to the treated areas"),
        "serious": _tr("Serious effects (boxed warning)"),
        "allergy": _tr("Allergic reactions"),
    }
    return titles.get(category, category)


class RisksStep(StepWidget):
    """The risk discussion checklist."""

    step_id = "risks"

    def __init__(self, service: ConsultationPort, parent: QWidget | None = None) -> None:
        super().__init__(service, parent)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("stepTitle")
        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        self.checklist = QListWidget(self)
        self.checklist.setUniformItemSizes(False)
        self.checklist.setWordWrap(True)
        self.checklist.setMinimumHeight(150)
        self.tick_all_button = QPushButton(self)
        self.tick_all_button.setMinimumHeight(ROW_HEIGHT)
        self.progress_label = QLabel(self)
        self.questions_label = QLabel(self)
        self.questions_edit = QPlainTextEdit(self)
        self.questions_edit.setTabChangesFocus(True)
        self.questions_edit.setMinimumHeight(60)
        self.questions_label.setBuddy(self.questions_edit)

        row = QHBoxLayout()
        row.addWidget(self.progress_label, 1)
        row.addWidget(self.tick_all_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.checklist, 3)
        layout.addLayout(row)
        layout.addWidget(self.questions_label)
        layout.addWidget(self.questions_edit, 1)

        self.checklist.itemChanged.connect(self._on_checklist_item_changed)
        self.tick_all_button.clicked.connect(self._on_tick_all_button_clicked)
        self.questions_edit.textChanged.connect(self._on_questions_edit_text_changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set the translatable texts."""
        self.title_label.setText("<h2>" + _tr("Risks discussed") + "</h2>")
        self.intro_label.setText(
            _tr(
                "Go through each item with the patient and tick it once discussed "
                "(Space ticks, Down moves to the next)."
            )
        )
        self.checklist.setAccessibleName(_tr("Risks and counselling points to discuss"))
        self.tick_all_button.setText(_tr("&Tick all as discussed"))
        self.tick_all_button.setAccessibleName(_tr("Tick all as discussed"))
        self.questions_label.setText(_tr("Patient's &questions and the answers given:"))
        self.questions_edit.setAccessibleName(_tr("Patient's questions and the answers given"))
        self._update_progress()

    # --- filling ----------------------------------------------------------------------------

    def _show(self) -> None:
        extra = self.draft["extra"]
        questions = str(extra.get("patient_questions") or "")
        if self.questions_edit.toPlainText() != questions:
            self.questions_edit.setPlainText(questions)
        ticked_risks = self._ticked_risk_ids()
        ticked_notes = set(extra.get("counselling_discussed") or [])
        current_row = self.checklist.currentRow()
        self.checklist.blockSignals(True)
        self.checklist.clear()
        # The clinician's checklist: the protocol's texts in the interface language (issue 21).
        sheet = self.evaluation.sheet_in(self.language) if self.evaluation is not None else None
        if sheet is not None:
            by_category: dict[str, list[Any]] = {}
            for risk in sheet.risks:
                by_category.setdefault(risk.category, []).append(risk)
            for category, risks in by_category.items():
                self._add_header(_category_title(category))
                for risk in risks:
                    text = risk.label
                    if risk.frequency:
                        text += f"  ({risk.frequency})"
                    self._add_item("risk", risk.id, text, risk.text, risk.id in ticked_risks)
            if sheet.counselling:
                self._add_header(_tr("This patient's counselling points"))
                for note in sheet.counselling:
                    self._add_item(
                        "note", note.finding, note.title, note.text, note.finding in ticked_notes
                    )
        self.checklist.blockSignals(False)
        if 0 <= current_row < self.checklist.count():
            self.checklist.setCurrentRow(current_row)
        else:
            first = self._first_checkable_row()
            if first >= 0:
                self.checklist.setCurrentRow(first)
        self.setEnabled(sheet is not None)
        self._update_progress()

    def _add_header(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setForeground(self.palette().windowText())
        item.setSizeHint(QSize(0, ROW_HEIGHT - 8))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        self.checklist.addItem(item)

    def _add_item(self, kind: str, item_id: str, text: str, detail: str, ticked: bool) -> None:
        item = QListWidgetItem(text)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        item.setData(KIND_ROLE, kind)
        item.setData(ID_ROLE, item_id)
        item.setToolTip(detail)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, detail)
        item.setSizeHint(QSize(0, ROW_HEIGHT))
        self.checklist.addItem(item)

    def _first_checkable_row(self) -> int:
        for row in range(self.checklist.count()):
            item = self.checklist.item(row)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                return row
        return -1

    # --- state ------------------------------------------------------------------------------

    def _ticked_risk_ids(self) -> set[str]:
        value = self.case.get("risks_discussed")
        if value == "all":
            sheet = self.evaluation.sheet if self.evaluation is not None else None
            return {risk.id for risk in sheet.risks} if sheet is not None else set()
        return {str(x) for x in value} if isinstance(value, list) else set()

    def _items(self, kind: str) -> list[QListWidgetItem]:
        return [
            item
            for item in (self.checklist.item(row) for row in range(self.checklist.count()))
            if item.data(KIND_ROLE) == kind
        ]

    def ticked(self, kind: str = "risk") -> list[str]:
        """The ticked ids of ``kind`` (``risk`` or ``note``), in list order."""
        return [
            str(item.data(ID_ROLE))
            for item in self._items(kind)
            if item.checkState() == Qt.CheckState.Checked
        ]

    def is_complete(self) -> bool:
        """Every listed risk and counselling point ticked."""
        if self.evaluation is None:
            return False
        items = self._items("risk") + self._items("note")
        return all(item.checkState() == Qt.CheckState.Checked for item in items)

    def hint(self) -> str:
        """What is left, for the frame's message line."""
        if self.evaluation is None:
            return _tr("Complete the earlier steps first.")
        left = sum(
            1
            for item in self._items("risk") + self._items("note")
            if item.checkState() != Qt.CheckState.Checked
        )
        return _tr("%1 item(s) still to discuss.").replace("%1", str(left)) if left else ""

    def focus_first(self) -> None:
        """Focus the checklist on its first item not yet ticked (Space ticks it)."""
        self.checklist.setFocus()
        for row in range(self.checklist.count()):
            item = self.checklist.item(row)
            if item.data(KIND_ROLE) and item.checkState() != Qt.CheckState.Checked:
                self.checklist.setCurrentRow(row)
                return

    def _apply_read_only(self) -> None:
        """A sealed consultation: the ticks are shown, not changed."""
        if self.read_only:
            self.checklist.blockSignals(True)
            for item in self._items("risk") + self._items("note"):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            self.checklist.blockSignals(False)
        self.tick_all_button.setEnabled(not self.read_only)
        self.questions_edit.setReadOnly(self.read_only)

    def _update_progress(self) -> None:
        items = self._items("risk") + self._items("note")
        done = sum(1 for item in items if item.checkState() == Qt.CheckState.Checked)
        self.progress_label.setText(
            _tr("Discussed: %1 of %2").replace("%1", str(done)).replace("%2", str(len(items)))
        )

    def _store(self) -> None:
        self.case["risks_discussed"] = self.ticked("risk")
        self.draft["extra"]["counselling_discussed"] = self.ticked("note")
        self._update_progress()
        self._emit()

    # --- slots ------------------------------------------------------------------------------

    def _on_checklist_item_changed(self, _item: QListWidgetItem) -> None:
        if not self.read_only:
            self._store()

    def _on_tick_all_button_clicked(self) -> None:
        self.checklist.blockSignals(True)
        for item in self._items("risk") + self._items("note"):
            item.setCheckState(Qt.CheckState.Checked)
        self.checklist.blockSignals(False)
        self._store()

    def _on_questions_edit_text_changed(self) -> None:
        if self._filling:
            return
        self.draft["extra"]["patient_questions"] = self.questions_edit.toPlainText()
        self._emit()

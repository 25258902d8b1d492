"""The follow-up visit form: outcome scores, global impression, adverse events, clinician, notes.

:meth:`FollowUpDialog.data` returns the visit in the shape of a ``consult-followup/1`` file
(without ``format`` and ``patient``), so the GUI and ``consult-app followup`` are validated and
stored by the same code; the main window calls the service and shows its error here
(:meth:`show_error`) when the visit is refused. Every control is reachable from the keyboard and
has an accessible name; the adverse events are a table with Add and Remove buttons.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from consult_app.core.followup import GLOBAL_IMPRESSIONS, SEVERITIES
from consult_app.core.labels import Labels
from consult_app.core.protocol import Protocol

__all__ = ["FollowUpDialog"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("FollowUpDialog", text)


def _qdate(when: dt.date) -> QDate:
    return QDate(when.year, when.month, when.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class FollowUpDialog(QDialog):
    """Enter one follow-up visit; ``submitted`` carries :meth:`data` when Save is pressed."""

    submitted = Signal(dict)

    def __init__(
        self,
        protocol: Protocol,
        labels: Labels,
        today: dt.date,
        outcomes: tuple[str, ...],
        lang: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("followUpDialog")
        self.setWindowTitle(_tr("Follow-up visit"))
        self._protocol = protocol
        self._labels = labels
        self._lang = lang
        self._today = today
        self.date_edit = QDateEdit(_qdate(today))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(_qdate(today))
        self.date_edit.setAccessibleName(_tr("Follow-up date"))
        self.score_edits: dict[str, QSpinBox] = {}
        form = QFormLayout()
        form.addRow(_tr("&Date"), self.date_edit)
        for oid in outcomes or tuple(protocol.outcomes):
            outcome = protocol.outcomes[oid]
            spin = QSpinBox()
            spin.setRange(outcome.min - 1, outcome.max)
            spin.setSpecialValueText(_tr("not recorded"))
            spin.setValue(outcome.min - 1)
            spin.setAccessibleName(outcome.name.get(lang))
            self.score_edits[oid] = spin
            form.addRow(f"{outcome.name.get(lang)} ({outcome.min}-{outcome.max})", spin)
        self.impression_combo = QComboBox()
        self.impression_combo.addItem(_tr("not recorded"), None)
        for value in GLOBAL_IMPRESSIONS:
            self.impression_combo.addItem(labels.get("impression", value, lang), value)
        self.impression_combo.setAccessibleName(labels.get("followup", "impression", lang))
        form.addRow(labels.get("followup", "impression", lang), self.impression_combo)
        self.events_table = QTableWidget(0, 4)
        self.events_table.setHorizontalHeaderLabels(
            [_tr("Event"), _tr("Severity"), _tr("Onset"), _tr("Resolved")]
        )
        self.events_table.setAccessibleName(_tr("Adverse events"))
        self.events_table.verticalHeader().hide()
        self.events_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.events_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.add_event_button = QPushButton(_tr("&Add adverse event"))
        self.remove_event_button = QPushButton(_tr("Re&move adverse event"))
        self.add_event_button.clicked.connect(self.add_event)
        self.remove_event_button.clicked.connect(self._remove_event)
        events_buttons = QHBoxLayout()
        events_buttons.addWidget(self.add_event_button)
        events_buttons.addWidget(self.remove_event_button)
        events_buttons.addStretch(1)
        self.clinician_edit = QLineEdit()
        self.clinician_edit.setAccessibleName(_tr("Clinician"))
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName(_tr("Notes"))
        self.notes_edit.setTabChangesFocus(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("followUpError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>" + _tr("Adverse events") + "</b>"))
        layout.addWidget(self.events_table)
        layout.addLayout(events_buttons)
        extra = QFormLayout()
        extra.addRow(_tr("C&linician"), self.clinician_edit)
        extra.addRow(_tr("&Notes"), self.notes_edit)
        layout.addLayout(extra)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(620, 640)

    def add_event(self) -> int:
        """Add an adverse event row (onset today, ongoing) and return its row number."""
        row = self.events_table.rowCount()
        self.events_table.insertRow(row)
        risk = QComboBox()
        for r in self._protocol.content.risks:
            risk.addItem(r.label.get(self._lang), r.id)
        risk.setAccessibleName(_tr("Event"))
        severity = QComboBox()
        for value in SEVERITIES:
            severity.addItem(self._labels.get("severity", value, self._lang), value)
        severity.setAccessibleName(_tr("Severity"))
        onset = QDateEdit(_qdate(self._today))
        onset.setDisplayFormat("yyyy-MM-dd")
        onset.setAccessibleName(_tr("Onset"))
        resolved = QDateEdit()
        resolved.setDisplayFormat("yyyy-MM-dd")
        resolved.setMinimumDate(QDate(2000, 1, 1))
        resolved.setSpecialValueText(_tr("ongoing"))
        resolved.setDate(resolved.minimumDate())
        resolved.setAccessibleName(_tr("Resolved"))
        for column, widget in enumerate((risk, severity, onset, resolved)):
            self.events_table.setCellWidget(row, column, widget)
        self.events_table.setCurrentCell(row, 0)
        risk.setFocus()
        return row

    def _remove_event(self) -> None:
        row = self.events_table.currentRow()
        if row >= 0:
            self.events_table.removeRow(row)

    def data(self) -> dict[str, Any]:
        """The visit as a ``consult-followup/1`` object without ``format`` and ``patient``."""
        out: dict[str, Any] = {"date": _pydate(self.date_edit.date()).isoformat()}
        scores = {
            oid: spin.value()
            for oid, spin in self.score_edits.items()
            if spin.value() >= spin.minimum() + 1
        }
        if scores:
            out["outcomes"] = scores
        impression = self.impression_combo.currentData()
        if impression:
            out["global_impression"] = impression
        events = []
        for row in range(self.events_table.rowCount()):
            risk, severity, onset, resolved = (
                self.events_table.cellWidget(row, c) for c in range(4)
            )
            assert isinstance(risk, QComboBox) and isinstance(severity, QComboBox)
            assert isinstance(onset, QDateEdit) and isinstance(resolved, QDateEdit)
            event = {
                "risk": risk.currentData(),
                "severity": severity.currentData(),
                "onset": _pydate(onset.date()).isoformat(),
            }
            if resolved.date() != resolved.minimumDate():
                event["resolved"] = _pydate(resolved.date()).isoformat()
            events.append(event)
        if events:
            out["adverse_events"] = events
        if self.clinician_edit.text().strip():
            out["clinician"] = self.clinician_edit.text().strip()
        if self.notes_edit.toPlainText().strip():
            out["notes"] = self.notes_edit.toPlainText().strip()
        return out

    def show_error(self, message: str) -> None:
        """Show why the visit was refused (the message names the field)."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _on_save(self) -> None:
        self.show_error("")
        self.submitted.emit(self.data())

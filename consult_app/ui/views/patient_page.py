"""The patient page: details and allergies, treatment history, drafts, start or repeat.

Layout only (style.md 2.5): the main window connects the signals and calls the service.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consult_app.ui.models.history_table_model import HistoryTableModel
from consult_app.ui.views.outcomes_panel import OutcomesPanel
from consult_app.ui.widgets.patient_form import PatientFormWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("PatientPage", text)


class PatientPage(QWidget):
    """Patient details (editable) above the consultation part: history, drafts and buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientPage")
        self.form = PatientFormWidget()
        self.consult_panel = QWidget()
        self.history_title = QLabel()
        self.history_model = HistoryTableModel(self)
        self.history_table = QTableView()
        self.history_table.setModel(self.history_model)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.verticalHeader().hide()
        self.history_table.setWordWrap(True)
        self.history_table.setMinimumHeight(110)
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Adverse events share the width left with the areas (wrapped, one line each event);
        # the row is as tall as its text.
        header.setSectionResizeMode(
            HistoryTableModel.COLUMNS.index("adverse_events"), QHeaderView.ResizeMode.Stretch
        )
        self.history_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.drafts_title = QLabel()
        self.drafts_list = QListWidget()
        self.drafts_list.setMaximumHeight(90)
        self.resume_button = QPushButton()
        # A past consultation reopens read-only, with its documents (print or email again).
        self.open_button = QPushButton()
        self.start_button = QPushButton()
        self.repeat_button = QPushButton()
        self.followup_button = QPushButton()
        # The patient's FHIR bundle for the clinic's EMR (shown once consultations are ready).
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportEmrButton")
        self.export_button.hide()
        self.followup_button.hide()  # shown once follow-ups are available (FollowUpController)
        self.outcomes_panel = OutcomesPanel()
        self.outcomes_panel.hide()
        self.consult_message = QLabel()
        self.consult_message.setWordWrap(True)
        self.consult_message.setObjectName("consultMessage")

        panel = QVBoxLayout(self.consult_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.repeat_button)
        buttons.addWidget(self.followup_button)
        buttons.addStretch(1)
        panel.addLayout(buttons)
        panel.addWidget(self.consult_message)
        panel.addWidget(self.drafts_title)
        drafts_row = QHBoxLayout()
        drafts_row.addWidget(self.drafts_list, 1)
        drafts_row.addWidget(self.resume_button, 0, Qt.AlignmentFlag.AlignTop)
        panel.addLayout(drafts_row)
        history_row = QHBoxLayout()
        history_row.addWidget(self.history_title, 1)
        history_row.addWidget(self.open_button)
        history_row.addWidget(self.export_button)
        panel.addLayout(history_row)
        panel.addWidget(self.history_table, 1)
        panel.addWidget(self.outcomes_panel)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.form)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        layout.addWidget(self.consult_panel, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        QWidget.setTabOrder(self.form.save_button, self.start_button)
        QWidget.setTabOrder(self.start_button, self.repeat_button)
        QWidget.setTabOrder(self.repeat_button, self.followup_button)
        QWidget.setTabOrder(self.followup_button, self.drafts_list)
        QWidget.setTabOrder(self.drafts_list, self.resume_button)
        QWidget.setTabOrder(self.resume_button, self.open_button)
        QWidget.setTabOrder(self.open_button, self.export_button)
        QWidget.setTabOrder(self.export_button, self.history_table)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible text in the current language."""
        self.history_title.setText("<b>" + _tr("Treatment history") + "</b>")
        self.history_table.setAccessibleName(_tr("Treatment history"))
        self.drafts_title.setText("<b>" + _tr("Unfinished consultations") + "</b>")
        self.drafts_list.setAccessibleName(_tr("Unfinished consultations"))
        self.open_button.setText(_tr("&Open…"))
        self.open_button.setAccessibleName(
            _tr("Open the selected past consultation read-only, with its documents")
        )
        self.resume_button.setText(_tr("&Resume"))
        self.resume_button.setAccessibleName(_tr("Resume the selected consultation"))
        self.start_button.setText(_tr("Start &consultation"))
        self.start_button.setAccessibleName(_tr("Start consultation"))
        self.repeat_button.setText(_tr("Repeat &last treatment"))
        self.repeat_button.setAccessibleName(_tr("Repeat last treatment"))
        self.export_button.setText(_tr("Export for EMR…"))
        self.export_button.setAccessibleName(_tr("Export this patient's record for the EMR"))
        self.export_button.setToolTip(
            _tr(
                "Write this patient's record as a FHIR bundle (one JSON file) into a folder, "
                "for the clinic's main EMR"
            )
        )
        self.followup_button.setText(_tr("Record &follow-up…"))
        self.followup_button.setAccessibleName(_tr("Record a follow-up visit"))
        self.followup_button.setToolTip(
            _tr("Outcome scores and adverse events after the last treatment")
        )
        self.repeat_button.setToolTip(
            _tr("Start a consultation with the indications, product and plan of the last one")
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self.history_model.retranslate()
        super().changeEvent(event)

    def set_drafts(self, drafts: list[Any], step_names: dict[str, str]) -> None:
        """List the unfinished drafts (each item's data is the consultation id)."""
        self.drafts_list.clear()
        for row in drafts:
            step = (row.data.get("extra") or {}).get("step") or "indications"
            when = row.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
            text = (
                _tr("Saved %1, at: %2")
                .replace("%1", when)
                .replace("%2", step_names.get(step, step))
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.drafts_list.addItem(item)
        has = bool(drafts)
        self.drafts_title.setVisible(has)
        self.drafts_list.setVisible(has)
        self.resume_button.setVisible(has)
        if has:
            self.drafts_list.setCurrentRow(0)

    def selected_draft(self) -> int | None:
        """The consultation id of the selected draft."""
        item = self.drafts_list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

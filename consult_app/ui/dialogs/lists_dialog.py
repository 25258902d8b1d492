"""Clinic lists: who is due for review or re-treatment, and who got lot X (case-format 1.1).

Two tabs over the same rows as ``consult-app due`` and ``consult-app lot`` (the port returns
them): a window of dates or a lot number, a sortable table (click a header; the table keeps
keyboard focus and has an accessible name), and "Export CSV" writing exactly the command's CSV
(same header) to a file the prompter asks for. The dialog is not modal: the clinic can keep it
open beside the patient list while phoning patients.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QDate, QSortFilterProxyModel
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from consult_app.ui.prompts import Prompter

__all__ = ["ListsDialog", "ListsPort"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ListsDialog", text)


class ListsPort(Protocol):
    """The clinic lists (implemented by the app's follow-up service)."""

    def due(self, start: dt.date, end: dt.date) -> tuple[Sequence[str], list[Sequence[str]]]:
        """(header, rows) of ``consult-app due`` for the window."""
        ...

    def lot(self, lot: str) -> tuple[Sequence[str], list[Sequence[str]]]:
        """(header, rows) of ``consult-app lot``."""
        ...

    def to_csv(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
        """The CSV text of a list."""
        ...


def _qdate(when: dt.date) -> QDate:
    return QDate(when.year, when.month, when.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class _ListTab(QWidget):
    """A sortable table of one list with its CSV export."""

    def __init__(self, name: str, controls: QHBoxLayout) -> None:
        super().__init__()
        self.header: list[str] = []
        self.rows: list[list[str]] = []
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(name)
        self.count_label = QLabel()
        self.export_button = QPushButton(_tr("E&xport CSV…"))
        self.export_button.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def show_rows(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.header = list(header)
        self.rows = [list(r) for r in rows]
        self.model.clear()
        self.model.setHorizontalHeaderLabels(self.header)
        for row in self.rows:
            self.model.appendRow([QStandardItem(cell) for cell in row])
        self.table.resizeColumnsToContents()
        self.count_label.setText(_tr("%1 row(s)").replace("%1", str(len(self.rows))))
        self.export_button.setEnabled(bool(self.rows))


class ListsDialog(QDialog):
    """Due list and lot recall, each exportable as CSV."""

    def __init__(
        self, port: ListsPort, prompter: Prompter, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("listsDialog")
        self.setWindowTitle(_tr("Due list and lot recall"))
        self.port = port
        self.prompter = prompter
        self.from_edit = QDateEdit(_qdate(today))
        self.to_edit = QDateEdit(_qdate(today + dt.timedelta(days=14)))
        for edit, name in ((self.from_edit, _tr("From")), (self.to_edit, _tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        self.due_button = QPushButton(_tr("&Show due"))
        due_controls = QHBoxLayout()
        due_controls.addWidget(QLabel(_tr("&From")))
        due_controls.addWidget(self.from_edit)
        due_controls.addWidget(QLabel(_tr("&To")))
        due_controls.addWidget(self.to_edit)
        due_controls.addWidget(self.due_button)
        due_controls.addStretch(1)
        self.lot_edit = QLineEdit()
        self.lot_edit.setPlaceholderText(_tr("Lot number"))
        self.lot_edit.setAccessibleName(_tr("Lot number"))
        self.lot_button = QPushButton(_tr("Find &lot"))
        lot_controls = QHBoxLayout()
        lot_controls.addWidget(self.lot_edit, 1)
        lot_controls.addWidget(self.lot_button)
        self.due_tab = _ListTab(_tr("Patients due"), due_controls)
        self.lot_tab = _ListTab(_tr("Consultations that used the lot"), lot_controls)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.due_tab, _tr("&Due for review or re-treatment"))
        self.tabs.addTab(self.lot_tab, _tr("Lot &recall"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self.due_button.clicked.connect(self.show_due)
        self.lot_button.clicked.connect(self.find_lot)
        self.lot_edit.returnPressed.connect(self.find_lot)
        self.due_tab.export_button.clicked.connect(lambda: self.export(self.due_tab, "due"))
        self.lot_tab.export_button.clicked.connect(lambda: self.export(self.lot_tab, "lot"))
        self.resize(900, 520)

    def show_due(self) -> None:
        """List the patients due in the chosen window."""
        start, end = _pydate(self.from_edit.date()), _pydate(self.to_edit.date())
        if end < start:
            self.message.setText(_tr("The end of the window is before its start."))
            return
        self.message.clear()
        header, rows = self.port.due(start, end)
        self.due_tab.show_rows(header, rows)

    def find_lot(self) -> None:
        """List every consultation that used the lot typed."""
        lot = self.lot_edit.text().strip()
        if not lot:
            self.message.setText(_tr("Type a lot number."))
            return
        self.message.clear()
        header, rows = self.port.lot(lot)
        self.lot_tab.show_rows(header, rows)

    def export(self, tab: _ListTab, name: str) -> Path | None:
        """Write the tab's rows as CSV where the user says; return the file written."""
        target = self.prompter.ask_save_path(
            _tr("Export CSV"), Path.home() / f"{name}.csv", _tr("CSV files (*.csv)")
        )
        if target is None:
            return None
        try:
            target.write_text(self.port.to_csv(tab.header, tab.rows), encoding="utf-8")
        except OSError as exc:
            self.message.setText(_tr("The file could not be written: %1").replace("%1", str(exc)))
            return None
        self.message.setText(_tr("Exported to %1").replace("%1", str(target)))
        return target

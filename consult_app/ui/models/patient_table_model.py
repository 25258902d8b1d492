"""Table model over the patients found by a search."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from consult_app.core.patient import PatientRow

_Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("PatientTableModel", text)


class PatientTableModel(QAbstractTableModel):
    """Rows of patients: name, birth date, chart number, phone."""

    COLUMNS = ("name", "birth_date", "chart_number", "phone")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PatientRow] = []

    def set_patients(self, rows: list[PatientRow]) -> None:
        """Replace the rows shown."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def patient_at(self, row: int) -> PatientRow | None:
        """Return the patient of a row, or None."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Number of patients (0 under any parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Number of columns."""
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            patient = self._rows[index.row()]
            key = self.COLUMNS[index.column()]
            value = getattr(patient, key)
            if key == "birth_date":
                return value.isoformat()
            return value or ""
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (_tr("Name"), _tr("Date of birth"), _tr("Chart no."), _tr("Phone"))
        return titles[section] if 0 <= section < len(titles) else None

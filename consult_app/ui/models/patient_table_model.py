"""Table model over the patients found by a search.

Part of the first screen: it does not touch the ``Qt`` namespace (``PySide6.QtCore.Qt``, whose
enums take ~12 ms to build) when imported or created, only once the table shows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

    from consult_app.core.patient import PatientRow

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole, by value (see the module docstring)


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

    def data(self, index: _Index, role: int = _DISPLAY_ROLE) -> Any:
        """Cell text."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        roles = QtCore.Qt.ItemDataRole
        if role in (roles.DisplayRole, roles.ToolTipRole):
            patient = self._rows[index.row()]
            cells = {
                "name": patient.name,
                "birth_date": patient.birth_date.isoformat(),
                "chart_number": patient.chart_number or "",
                "phone": patient.phone or "",
            }
            return cells[self.COLUMNS[index.column()]]
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY_ROLE
    ) -> Any:
        """Column titles."""
        horizontal = QtCore.Qt.Orientation.Horizontal
        if role != QtCore.Qt.ItemDataRole.DisplayRole or orientation != horizontal:
            return None
        titles = (_tr("Name"), _tr("Date of birth"), _tr("Chart no."), _tr("Phone"))
        return titles[section] if 0 <= section < len(titles) else None

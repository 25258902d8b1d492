"""Table model over a patient's consultations: date, product, indications, areas, total units."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from consult_app.core.protocol import Protocol
from consult_app.core.records import HistoryItem

_Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("HistoryTableModel", text)


def _units(value: float) -> str:
    return f"{value:g}"


class HistoryTableModel(QAbstractTableModel):
    """One row per consultation (newest first), as ``ConsultationRepository.history`` gives."""

    COLUMNS = ("date", "product", "indications", "areas", "units", "status")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryItem] = []
        self._protocol: Protocol | None = None
        self._jurisdiction = "CA"
        self._lang = "en"

    def set_history(
        self, items: Sequence[HistoryItem], protocol: Protocol | None, jurisdiction: str = "CA"
    ) -> None:
        """Replace the rows; ``protocol`` names products, indications and areas."""
        self.beginResetModel()
        self._rows = list(items)
        self._protocol = protocol
        self._jurisdiction = jurisdiction
        self.endResetModel()

    def item_at(self, row: int) -> HistoryItem | None:
        """The history item of a row, or None."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Number of consultations."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Number of columns."""
        return 0 if parent.isValid() else len(self.COLUMNS)

    def _name(self, table: str, key: str) -> str:
        protocol = self._protocol
        if protocol is None:
            return key
        if table == "products":
            product = protocol.products.get(key)
            return product.display_name(self._jurisdiction) if product else key
        named = protocol.indications if table == "indications" else protocol.areas
        entry = named.get(key)
        return str(entry.name.get(self._lang)) if entry is not None else key

    def _cell(self, item: HistoryItem, column: str) -> str:
        treatment = item.treatment
        if column == "date":
            when = treatment.date if treatment is not None else item.created_at.date()
            return str(when.isoformat())
        if column == "status":
            statuses = {
                "draft": _tr("draft"),
                "deferred": _tr("deferred"),
                "sealed": _tr("treated") if item.decision == "given" else _tr("sealed"),
                "declined": _tr("declined"),
            }
            return str(statuses.get(item.status, item.status))
        if treatment is None:
            return ""
        if column == "product":
            return self._name("products", treatment.product)
        if column == "indications":
            return ", ".join(self._name("indications", i) for i in treatment.indications)
        if column == "areas":
            return ", ".join(
                f"{self._name('areas', a)} {_units(u)}" for a, u in treatment.areas.items()
            )
        if column == "units":
            return _units(treatment.units_total)
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell(self._rows[index.row()], self.COLUMNS[index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and self.COLUMNS[index.column()] == "units":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            "date": _tr("Date"),
            "product": _tr("Product"),
            "indications": _tr("Indications"),
            "areas": _tr("Areas (units)"),
            "units": _tr("Total units"),
            "status": _tr("Status"),
        }
        return titles[self.COLUMNS[section]] if 0 <= section < len(self.COLUMNS) else None

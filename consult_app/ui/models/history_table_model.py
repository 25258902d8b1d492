"""Table model over a patient's consultations, one row each, with their follow-ups' adverse events.

Columns: date, product, indications, areas, total units, status, and the adverse events reported
at the follow-ups of that consultation (as recorded: event, severity, onset, resolution).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from consult_app.core.followup_model import AdverseEvent, FollowUpRecord
from consult_app.core.protocol import Protocol
from consult_app.core.records import HistoryItem

_Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("HistoryTableModel", text)


def _units(value: float) -> str:
    return f"{value:g}"


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
    }
)


class HistoryTableModel(QAbstractTableModel):
    """One row per consultation (newest first), as ``ConsultationRepository.history`` gives."""

    COLUMNS = ("date", "product", "indications", "areas", "units", "status", "adverse_events")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryItem] = []
        self._protocol: Protocol | None = None
        self._jurisdiction = "CA"
        self._followups: dict[int, list[FollowUpRecord]] = {}
        # Cell texts by (row, column, tooltip): the view asks each cell many times while it sizes
        # wrapped rows (10 years of visits: thousands of calls per open), so each is built once.
        self._texts: dict[tuple[int, int, bool], str] = {}

    def retranslate(self) -> None:
        """Forget the cell texts (the language changed) and have the view ask again."""
        self._texts.clear()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )

    @staticmethod
    def _lang() -> str:
        """The protocol's names in the interface language (issue 21)."""
        return "fr" if QLocale().language() == QLocale.Language.French else "en"

    def set_history(
        self, items: Sequence[HistoryItem], protocol: Protocol | None, jurisdiction: str = "CA"
    ) -> None:
        """Replace the rows; ``protocol`` names products, indications and areas."""
        self.beginResetModel()
        self._rows = list(items)
        self._protocol = protocol
        self._jurisdiction = jurisdiction
        self._followups = {}
        self._texts.clear()
        self.endResetModel()

    def set_followups(self, records: Iterable[FollowUpRecord]) -> None:
        """Attach the patient's follow-ups to the consultations they follow (adverse events)."""
        by_consultation: dict[int, list[FollowUpRecord]] = {}
        for record in records:
            by_consultation.setdefault(record.consultation_id, []).append(record)
        for visits in by_consultation.values():
            visits.sort(key=lambda r: (r.date, r.followup_id))
        self._followups = by_consultation
        self._texts.clear()
        if self._rows:
            column = self.COLUMNS.index("adverse_events")
            self.dataChanged.emit(
                self.index(0, column),
                self.index(len(self._rows) - 1, column),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole],
            )

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
        return str(entry.name.get(self._lang())) if entry is not None else key

    def _risk(self, risk_id: str) -> str:
        protocol = self._protocol
        if protocol is not None:
            for risk in protocol.content.risks:
                if risk.id == risk_id:
                    return str(risk.label.get(self._lang()))
        return risk_id

    def _event(self, event: AdverseEvent) -> str:
        severities = {"mild": _tr("mild"), "moderate": _tr("moderate"), "severe": _tr("severe")}
        course = (
            _tr("resolved %1").replace("%1", event.resolved.isoformat())
            if event.resolved is not None
            else _tr("ongoing")
        )
        return (
            _tr("%1: %2, onset %3, %4")
            .replace("%1", self._risk(event.risk))
            .replace("%2", str(severities.get(event.severity, event.severity)))
            .replace("%3", event.onset.isoformat())
            .replace("%4", course)
        )

    def _adverse_events(self, item: HistoryItem, *, reported: bool) -> str:
        visits = self._followups.get(item.consultation_id, [])
        if not visits:
            return ""  # no follow-up recorded: nothing is known either way
        lines = []
        for visit in visits:
            for event in visit.adverse_events:
                text = self._event(event)
                if reported:
                    text += " " + _tr("(reported %1)").replace("%1", visit.date.isoformat())
                lines.append(text)
        return "\n".join(lines) if lines else _tr("none reported")

    def _cell(self, item: HistoryItem, column: str) -> str:
        treatment = item.treatment
        if column == "adverse_events":
            return self._adverse_events(item, reported=False)
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
        if role not in _ROLES or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not 0 <= row < len(self._rows):
            return None
        column = self.COLUMNS[col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == "units":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        tooltip = role == Qt.ItemDataRole.ToolTipRole and column == "adverse_events"
        key = (row, col, tooltip)
        text = self._texts.get(key)
        if text is None:
            item = self._rows[row]
            text = (
                self._adverse_events(item, reported=True) if tooltip else self._cell(item, column)
            )
            self._texts[key] = text
        return text

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
            "adverse_events": _tr("Adverse events"),
        }
        return titles[self.COLUMNS[section]] if 0 <= section < len(self.COLUMNS) else None

"""The start page: what to do first, and every unfinished consultation to pick up again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

__all__ = ["UnfinishedEntry", "UnfinishedView"]

UnfinishedEntry = tuple[int, int, str, dt.datetime]
"""(consultation id, patient id, patient name, last saved)."""

_IDS = Qt.ItemDataRole.UserRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("UnfinishedView", text)


class UnfinishedView(QWidget):
    """The hint to find or create a patient, above the list of unfinished consultations.

    Signals:
        open_requested: (patient id, consultation id) of the consultation chosen.
    """

    open_requested = Signal(int, int)

    def __init__(self, intro: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_label = intro  # the main window's hint, moved here once consultations exist
        self.title = QLabel(self)
        self.list = QListWidget(self)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.empty_label)
        layout.addSpacing(16)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 2)
        layout.addStretch(1)
        intro.show()  # it comes from the window's page stack, which had hidden it
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.retranslate_ui()
        self.set_entries(())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Room for the hint and the list: the splitter gives the page its share from this."""
        return super().sizeHint().expandedTo(QSize(420, 300))

    def retranslate_ui(self) -> None:
        """Set the translatable texts."""
        self.title.setText("<b>" + _tr("Unfinished consultations") + "</b>")
        self.list.setAccessibleName(_tr("Unfinished consultations of every patient"))

    def set_entries(self, entries: Sequence[UnfinishedEntry]) -> None:
        """List the unfinished consultations (Enter or a double-click opens one)."""
        self.list.clear()
        for cid, pid, name, saved in entries:
            when = saved.astimezone().strftime("%Y-%m-%d %H:%M")
            item = QListWidgetItem(_tr("%1, left %2").replace("%1", name).replace("%2", when))
            item.setData(_IDS, (pid, cid))
            self.list.addItem(item)
        self.title.setVisible(bool(entries))
        self.list.setVisible(bool(entries))

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        pid, cid = item.data(_IDS)
        self.open_requested.emit(int(pid), int(cid))

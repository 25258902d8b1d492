"""The damaged-database dialog: the backups, one button to restore, and what was lost.

Shown at start when the database is damaged. It lists every backup (date, size, whether it
verifies) and offers **Restore the newest sound backup**: the source restores it (the damaged
file is kept aside, never deleted) and verifies the result; the dialog then says plainly which
backup was restored, where the damaged file is, and what was lost (the consultations recorded
after the backup, as far as the damaged file can still be read), and **Open the app** accepts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consult_app.storage.errors import StorageUnavailable

__all__ = ["RecoverDialog", "RecoverySource", "lost_text"]

MIN_CONTROL_HEIGHT = 40


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecoverDialog", text)


class BackupRow(Protocol):
    """A backup as listed."""

    @property
    def path(self) -> Path: ...
    @property
    def taken_at(self) -> dt.datetime: ...
    @property
    def size(self) -> int: ...
    @property
    def verifies(self) -> bool: ...
    @property
    def problem(self) -> str: ...


class LostConsultationRow(Protocol):
    """A consultation the restore lost."""

    @property
    def consultation_id(self) -> int: ...
    @property
    def started_at(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def patient(self) -> str: ...


class LostRow(Protocol):
    """What the restore lost."""

    @property
    def backup_taken_at(self) -> dt.datetime: ...
    @property
    def consultations(self) -> Sequence[LostConsultationRow]: ...
    @property
    def damaged_readable(self) -> bool: ...
    @property
    def anchor_head(self) -> int | None: ...
    @property
    def anchor_at(self) -> str: ...


class Outcome(Protocol):
    """What the restore did."""

    @property
    def source(self) -> Path: ...
    @property
    def taken_at(self) -> dt.datetime: ...
    @property
    def kept_as(self) -> Path | None: ...
    @property
    def verified(self) -> bool: ...
    @property
    def verify_note(self) -> str: ...
    @property
    def lost(self) -> LostRow: ...


class RecoverySource(Protocol):
    """What the dialog uses (``app.recovery.Recovery``)."""

    @property
    def problem(self) -> str:
        """Why the database needs recovering."""

    def backups(self) -> Sequence[BackupRow]:
        """The backups, newest first."""

    def restore_newest(self) -> Outcome:
        """Restore the newest backup that verifies (raises ``StorageUnavailable``)."""


def _local(when: dt.datetime | str) -> str:
    if isinstance(when, str):
        try:
            moment = dt.datetime.fromisoformat(when)
        except ValueError:
            return when
    else:
        moment = when
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} kB"


def lost_text(outcome: Outcome) -> str:
    """The plain statement of what the restore lost."""
    lost = outcome.lost
    when = _local(outcome.taken_at)
    lines = [_tr("Anything recorded after %1 is not in the restored database.").replace("%1", when)]
    if lost.consultations:
        lines.append(
            _tr("These consultations were recorded after the backup and must be entered again:")
        )
        for c in lost.consultations:
            status = f", {c.status}" if c.status else ""
            who = f" {c.patient}" if c.patient else ""
            lines.append(f"  • #{c.consultation_id}{who} ({_local(c.started_at)}{status})")
    elif lost.damaged_readable:
        lines.append(_tr("The damaged file shows no consultation recorded after the backup."))
    else:
        lines.append(
            _tr(
                "The damaged file cannot be read, so the lost consultations cannot be listed: "
                "check the day's paper notes and records for anything after that time."
            )
        )
    if lost.anchor_head is not None:
        lines.append(
            _tr("The audit anchor of %1 shows entries up to no. %2 that are not restored.")
            .replace("%1", _local(lost.anchor_at))
            .replace("%2", str(lost.anchor_head))
        )
    return "\n".join(lines)


class RecoverDialog(QDialog):
    """List the backups and restore the newest sound one in one step.

    ``exec()`` returns Accepted once restored and the user chose **Open the app**.
    """

    def __init__(
        self, source: RecoverySource, *, quit_text: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._quit_text = quit_text
        self.outcome: Outcome | None = None
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setVisible(False)
        self.restore_button = QPushButton(self)
        self.restore_button.setDefault(True)
        self.open_button = QPushButton(self)
        self.open_button.setVisible(False)
        self.quit_button = QPushButton(self)
        for button in (self.restore_button, self.open_button, self.quit_button):
            button.setMinimumHeight(MIN_CONTROL_HEIGHT)

        layout = QVBoxLayout(self)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)
        self.resize(760, 460)

        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.open_button.clicked.connect(self.accept)
        self.quit_button.clicked.connect(self.reject)
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        """Set the translatable texts."""
        self.setWindowTitle(_tr("The database is damaged"))
        self.problem_label.setText(
            _tr(
                "The database cannot be used: %1\n\nNothing has been written to it. Restore "
                "the newest backup that verifies: the damaged file is kept aside (never "
                "deleted), and you will see what, if anything, must be entered again."
            ).replace("%1", self._source.problem)
        )
        self.table.setHorizontalHeaderLabels([_tr("Backup of"), _tr("Size"), _tr("Verifies")])
        self.table.setAccessibleName(_tr("Backups"))
        self.restore_button.setText(_tr("&Restore the newest sound backup"))
        self.restore_button.setAccessibleName(_tr("Restore the newest sound backup"))
        self.open_button.setText(_tr("&Open the app"))
        self.quit_button.setText(self._quit_text or _tr("&Quit"))

    def reload(self) -> None:
        """List the backups again."""
        backups = list(self._source.backups())
        self.table.setRowCount(len(backups))
        for row, info in enumerate(backups):
            verdict = _tr("Yes") if info.verifies else _tr("No: %1").replace("%1", info.problem)
            cells = (_local(info.taken_at), _size(info.size), verdict)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if column == 2 else str(info.path))
                self.table.setItem(row, column, item)
        sound = any(b.verifies for b in backups)
        self.restore_button.setEnabled(sound)
        if not backups:
            self._show(_tr("There is no backup in the backup folder."), error=True)
        elif not sound:
            self._show(_tr("No backup verifies, so none can be restored."), error=True)

    def _show(self, text: str, *, error: bool) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet("color: #a61b1b;" if error else "")
        self.result_label.setVisible(True)

    def _on_restore_button_clicked(self) -> None:
        self.restore_button.setEnabled(False)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            outcome = self._source.restore_newest()
        except (StorageUnavailable, OSError) as exc:
            QGuiApplication.restoreOverrideCursor()
            self._show(_tr("Nothing was restored: %1").replace("%1", str(exc)), error=True)
            self.reload()
            return
        QGuiApplication.restoreOverrideCursor()
        self.outcome = outcome
        kept = (
            _tr("The damaged file was kept as %1.").replace("%1", str(outcome.kept_as))
            if outcome.kept_as is not None
            else ""
        )
        check = (
            _tr("The restored database verifies.")
            if outcome.verified
            else _tr("Warning: the restored database does not verify: %1").replace(
                "%1", outcome.verify_note
            )
        )
        restored = _tr("Restored the backup of %1.").replace("%1", _local(outcome.taken_at))
        self._show("\n".join(t for t in (restored, kept, check, lost_text(outcome)) if t),
                   error=not outcome.verified)  # fmt: skip
        self.quit_button.setVisible(False)
        self.restore_button.setVisible(False)
        self.open_button.setVisible(True)
        self.open_button.setDefault(True)
        self.open_button.setFocus()

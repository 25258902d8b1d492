"""The prompt service: the only place that opens message boxes and file dialogs.

Windows receive a ``Prompter`` in ``__init__``; tests pass a fake with scripted answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication

# The dialogs are imported when first used: the main window creates the prompter before its
# first paint, which needs none of them (QtPrintSupport alone takes ~2 ms to load).
if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("Prompts", text)


class Prompter(Protocol):
    """Questions and messages the UI may need to put to the user."""

    def show_error(self, title: str, message: str) -> None:
        """Tell the user something went wrong."""

    def show_info(self, title: str, message: str) -> None:
        """Tell the user something."""

    def confirm(self, title: str, question: str) -> bool:
        """Ask a yes/no question; True for yes."""

    def ask_save_path(self, title: str, default: Path, filter_text: str) -> Path | None:
        """Ask where to save a file; None when cancelled."""

    def ask_open_path(self, title: str, start: Path, filter_text: str) -> Path | None:
        """Ask for a file to open; None when cancelled."""

    def ask_folder(self, title: str, start: Path) -> Path | None:
        """Ask for a folder; None when cancelled."""

    def ask_printer(self, printer: QPrinter) -> bool:
        """Let the user choose and set up ``printer`` (system print dialog); False if cancelled."""

    def ask_password(self, title: str, label: str) -> str | None:
        """Ask for a password (echo off); None when cancelled."""


class QtPrompter:
    """The real prompter, with Qt's dialogs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self._parent = parent

    def set_parent(self, parent: QWidget | None) -> None:
        """Set the window that dialogs belong to."""
        self._parent = parent

    def show_error(self, title: str, message: str) -> None:
        """Show a critical message box."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(self._parent, title, message)

    def show_info(self, title: str, message: str) -> None:
        """Show an information message box."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self._parent, title, message)

    def confirm(self, title: str, question: str) -> bool:
        """Ask a yes/no question (No is the default)."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self._parent,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_save_path(self, title: str, default: Path, filter_text: str) -> Path | None:
        """Ask for a file name to save to."""
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(self._parent, title, str(default), filter_text)
        return Path(name) if name else None

    def ask_open_path(self, title: str, start: Path, filter_text: str) -> Path | None:
        """Ask for an existing file."""
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self._parent, title, str(start), filter_text)
        return Path(name) if name else None

    def ask_folder(self, title: str, start: Path) -> Path | None:
        """Ask for an existing folder."""
        from PySide6.QtWidgets import QFileDialog

        name = QFileDialog.getExistingDirectory(self._parent, title, str(start))
        return Path(name) if name else None

    def ask_printer(self, printer: QPrinter) -> bool:
        """Show the system print dialog for ``printer``."""
        from PySide6.QtPrintSupport import QPrintDialog
        from PySide6.QtWidgets import QDialog

        dialog = QPrintDialog(printer, self._parent)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def ask_password(self, title: str, label: str) -> str | None:
        """Ask for a password in a small dialog."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        text, ok = QInputDialog.getText(self._parent, title, label, QLineEdit.EchoMode.Password)
        return text if ok else None

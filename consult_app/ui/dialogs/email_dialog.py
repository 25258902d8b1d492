"""Email the patient sheet: recipient, optional date-of-birth protection, send or draft.

The dialog is modeless-friendly: open it with ``open()`` and listen to ``sent`` and
``draft_created``. Sending runs in a ``QThreadPool`` worker; failures are shown inline with a
message per ``EmailError`` kind and never touch the consultation.
"""

from __future__ import annotations

import datetime as dt
import logging
from email.message import EmailMessage
from email.utils import formataddr
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.core.labels import Labels, parse_labels
from consult_app.core.settings import ClinicSettings
from consult_app.delivery.compose import EmailTexts, compose_email, protect_attachment
from consult_app.delivery.email import (
    EmailError,
    EmailErrorKind,
    build_message,
    write_eml,
)
from consult_app.resources import resource_path
from consult_app.ui.workers import EmailSendWorker

__all__ = ["EmailDialog", "EmailTexts", "PasswordSource", "compose_email", "load_email_labels"]

logger = logging.getLogger(__name__)

MIN_CONTROL_HEIGHT = 40


def _tr(text: str) -> str:
    return QCoreApplication.translate("EmailDialog", text)


class PasswordSource(Protocol):
    """What the dialog uses of ``delivery.email.PasswordStore``."""

    def get(self, username: str) -> str | None:
        """The stored password or None."""

    def set(self, username: str, password: str) -> bool:
        """Remember the password."""


class PasswordPrompter(Protocol):
    """The part of the Prompter the dialog needs."""

    def ask_password(self, title: str, label: str) -> str | None:
        """Ask for a password."""


def load_email_labels() -> Labels:
    """The email labels from ``resources/labels/email.toml``."""
    path = resource_path("labels", "email.toml")
    return parse_labels(path.read_bytes(), "email.toml")


def error_message(error: EmailError) -> str:
    """A clear, translated message for each kind of failure."""
    messages = {
        EmailErrorKind.CONFIG: _tr("The email settings are incomplete: {detail}"),
        EmailErrorKind.INVALID_ADDRESS: _tr(
            "The email address is not valid. Check the recipient (and the clinic's sender "
            "address in the settings)."
        ),
        EmailErrorKind.UNREACHABLE: _tr(
            "The mail server could not be reached. Check the network and the server name and "
            "port in the settings. ({detail})"
        ),
        EmailErrorKind.TLS: _tr(
            "A secure connection to the mail server failed; nothing was sent. ({detail})"
        ),
        EmailErrorKind.AUTH: _tr(
            "The mail server refused the user name or password. Check them in the settings."
        ),
        EmailErrorKind.SENDER_REFUSED: _tr(
            "The mail server refused the clinic's sender address. Check it in the settings."
        ),
        EmailErrorKind.RECIPIENT_REFUSED: _tr(
            "The mail server refused the recipient's address. Check the address."
        ),
        EmailErrorKind.REJECTED: _tr("The mail server did not accept the email. ({detail})"),
    }
    template = messages.get(error.kind, "{detail}")
    return template.replace("{detail}", str(error))


class EmailDialog(QDialog):
    """Send the patient sheet by email.

    Signals:
        sent: the server accepted the message; carries ``encrypted`` (bool).
        draft_created: an ``.eml`` draft was written and opened; carries its path.
        failed: sending failed; carries the ``EmailError`` kind's value.
    """

    sent = Signal(bool)
    draft_created = Signal(Path)
    failed = Signal(str)

    def __init__(
        self,
        *,
        pdf_path: Path,
        settings: ClinicSettings,
        passwords: PasswordSource,
        prompter: PasswordPrompter,
        drafts_dir: Path,
        recipient: str | None,
        birth_date: dt.date | None,
        language: str,
        labels: Labels | None = None,
        thread_pool: QThreadPool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._pdf_path = pdf_path
        self._settings = settings
        self._passwords = passwords
        self._prompter = prompter
        self._drafts_dir = drafts_dir
        self._birth_date = birth_date
        self._language = language
        self._labels = labels if labels is not None else load_email_labels()
        self._pool = thread_pool if thread_pool is not None else QThreadPool.globalInstance()
        self._worker: EmailSendWorker | None = None
        self._sending_encrypted = False

        self.recipient_edit = QLineEdit(recipient or "", self)
        self.protect_check = QCheckBox(self)
        self.protect_check.setEnabled(birth_date is not None)
        # the clinic's setting email.protect_attachment decides the default
        self.protect_check.setChecked(birth_date is not None and settings.email_protect_attachment)
        self.subject_label = QLabel(self)
        self.subject_label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        self.send_button = QPushButton(self)
        self.send_button.setDefault(True)
        self.draft_button = QPushButton(self)
        self.close_button = QPushButton(self)
        for widget in (
            self.recipient_edit,
            self.protect_check,
            self.send_button,
            self.draft_button,
            self.close_button,
        ):
            widget.setMinimumHeight(MIN_CONTROL_HEIGHT)

        self._form = QFormLayout()
        self._form.addRow(QLabel(), self.recipient_edit)
        self._form.addRow(QLabel(), self.subject_label)
        layout = QVBoxLayout(self)
        layout.addLayout(self._form)
        layout.addWidget(self.protect_check)
        layout.addWidget(self.progress)
        layout.addWidget(self.message_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.send_button)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)

        self.send_button.clicked.connect(self._on_send_button_clicked)
        self.draft_button.clicked.connect(self._on_draft_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.protect_check.toggled.connect(self._on_protect_check_toggled)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set the translatable texts."""
        self.setWindowTitle(_tr("Email the patient sheet"))
        recipient_label = self._form.labelForField(self.recipient_edit)
        if isinstance(recipient_label, QLabel):
            recipient_label.setText(_tr("&Recipient:"))
            recipient_label.setBuddy(self.recipient_edit)
        subject_label = self._form.labelForField(self.subject_label)
        if isinstance(subject_label, QLabel):
            subject_label.setText(_tr("Subject:"))
        self.recipient_edit.setAccessibleName(_tr("Recipient email address"))
        self.recipient_edit.setPlaceholderText(_tr("patient@example.org"))
        self.protect_check.setText(_tr("&Protect the attachment with the date of birth (YYYYMMDD)"))
        self.protect_check.setAccessibleName(_tr("Protect the attachment with the date of birth"))
        self.progress.setAccessibleName(_tr("Sending"))
        self.message_label.setAccessibleName(_tr("Email status"))
        self.send_button.setText(_tr("&Send"))
        self.send_button.setAccessibleName(_tr("Send the email"))
        self.draft_button.setText(_tr("Create email &draft"))
        self.draft_button.setAccessibleName(_tr("Create an email draft in the mail program"))
        self.close_button.setText(_tr("&Close"))
        self.close_button.setAccessibleName(_tr("Close"))
        self._update_subject()

    # --- building ---------------------------------------------------------------------------

    def texts(self) -> EmailTexts:
        """The email's texts as they will be sent."""
        return compose_email(
            self._labels,
            self._language,
            clinic=self._settings.clinic.name,
            phone=self._settings.clinic.phone,
            encrypted=self.protect_check.isChecked(),
        )

    def _build(self) -> EmailMessage:
        texts = self.texts()
        data = self._pdf_path.read_bytes()
        if self.protect_check.isChecked() and self._birth_date is not None:
            data = protect_attachment(data, self._birth_date)
        sender = self._settings.smtp.sender or self._settings.clinic.email
        if self._settings.clinic.name:
            sender = formataddr((self._settings.clinic.name, sender))
        return build_message(
            sender=sender,
            recipient=self.recipient_edit.text().strip(),
            subject=texts.subject,
            body=texts.body,
            attachment=data,
            filename=texts.filename,
        )

    def is_sending(self) -> bool:
        """Whether a send is under way."""
        return self._worker is not None

    # --- slots ------------------------------------------------------------------------------

    def _on_protect_check_toggled(self, _checked: bool) -> None:
        self._update_subject()

    def _update_subject(self) -> None:
        self.subject_label.setText(self.texts().subject)

    def _show_message(self, text: str, *, error: bool) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet("color: #a61b1b;" if error else "color: #1b6a2e;")
        self.message_label.setVisible(True)

    def _on_send_button_clicked(self) -> None:
        if self._worker is not None:
            return
        smtp = self._settings.smtp
        password: str | None = None
        if smtp.username:
            password = self._passwords.get(smtp.username)
            if not password:
                password = self._prompter.ask_password(
                    _tr("Mail server password"),
                    _tr("Password for {user} on {host}:").format(
                        user=smtp.username, host=smtp.host
                    ),
                )
                if not password:
                    return
                self._passwords.set(smtp.username, password)
        try:
            message = self._build()
        except EmailError as exc:
            self._on_failed(exc)
            return
        except (OSError, ValueError) as exc:
            self._show_message(
                _tr("The email could not be prepared: {error}").format(error=exc), error=True
            )
            return
        self._sending_encrypted = self.protect_check.isChecked()
        worker = EmailSendWorker(message, smtp, password)
        worker.signals.succeeded.connect(self._on_worker_succeeded)
        worker.signals.failed.connect(self._on_failed)
        self._worker = worker
        self._set_busy(True)
        self._show_message(_tr("Sending…"), error=False)
        self._pool.start(worker)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for widget in (
            self.send_button,
            self.draft_button,
            self.recipient_edit,
            self.protect_check,
        ):
            widget.setEnabled(not busy)
        if not busy:
            self.protect_check.setEnabled(self._birth_date is not None)

    def _on_worker_succeeded(self) -> None:
        self._worker = None
        self._set_busy(False)
        self._show_message(_tr("The email was sent."), error=False)
        self.sent.emit(self._sending_encrypted)

    def _on_failed(self, error: object) -> None:
        self._worker = None
        self._set_busy(False)
        if isinstance(error, EmailError):
            self._show_message(error_message(error), error=True)
            self.failed.emit(error.kind.value)
        else:
            self._show_message(str(error), error=True)
            self.failed.emit("unknown")

    def _on_draft_button_clicked(self) -> None:
        try:
            message = self._build()
            self._drafts_dir.mkdir(parents=True, exist_ok=True)
            target = self._drafts_dir / "email-draft.eml"
            write_eml(message, target)
        except EmailError as exc:
            self._show_message(error_message(exc), error=True)
            return
        except (OSError, ValueError) as exc:
            self._show_message(
                _tr("The draft could not be written: {error}").format(error=exc), error=True
            )
            return
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        if opened:
            self._show_message(_tr("The draft was opened in the mail program."), error=False)
        else:
            self._show_message(
                _tr("The draft was saved as {path}; open it with the mail program.").format(
                    path=target
                ),
                error=False,
            )
        self.draft_created.emit(target)

    def reject(self) -> None:
        """Close, unless a send is under way (its result must still be reported)."""
        if self._worker is not None:
            return
        super().reject()

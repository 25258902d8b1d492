"""Clinic settings: profile, clinicians, jurisdiction, documents, backups and the mail server.

The dialog edits the *effective* settings and saves only the keys that changed (so every other
key stays governed by ``clinic.toml``). Errors name the key and are shown inline. The SMTP
password goes to the password store (OS keyring or memory), never to the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from consult_app.core.settings import (
    MAX_BACKUP_RETENTION,
    ClinicSettings,
    SettingsError,
    settings_diff,
    settings_from_dict,
)
from consult_app.storage.errors import StorageUnavailable
from consult_app.ui.i18n import INTERFACE_CHOICES, store_choice, stored_choice

__all__ = ["SettingsDialog", "SettingsStore"]

MIN_CONTROL_HEIGHT = 40


def _tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


class SettingsStore(Protocol):
    """What the dialog needs to read and write settings (``SettingsRepository``-like)."""

    def load(self) -> dict[str, object]:
        """The values set in the app."""

    def save(self, values: Mapping[str, object], *, unset: Iterable[str] = ()) -> None:
        """Store changed keys; raises SettingsError naming the key."""

    def effective(self) -> ClinicSettings:
        """The settings in force (app values over clinic.toml over defaults)."""


class PasswordSink(Protocol):
    """What the dialog uses of ``delivery.email.PasswordStore``."""

    def set(self, username: str, password: str) -> bool:
        """Remember the password; True if stored in the OS keyring."""

    def has_keyring(self) -> bool:
        """Whether an OS keyring exists."""


class PathPrompter(Protocol):
    """The part of the Prompter the dialog needs."""

    def ask_open_path(self, title: str, start: Path, filter_text: str) -> Path | None:
        """Ask for a file."""


_SECURITY = ("starttls", "tls", "none")


class SettingsDialog(QDialog):
    """Edit the clinic settings.

    Signals:
        saved: the settings were stored; carries the new effective ``ClinicSettings``.
    """

    saved = Signal(object)

    def __init__(
        self,
        store: SettingsStore,
        passwords: PasswordSink,
        prompter: PathPrompter,
        parent: QWidget | None = None,
        *,
        interface: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        # The interface language is this computer's, not the clinic's: kept in QSettings.
        self._interface = interface if interface is not None else QSettings()
        self._store = store
        self._passwords = passwords
        self._prompter = prompter
        self._before = ClinicSettings()

        self.name_edit = QLineEdit(self)
        self.address_edit = QPlainTextEdit(self)
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(64)
        self.phone_edit = QLineEdit(self)
        self.email_edit = QLineEdit(self)
        self.logo_edit = QLineEdit(self)
        self.logo_button = QPushButton(self)
        self.clinicians_edit = QPlainTextEdit(self)
        self.clinicians_edit.setTabChangesFocus(True)
        self.clinicians_edit.setFixedHeight(84)
        self.jurisdiction_combo = QComboBox(self)
        self.jurisdiction_combo.addItem("Canada", "CA")
        self.jurisdiction_combo.addItem("", "US")
        self.page_size_combo = QComboBox(self)
        self.page_size_combo.addItem("", "Letter")
        self.page_size_combo.addItem("A4", "A4")
        self.language_combo = QComboBox(self)
        self.language_combo.addItem("", "en")
        self.language_combo.addItem("", "fr")
        self.interface_combo = QComboBox(self)
        for value in INTERFACE_CHOICES:
            self.interface_combo.addItem("", value)
        self.interface_note = QLabel(self)
        self.interface_note.setWordWrap(True)
        self.retention_spin = QSpinBox(self)
        self.retention_spin.setRange(1, MAX_BACKUP_RETENTION)
        self.date_order_combo = QComboBox(self)
        self.date_order_combo.addItem("", "dmy")
        self.date_order_combo.addItem("", "mdy")
        self.protect_check = QCheckBox(self)
        self.host_edit = QLineEdit(self)
        self.port_spin = QSpinBox(self)
        self.port_spin.setRange(0, 65535)
        self.security_combo = QComboBox(self)
        for value in _SECURITY:
            self.security_combo.addItem(value, value)
        self.username_edit = QLineEdit(self)
        self.sender_edit = QLineEdit(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_note = QLabel(self)
        self.password_note.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.error_label.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )

        self.clinic_group = QGroupBox(self)
        clinic_form = QFormLayout(self.clinic_group)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_edit, 1)
        logo_row.addWidget(self.logo_button)
        self._clinic_form = clinic_form
        clinic_widgets: tuple[QWidget, ...] = (
            self.name_edit,
            self.address_edit,
            self.phone_edit,
            self.email_edit,
        )
        for widget in clinic_widgets:
            clinic_form.addRow(QLabel(), widget)
        self._logo_row = logo_row
        clinic_form.addRow(QLabel(), logo_row)
        clinic_form.addRow(QLabel(), self.clinicians_edit)

        self.practice_group = QGroupBox(self)
        practice_form = QFormLayout(self.practice_group)
        self._practice_form = practice_form
        practice_widgets: tuple[QWidget, ...] = (
            self.jurisdiction_combo,
            self.page_size_combo,
            self.language_combo,
            self.retention_spin,
            self.date_order_combo,
            self.interface_combo,
        )
        for widget in practice_widgets:
            practice_form.addRow(QLabel(), widget)
        practice_form.addRow(QLabel(), self.interface_note)
        practice_form.addRow(self.protect_check)

        self.smtp_group = QGroupBox(self)
        smtp_form = QFormLayout(self.smtp_group)
        self._smtp_form = smtp_form
        smtp_widgets: tuple[QWidget, ...] = (
            self.host_edit,
            self.port_spin,
            self.security_combo,
            self.username_edit,
            self.sender_edit,
            self.password_edit,
        )
        for widget in smtp_widgets:
            smtp_form.addRow(QLabel(), widget)
        smtp_form.addRow(QLabel(), self.password_note)

        tall: tuple[QWidget, ...] = (
            self.name_edit,
            self.phone_edit,
            self.email_edit,
            self.logo_edit,
            self.logo_button,
            self.jurisdiction_combo,
            self.page_size_combo,
            self.language_combo,
            self.retention_spin,
            self.date_order_combo,
            self.interface_combo,
            self.host_edit,
            self.port_spin,
            self.security_combo,
            self.username_edit,
            self.sender_edit,
            self.password_edit,
        )
        for widget in tall:
            widget.setMinimumHeight(MIN_CONTROL_HEIGHT)

        content = QWidget(self)
        columns = QHBoxLayout(content)
        left = QVBoxLayout()
        left.addWidget(self.clinic_group)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.practice_group)
        right.addWidget(self.smtp_group)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(1000, 680)

        self.logo_button.clicked.connect(self._on_logo_button_clicked)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        """Set the translatable texts."""
        self.setWindowTitle(_tr("Clinic settings"))
        self.clinic_group.setTitle(_tr("Clinic"))
        self.practice_group.setTitle(_tr("Practice and documents"))
        self.smtp_group.setTitle(_tr("Outgoing mail (SMTP)"))
        rows = [
            (self._clinic_form, self.name_edit, _tr("&Name:"), _tr("Clinic name")),
            (self._clinic_form, self.address_edit, _tr("&Address:"), _tr("Clinic address")),
            (self._clinic_form, self.phone_edit, _tr("&Phone:"), _tr("Clinic phone")),
            (self._clinic_form, self.email_edit, _tr("&Email:"), _tr("Clinic email")),
            (self._clinic_form, self.clinicians_edit, _tr("C&linicians:"), _tr("Clinicians")),
            (
                self._practice_form,
                self.jurisdiction_combo,
                _tr("&Jurisdiction:"),
                _tr("Jurisdiction"),
            ),
            (self._practice_form, self.page_size_combo, _tr("Page si&ze:"), _tr("Page size")),
            (
                self._practice_form,
                self.language_combo,
                _tr("Patient sheet lan&guage:"),
                _tr("Default patient sheet language"),
            ),
            (
                self._practice_form,
                self.retention_spin,
                _tr("&Backups kept:"),
                _tr("Number of backups kept"),
            ),
            (
                self._practice_form,
                self.date_order_combo,
                _tr("Date &format:"),
                _tr("How the clinic writes dates"),
            ),
            (
                self._practice_form,
                self.interface_combo,
                _tr("&Interface language:"),
                _tr("Language of this program's screens on this computer"),
            ),
            (self._smtp_form, self.host_edit, _tr("&Server:"), _tr("Mail server host")),
            (self._smtp_form, self.port_spin, _tr("P&ort:"), _tr("Mail server port")),
            (self._smtp_form, self.security_combo, _tr("Se&curity:"), _tr("Connection security")),
            (self._smtp_form, self.username_edit, _tr("&User name:"), _tr("Mail user name")),
            (self._smtp_form, self.sender_edit, _tr("Sen&der:"), _tr("Sender address")),
            (self._smtp_form, self.password_edit, _tr("Pass&word:"), _tr("Mail password")),
        ]
        for form, widget, label_text, accessible in rows:
            label = form.labelForField(widget)
            if isinstance(label, QLabel):
                label.setText(label_text)
                label.setBuddy(widget)
            widget.setAccessibleName(accessible)
        logo_label = self._clinic_form.labelForField(self._logo_row)
        if isinstance(logo_label, QLabel):
            logo_label.setText(_tr("&Logo:"))
            logo_label.setBuddy(self.logo_edit)
        self.logo_edit.setAccessibleName(_tr("Logo file"))
        self.logo_button.setText(_tr("Choose…"))
        self.logo_button.setAccessibleName(_tr("Choose the logo file"))
        self.protect_check.setText(_tr("Pro&tect emailed sheets with the date of birth"))
        self.protect_check.setAccessibleName(_tr("Protect emailed sheets with the date of birth"))
        self.jurisdiction_combo.setItemText(1, _tr("United States"))
        self.page_size_combo.setItemText(0, _tr("Letter"))
        # The patient's documents' language, named in the interface language (as on the patient
        # form); the interface language list below names each language in itself.
        self.language_combo.setItemText(0, _tr("English"))
        self.language_combo.setItemText(1, _tr("French"))
        self.date_order_combo.setItemText(0, _tr("DD/MM/YYYY"))
        self.date_order_combo.setItemText(1, _tr("MM/DD/YYYY"))
        interface_names = {
            "system": _tr("The system's language"),
            "en": "English",
            "fr": "Français",
        }
        for index in range(self.interface_combo.count()):
            self.interface_combo.setItemText(
                index, interface_names[str(self.interface_combo.itemData(index))]
            )
        self.interface_note.setText(_tr("The interface language changes at the next start."))
        self.clinicians_edit.setPlaceholderText(_tr("One name per line"))
        self.port_spin.setSpecialValueText(_tr("standard"))
        self.password_edit.setPlaceholderText(_tr("unchanged"))
        self.password_note.setText(
            _tr(
                "The password is kept in the system keyring, or for this session only when "
                "there is none; it is never stored in the database."
            )
        )
        self.error_label.setAccessibleName(_tr("Settings errors"))
        self.buttons.setAccessibleName(_tr("Save or cancel"))

    # --- loading and saving -----------------------------------------------------------------

    def reload(self) -> None:
        """Show the settings in force."""
        try:
            settings = self._store.effective()
        except SettingsError as exc:
            self._show_errors(exc.errors)
            settings = ClinicSettings()
        self._before = settings
        self.name_edit.setText(settings.clinic.name)
        self.address_edit.setPlainText(settings.clinic.address)
        self.phone_edit.setText(settings.clinic.phone)
        self.email_edit.setText(settings.clinic.email)
        self.logo_edit.setText(settings.clinic.logo_path or "")
        self.clinicians_edit.setPlainText("\n".join(settings.clinicians))
        _select(self.jurisdiction_combo, settings.jurisdiction.value)
        _select(self.page_size_combo, settings.page_size.value)
        _select(self.language_combo, settings.default_language.value)
        self.retention_spin.setValue(settings.backup_retention)
        _select(self.date_order_combo, settings.date_order.value)
        _select(self.interface_combo, stored_choice(self._interface))
        self.protect_check.setChecked(settings.email_protect_attachment)
        self.host_edit.setText(settings.smtp.host)
        self.port_spin.setValue(settings.smtp.port or 0)
        _select(self.security_combo, settings.smtp.security.value)
        self.username_edit.setText(settings.smtp.username)
        self.sender_edit.setText(settings.smtp.sender)
        self.password_edit.clear()

    def values(self) -> dict[str, object]:
        """Every settings key as shown in the dialog (dotted keys, raw values)."""
        clinicians = [
            line.strip() for line in self.clinicians_edit.toPlainText().splitlines() if line.strip()
        ]
        port = self.port_spin.value()
        return {
            "clinic.name": self.name_edit.text(),
            "clinic.address": self.address_edit.toPlainText(),
            "clinic.phone": self.phone_edit.text(),
            "clinic.email": self.email_edit.text(),
            "clinic.logo_path": self.logo_edit.text().strip() or None,
            "clinicians": clinicians,
            "jurisdiction": self.jurisdiction_combo.currentData(),
            "page_size": self.page_size_combo.currentData(),
            "default_language": self.language_combo.currentData(),
            "backup_retention": self.retention_spin.value(),
            "backup_dir": self._before.backup_dir,
            "date_order": self.date_order_combo.currentData(),
            "email.protect_attachment": self.protect_check.isChecked(),
            "smtp.host": self.host_edit.text(),
            "smtp.port": port or None,
            "smtp.security": self.security_combo.currentData(),
            "smtp.username": self.username_edit.text(),
            "smtp.sender": self.sender_edit.text(),
        }

    def save(self) -> bool:
        """Validate and store the changed keys; errors are shown inline. True when saved."""
        try:
            after = settings_from_dict(self.values())
            changes = settings_diff(self._before, after)
            if changes:
                self._store.save(changes)
        except SettingsError as exc:
            self._show_errors(exc.errors)
            return False
        except StorageUnavailable as exc:
            self._show_errors([str(exc)])
            return False
        store_choice(self._interface, str(self.interface_combo.currentData()))
        password = self.password_edit.text()
        if password and after.smtp.username:
            self._passwords.set(after.smtp.username, password)
        self.password_edit.clear()
        self.error_label.setVisible(False)
        try:
            effective = self._store.effective()
        except SettingsError:
            effective = after
        self._before = effective
        self.saved.emit(effective)
        return True

    def _show_errors(self, errors: list[str]) -> None:
        self.error_label.setText("\n".join(errors))
        self.error_label.setVisible(True)

    # --- slots ------------------------------------------------------------------------------

    def _on_buttons_accepted(self) -> None:
        if self.save():
            self.accept()

    def _on_logo_button_clicked(self) -> None:
        current = self.logo_edit.text().strip()
        start = Path(current).parent if current else Path.home()
        path = self._prompter.ask_open_path(
            _tr("Clinic logo"), start, _tr("Images (*.png *.jpg *.jpeg)")
        )
        if path is not None:
            self.logo_edit.setText(str(path))


def _select(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)

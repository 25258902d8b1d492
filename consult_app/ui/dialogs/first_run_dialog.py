"""First run: the clinic's name, phone, address and first clinician, asked once (skippable).

Without them the patient sheet has no number to call and the email's subject no sender. The
dialog is offered when the clinic has no name yet and it was never answered or skipped on this
machine; "Later" skips it (the settings dialog holds the same fields). Saving stores only what
was typed, through the same settings store as the settings dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from consult_app.core.settings import ClinicSettings, SettingsError
from consult_app.storage.errors import StorageUnavailable
from consult_app.ui.dialogs.settings_dialog import SettingsStore

__all__ = ["FIRST_RUN_KEY", "FirstRunDialog", "first_run_needed"]

FIRST_RUN_KEY = "first_run/answered"
"""QSettings key set once the dialog was saved or skipped on this machine."""

MIN_CONTROL_HEIGHT = 40


def _tr(text: str) -> str:
    return QCoreApplication.translate("FirstRunDialog", text)


def first_run_needed(settings: ClinicSettings, window_state: QSettings) -> bool:
    """Whether to offer the dialog: no clinic name yet and never answered here."""
    answered = window_state.value(FIRST_RUN_KEY, False, type=bool)
    return not settings.clinic.name.strip() and not answered


class FirstRunDialog(QDialog):
    """Asks for the clinic's details and first clinician.

    Signals:
        saved: the settings in force after saving.
    """

    saved = Signal(object)

    def __init__(
        self, store: SettingsStore, window_state: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self._store = store
        self._state = window_state
        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        self.name_edit = QLineEdit(self)
        self.phone_edit = QLineEdit(self)
        self.address_edit = QPlainTextEdit(self)
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(64)
        self.clinician_edit = QLineEdit(self)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.error_label.hide()
        for widget in (self.name_edit, self.phone_edit, self.clinician_edit):
            widget.setMinimumHeight(MIN_CONTROL_HEIGHT)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.later_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self._form = QFormLayout()
        for field in (self.name_edit, self.phone_edit, self.address_edit, self.clinician_edit):
            self._form.addRow(QLabel(self), field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(self._form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self._on_buttons_rejected)
        self.retranslate_ui()
        self.setMinimumWidth(480)

    def retranslate_ui(self) -> None:
        """Set the translatable texts."""
        self.setWindowTitle(_tr("Welcome: your clinic"))
        self.intro_label.setText(
            _tr(
                "Printed on every patient sheet and in every email: who to call. You can skip "
                "this now and fill it in later under Settings."
            )
        )
        for widget, text, name in (
            (self.name_edit, _tr("Clinic &name:"), _tr("Clinic name")),
            (self.phone_edit, _tr("&Phone:"), _tr("Clinic phone")),
            (self.address_edit, _tr("&Address:"), _tr("Clinic address")),
            (self.clinician_edit, _tr("&First clinician:"), _tr("First clinician's name")),
        ):
            label = self._form.labelForField(widget)
            if isinstance(label, QLabel):
                label.setText(text)
                label.setBuddy(widget)
            widget.setAccessibleName(name)
        self.save_button.setText(_tr("&Save"))
        self.later_button.setText(_tr("&Later"))
        self.later_button.setAccessibleName(_tr("Skip for now"))

    def values(self) -> dict[str, object]:
        """What was typed, as settings keys (empty fields left out)."""
        values: dict[str, object] = {}
        for key, text in (
            ("clinic.name", self.name_edit.text()),
            ("clinic.phone", self.phone_edit.text()),
            ("clinic.address", self.address_edit.toPlainText()),
        ):
            if text.strip():
                values[key] = text.strip()
        clinician = self.clinician_edit.text().strip()
        if clinician:
            values["clinicians"] = [clinician]
        return values

    def save(self) -> bool:
        """Store what was typed; errors are shown inline. True when saved."""
        values = self.values()
        try:
            if values:
                self._store.save(values)
            effective = self._store.effective()
        except (SettingsError, StorageUnavailable) as exc:
            errors = exc.errors if isinstance(exc, SettingsError) else [str(exc)]
            self.error_label.setText("\n".join(errors))
            self.error_label.show()
            return False
        self._state.setValue(FIRST_RUN_KEY, True)
        self.saved.emit(effective)
        return True

    def _on_buttons_accepted(self) -> None:
        if self.save():
            self.accept()

    def _on_buttons_rejected(self) -> None:
        self._state.setValue(FIRST_RUN_KEY, True)  # skipped: not asked again
        self.reject()

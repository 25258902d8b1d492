"""The settings dialog on a real SQLite database: round trip, inline errors, password kept out."""

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from typing_helpers import type_text

from consult_app.storage.db import open_database
from consult_app.storage.settings import SettingsRepository
from consult_app.ui.dialogs.settings_dialog import SettingsDialog


@pytest.fixture(autouse=True)
def _no_modal(monkeypatch):
    def fail(*args, **kwargs):
        pytest.fail("unexpected modal dialog")

    monkeypatch.setattr(QDialog, "exec", fail)
    monkeypatch.setattr(QMessageBox, "exec", fail)


class Store:
    """SettingsRepository with its clinic.toml path bound, as the app wires it."""

    def __init__(self, repo, toml):
        self.repo = repo
        self.toml = toml

    def load(self):
        return self.repo.load()

    def save(self, values, *, unset=()):
        self.repo.save(values, unset=unset)

    def effective(self):
        return self.repo.effective(self.toml)


class Passwords:
    def __init__(self):
        self.stored = {}

    def set(self, username, password):
        self.stored[username] = password
        return False

    def has_keyring(self):
        return False


class Prompter:
    def __init__(self, path=None):
        self.path = path

    def ask_open_path(self, title, start, filter_text):
        return self.path


@pytest.fixture
def db(tmp_path):
    conn = open_database(tmp_path / "data" / "consult.sqlite3")
    yield conn
    conn.close()


@pytest.fixture
def store(db, tmp_path):
    return Store(SettingsRepository(db), tmp_path / "data" / "clinic.toml")


def make(qtbot, store, passwords=None, prompter=None):
    dialog = SettingsDialog(store, passwords or Passwords(), prompter or Prompter())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_round_trip(qtbot, store, db, tmp_path):
    passwords = Passwords()
    logo = tmp_path / "logo.png"
    dialog = make(qtbot, store, passwords, Prompter(logo))
    type_text(qtbot, dialog.name_edit, "Clinique du Lac — Montréal")
    qtbot.keyClicks(dialog.phone_edit, "+1 514 555 0100")
    qtbot.keyClicks(dialog.email_edit, "info@example.org")
    dialog.logo_button.click()
    assert dialog.logo_edit.text() == str(logo)
    dialog.clinicians_edit.setPlainText("Dr A. Martin\nN. Roy, RN\n")
    dialog.jurisdiction_combo.setCurrentIndex(dialog.jurisdiction_combo.findData("US"))
    dialog.page_size_combo.setCurrentIndex(dialog.page_size_combo.findData("A4"))
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("fr"))
    dialog.retention_spin.setValue(30)
    qtbot.keyClicks(dialog.host_edit, "127.0.0.1")
    dialog.port_spin.setValue(8025)
    dialog.security_combo.setCurrentIndex(dialog.security_combo.findData("none"))
    qtbot.keyClicks(dialog.username_edit, "clinic")
    qtbot.keyClicks(dialog.sender_edit, "clinic@example.org")
    qtbot.keyClicks(dialog.password_edit, "s3cret")
    with qtbot.waitSignal(dialog.saved) as blocker:
        assert dialog.save()
    settings = blocker.args[0]
    assert settings.clinic.name == "Clinique du Lac — Montréal"
    assert settings.clinicians == ("Dr A. Martin", "N. Roy, RN")
    assert settings.smtp.port == 8025 and settings.smtp.security.value == "none"
    assert passwords.stored == {"clinic": "s3cret"}
    # the password is not in the database
    rows = db.execute("SELECT key, value FROM settings").fetchall()
    assert not any("s3cret" in str(value) for _, value in rows)
    # a new dialog shows what was saved
    again = make(qtbot, store)
    assert again.name_edit.text() == "Clinique du Lac — Montréal"
    assert again.logo_edit.text() == str(logo)
    assert again.jurisdiction_combo.currentData() == "US"
    assert again.page_size_combo.currentData() == "A4"
    assert again.language_combo.currentData() == "fr"
    assert again.retention_spin.value() == 30
    assert again.host_edit.text() == "127.0.0.1"
    assert again.port_spin.value() == 8025
    assert again.username_edit.text() == "clinic"
    assert again.sender_edit.text() == "clinic@example.org"
    assert again.password_edit.text() == ""


def test_invalid_value_shown_inline_naming_the_key(qtbot, store):
    dialog = make(qtbot, store)
    qtbot.keyClicks(dialog.sender_edit, "not an address")
    assert not dialog.save()
    assert dialog.error_label.isVisible()
    assert "smtp.sender" in dialog.error_label.text()
    assert store.load() == {}


def test_only_changed_keys_saved_so_clinic_toml_still_governs(qtbot, store, tmp_path):
    store.toml.parent.mkdir(parents=True, exist_ok=True)
    store.toml.write_text('[clinic]\nname = "Lakeside Neurology"\n', encoding="utf-8")
    dialog = make(qtbot, store)
    assert dialog.name_edit.text() == "Lakeside Neurology"
    qtbot.keyClicks(dialog.phone_edit, "+1 416 555 0100")
    assert dialog.save()
    assert store.load() == {"clinic.phone": "+1 416 555 0100"}


def test_broken_clinic_toml_named_inline(qtbot, store):
    store.toml.parent.mkdir(parents=True, exist_ok=True)
    store.toml.write_text('[smtp]\nport = "x"\n', encoding="utf-8")
    dialog = make(qtbot, store)
    assert "smtp.port" in dialog.error_label.text()


def unnamed_controls(root):
    """Interactive widgets without an accessible name (the inner parts of combos and spins
    excluded, they are named through their owner)."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QWidget,
    )

    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton)
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or isinstance(
            widget.parent(), QComboBox | QAbstractSpinBox
        ):
            continue
        if widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text()):
            continue
        missing.append(widget)
    return missing


def test_every_control_named(qtbot, store):
    dialog = make(qtbot, store)
    assert unnamed_controls(dialog) == []


def test_date_order_and_attachment_protection(qtbot, store, tmp_path):
    """Only the changed keys are saved; clinic.toml still governs the others (issue 25)."""
    (tmp_path / "data" / "clinic.toml").write_text('date_order = "mdy"\n', encoding="utf-8")
    dialog = make(qtbot, store)
    assert dialog.date_order_combo.currentData() == "mdy"
    assert dialog.protect_check.isChecked()  # on by default
    dialog.protect_check.setChecked(False)
    assert dialog.save()
    assert store.load() == {"email.protect_attachment": False}
    effective = store.effective()
    assert effective.date_order.value == "mdy" and not effective.email_protect_attachment
    dialog.date_order_combo.setCurrentIndex(dialog.date_order_combo.findData("dmy"))
    assert dialog.save()
    assert store.effective().date_order.value == "dmy"

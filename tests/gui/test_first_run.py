"""First run: the clinic's details and first clinician asked once, skippable (issue 15, 11)."""

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from consult_app.core.settings import ClinicSettings
from consult_app.storage.db import open_database
from consult_app.storage.settings import SettingsRepository
from consult_app.ui.dialogs.first_run_dialog import FirstRunDialog, first_run_needed


class Store:
    def __init__(self, conn, clinic_toml):
        self.repo = SettingsRepository(conn)
        self.clinic_toml = clinic_toml

    def load(self):
        return dict(self.repo.load())

    def save(self, values, *, unset=()):
        self.repo.save(values, unset=unset)

    def effective(self):
        return self.repo.effective(self.clinic_toml)


def make(qtbot, tmp_path):
    conn = open_database(tmp_path / "consult.sqlite3")
    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    store = Store(conn, tmp_path / "clinic.toml")
    dialog = FirstRunDialog(store, state)
    qtbot.addWidget(dialog)
    return conn, state, store, dialog


def test_first_run_saves_clinic_and_first_clinician(qtbot, tmp_path):
    conn, state, store, dialog = make(qtbot, tmp_path)
    try:
        assert first_run_needed(store.effective(), state)
        qtbot.keyClicks(dialog.name_edit, "Lakeside Neurology")
        qtbot.keyClicks(dialog.phone_edit, "+1 416 555 0100")
        qtbot.keyClicks(dialog.address_edit, "12 Shore Rd, Toronto ON")
        qtbot.keyClicks(dialog.clinician_edit, "Dr A. Martin")
        with qtbot.waitSignal(dialog.saved) as blocker:
            dialog.save_button.click()
        effective = blocker.args[0]
        assert effective.clinic.name == "Lakeside Neurology"
        assert effective.clinic.phone == "+1 416 555 0100"
        assert effective.clinicians == ("Dr A. Martin",)
        assert store.effective() == effective  # stored: it survives a restart
        assert not first_run_needed(effective, state)
    finally:
        conn.close()


def test_first_run_can_be_skipped_and_is_not_asked_again(qtbot, tmp_path):
    conn, state, store, dialog = make(qtbot, tmp_path)
    try:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save)  # present
        dialog.later_button.click()
        assert store.load() == {} or "clinic.name" not in store.load()
        assert not first_run_needed(store.effective(), state)
        assert not first_run_needed(ClinicSettings(), state)
    finally:
        conn.close()

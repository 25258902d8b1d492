"""The clinic settings dialog opens from the main window and its values reach the service."""

import argparse

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from consult_app.app import gui


@pytest.fixture(autouse=True)
def _no_blocking_modals(monkeypatch):
    from PySide6.QtWidgets import QDialog, QMessageBox

    monkeypatch.setattr(QDialog, "exec", lambda *a: pytest.fail("unexpected modal dialog"))
    monkeypatch.setattr(QMessageBox, "exec", lambda *a: pytest.fail("unexpected message box"))


def test_settings_button_opens_dialog_and_applies(qtbot, tmp_path, monkeypatch):
    from consult_app.ui.dialogs.settings_dialog import SettingsDialog

    seen = {}

    def fake_exec(app):
        # the window run_gui just showed, not one an earlier test left behind (any order)
        window = next(
            w for w in app.topLevelWidgets() if w.objectName() == "mainWindow" and w.isVisible()
        )
        qtbot.waitUntil(lambda: getattr(window, "service_for_settings", None) is not None)
        qtbot.mouseClick(window.settings_button, Qt.MouseButton.LeftButton)
        dialog = window.findChild(SettingsDialog)
        assert dialog is not None and dialog.isVisible()
        dialog.name_edit.setText("Lakeside Neurology & Co <Test>")
        assert dialog.save()
        dialog.accept()
        seen["clinic"] = window.service_for_settings.settings.clinic.name
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    args = argparse.Namespace(
        data_dir=tmp_path / "data", protocol=None, smoke_test=False, verbose=False
    )
    assert gui.run_gui(args) == 0
    assert seen["clinic"] == "Lakeside Neurology & Co <Test>"

"""Screenshots of steps 5-7 and the settings dialog for docs/screenshots (not a regular test).

Run under Xvfb with the real X platform:
    CONSULT_SCREENSHOTS=docs/screenshots QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m pytest \
    tests/gui/test_steps_part2_screens.py -p no:faulthandler
Each picture is the whole X screen (ImageMagick ``import -window root``).
"""

import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from test_consultation_part1 import click
from test_settings_dialog import Passwords, Store
from test_settings_dialog import Prompter as SettingsPrompter
from test_steps_part2 import (  # noqa: F401 (fixtures)
    _no_modal,
    discuss_all_by_keyboard,
    draw,
    make_window,
    paths,
    prompter,
    protocol,
    to_consent,
    to_risks,
)
from typing_helpers import type_text

from consult_app.storage.db import open_database
from consult_app.storage.settings import SettingsRepository
from consult_app.ui.dialogs.settings_dialog import SettingsDialog

OUT = os.environ.get("CONSULT_SCREENSHOTS")
pytestmark = pytest.mark.skipif(not OUT, reason="set CONSULT_SCREENSHOTS to take screenshots")


def shoot(qtbot, name):
    qtbot.wait(400)
    QApplication.processEvents()
    subprocess.run(["import", "-window", "root", str(Path(OUT) / name)], check=True)


def test_shoot_steps(qtbot, make_window):  # noqa: F811 (fixture)
    window = make_window()
    window.move(0, 0)
    window.resize(1366, 768)
    view = to_risks(qtbot, window)
    risks = view.steps[3]
    risks.checklist.setFocus()
    shoot(qtbot, "step5-risks.png")
    discuss_all_by_keyboard(qtbot, view)
    type_text(qtbot, risks.questions_edit, "Will it hurt? — A little, like a pinch; ice helps.")
    shoot(qtbot, "step5-risks-discussed.png")
    click(qtbot, view.next_button)
    step = view.steps[4]
    for check in step.confirm_checks.values():
        check.setChecked(True)
    shoot(qtbot, "step6-consent.png")
    step.scroll_area.verticalScrollBar().setValue(step.scroll_area.verticalScrollBar().maximum())
    draw(qtbot, step.patient_box.pad)
    draw(qtbot, step.clinician_box.pad, offset=15)
    click(qtbot, step.seal_button)
    step.scroll_area.verticalScrollBar().setValue(step.scroll_area.verticalScrollBar().maximum())
    shoot(qtbot, "step6-consent-sealed.png")
    click(qtbot, view.next_button)
    shoot(qtbot, "step7-finish.png")
    finish = view.steps[5]
    finish.tabs.setCurrentIndex(1)
    shoot(qtbot, "step7-finish-record.png")


def test_shoot_settings(qtbot, tmp_path):
    conn = open_database(tmp_path / "data" / "consult.sqlite3")
    store = Store(SettingsRepository(conn), tmp_path / "data" / "clinic.toml")
    store.save(
        {
            "clinic.name": "Lakeside Neurology",
            "clinic.address": "12 Shore Rd\nToronto ON M5V 2T6",
            "clinic.phone": "+1 416 555 0100",
            "clinic.email": "clinic@example.org",
            "clinicians": ["Dr A. Martin", "N. Roy, RN"],
            "smtp.host": "smtp.example.org",
            "smtp.username": "clinic",
            "smtp.sender": "clinic@example.org",
        }
    )
    dialog = SettingsDialog(store, Passwords(), SettingsPrompter())
    qtbot.addWidget(dialog)
    dialog.move(0, 0)
    dialog.show()
    shoot(qtbot, "settings.png")
    dialog.sender_edit.setText("not an address")
    dialog.save()
    shoot(qtbot, "settings-error.png")
    conn.close()

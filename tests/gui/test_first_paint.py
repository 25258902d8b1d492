"""The main window paints before anything it does not draw is loaded (issue 23).

Before the first paint: Qt, the data folder and its lock, and the main window with an empty patient
list. The database, the clinic settings, the first page of patients, the protocol and the
consultation screens come after it. These tests check that structurally (which modules are loaded
at the first paint, and that the ``Qt`` namespace, ~12 ms of enums, is not yet built) and that the
steps after the paint still do their job; ``make bench`` times it.
"""

import argparse
import datetime as dt
import json
import os
import subprocess
import sys

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from consult_app.app import gui
from consult_app.core.patient import NewPatient
from consult_app.storage.db import open_database
from consult_app.storage.patients import PatientRepository

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]

# Loaded right after the first paint, never before it.
NOT_BEFORE_PAINT = (
    "consult_app.app.consultation_service",
    "consult_app.app.logging_setup",
    "consult_app.app.startup",
    "consult_app.core",
    "consult_app.delivery",
    "consult_app.documents",
    "consult_app.storage",
    "consult_app.ui.consultation_view",
    "consult_app.ui.dialogs",
    "consult_app.ui.steps",
    "consult_app.ui.views",
    "consult_app.ui.widgets",
    "logging.handlers",
    "PySide6.QtPrintSupport",
    "pypdf",
    "reportlab",
    "sqlite3",
    "tomllib",
)

PROBE = """
import json, sys
import consult_app.app.gui as gui

seen = {}
painted = gui._Startup.painted

def probe(self):
    import PySide6.QtCore as QtCore
    seen["modules"] = sorted(sys.modules)
    seen["qt_namespace_built"] = "Qt" in vars(QtCore)
    painted(self)

gui._Startup.painted = probe
from consult_app.app.main import main
code = main(["--data-dir", sys.argv[1]])
print("RESULT " + json.dumps({"code": code, **seen}))
"""


def test_first_paint_loads_only_what_the_first_screen_draws(data_dir):
    env = dict(os.environ, CONSULT_APP_EXIT_AFTER_PAINT="1", QT_QPA_PLATFORM="offscreen")
    for _ in range(2):  # the second start opens an existing database
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(data_dir)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    result = json.loads(next(line for line in lines if line.startswith("RESULT "))[7:])
    assert result["code"] == 0
    early = [
        name
        for name in result["modules"]
        for banned in NOT_BEFORE_PAINT
        if name == banned or name.startswith(banned + ".")
    ]
    assert early == []
    assert result["qt_namespace_built"] is False
    assert "consult_app.ui.main_window" in result["modules"]
    # make bench's markers: the paint, then the first page of patients after it
    markers = [line.split()[0] for line in lines if line.startswith("CONSULT_APP_")]
    assert markers == ["CONSULT_APP_PHASES", "CONSULT_APP_PAINTED", "CONSULT_APP_FIRST_PAGE"]


@pytest.fixture(autouse=True)
def _no_windows_left():
    """run_gui leaves its window to the caller's QApplication: delete it for the next tests."""
    yield
    windows = [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"]
    for window in windows:
        window.close()
        shiboken6.delete(window)


def _args(data_dir):
    return argparse.Namespace(data_dir=data_dir, protocol=None, smoke_test=False, verbose=False)


def test_first_page_and_consultations_arrive_after_the_paint(qtbot, data_dir, monkeypatch):
    data_dir.mkdir(mode=0o700)
    conn = open_database(data_dir / "consult.sqlite3")
    PatientRepository(conn).create(
        NewPatient(name="Zoë O'Brien", birth_date=dt.date(1984, 3, 9), sex="female",
                   chart_number=None, phone=None, email=None, language="en", allergies=None)
    )  # fmt: skip
    conn.close()
    seen = {}

    def fake_exec(app):
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
        seen["rows_at_show"] = window.patient_model.rowCount()
        qtbot.waitUntil(lambda: window.patient_model.rowCount() == 1)
        assert window.patient_model.patient_at(0).name == "Zoë O'Brien"
        qtbot.waitUntil(lambda: window.consultation_view is not None, timeout=10000)
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert gui.run_gui(_args(data_dir)) == 0
    assert seen["rows_at_show"] == 0


def test_unusable_database_after_the_paint_exits_8_untouched(qtbot, data_dir, monkeypatch):
    data_dir.mkdir(mode=0o700)
    db = data_dir / "consult.sqlite3"
    content = b"this is not a database" * 100
    db.write_bytes(content)
    shown = []
    # A corrupt database now opens the recovery dialog (issue 25, tests/gui/test_recover.py);
    # here no backup is restored: the user quits it.
    monkeypatch.setattr(
        "consult_app.app.gui_recovery.recover",
        lambda paths, problem, **kwargs: shown.append(problem) or False,
    )
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: QApplication.instance().exit(99))  # never hang the suite
    guard.start(20000)
    assert gui.run_gui(_args(data_dir)) == 8
    guard.stop()
    assert len(shown) == 1 and "Traceback" not in shown[0]
    assert db.read_bytes() == content
    assert not any(p.name.endswith(".bak") for p in data_dir.iterdir())

"""Screenshot helper for docs: run under xvfb-run; opens the app on DATA, selects the first
patient, then captures the whole X screen with ImageMagick's `import -window root` to OUT."""

import subprocess
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from consult_app.app import gui

data, out = sys.argv[1], sys.argv[2]


def shoot():
    app = QApplication.instance()
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
    window.move(0, 0)
    window.patient_table.selectRow(int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    app.processEvents()
    QTimer.singleShot(600, lambda: (subprocess.run(["import", "-window", "root", out]), app.quit()))


_app = QApplication(sys.argv[:1])
QTimer.singleShot(1500, shoot)
args = type("A", (), {"data_dir": data, "protocol": None, "smoke_test": False, "verbose": False})()
sys.exit(gui.run_gui(args))

"""The baseline of ``startup_ratio``: a bare PySide6 main window, timed to its first paint.

Prints ``CONSULT_APP_PAINTED <time.monotonic()> <time.process_time()>`` after the first paint,
like the app does with ``CONSULT_APP_EXIT_AFTER_PAINT=1``, then quits.
"""

import sys
import time

PHASES = [("python", time.process_time())]

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: E402

PHASES.append(("qt_import", time.process_time()))


class _FirstPaint(QObject):
    def __init__(self, app: QApplication, window: QMainWindow) -> None:
        super().__init__(window)
        self._app = app
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._done)
        return False

    def _done(self) -> None:
        now, cpu = time.monotonic(), time.process_time()
        PHASES.append(("show_and_paint", cpu))
        phases = " ".join(f"{name}={cpu * 1000:.2f}" for name, cpu in PHASES)
        print(f"CONSULT_APP_PHASES {phases}", flush=True)
        print(f"CONSULT_APP_PAINTED {now:.6f} {cpu:.6f}", flush=True)
        self._app.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    PHASES.append(("qapplication", time.process_time()))
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.setCentralWidget(QLabel("bare PySide6 window"))
    window.resize(1280, 800)
    window.installEventFilter(_FirstPaint(app, window))
    PHASES.append(("window", time.process_time()))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

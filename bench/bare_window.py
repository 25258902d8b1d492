"""The baseline of ``startup_ratio``: a bare PySide6 main window, timed to its first paint.

Prints ``CONSULT_APP_PAINTED <time.monotonic()> <time.process_time()>`` after the first paint, like the app does with
``CONSULT_APP_EXIT_AFTER_PAINT=1``, then quits.
"""

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


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
        print(f"CONSULT_APP_PAINTED {now:.6f} {cpu:.6f}", flush=True)
        self._app.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.setCentralWidget(QLabel("bare PySide6 window"))
    window.resize(1280, 800)
    window.installEventFilter(_FirstPaint(app, window))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

"""The GUI startup sequence (and ``--smoke-test``).

The order of style.md 2.6, except that the main window paints first: before the first paint only
Qt, the data folder and its lock, and the main window itself (its first-screen modules import only
what they draw). Right after it come logging, the database, the clinic settings and the first page
of patients (``_Startup.open_data``), then the integrity check, the protocol and the consultation
screens. Each step is logged by name; a failure of the database step shows a clear message and
exits 8. ``--smoke-test`` runs every step synchronously, checking the database first.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from consult_app import APP_ID, APP_NAME, ORG_NAME, __version__

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_BUG = 1
EXIT_USAGE = 2  # no display: the app was started where it cannot show a window
EXIT_STORAGE = 8

# Process CPU time at the end of each start-up phase; printed for ``make bench`` (issue 23).
_PHASES: list[tuple[str, float]] = []


def _phase(name: str) -> None:
    _PHASES.append((name, time.process_time()))


def _fail(message: str, smoke: bool) -> None:
    """Tell the user about a startup failure: on stderr, and in a message box for the GUI."""
    print(f"{APP_ID}: {message}", file=sys.stderr)  # noqa: T201
    if smoke:
        return
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is not None:
        QMessageBox.critical(None, APP_NAME, message)


def run_gui(args: argparse.Namespace) -> int:
    """Start the GUI (or the smoke test) and return the exit code."""
    _phase("python")  # interpreter, consult_app.app.main, argparse
    smoke = bool(getattr(args, "smoke_test", False))
    if smoke:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    else:
        from consult_app.app.display import display_problem

        problem = display_problem()
        if problem:
            print(f"{APP_ID}: {problem}", file=sys.stderr)  # noqa: T201
            return EXIT_USAGE

    # Imported before PySide6, whose import hook reads the source of every module imported after.
    from consult_app.app.paths import resolve_paths  # noqa: I001 - must come before PySide6

    from PySide6.QtCore import QCoreApplication, QLockFile
    from PySide6.QtWidgets import QApplication

    _phase("qt_import")
    # 1. names, before anything asks Qt for a path
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_ID)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationDisplayName(APP_NAME)
    _phase("qapplication")

    # 2. the data folder, and one instance per data folder (a second would fight over the database)
    try:
        paths = resolve_paths(args.data_dir)
    except OSError as exc:
        _fail(f"cannot create the data folder: {exc.strerror or exc}", smoke)
        return EXIT_STORAGE
    lock = QLockFile(str(paths.data / "consult-app.lock"))
    lock.setStaleLockTime(0)
    if not lock.tryLock(200):
        _fail(
            "Neuromodulator Consult is already open on this data folder "
            f"({paths.data}). Use the window that is already open.",
            smoke,
        )
        return EXIT_STORAGE
    _phase("data_folder")
    # 3. the interface language, before any window exists (issue 21); kept for the app's lifetime
    translators = _install_language(app, args, paths)
    args.interface_language = translators.language
    _phase("translators")
    try:
        if smoke:
            return _run_smoke(app, args, paths)
        while True:
            code, restart = _run_window(app, args, paths)
            if not restart:  # else a backup was restored under the window: start it again
                return code
    finally:
        lock.unlock()


def _install_language(app: Any, args: argparse.Namespace, paths: Any) -> Any:
    """Install the translators for ``--ui-lang`` or this computer's interface language setting."""
    from PySide6.QtCore import QSettings

    from consult_app.resources import resource_path
    from consult_app.ui.i18n import catalogue_folder, install_translators, stored_choice

    choice = getattr(args, "ui_lang", None) or stored_choice(QSettings())
    folder = catalogue_folder(resource_path("translations"), paths.cache / "translations")
    return install_translators(app, choice, folder)


def _run_window(app: Any, args: argparse.Namespace, paths: Any) -> tuple[int, bool]:
    """Paint the main window first, then open everything else (see ``_Startup``).

    Returns:
        The exit code, and whether to start again (a backup was restored from the window).
    """
    from consult_app.app.gui_recovery import drop_pending_quit
    from consult_app.ui.main_window import MainWindow
    from consult_app.ui.prompts import QtPrompter

    _phase("window_imports")
    prompter = QtPrompter()
    window = MainWindow(None, prompter)
    prompter.set_parent(window)
    screen = app.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        window.resize(min(1280, available.width()), min(800, available.height()))
    startup = _Startup(app, window, prompter, args, paths)
    _phase("window")
    window.show()
    drop_pending_quit(app)
    code = app.exec()
    startup.close()
    if startup.restart:
        window.hide()
        window.deleteLater()
    return int(code), startup.restart


class _Startup:
    """Everything after the first paint of the main window, in order.

    Logging, the database (StorageUnavailable -> message, exit 8), the clinic settings and the
    first page of patients; then the integrity check and daily backup (background thread, writes
    held until it passes), the protocol and the consultation screens.
    """

    def __init__(self, app: Any, window: Any, prompter: Any, args: Any, paths: Any) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        self.app = app
        self.window = window
        self.prompter = prompter
        self.args = args
        self.paths = paths
        self.conn: Any = None
        self.settings: Any = None
        self.gate: Any = None
        self.restart = False
        self._closed = False
        startup = self

        class _AfterFirstPaint(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
                if event.type() == QEvent.Type.Paint:
                    window.removeEventFilter(self)
                    QTimer.singleShot(0, startup.painted)
                return False

        self._filter = _AfterFirstPaint(window)
        window.installEventFilter(self._filter)

    def painted(self) -> None:
        """The window has painted: open the data."""
        if os.environ.get("CONSULT_APP_EXIT_AFTER_PAINT"):  # ``make bench``: time of the paint
            now, cpu = time.monotonic(), time.process_time()
            _phase("show_and_paint")
            phases = " ".join(f"{name}={cpu * 1000:.2f}" for name, cpu in _PHASES)
            print(f"CONSULT_APP_PHASES {phases}", flush=True)  # noqa: T201
            print(f"CONSULT_APP_PAINTED {now:.6f} {cpu:.6f}", flush=True)  # noqa: T201
        self.open_data()

    def open_data(self) -> None:
        """Logging, database, settings and the first page of patients."""
        from consult_app.app.logging_setup import setup_logging

        args, paths, window = self.args, self.paths, self.window
        setup_logging(paths.logs, verbose=bool(getattr(args, "verbose", False)))
        logger.info("startup: %s %s, main window painted", APP_ID, __version__)
        from consult_app.app.gui_recovery import open_checked, recover
        from consult_app.storage.db import open_database
        from consult_app.storage.errors import StorageProblem, StorageUnavailable

        try:
            # The integrity check runs in the background (below) so that a large database still
            # opens fast, with writes held until the check has passed.
            self.conn = open_checked(paths)
        except StorageUnavailable as exc:
            logger.error("startup: database unavailable (%s)", exc.problem.value)
            if exc.problem is not StorageProblem.CORRUPT:
                self._stop(str(exc), EXIT_STORAGE)
                return
            print(f"{APP_ID}: {exc}", file=sys.stderr)  # noqa: T201
            if not recover(paths, str(exc), parent=window):
                self.app.exit(EXIT_STORAGE)
                return
            try:
                self.conn = open_database(paths.database, check=True)
            except StorageUnavailable as again:
                self._stop(str(again), EXIT_STORAGE)
                return
        logger.info("startup: database open")
        from consult_app.storage.settings import SettingsRepository

        try:
            self.settings = SettingsRepository(self.conn).effective(paths.clinic_toml)
        except Exception as exc:
            self._stop(f"the clinic settings cannot be read:\n{exc}", 2)
            return
        from consult_app.app.startup import PATIENT_WRITES, HeldWrites, IntegrityGate
        from consult_app.storage.patients import PatientRepository

        backups_dir = paths.backups
        if self.settings.backup_dir:
            backups_dir = paths.data / Path(self.settings.backup_dir).expanduser()
        self.gate = IntegrityGate(
            paths.database, backups_dir=backups_dir, keep=self.settings.backup_retention
        )
        repository = PatientRepository(self.conn, date_order=self.settings.date_order.value)
        window.set_patients(HeldWrites(repository, self.gate, PATIENT_WRITES))
        conn, prompter = self.conn, self.prompter
        window.settings_requested.connect(
            lambda: _open_settings(window, conn, paths, prompter, repository)
        )
        from PySide6.QtCore import QTimer

        if os.environ.get("CONSULT_APP_EXIT_AFTER_PAINT"):
            _exit_after_next_paint(self.app, window)
            return
        QTimer.singleShot(0, self.attach_service)
        _report_integrity(self.gate, self.damaged)

    def attach_service(self) -> None:
        """Start the integrity check, load the protocol and enable consultations."""
        self.gate.start()
        if self._closed:  # a failed check already let the database go (recovery dialog)
            return
        try:
            service = _build_service(self.args, self.conn, self.paths, self.settings, self.gate)
        except Exception as exc:
            logger.error("startup: protocol not loaded (%s)", type(exc).__name__)
            self.prompter.show_error(
                "Clinical protocol",
                "The clinical protocol cannot be loaded, so consultations cannot be started. "
                f"Patients can still be looked up.\n\n{exc}",
            )
            return
        if self._closed:
            return
        self.window.attach_service(service)
        self.window.service_for_settings = service
        logger.info("startup: consultations ready")
        _offer_first_run(self.window, self.conn, self.paths, self.settings)

    def damaged(self) -> None:
        """The background check failed: offer the recovery dialog over the window."""
        from consult_app.app.gui_recovery import backup_dirs, recover

        window = self.window

        def before_restore() -> None:  # the restore replaces the file: let it go first
            window.hide()
            self.close()

        restored = recover(
            self.paths,
            "the database failed its integrity check.",
            parent=window,
            before_restore=before_restore,
            backup_dirs=backup_dirs(self.paths, self.settings),
            quit_text=_tr("&Not now"),
        )
        if restored or not window.isVisible():  # restored, or failed after letting go: again
            self.restart = True
            self.app.quit()

    def _stop(self, message: str, code: int) -> None:
        _fail(message, smoke=False)
        self.app.exit(code)

    def close(self) -> None:
        """Close the database connection (again is harmless)."""
        self._closed = True
        if self.conn is not None:
            self.conn.close()


def _build_service(args: Any, conn: Any, paths: Any, settings: Any, gate: Any) -> Any:
    """Load the protocol and build the consultation service (raises on a bad protocol)."""
    from consult_app.app.consultation_service import ConsultationService
    from consult_app.app.services import load_protocol_for
    from consult_app.resources import resource_path

    protocol = load_protocol_for(getattr(args, "protocol", None))
    logger.info("startup: protocol %s loaded", protocol.version)
    service: Any = ConsultationService(
        conn,
        protocol,
        paths,
        settings,
        font_dir=resource_path("fonts"),
        # The clinician's record in the interface language; the patient's documents follow the
        # patient's language (issue 21).
        record_lang=str(getattr(args, "interface_language", "en")),
    )
    if gate is not None:
        from consult_app.app.startup import SERVICE_WRITES, HeldWrites

        service = HeldWrites(service, gate, SERVICE_WRITES)
    return service


def _run_smoke(app: Any, args: argparse.Namespace, paths: Any) -> int:
    """``--smoke-test``: everything synchronously (database checked), then a PDF."""
    from consult_app.app.logging_setup import setup_logging
    from consult_app.resources import resource_path
    from consult_app.storage.db import open_database
    from consult_app.storage.errors import StorageUnavailable
    from consult_app.storage.patients import PatientRepository
    from consult_app.storage.settings import SettingsRepository
    from consult_app.ui.main_window import MainWindow
    from consult_app.ui.prompts import QtPrompter

    setup_logging(paths.logs, verbose=bool(getattr(args, "verbose", False)))
    logger.info("startup: %s %s (smoke test)", APP_ID, __version__)
    try:
        conn = open_database(paths.database, check=True)
    except StorageUnavailable as exc:
        logger.error("startup: database unavailable (%s)", exc.problem.value)
        _fail(str(exc), smoke=True)
        return EXIT_STORAGE
    try:
        try:
            settings = SettingsRepository(conn).effective(paths.clinic_toml)
        except Exception as exc:
            _fail(f"the clinic settings cannot be read:\n{exc}", smoke=True)
            return 2
        try:
            service = _build_service(args, conn, paths, settings, None)
        except Exception as exc:
            _fail(f"the clinical protocol cannot be loaded:\n{exc}", smoke=True)
            return 2
        prompter = QtPrompter()
        repository = PatientRepository(conn, date_order=settings.date_order.value)
        window = MainWindow(repository, prompter, service=service)
        prompter.set_parent(window)
        window.refresh()
        window.show()
        return _smoke_checks(app, window, resource_path("fonts"), service.protocol)
    finally:
        conn.close()


class _SettingsStore:
    """The settings dialog's store: the database's values over ``clinic.toml``."""

    def __init__(self, conn: Any, clinic_toml: Path) -> None:
        from consult_app.storage.settings import SettingsRepository

        self._repo = SettingsRepository(conn)
        self._clinic_toml = clinic_toml

    def load(self) -> dict[str, object]:
        return dict(self._repo.load())

    def save(self, values: Any, *, unset: Any = ()) -> None:
        self._repo.save(values, unset=unset)

    def effective(self) -> Any:
        return self._repo.effective(self._clinic_toml)


def _open_settings(
    window: Any, conn: Any, paths: Any, prompter: Any, repository: Any = None
) -> None:
    """Open the clinic settings dialog (not modal); apply the settings when saved."""
    from consult_app.ui.dialogs.settings_dialog import SettingsDialog
    from consult_app.ui.steps import finish_step

    store = _SettingsStore(conn, paths.clinic_toml)
    # The same per-run password store as the email dialog, so a password typed once serves both.
    dialog = SettingsDialog(store, finish_step._PASSWORDS, prompter, window)

    def applied() -> None:
        if repository is not None:
            try:
                repository.date_order = store.effective().date_order.value
            except Exception:  # noqa: BLE001 - the dialog validated; keep the old order
                logger.warning("settings saved but the date order was not applied")
        service = getattr(window, "service_for_settings", None)
        if service is not None:
            try:
                service.settings = store.effective()
            except Exception:  # noqa: BLE001 - the dialog validated; keep the old settings
                logger.warning("settings saved but not applied")

    dialog.accepted.connect(applied)
    dialog.open()


def _offer_first_run(window: Any, conn: Any, paths: Any, settings: Any) -> None:
    """First run: ask for the clinic's name, phone, address and first clinician (skippable)."""
    from PySide6.QtCore import QSettings

    from consult_app.ui.dialogs.first_run_dialog import FirstRunDialog, first_run_needed

    state = QSettings()
    if not first_run_needed(settings, state):
        return
    dialog = FirstRunDialog(_SettingsStore(conn, paths.clinic_toml), state, window)

    def saved(effective: Any) -> None:
        service = getattr(window, "service_for_settings", None)
        if service is not None:
            service.settings = effective

    dialog.saved.connect(saved)
    window.first_run_dialog = dialog
    dialog.setModal(False)  # skippable: the window stays usable behind it
    dialog.show()


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("Startup", text)


def _report_integrity(gate: Any, on_damaged: Any) -> None:
    """When the background check ends: if the database is damaged, offer the recovery dialog.

    Until then, and when the user declines, nothing is written to it (held writes fail).
    """
    from PySide6.QtCore import QTimer

    def poll() -> None:
        if not gate.done:
            QTimer.singleShot(100, poll)
            return
        if not gate.ok:
            on_damaged()

    QTimer.singleShot(100, poll)


def _exit_after_next_paint(app: Any, window: Any) -> None:
    """For ``make bench``: once the first page of patients has painted, print the time and quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    viewport = window.patient_table.viewport()

    def done() -> None:
        now, cpu = time.monotonic(), time.process_time()
        print(f"CONSULT_APP_FIRST_PAGE {now:.6f} {cpu:.6f}", flush=True)  # noqa: T201
        app.quit()

    class _Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                viewport.removeEventFilter(self)
                QTimer.singleShot(0, done)
            return False

    window._bench_paint_filter = _Painted(viewport)
    viewport.installEventFilter(window._bench_paint_filter)


def _smoke_checks(app: object, window: object, font_dir: Path, protocol: object) -> int:
    """Finish the smoke test: paint the window, render a PDF, report."""
    import tempfile

    from PySide6.QtWidgets import QApplication

    from consult_app.documents.fonts import register_fonts
    from consult_app.documents.smoke import render_smoke_pdf

    QApplication.processEvents()
    register_fonts(font_dir)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "smoke.pdf"
        render_smoke_pdf(target, font_dir)
        size = target.stat().st_size
    if size < 500:
        print(f"{APP_ID}: smoke test PDF is too small ({size} bytes)", file=sys.stderr)  # noqa: T201
        return EXIT_BUG
    from consult_app.resources import resource_path
    from consult_app.ui.i18n import french_available

    folder = resource_path("translations")
    if not french_available(folder):
        print(f"{APP_ID}: smoke test: the French interface is missing", file=sys.stderr)  # noqa: T201
        return EXIT_BUG
    version = getattr(protocol, "version", "none")
    print(  # noqa: T201
        f"smoke test OK: window shown, PDF {size} bytes, protocol {version}, French interface"
    )
    QApplication.closeAllWindows()
    return EXIT_OK

"""The interface language: which Qt translators to install (ours and Qt's own ``qtbase``).

``install_translators(app, choice, folder)`` is called once by the startup sequence after the
QApplication exists and before the main window is built. ``choice`` is "en", "fr" or "system" (the
default: the system's locale); it is this computer's setting (``QSettings`` key
``interface/language``, chosen in the settings dialog), which ``--ui-lang`` overrides for one run.

Our catalogue is ``resources/translations/consult_app_fr_CA.qm``. It is not committed: ``make``
builds it from the committed ``.ts`` with ``pyside6-lrelease`` (``make translations``, a step of
``make run``/``make test``; ``build.spec`` compiles it into the bundle itself).
``catalogue_folder`` finds it, and in a source checkout where it is missing or older than the
``.ts`` compiles it into the cache folder with PySide6's own ``lrelease``, so ``python -m
consult_app`` straight from a checkout is in French too. Qt's own dialogs and message-box buttons
come from ``qtbase_<lang>.qm`` in Qt's translations folder. Both translators are kept on the
returned object, which the caller keeps for the app's lifetime.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

logger = logging.getLogger(__name__)

SUPPORTED = ("en", "fr")
INTERFACE_CHOICES = ("system", "en", "fr")
"""The interface language setting's values, the default first."""
SETTING_KEY = "interface/language"
CATALOGUES = ("consult_app_fr_CA",)


def stored_choice(settings: QSettings) -> str:
    """The interface language chosen on this computer ("system" when unset or unknown)."""
    value = settings.value(SETTING_KEY, "system")
    return value if isinstance(value, str) and value in INTERFACE_CHOICES else "system"


def store_choice(settings: QSettings, choice: str) -> None:
    """Remember the interface language for the next start (ValueError if not a choice)."""
    if choice not in INTERFACE_CHOICES:
        raise ValueError(f"interface language must be one of {INTERFACE_CHOICES}: {choice!r}")
    settings.setValue(SETTING_KEY, choice)
    settings.sync()


def _lrelease() -> Path | None:
    """PySide6's own lrelease, when this is a checkout with PySide6 installed (not a bundle)."""
    if getattr(sys, "frozen", False):
        return None
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    for name in ("lrelease", "lrelease.exe"):
        if (folder / name).is_file():
            return folder / name
    return None


def compile_catalogue(ts: Path, qm: Path) -> bool:
    """Compile one ``.ts`` into ``qm`` with lrelease; False (logged) when it cannot."""
    tool = _lrelease()
    if tool is None:
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(  # noqa: S603 - our own file names, no shell
            [str(tool), "-silent", str(ts), "-qm", str(qm)],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        logger.warning("lrelease could not run (%s)", type(exc).__name__)
        return False
    if done.returncode != 0 or not qm.is_file():
        logger.warning("lrelease failed on %s (exit %s)", ts.name, done.returncode)
        return False
    return True


def catalogue_folder(translations_dir: Path, cache_dir: Path) -> Path:
    """The folder holding up-to-date ``.qm`` catalogues: the bundled one, or a fresh compile.

    ``translations_dir`` is ``resources/translations``; a ``.qm`` there at least as new as its
    ``.ts`` (or with no ``.ts`` beside it: a bundle) is used as it is. Otherwise each catalogue is
    compiled into ``cache_dir`` (when not already there and current) and that folder is returned.
    """
    stale = False
    for stem in CATALOGUES:
        ts, qm = translations_dir / f"{stem}.ts", translations_dir / f"{stem}.qm"
        if ts.is_file() and (not qm.is_file() or qm.stat().st_mtime < ts.stat().st_mtime):
            stale = True
    if not stale:
        return translations_dir
    for stem in CATALOGUES:
        ts, qm = translations_dir / f"{stem}.ts", cache_dir / f"{stem}.qm"
        if qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        if not compile_catalogue(ts, qm):
            return translations_dir
    return cache_dir


def resolve_language(choice: str, system: QLocale | None = None) -> str:
    """The interface language for a setting: "en", "fr", or the system's one when "system"."""
    if choice in SUPPORTED:
        return choice
    locale = system if system is not None else QLocale.system()
    return "fr" if locale.language() == QLocale.Language.French else "en"


@dataclass(slots=True)
class Translators:
    """The installed translators (kept referenced: Qt does not own them)."""

    language: str
    installed: list[QTranslator] = field(default_factory=list)


def install_translators(app: QCoreApplication, choice: str, translations_dir: Path) -> Translators:
    """Install the translators for ``choice`` and set the default QLocale to match.

    Args:
        app: the application.
        choice: "en", "fr" or "system".
        translations_dir: the folder holding ``consult_app_fr_CA.qm``.

    Returns:
        The installed translators; keep it as long as the app lives.
    """
    language = resolve_language(choice)
    result = Translators(language)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Canada))
        return result
    locale = QLocale(QLocale.Language.French, QLocale.Country.Canada)
    QLocale.setDefault(locale)
    ours = QTranslator(app)
    if ours.load(locale, "consult_app", "_", str(translations_dir)):
        app.installTranslator(ours)
        result.installed.append(ours)
    else:
        logger.warning("interface translation for %s not found (run make translations)", language)
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(locale, "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        result.installed.append(qt)
    else:
        logger.warning("Qt's own translation for %s not found", language)
    return result


def french_available(folder: Path) -> bool:
    """Whether our French catalogue in ``folder`` (or compiled from its .ts) and Qt's load.

    For ``--smoke-test``: the bundle must carry both (style.md 2.6).
    """
    import tempfile

    locale = QLocale(QLocale.Language.French, QLocale.Country.Canada)
    with tempfile.TemporaryDirectory() as tmp:
        ours = QTranslator()
        if not ours.load(locale, "consult_app", "_", str(catalogue_folder(folder, Path(tmp)))):
            return False
        if ours.translate("MainWindow", "New patient") != "Nouveau patient":
            return False
    qt = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return qt.load(locale, "qtbase", "_", qt_dir)

"""The interface language: which Qt translators to install (ours and Qt's own ``qtbase``).

``install_translators(app, choice)`` is called once by the startup sequence after the
QApplication exists. ``choice`` is "en", "fr" or "system" (the default: the system's locale).
Our catalogue is ``resources/translations/consult_app_<locale>.qm``, built from the committed
``.ts`` by ``pyside6-lrelease`` (see README, "Adding an interface string"); Qt's own dialogs and
message-box buttons come from ``qtbase_<lang>.qm`` in Qt's translations folder. Both translators
are kept on the returned object, which the caller keeps for the app's lifetime.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

logger = logging.getLogger(__name__)

SUPPORTED = ("en", "fr")


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

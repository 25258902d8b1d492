"""The interface language loader (issue 21): the choice resolves, Qt's own French is installed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from consult_app.ui.i18n import install_translators, resolve_language


def test_choice_resolves_against_the_system_locale() -> None:
    fr = QLocale(QLocale.Language.French, QLocale.Country.Canada)
    en = QLocale(QLocale.Language.English, QLocale.Country.Canada)
    assert resolve_language("system", fr) == "fr"
    assert resolve_language("system", en) == "en"
    assert resolve_language("en", fr) == "en"
    assert resolve_language("fr", en) == "fr"


def test_french_installs_qt_own_translation_and_fr_ca_formats(
    qapp: QApplication, tmp_path: Path
) -> None:
    result = install_translators(qapp, "fr", tmp_path)  # no .qm of ours there: Qt's still loads
    try:
        assert result.language == "fr"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
        assert QLocale().toString(1234.5, "f", 1) == "1\u00a0234,5"
    finally:
        for t in result.installed:
            qapp.removeTranslator(t)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Canada))
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"

"""The interface in French (issue 21): a whole consultation, the dialogs, the geometry, the setting.

With ``CONSULT_SCREENS_FR=docs/screenshots/fr`` set, every screen is also saved as a PNG (the
window as Qt paints it offscreen, 256 colours) at 1366x768 and at 910x512 (1366x768 at 150 %):
    CONSULT_SCREENS_FR=docs/screenshots/fr QT_QPA_PLATFORM=offscreen \
    .venv/bin/python -m pytest tests/gui/test_french.py -p no:faulthandler
"""

# ruff: noqa: F811 - the fixtures are shared with test_steps_part2

import argparse
import os
import re
import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QBuffer, QEvent, QIODevice, QLocale, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QTableView,
    QWidget,
)
from test_consultation_part1 import answer_all, choose_indication, choose_product, click, type_lot
from test_geometry import problems_in
from test_routine_followup import SCAN
from test_settings_dialog import Passwords, Store
from test_settings_dialog import Prompter as SettingsPrompter
from test_steps_part2 import (  # noqa: F401 - fixtures
    _no_modal,
    _visible_mnemonics,
    draw,
    make_window,
    paths,
    prompter,
    protocol,
)
from typing_helpers import type_text

from consult_app.resources import resource_path
from consult_app.storage.db import open_database
from consult_app.storage.settings import SettingsRepository
from consult_app.ui.dialogs.first_run_dialog import FirstRunDialog
from consult_app.ui.dialogs.settings_dialog import SettingsDialog
from consult_app.ui.i18n import (
    SETTING_KEY,
    catalogue_folder,
    french_available,
    install_translators,
    stored_choice,
)

OUT = os.environ.get("CONSULT_SCREENS_FR")
TS = resource_path("translations", "consult_app_fr_CA.ts")
SIZES = [(1366, 768), (910, 512)]
SIZE_IDS = ["1366x768", "1366x768-at-150%"]


def _english_sources() -> set[str]:
    """Every English source text whose French differs (a screen showing one is not French)."""
    out = set()
    for msg in ET.parse(TS).getroot().iter("message"):
        tr = msg.find("translation")
        source = msg.findtext("source") or ""
        texts = [f.text or "" for f in tr.findall("numerusform")] or [tr.text or ""]
        if "%" in source or "{" in source or len(source) < 3:
            continue  # filled in at run time; checked through the filled texts' fixed parts
        if any(t != source for t in texts):
            out.add(_plain(source))
    return out


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>|&nbsp;", " ", text.replace("&&", "\0").replace("&", "")).strip()


ENGLISH = _english_sources()


def english_left(root: QWidget) -> list[str]:
    """Visible texts of ``root`` that are one of our English source strings."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
        if isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            texts += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                for c in range(model.columnCount())
            ]
        texts.append(widget.accessibleName())
        texts.append(widget.toolTip())
        if widget.isWindow():
            texts.append(widget.windowTitle())
    # "English" in the interface-language list is that language's own name, on purpose.
    return sorted({t for t in texts if _plain(t) in ENGLISH and t != "English"})


@pytest.fixture
def french(qapp, tmp_path):
    """The French interface, compiled from the committed .ts, for one test."""
    folder = catalogue_folder(resource_path("translations"), tmp_path / "qm")
    result = install_translators(qapp, "fr", folder)
    assert len(result.installed) == 2, "our catalogue and qtbase_fr"
    yield result
    # Requested first, torn down last: the windows go before the language change would reach
    # them (their databases are closed by then).
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    for translator in result.installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Canada))


def shoot(widget, name, size=None):
    if not OUT:
        return
    for _ in range(5):
        QApplication.processEvents()
    folder = Path(OUT) / (f"{size[0]}x{size[1]}" if size else "dialogs")
    folder.mkdir(parents=True, exist_ok=True)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buffer, "PNG")
    image = Image.open(BytesIO(bytes(buffer.data()))).convert("RGB")
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    image.save(folder / f"{name}.png", optimize=True)


def check_screen(window, name, size, *, geometry=True):
    """The screen is French (no English string of ours shows), nothing is cut; shot if asked."""
    shoot(window, name, size)
    problems = [f"English: {t!r}" for t in english_left(window)]
    if geometry:
        problems += problems_in(window)
    if os.environ.get("CONSULT_SCREENS_FR_REPORT"):
        for problem in problems:
            print(f"{name} {size}: {problem}")  # noqa: T201
        return
    assert problems == [], name


def new_patient(qtbot, window, name="Zoë O'Brien-Łukasiewicz-Montgomery"):
    click(qtbot, window.new_button)
    form = window.form
    type_text(qtbot, form.name_edit, name)
    qtbot.keyClicks(form.birth_edit, "1984-03-09")
    form.sex_combo.setCurrentIndex(form.sex_combo.findData("female"))
    form.language_combo.setCurrentIndex(form.language_combo.findData("fr"))
    click(qtbot, form.save_button)
    assert form.status_label.text() == "Enregistré."


def sign_and_seal(qtbot, view):
    consent = view.consent_step
    for check in consent.confirm_checks.values():
        check.setChecked(True)
    consent.scroll_area.ensureWidgetVisible(consent.patient_box.pad)
    draw(qtbot, consent.patient_box.pad)
    consent.scroll_area.ensureWidgetVisible(consent.clinician_box.pad)
    draw(qtbot, consent.clinician_box.pad, offset=10)
    click(qtbot, consent.seal_button)
    assert consent.is_sealed(), consent.message_label.text() + consent.signature_message.text()


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_a_consultation_in_french(french, qtbot, make_window, protocol, size):
    """Every step of a consultation shows French texts (ours and the protocol's) and fits."""
    window = make_window()
    window.resize(*size)
    qtbot.waitExposed(window)
    check_screen(window, "01-fenetre-principale", size)
    assert window.new_button.text().replace("&", "") == "Nouveau patient"
    click(qtbot, window.new_button)
    check_screen(window, "02-nouveau-patient-vide", size)
    new_patient(qtbot, window)
    check_screen(window, "03-fiche-patient", size)

    click(qtbot, window.patient_page.start_button)
    view = window.consultation_view
    assert "2. Indications et régions" in view.step_list.item(0).text()
    choose_indication(qtbot, view, "glabellar_lines")
    choose_indication(qtbot, view, "chronic_migraine")
    view.indications_step.diagnosis_edit.setPlainText(
        "Migraine chronique, examinée par la Dre A. Tremblay"
    )
    glabellar = protocol.indications["glabellar_lines"].name.get("fr")
    assert view.indications_step.checks["glabellar_lines"].text() == glabellar
    check_screen(window, "04-etape2-indications", size)

    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    check_screen(window, "05-etape3-produit-sans-lot", size)
    type_lot(qtbot, view, SCAN)
    assert "Total" in view.product_step.total_label.text()
    assert " points" in view.product_step.total_label.text()
    check_screen(window, "06-etape3-produit", size)

    click(qtbot, view.next_button)
    assert view.current_index() == 2, view.message_label.text()
    check_screen(window, "07-etape4-depistage-incomplet", size)
    answer_all(qtbot, view, yes={"muscle_relaxants"})
    assert view.screening_step.banner.text().startswith("PRUDENCE")
    check_screen(window, "08-etape4-depistage-prudence", size)
    for box in view.screening_step.reason_boxes.values():
        type_text(qtbot, box.edit, "Dose stable depuis un an; effet additif expliqué.")
    check_screen(window, "09-etape4-depistage-justifie", size)
    assert view.next_button.isEnabled(), view.message_label.text()

    click(qtbot, view.next_button)
    risks = view.risks_step
    titles = [risks.checklist.item(i).text() for i in range(risks.checklist.count())]
    assert "Effets fréquents" in titles
    check_screen(window, "10-etape5-risques", size)
    click(qtbot, risks.tick_all_button)
    type_text(qtbot, risks.questions_edit, "Est-ce que ça fait mal? Un peu, comme un pincement.")
    check_screen(window, "11-etape5-risques-expliques", size)

    click(qtbot, view.next_button)
    assert view.current_index() == 4
    check_screen(window, "12-etape6-consentement", size)
    consent = view.consent_step
    consent.scroll_area.ensureWidgetVisible(consent.patient_box.pad)
    check_screen(window, "13-etape6-signatures", size)
    sign_and_seal(qtbot, view)
    check_screen(window, "14-etape6-consentement-scelle", size)

    click(qtbot, view.next_button)
    check_screen(window, "15-etape7-documents", size)
    view.show_step(1)
    check_screen(window, "16-consultation-scellee-lecture-seule", size)
    click(qtbot, view.patient_button)
    check_screen(window, "17-fiche-patient-historique", size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_a_deferral_in_french(french, qtbot, make_window, size):
    window = make_window()
    window.resize(*size)
    new_patient(qtbot, window, "Maya Singh")
    click(qtbot, window.patient_page.start_button)
    view = window.consultation_view
    choose_indication(qtbot, view, "glabellar_lines")
    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    click(qtbot, view.next_button)
    answer_all(qtbot, view, yes={"pregnant"})
    assert view.screening_step.banner.text().startswith("ARRÊT")
    check_screen(window, "20-etape4-arret", size)
    click(qtbot, view.screening_step.deferral_button)
    assert "Report consigné" in view.screening_step.deferral_label.text()
    check_screen(window, "21-etape4-report-consigne", size)


def test_alt_mnemonics_unique_on_every_step_in_french(french, qtbot, make_window):
    """An Alt+letter shared by two visible controls does nothing: unique in French too."""
    window = make_window()
    new_patient(qtbot, window)
    keys = _visible_mnemonics(window)
    letters = [k for k, _ in keys]
    assert not sorted(k for k in keys if letters.count(k[0]) > 1)
    click(qtbot, window.patient_page.start_button)
    view = window.consultation_view
    choose_indication(qtbot, view, "glabellar_lines")
    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    type_lot(qtbot, view, SCAN)
    click(qtbot, view.next_button)
    answer_all(qtbot, view)
    click(qtbot, view.next_button)
    click(qtbot, view.risks_step.tick_all_button)
    click(qtbot, view.next_button)
    step = view.consent_step
    step.signer_combo.setCurrentIndex(1)  # the substitute's fields shown too
    step.witness_check.setChecked(True)
    for index in range(len(view.steps)):
        view.show_step(index)
        qtbot.wait(10)
        keys = _visible_mnemonics(view)
        letters = [k for k, _ in keys]
        dupes = sorted(k for k in keys if letters.count(k[0]) > 1)
        assert not dupes, (index, dupes)


def test_screening_keys_follow_the_french_labels(french, qtbot, make_window):
    """O (oui) and I (incertain), as the French buttons say, answer like Y and U."""
    window = make_window()
    new_patient(qtbot, window)
    click(qtbot, window.patient_page.start_button)
    view = window.consultation_view
    choose_indication(qtbot, view, "glabellar_lines")
    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    click(qtbot, view.next_button)
    step = view.screening_step
    first, second = list(step.rows)[:2]
    qtbot.keyClick(step.rows[first], Qt.Key.Key_O)
    qtbot.keyClick(step.rows[second], Qt.Key.Key_I)
    assert step.rows[first].buttons["yes"].isChecked()
    assert step.rows[second].buttons["unsure"].isChecked()
    assert step.rows[first].buttons["yes"].toolTip() == "Oui (O)"


def _store(tmp_path):
    conn = open_database(tmp_path / "data" / "consult.sqlite3")
    store = Store(SettingsRepository(conn), tmp_path / "data" / "clinic.toml")
    store.save(
        {
            "clinic.name": "Clinique Neurologie du Lac",
            "clinic.address": "12, rue du Rivage\nGatineau (Québec)  J8X 1A1",
            "clinic.phone": "+1 819 555 0100",
            "clinic.email": "clinique@exemple.ca",
            "clinicians": ["Dre A. Martin", "N. Roy, inf."],
            "smtp.host": "smtp.exemple.ca",
            "smtp.username": "clinique",
            "smtp.sender": "clinique@exemple.ca",
        }
    )
    return conn, store


def test_settings_and_first_run_dialogs_in_french(french, qtbot, tmp_path):
    conn, store = _store(tmp_path)
    interface = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    dialog = SettingsDialog(store, Passwords(), SettingsPrompter(), interface=interface)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Paramètres de la clinique"
    assert english_left(dialog) == []
    assert problems_in(dialog) == []
    shoot(dialog, "parametres-1366x768")
    dialog.resize(910, 512)
    assert problems_in(dialog) == []
    shoot(dialog, "parametres-910x512")

    first = FirstRunDialog(store, interface)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    assert english_left(first) == []
    assert problems_in(first) == []
    shoot(first, "premier-demarrage")
    conn.close()


def test_interface_language_setting_is_saved_and_applied_at_start(qtbot, qapp, tmp_path):
    """Chosen in the settings dialog, kept per computer, installed by the start-up sequence."""
    from consult_app.app import gui
    from consult_app.app.paths import AppPaths

    interface = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    assert stored_choice(interface) == "system"
    conn, store = _store(tmp_path)
    dialog = SettingsDialog(store, Passwords(), SettingsPrompter(), interface=interface)
    qtbot.addWidget(dialog)
    assert dialog.interface_combo.currentData() == "system"
    dialog.interface_combo.setCurrentIndex(dialog.interface_combo.findData("fr"))
    assert dialog.save()
    assert QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat).value(SETTING_KEY) == (
        "fr"
    )

    app_paths = AppPaths(
        data=tmp_path / "d", config=tmp_path / "c", cache=tmp_path / "cache", logs=tmp_path / "l"
    )
    QSettings().setValue(SETTING_KEY, "fr")
    try:
        result = gui._install_language(qapp, argparse.Namespace(ui_lang=None), app_paths)
        try:
            assert result.language == "fr"
            assert QApplication.translate("MainWindow", "New patient") == "Nouveau patient"
            assert QLocale().name() == "fr_CA"
        finally:
            for translator in result.installed:
                qapp.removeTranslator(translator)
        # --ui-lang overrides the setting for one run
        result = gui._install_language(qapp, argparse.Namespace(ui_lang="en"), app_paths)
        assert result.language == "en" and result.installed == []
        assert QApplication.translate("MainWindow", "New patient") == "New patient"
    finally:
        QSettings().remove(SETTING_KEY)
        conn.close()
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Canada))


def test_catalogue_compiles_and_the_smoke_check_finds_it(tmp_path):
    """From a checkout without a built .qm, the catalogue is compiled into the cache folder."""
    folder = catalogue_folder(resource_path("translations"), tmp_path / "qm")
    assert (folder / "consult_app_fr_CA.qm").is_file()
    assert french_available(resource_path("translations"))

"""Steps 5-7 end to end through the widgets, on a real SQLite file, the real service and PDFs."""

import datetime as dt
import io
import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox
from test_consultation_part1 import (
    NOW,
    TODAY,
    answer_all,
    click,
    create_patient,
    db_rows,
    stored_draft,
    to_screening_glabellar,
)
from typing_helpers import type_text

from consult_app.app.consultation_service import ConsultationService
from consult_app.app.paths import AppPaths
from consult_app.app.services import load_protocol_for
from consult_app.core.settings import ClinicProfile, ClinicSettings, SmtpSecurity, SmtpSettings
from consult_app.storage.db import open_database
from consult_app.storage.patients import PatientRepository
from consult_app.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _no_modal(monkeypatch):
    def fail(*args, **kwargs):
        pytest.fail("unexpected modal dialog")

    monkeypatch.setattr(QDialog, "exec", fail)
    monkeypatch.setattr(QMessageBox, "exec", fail)


class Prompter:
    def __init__(self, folder=None, printed_to=None):
        self.asked = []
        self.folder = folder
        self.printed_to = printed_to

    def show_error(self, title, message):
        self.asked.append(("error", message))

    def show_info(self, title, message):
        self.asked.append(("info", message))

    def confirm(self, title, question):
        self.asked.append(("confirm", question))
        return True

    def ask_save_path(self, title, default, filter_text):
        return None

    def ask_open_path(self, title, start, filter_text):
        return None

    def ask_folder(self, title, start):
        self.asked.append(("folder", start))
        return self.folder

    def ask_printer(self, printer):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.printed_to))
        self.asked.append(("printer", printer.pageLayout().pageSize().name()))
        return True

    def ask_password(self, title, label):
        return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd hook)
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.fixture(scope="module")
def protocol():
    return load_protocol_for(None)


@pytest.fixture
def paths(tmp_path):
    return AppPaths(
        data=tmp_path / "data",
        config=tmp_path / "config",
        cache=tmp_path / "cache",
        logs=tmp_path / "logs",
    )


@pytest.fixture
def prompter(tmp_path):
    (tmp_path / "out").mkdir()
    return Prompter(folder=tmp_path / "out", printed_to=tmp_path / "printed.pdf")


@pytest.fixture
def make_window(qtbot, paths, protocol, prompter):
    conns = []

    def make(smtp_port=25):
        paths.data.mkdir(parents=True, exist_ok=True)
        conn = open_database(paths.data / "consult.sqlite3")
        conns.append(conn)
        settings = ClinicSettings(
            clinic=ClinicProfile(name="Lakeside Neurology", phone="+1 416 555 0100"),
            clinicians=("Dr A. Martin", "N. Roy, RN"),
            smtp=SmtpSettings(
                host="127.0.0.1",
                port=smtp_port,
                security=SmtpSecurity.NONE,
                sender="clinic@example.org",
            ),
        )
        service = ConsultationService(conn, protocol, paths, settings, clock=lambda: NOW)
        window = MainWindow(
            PatientRepository(conn),
            prompter,
            today=lambda: TODAY,
            service=service,
            now=lambda: dt.datetime(2026, 11, 21, 14, 3),
        )
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.refresh()
        window.show()
        return window

    yield make
    for conn in conns:
        conn.close()


def draw(qtbot, pad, offset=0):
    points = [(40, 100), (90, 50 + offset), (140, 110), (200, 45), (260, 115), (330, 70)]
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def to_risks(qtbot, window):
    create_patient(qtbot, window)
    view = to_screening_glabellar(qtbot, window)
    answer_all(qtbot, view)
    click(qtbot, view.next_button)
    assert view.current_index() == 3
    return view


def discuss_all_by_keyboard(qtbot, view):
    step = view.steps[3]
    checklist = step.checklist
    checklist.setFocus()
    assert not view.next_button.isEnabled()
    for _ in range(checklist.count() * 2):
        item = checklist.currentItem()
        checkable = item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable
        if checkable and item.checkState() != Qt.CheckState.Checked:
            qtbot.keyClick(checklist.viewport(), Qt.Key.Key_Space)
            assert checklist.currentItem().checkState() == Qt.CheckState.Checked
        if step.is_complete():
            break
        qtbot.keyClick(checklist, Qt.Key.Key_Down)
    assert step.is_complete()
    return step


def to_consent(qtbot, window):
    view = to_risks(qtbot, window)
    risks = discuss_all_by_keyboard(qtbot, view)
    type_text(qtbot, risks.questions_edit, "Will it hurt? — A little, like a pinch.")
    assert view.next_button.isEnabled(), view.message_label.text()
    click(qtbot, view.next_button)
    assert view.current_index() == 4
    step = view.steps[4]
    for check in step.confirm_checks.values():
        check.setFocus()
        qtbot.keyClick(check, Qt.Key.Key_Space)
        assert check.isChecked()
    return view, step


def test_risks_list_this_product_and_regions(qtbot, make_window, paths):
    window = make_window()
    view = to_risks(qtbot, window)
    step = view.steps[3]
    evaluation = view.evaluation
    listed = [
        step.checklist.item(r).data(Qt.ItemDataRole.UserRole + 1)
        for r in range(step.checklist.count())
        if step.checklist.item(r).data(Qt.ItemDataRole.UserRole) == "risk"
    ]
    assert listed == [risk.id for risk in evaluation.sheet.risks]
    assert set(evaluation.required_risks) <= set(listed)
    for row in range(step.checklist.count()):
        assert step.checklist.item(row).sizeHint().height() >= 36
    discuss_all_by_keyboard(qtbot, view)
    _, draft = stored_draft(paths, view.consultation_id)
    assert sorted(draft["case"]["risks_discussed"]) == sorted(listed)


def test_patient_from_step_one_to_sealed_consent_and_documents(
    qtbot, make_window, paths, prompter, tmp_path
):
    window = make_window()
    view, step = to_consent(qtbot, window)
    assert step.clinician_combo.currentText() == "Dr A. Martin"
    draw(qtbot, step.patient_box.pad)
    draw(qtbot, step.clinician_box.pad, offset=10)
    click(qtbot, step.seal_button)
    assert step.is_sealed(), step.message_label.text()
    assert "SHA-256" in step.seal_label.text()
    status, draft = stored_draft(paths, view.consultation_id)
    assert status == "sealed"
    consent = draft["case"]["consent"]
    assert consent["decision"] == "given"
    assert consent["patient_signature"].startswith("png:")
    assert consent["clinician"] == "Dr A. Martin"
    assert draft["extra"]["patient_questions"].startswith("Will it hurt?")
    assert set(draft["extra"]["confirmations"]) == set(step.confirm_checks)
    assert view.next_button.isEnabled()
    click(qtbot, view.next_button)
    assert view.current_index() == 5
    finish = view.steps[5]
    handout, record = finish.document_path("handout"), finish.document_path("record")
    assert handout is not None and record is not None
    assert finish.handout_preview.page_count() == len(PdfReader(handout).pages) >= 1
    record_text = "".join(page.extract_text() for page in PdfReader(record).pages)
    assert "Zoë O'Brien" in record_text
    assert step.seal_result.sha256 in "".join(record_text.split())
    assert "Review" in finish.dates_label.text()

    # print the sheet (system dialog faked), save it, and the audit log says so
    click(qtbot, finish.print_button)
    assert len(PdfReader(prompter.printed_to).pages) == len(PdfReader(handout).pages)
    click(qtbot, finish.save_button)
    saved = list(prompter.folder.glob("*.pdf"))
    assert len(saved) == 1 and saved[0].read_bytes() == handout.read_bytes()
    assert QSettings().value("finish/save_folder") == str(prompter.folder)
    events = [r["event"] for r in db_rows(paths, "SELECT event FROM audit_log ORDER BY seq")]
    assert "document_printed" in events and "document_saved" in events


def test_sealed_consent_cannot_be_edited_and_correction_links(qtbot, make_window, paths):
    window = make_window()
    view, step = to_consent(qtbot, window)
    draw(qtbot, step.patient_box.pad)
    draw(qtbot, step.clinician_box.pad)
    click(qtbot, step.seal_button)
    assert step.is_sealed()
    first = step.seal_result
    assert not step.seal_button.isEnabled() and not step.decline_button.isEnabled()
    assert all(not c.isEnabled() for c in step.confirm_checks.values())
    assert not step.clinician_combo.isEnabled()
    assert step.patient_box.pad.is_read_only()
    assert not step.patient_box.clear_button.isEnabled()
    before = stored_draft(paths, view.consultation_id)
    click(qtbot, step.seal_button)
    assert stored_draft(paths, view.consultation_id) == before
    # a correction is a new consent linked to the old one
    click(qtbot, step.correct_button)
    assert step.seal_button.isEnabled() and step.patient_box.pad.is_empty()
    draw(qtbot, step.patient_box.pad, offset=20)
    draw(qtbot, step.clinician_box.pad)
    click(qtbot, step.seal_button)
    assert step.is_sealed(), step.message_label.text()
    assert step.seal_result.consent_id != first.consent_id
    rows = db_rows(paths, "SELECT id, corrects_consent_id FROM consents ORDER BY id")
    assert [tuple(r) for r in rows][-1] == (step.seal_result.consent_id, first.consent_id)


def test_empty_signature_refused(qtbot, make_window, paths):
    window = make_window()
    view, step = to_consent(qtbot, window)
    click(qtbot, step.seal_button)
    assert "patient's signature is empty" in step.signature_message.text()
    assert not step.is_sealed()
    draw(qtbot, step.patient_box.pad)
    click(qtbot, step.seal_button)
    assert "clinician's signature is empty" in step.signature_message.text()
    status, _ = stored_draft(paths, view.consultation_id)
    assert status == "draft"
    assert db_rows(paths, "SELECT id FROM consents") == []


def test_declined_consent_records_refusal(qtbot, make_window, paths, prompter):
    window = make_window()
    view, step = to_consent(qtbot, window)
    step.clinician_combo.setEditText("")
    click(qtbot, step.decline_button)
    assert "clinician" in step.signature_message.text()
    type_text(qtbot, step.clinician_combo.lineEdit(), "Dr Zoë Côté")
    click(qtbot, step.decline_button)
    assert step.is_sealed(), step.message_label.text()
    assert step.seal_result.handout is None
    assert "refusal is recorded and sealed" in step.seal_label.text()
    assert view.saved_label.text().endswith("Refusal sealed")
    status, draft = stored_draft(paths, view.consultation_id)
    assert status == "declined"
    assert draft["case"]["consent"] == {"decision": "declined", "clinician": "Dr Zoë Côté"}
    click(qtbot, view.next_button)
    finish = view.steps[5]
    assert finish.document_path("handout") is None
    assert finish.document_path("record").exists()
    assert not finish.email_button.isEnabled()
    assert "declined" in finish.dates_label.text()


def test_email_from_finish_step(qtbot, make_window, paths, smtp_server):
    inbox, port = smtp_server
    window = make_window(smtp_port=port)
    view, step = to_consent(qtbot, window)
    draw(qtbot, step.patient_box.pad)
    draw(qtbot, step.clinician_box.pad)
    click(qtbot, step.seal_button)
    click(qtbot, view.next_button)
    finish = view.steps[5]
    click(qtbot, finish.email_button)
    dialog = finish.email_dialog
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.recipient_edit, "zoe@example.org")
    dialog.protect_check.setChecked(True)
    with qtbot.waitSignal(dialog.sent, timeout=10000):
        click(qtbot, dialog.send_button)
    message = message_from_bytes(inbox.messages[0][1], policy=policy.default)
    (part,) = list(message.iter_attachments())
    reader = PdfReader(io.BytesIO(part.get_payload(decode=True)))
    assert reader.decrypt("19840309") != 0
    events = [r["event"] for r in db_rows(paths, "SELECT event FROM audit_log")]
    assert "document_emailed" in events
    dialog.close()


def test_moving_to_finish_after_sealing_is_not_a_failed_save(qtbot, make_window, paths):
    window = make_window()
    view, step = to_consent(qtbot, window)
    draw(qtbot, step.patient_box.pad)
    draw(qtbot, step.clinician_box.pad, offset=10)
    click(qtbot, step.seal_button)
    assert step.is_sealed(), step.message_label.text()
    assert "NOT SAVED" not in view.saved_label.text()
    assert "Sealed" in view.saved_label.text()
    assert view.next_button.isEnabled()
    assert view.step_list.item(4).text().startswith("\u2713")
    click(qtbot, view.next_button)
    assert view.current_index() == 5
    assert "NOT SAVED" not in view.saved_label.text()
    assert "Sealed" in view.saved_label.text()
    finish = view.steps[5]
    assert finish.document_path("handout") is not None
    assert finish.document_path("record") is not None
    assert view.step_list.item(5).text().startswith("\u2713")
    # back and forth between steps: still no failed save
    click(qtbot, view.back_button)
    click(qtbot, view.back_button)
    assert "NOT SAVED" not in view.saved_label.text()
    status, _ = stored_draft(paths, view.consultation_id)
    assert status == "sealed"


def _visible_mnemonics(root):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    keys = []
    for widget in root.findChildren(QAbstractButton) + root.findChildren(QLabel):
        text = widget.text().replace("&&", "")
        if "&" not in text or not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        keys.append((text[text.index("&") + 1].lower(), text))
    return keys


def test_alt_mnemonics_unique_on_every_step(qtbot, make_window):
    """An Alt+letter shared by two visible controls does nothing: each step has unique ones."""
    window = make_window()
    view, step = to_consent(qtbot, window)
    step.signer_combo.setCurrentIndex(1)  # substitute fields shown too
    step.witness_check.setChecked(True)
    for index in range(len(view.steps)):
        view.show_step(index)
        qtbot.wait(10)
        keys = _visible_mnemonics(view)
        letters = [k for k, _ in keys]
        dupes = sorted(k for k in keys if letters.count(k[0]) > 1)
        assert not dupes, (index, dupes)

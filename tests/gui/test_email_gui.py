"""The email dialog against a real SMTP server on loopback (aiosmtpd)."""

import datetime as dt
import io
import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from pypdf import PdfReader
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QMessageBox
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from consult_app.core.settings import ClinicProfile, ClinicSettings, SmtpSecurity, SmtpSettings
from consult_app.ui.dialogs.email_dialog import EmailDialog

DOB = dt.date(1984, 3, 9)


@pytest.fixture(autouse=True)
def _no_modal(monkeypatch):
    def fail(*args, **kwargs):
        pytest.fail("unexpected modal dialog")

    monkeypatch.setattr(QDialog, "exec", fail)
    monkeypatch.setattr(QMessageBox, "exec", fail)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd hook)
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.startswith("nobody@"):
            return "550 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.fixture
def auth_server():
    inbox = Inbox()

    def authenticator(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=auth_data.password == b"right", handled=False)

    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=authenticator,
        auth_require_tls=False,
    )
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.fixture
def sheet(tmp_path):
    path = tmp_path / "handout.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.drawString(72, 700, "Information sheet")
    c.showPage()
    c.save()
    return path


class Passwords:
    def __init__(self, stored=None):
        self.stored = dict(stored or {})

    def get(self, username):
        return self.stored.get(username)

    def set(self, username, password):
        self.stored[username] = password
        return False


class Prompter:
    def __init__(self, password=None):
        self.password = password
        self.asked = []

    def ask_password(self, title, label):
        self.asked.append(label)
        return self.password


def settings_for(port, username="", protect=False):
    return ClinicSettings(
        email_protect_attachment=protect,
        clinic=ClinicProfile(name="Lakeside Neurology", phone="+1 416 555 0100"),
        smtp=SmtpSettings(
            host="127.0.0.1",
            port=port,
            security=SmtpSecurity.NONE,
            username=username,
            sender="clinic@example.org",
        ),
    )


def make_dialog(qtbot, tmp_path, sheet, settings, *, passwords=None, prompter=None, lang="en"):
    dialog = EmailDialog(
        pdf_path=sheet,
        settings=settings,
        passwords=passwords or Passwords(),
        prompter=prompter or Prompter(),
        drafts_dir=tmp_path / "drafts",
        recipient="jane@example.org",
        birth_date=DOB,
        language=lang,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def parse(content):
    return message_from_bytes(content, policy=policy.default)


def attachment_of(message):
    parts = [p for p in message.iter_attachments()]
    assert len(parts) == 1
    assert parts[0].get_content_type() == "application/pdf"
    return parts[0].get_payload(decode=True)


def test_sends_sheet_to_prefilled_recipient(qtbot, tmp_path, sheet, smtp_server):
    inbox, port = smtp_server
    dialog = make_dialog(qtbot, tmp_path, sheet, settings_for(port))
    assert dialog.recipient_edit.text() == "jane@example.org"
    with qtbot.waitSignal(dialog.sent, timeout=10000) as blocker:
        dialog.send_button.click()
        assert dialog.progress.isVisible()
    assert blocker.args == [False]
    assert not dialog.progress.isVisible()
    assert "sent" in dialog.message_label.text()
    assert len(inbox.messages) == 1
    rcpts, content = inbox.messages[0]
    assert rcpts == ["jane@example.org"]
    message = parse(content)
    assert message["Subject"] == "Your information sheet from Lakeside Neurology"
    assert "Lakeside Neurology" in message["From"]
    assert attachment_of(message) == sheet.read_bytes()


def test_edited_recipient_and_french_text(qtbot, tmp_path, sheet, smtp_server):
    inbox, port = smtp_server
    dialog = make_dialog(qtbot, tmp_path, sheet, settings_for(port), lang="fr")
    dialog.recipient_edit.clear()
    qtbot.keyClicks(dialog.recipient_edit, "other@example.org")
    with qtbot.waitSignal(dialog.sent, timeout=10000):
        dialog.send_button.click()
    rcpts, content = inbox.messages[0]
    assert rcpts == ["other@example.org"]
    message = parse(content)
    assert message["Subject"] == "Votre feuille d'information de Lakeside Neurology"
    assert "Bonjour" in message.get_body(("plain",)).get_content()


@pytest.mark.parametrize("protect", [True, False])
def test_protection_default_follows_the_clinic_setting(qtbot, tmp_path, sheet, protect):
    dialog = make_dialog(qtbot, tmp_path, sheet, settings_for(25, protect=protect))
    assert dialog.protect_check.isChecked() is protect
    assert ("YYYYMMDD" in dialog.texts().body) is protect


def test_encrypted_attachment_opens_with_birth_date_only(qtbot, tmp_path, sheet, smtp_server):
    inbox, port = smtp_server
    dialog = make_dialog(qtbot, tmp_path, sheet, settings_for(port))
    dialog.protect_check.setChecked(True)
    with qtbot.waitSignal(dialog.sent, timeout=10000) as blocker:
        dialog.send_button.click()
    assert blocker.args == [True]
    message = parse(inbox.messages[0][1])
    assert "YYYYMMDD" in message.get_body(("plain",)).get_content()
    reader = PdfReader(io.BytesIO(attachment_of(message)))
    assert reader.is_encrypted
    assert reader.decrypt("wrong") == 0
    reader = PdfReader(io.BytesIO(attachment_of(message)))
    assert reader.decrypt("19840309") != 0
    assert "Information sheet" in reader.pages[0].extract_text()


def test_unreachable_server_shown_inline(qtbot, tmp_path, sheet):
    dialog = make_dialog(qtbot, tmp_path, sheet, settings_for(free_port()))
    with qtbot.waitSignal(dialog.failed, timeout=10000) as blocker:
        dialog.send_button.click()
    assert blocker.args == ["unreachable"]
    assert "could not be reached" in dialog.message_label.text()
    assert dialog.send_button.isEnabled()


def test_refused_login_shown_inline(qtbot, tmp_path, sheet, auth_server):
    inbox, port = auth_server
    passwords = Passwords({"clinic": "wrong"})
    dialog = make_dialog(qtbot, tmp_path, sheet, settings_for(port, "clinic"), passwords=passwords)
    with qtbot.waitSignal(dialog.failed, timeout=10000) as blocker:
        dialog.send_button.click()
    assert blocker.args == ["auth"]
    assert "user name or password" in dialog.message_label.text()
    assert inbox.messages == []


def test_password_asked_once_then_login_accepted(qtbot, tmp_path, sheet, auth_server):
    inbox, port = auth_server
    passwords = Passwords()
    prompter = Prompter(password="right")
    dialog = make_dialog(
        qtbot, tmp_path, sheet, settings_for(port, "clinic"), passwords=passwords, prompter=prompter
    )
    with qtbot.waitSignal(dialog.sent, timeout=10000):
        dialog.send_button.click()
    assert len(prompter.asked) == 1
    assert passwords.stored == {"clinic": "right"}
    assert len(inbox.messages) == 1


def test_refused_recipient_shown_inline(qtbot, tmp_path, sheet, smtp_server):
    inbox, port = smtp_server
    dialog = make_dialog(qtbot, tmp_path, sheet, settings_for(port))
    dialog.recipient_edit.setText("nobody@example.org")
    with qtbot.waitSignal(dialog.failed, timeout=10000) as blocker:
        dialog.send_button.click()
    assert blocker.args == ["recipient_refused"]
    assert "recipient" in dialog.message_label.text()


def test_draft_written_and_opened(qtbot, tmp_path, sheet, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = make_dialog(qtbot, tmp_path, sheet, settings_for(25))
    with qtbot.waitSignal(dialog.draft_created) as blocker:
        dialog.draft_button.click()
    path = blocker.args[0]
    assert opened and opened[0].toLocalFile() == str(path)
    message = parse(path.read_bytes())
    assert message["X-Unsent"] == "1"
    assert attachment_of(message) == sheet.read_bytes()
